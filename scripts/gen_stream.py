#!/usr/bin/env python3
"""A realistic news stream for benchmarks, made from the sentences of ../shared/data.

usage: gen_stream.py N [--out FILE] [--gold FILE] [--seed S] [--bytes B]

Writes N articles as JSONL (`id`, `title`, `source`, `published`, `text`), about B bytes of
text each (default 5,000), in time order, and with --gold one {"id", "story"} line per article.
Standard library only; the same arguments give the same bytes.

The stream: many events, each with a start day spread over one year (2024) and a size drawn from
a heavy-tailed law (a Pareto of shape 1.1, at most 2,000): most events are a single report (the
long tail), a few are bursts of hundreds of articles, most of them within the first days of the
event. An event's text comes from two real articles (ECB+, NewsWCL50, the article-extraction
pages' gold text): its pool is their sentences; each report of it takes most of the pool in a
new order, a few sentences of other articles (noise), and a random outlet. Real sentences,
real vocabulary, and actors that recur across events, as in a feed.
"""
import argparse
import json
import random
import re
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
OUTLETS = [f"outlet-{k:03}" for k in range(400)]
DAY = 86400
YEAR_START = 1704067200  # 2024-01-01T00:00:00Z


def split_sentences(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("http"):
            continue
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", line):
            s = s.strip()
            if 30 <= len(s) <= 600:
                out.append(s)
    return out


def sources():
    """Each real article's sentences (at least five)."""
    docs = []
    for name in ("ecbplus/articles.jsonl", "newswcl50/articles.jsonl"):
        with open(SHARED / name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    docs.append(split_sentences(json.loads(line)["text"]))
    truth = json.loads((SHARED / "article-extraction" / "ground-truth.json").read_text())
    for key in sorted(truth):
        docs.append(split_sentences(truth[key].get("articleBody") or ""))
    return [d for d in docs if len(d) >= 5]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("--out", default="-")
    ap.add_argument("--gold")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bytes", type=int, default=5000)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = sources()
    every = [s for d in docs for s in d]
    # Events until N articles: (start time, size, pool).
    events = []
    total = 0
    while total < args.n:
        size = min(int(rng.paretovariate(1.1)), 2000, args.n - total)
        a, b = rng.sample(range(len(docs)), 2)
        pool = docs[a] + docs[b][: max(3, len(docs[b]) // 3)]
        start = YEAR_START + rng.randrange(365 * DAY)
        events.append((start, size, pool))
        total += size
    records = []
    for e, (start, size, pool) in enumerate(events):
        for k in range(size):
            # A burst: most reports within a day or two, a tail over weeks.
            t = start + int(rng.expovariate(1 / (1.5 * DAY))) if k else start
            sents = rng.sample(pool, max(1, int(len(pool) * rng.uniform(0.6, 0.9))))
            text, n = [], 0
            while n < args.bytes:
                s = sents.pop() if sents else rng.choice(every)
                text.append(s)
                n += len(s) + 1
            for _ in range(2):
                text.insert(rng.randrange(len(text) + 1), rng.choice(every))
            records.append((t, f"e{e}-{k}", e, text))
    records.sort(key=lambda r: (r[0], r[1]))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    gold = open(args.gold, "w", encoding="utf-8") if args.gold else None
    for t, aid, e, text in records:
        day = t // DAY
        published = f"{_date(day)}T{(t % DAY) // 3600:02}:{(t % 3600) // 60:02}:00Z"
        rec = {
            "id": aid,
            "title": text[0][:120],
            "source": rng.choice(OUTLETS),
            "published": published,
            "text": "\n".join(text[1:]),
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        if gold:
            gold.write(json.dumps({"id": aid, "story": f"e{e}"}) + "\n")
    if out is not sys.stdout:
        out.close()
    print(f"{len(records)} articles, {len(events)} events, "
          f"{sum(1 for e in events if e[1] == 1)} single reports, "
          f"largest {max(e[1] for e in events)}", file=sys.stderr)


def _date(day):
    import datetime
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=day)).isoformat()


if __name__ == "__main__":
    main()
