#!/usr/bin/env python3
"""Soak test of `corroborate serve`: a steady stream of real articles for a while, one
`kill -9` and restart in the middle, then the checks.

    python3 scripts/soak.py target/release/corroborate [--minutes 10] [--rate 4] [--distinct K]

Builds nothing; standard library only. Starts the server on a free loopback port with a fresh
store, posts articles from ../shared/data (ECB+ and NewsWCL50 JSONL records as JSON, the
article-extraction pages as text/html), cycling, each made unique (its own id and a last
paragraph naming the copy), one per request at `--rate` per second. Halfway it kills the server
with SIGKILL and starts it again on the same store and port. It samples the server's RSS
(/proc/PID/status) and /healthz every few seconds.

Checks, printed at the end (exit status 1 when one fails):
  - nothing acknowledged is lost: every id the server acknowledged (201/200 after its commit)
    is in the store after the restart, and at the end;
  - every article is placed in a story by the end (GET /api/v1/articles/{id} names its story);
  - the oldest-pending age (/healthz `oldest_pending_seconds`) is back under 10 s within 60 s
    of the restart;
  - RSS is flat after warm-up: the last minute's median within 25% of the second minute's
    (the first minute is warm-up: caches, the index, SQLite's page cache).
With `--distinct K` only the first K articles of the cycle are posted, over and over (each copy
still its own id): the store keeps growing in articles but not in distinct stories, so RSS that
still grows with it is held per stored article (or leaked), not data of new events. With
`--same-ids` each article is reposted as the same copy, so after one cycle every post is a
duplicate and the store does not grow at all: RSS growth then is a leak.
It also prints, minute by minute, the median RSS, the articles posted and the largest
oldest-pending age seen (how far placement lags).
"""

import argparse
import gzip
import http.client
import json
import math
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def load_articles():
    """Real articles: (kind, record) with kind "json" (a JSONL record) or "html" (page text)."""
    out = []
    for name in ("ecbplus/articles.jsonl", "newswcl50/articles.jsonl"):
        with open(SHARED / name, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    out.append(("json", json.loads(line)))
    pages = sorted((SHARED / "article-extraction" / "html").glob("*.html.gz"))
    for p in pages:
        with gzip.open(p, "rb") as f:
            out.append(("html", {"id": p.name.split(".")[0][:16], "html": f.read()}))
    # Interleave the corpora (ECB+, NewsWCL50 and pages in turn), deterministically.
    out.sort(key=lambda kr: hash_of(kr[1].get("id", "")))
    return out


def hash_of(s):
    h = 0
    for c in s.encode():
        h = (h * 131 + c) % (1 << 61)
    return h


class Server:
    def __init__(self, binary, db, port, token, log, wrapper=(), env=()):
        self.binary, self.db, self.port, self.token, self.log = binary, db, port, token, log
        self.wrapper, self.env = list(wrapper), dict(env)
        self.proc = None
        self.pid = None  # the server's own process (under a wrapper, its descendant)

    def start(self):
        env = dict(os.environ, CORROBORATE_TOKEN=self.token, **self.env)
        self.proc = subprocess.Popen(
            self.wrapper + [self.binary, "serve", "--db", str(self.db), "--addr", f"127.0.0.1:{self.port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self.pid = self.proc.pid
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"soak: the server exited with {self.proc.returncode}")
            try:
                status, _ = request(self.port, "GET", "/healthz", timeout=2)
                if status in (200, 503):
                    if self.wrapper:
                        self.pid = server_descendant(self.proc.pid, self.binary) or self.proc.pid
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit("soak: the server did not answer within 60 s")

    def kill9(self):
        os.kill(self.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_mb(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None


def server_descendant(pid, binary):
    """The process under `pid` (a wrapper such as heaptrack) that runs `binary`."""
    todo, name = [pid], os.path.basename(binary)
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/cmdline", "rb") as f:
                argv0 = f.read().split(b"\0")[0].decode(errors="replace")
            if p != pid and os.path.basename(argv0) == name:
                return p
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return None


def request(port, method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def make_unique(kind, rec, n):
    """The record as copy `n`: its own id, and a last paragraph that names the copy."""
    base = rec.get("id", "page")
    aid = f"soak-{n:06d}-{base}"
    note = f"Soak copy {n} of {base}."
    if kind == "json":
        r = dict(rec)
        r["id"] = aid
        if "text" in r:
            r["text"] = r["text"] + "\n" + note
        elif "html" in r:
            r["html"] = r["html"] + f"<p>{note}</p>"
        return aid, json.dumps(r).encode(), "application/json", ""
    html = rec["html"]
    pos = html.rfind(b"</body>")
    extra = f"<p>{note}</p>".encode()
    html = html[:pos] + extra + html[pos:] if pos >= 0 else html + extra
    return aid, html, "text/html", f"?id={aid}&url=https://soak.example/{aid}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--rate", type=float, default=4.0, help="articles per second")
    ap.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples")
    ap.add_argument("--keep", action="store_true", help="keep the store and the log")
    ap.add_argument(
        "--distinct",
        type=int,
        default=0,
        help="post only the first K articles of the cycle, over and over (0: all)",
    )
    ap.add_argument(
        "--wrapper",
        default="",
        help="run the server under this command, e.g. 'heaptrack -o /tmp/soak-heap' (RSS and the kill go to the server itself)",
    )
    ap.add_argument(
        "--same-ids",
        action="store_true",
        help="repost each article of the cycle as the same copy (same id and text): after one cycle "
        "every post is a duplicate and the store stops growing",
    )
    ap.add_argument(
        "--malloc-probe",
        action="store_true",
        help="at the end, with gdb: glibc's malloc_stats() into the server log, then malloc_trim(0), "
        "and the RSS before and after (what of RSS is free memory the allocator kept)",
    )
    ap.add_argument("--no-kill", action="store_true", help="no kill -9 in the middle (for profiling)")
    ap.add_argument("--env", action="append", default=[], help="KEY=VALUE for the server's environment")
    args = ap.parse_args()

    articles = load_articles()
    if args.distinct > 0:
        articles = articles[: args.distinct]
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    log = open(tmp / "server.log", "wb")
    port = free_port()
    token = secrets.token_hex(16)
    env = dict(kv.split("=", 1) for kv in args.env)
    server = Server(args.binary, tmp / "soak.db", port, token, log, args.wrapper.split(), env)
    server.start()
    auth = {"Authorization": f"Bearer {token}"}

    duration = args.minutes * 60
    t0 = time.monotonic()
    kill_at = math.inf if args.no_kill else duration / 2
    acked = []  # ids the server acknowledged
    rejected = {}  # status -> count (4xx: the article was refused, e.g. a page with no text)
    errors = []  # transport errors and 5xx (expected only around the kill)
    samples = []  # (t, rss_mb, oldest_pending, pending_metric)
    lock = threading.Lock()
    restart = {"at": None, "under10": None, "max_after": 0.0}
    stop = threading.Event()

    def sampler():
        while not stop.is_set():
            t = time.monotonic() - t0
            rss = server.rss_mb()
            oldest = None
            try:
                st, body = request(port, "GET", "/healthz", timeout=5)
                oldest = json.loads(body).get("oldest_pending_seconds")
            except (OSError, ValueError):
                pass
            with lock:
                samples.append((t, rss, oldest))
                r = restart["at"]
                if r is not None and oldest is not None and t > r:
                    restart["max_after"] = max(restart["max_after"], oldest)
            stop.wait(args.sample)

    def restart_watch():
        # After the restart: poll every second until the oldest-pending age is under 10 s.
        while not stop.is_set():
            with lock:
                r = restart["at"]
            if r is not None:
                try:
                    st, body = request(port, "GET", "/healthz", timeout=5)
                    oldest = json.loads(body).get("oldest_pending_seconds")
                    t = time.monotonic() - t0
                    if oldest is not None and oldest < 10 and t - r >= 2:
                        with lock:
                            restart["under10"] = t - r
                        return
                except (OSError, ValueError):
                    pass
            stop.wait(1.0)

    threading.Thread(target=sampler, daemon=True).start()
    threading.Thread(target=restart_watch, daemon=True).start()

    n = 0
    killed = False
    while True:
        now = time.monotonic() - t0
        if now >= duration:
            break
        if not killed and now >= kill_at:
            print(f"[{now:6.1f}s] kill -9 after {len(acked)} acknowledged articles", flush=True)
            server.kill9()
            server.start()
            killed = True
            with lock:
                restart["at"] = time.monotonic() - t0
            # Everything acknowledged before the kill must be there.
            lost = [a for a in acked if request(port, "GET", f"/api/v1/articles/{a}")[0] != 200]
            print(f"[{time.monotonic() - t0:6.1f}s] restarted; acknowledged but lost: {len(lost)}", flush=True)
            if lost:
                errors.append(f"lost at restart: {lost[:5]}")
        kind, rec = articles[n % len(articles)]
        aid, body, ctype, query = make_unique(kind, rec, n % len(articles) if args.same_ids else n)
        n += 1
        try:
            st, resp = request(port, "POST", "/api/v1/articles" + query, body, {**auth, "Content-Type": ctype})
            if st in (200, 201):
                got = json.loads(resp)["articles"]
                acked.extend(a["id"] for a in got)
            elif st >= 500:
                errors.append(f"{aid}: {st} {resp[:200]!r}")
            else:
                rejected[st] = rejected.get(st, 0) + 1
        except OSError as e:
            errors.append(f"{aid}: {e}")
        # Steady rate: the next post at its slot (no catch-up burst after a slow answer).
        nxt = t0 + n / args.rate
        delay = nxt - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if n % int(max(1, args.rate * 60)) == 0:
            print(f"[{time.monotonic() - t0:6.1f}s] posted {n}, acknowledged {len(acked)}, rss {server.rss_mb():.0f} MB", flush=True)

    posting_end = time.monotonic() - t0
    # Wait (up to 2 minutes) for placement to finish.
    deadline = time.monotonic() + 120
    pending = None
    while time.monotonic() < deadline:
        st, body = request(port, "GET", "/healthz")
        oldest = json.loads(body).get("oldest_pending_seconds", 0)
        st, metrics = request(port, "GET", "/metrics")
        pending = next(
            (int(float(l.split()[-1])) for l in metrics.decode().splitlines() if l.startswith("corroborate_articles_pending ")),
            None,
        )
        if pending == 0 and oldest == 0:
            break
        time.sleep(1)
    settle = time.monotonic() - t0 - posting_end
    stop.set()

    lost, unplaced = [], []
    for a in acked:
        st, body = request(port, "GET", f"/api/v1/articles/{a}")
        if st != 200:
            lost.append(a)
        elif not json.loads(body).get("story"):
            unplaced.append(a)
    st, body = request(port, "GET", "/api/v1/stories?limit=1")
    stories = json.loads(body).get("total")
    probe = None
    if args.malloc_probe:
        before = server.rss_mb()
        # SQLite's own count of the heap it holds (page caches, schemas, statements) first,
        # then glibc's statistics and a trim. With another allocator preloaded (--env
        # LD_PRELOAD=...) malloc_stats and malloc_trim are glibc's and see nothing of it.
        out = subprocess.run(
            [
                "gdb", "-p", str(server.pid), "-batch",
                "-ex", "print (long long) sqlite3_memory_used()",
                "-ex", "call (void) malloc_stats()",
                "-ex", "call (int) malloc_trim(0)",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            check=False,
        ).stdout.decode(errors="replace")
        sqlite = next((l.split("=")[-1].strip() for l in out.splitlines() if l.startswith("$1")), None)
        probe = (before, server.rss_mb(), sqlite)
    server.stop()
    log.close()

    def median_rss(lo, hi):
        xs = [r for t, r, _ in samples if lo <= t < hi and r is not None]
        return statistics.median(xs) if xs else None

    first = median_rss(0, 60)
    warm = median_rss(60, 120)
    last = median_rss(duration - 60, duration)
    before_kill = median_rss(kill_at - 60, kill_at) if not args.no_kill else None
    peak = max((r for _, r, _ in samples if r is not None), default=None)

    print()
    print("minute  RSS(median)  posted-by-then  max oldest-pending")
    for m in range(int(math.ceil(duration / 60))):
        rs = [r for t, r, _ in samples if m * 60 <= t < (m + 1) * 60 and r is not None]
        os_ = [o for t, _, o in samples if m * 60 <= t < (m + 1) * 60 and o is not None]
        print(
            f"{m + 1:6d}  {statistics.median(rs) if rs else float('nan'):8.0f} MB"
            f"  {min(n, int((m + 1) * 60 * args.rate)):14d}  {max(os_, default=0):10.1f} s"
        )
    cycle = f"{len(articles)} distinct articles" if args.distinct > 0 else f"all {len(articles)} articles"
    print(f"soak: {args.minutes:g} min at {args.rate:g} articles/s ({cycle}), kill -9 at {kill_at:.0f} s; store {tmp}")
    print(f"posted {n}, acknowledged {len(acked)}, refused {sum(rejected.values())} {rejected}, errors {len(errors)}")
    for e in errors[:10]:
        print("  error:", e)
    print(f"stories at the end: {stories}; placement settled {settle:.1f} s after the last post")
    print(f"acknowledged but missing at the end: {len(lost)}")
    print(f"acknowledged but not in a story at the end: {len(unplaced)} {unplaced[:5]}")
    print(f"oldest pending after the restart: under 10 s after {restart['under10']} s (max seen {restart['max_after']:.1f} s)")
    fmt = lambda x: "n/a" if x is None else f"{x:.0f} MB"
    print(f"RSS median: first minute {fmt(first)}, second minute {fmt(warm)}, minute before the kill {fmt(before_kill)}, last minute {fmt(last)}; peak {fmt(peak)}")

    if not args.no_kill:
        # Each process on its own: its first full minute after warm-up against its last.
        k = int(kill_at // 60)
        p1 = (median_rss(60, 120), median_rss(kill_at - 60, kill_at))
        restart_at = restart["at"] or kill_at
        p2_start = math.ceil(restart_at / 60) * 60
        p2 = (median_rss(p2_start, p2_start + 60), last)
        print(
            f"per process: first (minutes 2 to {k}) {fmt(p1[0])} -> {fmt(p1[1])}; "
            f"restarted (minutes {int(p2_start // 60) + 1} to {int(math.ceil(duration / 60))}) {fmt(p2[0])} -> {fmt(p2[1])}"
        )
    if probe:
        sq = "n/a" if probe[2] is None else f"{int(probe[2]) / 2**20:.1f} MB"
        print(
            f"at the end: SQLite's heap {sq}; malloc_trim(0): RSS {fmt(probe[0])} -> {fmt(probe[1])} "
            f"(malloc_stats() in {tmp / 'server.log'})"
        )
    ok = True
    if lost or any(e.startswith("lost") for e in errors):
        print("FAIL: acknowledged articles were lost"); ok = False
    if unplaced:
        print("FAIL: articles not placed in a story"); ok = False
    if not args.no_kill and (restart["under10"] is None or restart["under10"] > 60):
        print("FAIL: the oldest-pending age was not under 10 s within 60 s of the restart"); ok = False
    if warm and last and last > warm * 1.25:
        print("FAIL: RSS grew after warm-up"); ok = False
    server_errors = [e for e in errors if not e.startswith("lost")]
    if server_errors:
        print(f"NOTE: {len(server_errors)} requests failed (transport errors or 5xx)")
    print("soak:", "ok" if ok else "FAILED")
    if not args.keep:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
