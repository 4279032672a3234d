#!/usr/bin/env python3
"""datasketch MinHashLSH over the same corpus, shingles and LSH parameters as `corroborate dedup`.

usage: bench_datasketch.py CORPUS.jsonl LIMIT NUM_PERM BANDS ROWS OUT_PAIRS.jsonl

Shingles: word 5-grams of the NFKC, lowercased text, words being runs of letters and digits
(corroborate's definition), joined by a space and UTF-8 encoded; datasketch hashes them with its
default (SHA-1, 32 bits). Same keep-first semantics as corroborate: each article queries the index
of the articles kept before it; a hit makes it a duplicate of the earliest hit, else it is
inserted. Candidates are not verified (MinHashLSH as documented). Timed end to end: read, parse,
shingle, signature (update_batch, the fast path), LSH. Prints one JSON line of timings.
"""
import json, re, sys, time, unicodedata

from datasketch import MinHash, MinHashLSH

WORD = re.compile(r"[^\W_]+")


def shingles(text, k=5):
    words = WORD.findall(unicodedata.normalize("NFKC", text).lower())
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def main():
    corpus, limit, num_perm, bands, rows, out = sys.argv[1:7]
    limit, num_perm, bands, rows = int(limit), int(num_perm), int(bands), int(rows)
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=num_perm, params=(bands, rows))
    ids = []
    pairs = []
    n = 0
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if n >= limit:
                break
            n += 1
            rec = json.loads(line)
            sh = shingles(rec.get("text", ""))
            if not sh:
                continue
            m = MinHash(num_perm=num_perm)
            m.update_batch(list(sh))
            hits = lsh.query(m)
            if hits:
                pairs.append((rec["id"], ids[min(hits)]))
            else:
                lsh.insert(len(ids), m)
                ids.append(rec["id"])
    secs = time.perf_counter() - start
    with open(out, "w") as f:
        for a, b in pairs:
            f.write(json.dumps({"id": a, "duplicate_of": b}) + "\n")
    print(json.dumps({"tool": "datasketch", "articles": n, "seconds": round(secs, 3),
                      "articles_per_s": round(n / secs, 1), "reported": len(pairs)}))


if __name__ == "__main__":
    main()
