#!/usr/bin/env bash
# Store and service load benchmark, on loopback only:
#  1. reads: 200 concurrent connections for 30 s (wrk) over the story list, story pages and
#     articles of a store holding 1,000 real articles (ecbplus + newswcl50); errors must be zero;
#  2. writes: 10,000 distinct articles POSTed with 200 concurrent clients (examples/load_post);
#     every one must be stored exactly once (checked in the store afterwards).
#  3. stories: how long after the last post every article is placed in a story.
# Usage: scripts/bench_store.sh [release|debug]   (default release)
# BIN=... LOAD=... use prebuilt binaries instead (e.g. to compare two versions).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROFILE=${1:-release}
FLAG=$([ "$PROFILE" = release ] && echo --release || echo)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ -z "${BIN:-}" ] || [ -z "${LOAD:-}" ]; then
  cargo build -q $FLAG -p corroborate-cli -p corroborate-server --bins --example load_post
fi
BIN=${BIN:-$TARGET/$PROFILE/corroborate}
LOAD=${LOAD:-$TARGET/$PROFILE/examples/load_post}
SHARED=$ROOT/../shared/data

TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$TMP"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
serve() { # db port
  CORROBORATE_TOKEN=$TOKEN "$BIN" serve --db "$1" --addr "127.0.0.1:$2" 2>>"$TMP/server.log" &
  PID=$!
  for _ in $(seq 1 200); do curl -fsS "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0; sleep 0.05; done
  cat "$TMP/server.log" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; profile: $PROFILE; $BIN"
loadavg() { echo "== load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
loadavg

# ---- reads ----------------------------------------------------------------------------------
python3 -c "import sys; lines = [l for f in sys.argv[1:] for l in open(f) if l.strip()]; sys.stdout.write(''.join(lines[:1000]))" "$SHARED/ecbplus/articles.jsonl" "$SHARED/newswcl50/articles.jsonl" > "$TMP/thousand.jsonl"
START=$(date +%s.%N); "$BIN" add --quiet --db "$TMP/read.db" "$TMP/thousand.jsonl" >/dev/null; echo "add 1000 articles: $(python3 -c "import time; print(round(time.time() - $START, 2))") s"
PORT=$(free_port)
serve "$TMP/read.db" "$PORT"
# The paths the clients rotate through: list pages, queries, 200 stories and 200 articles.
python3 - "$PORT" > "$TMP/paths.txt" <<'PY'
import json, sys, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
page = json.load(urllib.request.urlopen(base + "/api/v1/stories?limit=200"))
paths = ["/api/v1/stories", "/api/v1/stories?limit=20&offset=40", "/api/v1/stories?q=police",
         "/api/v1/stories?since=2010-01-01", "/healthz"]
for s in page["stories"]:
    paths.append("/api/v1/stories/" + s["id"])
    d = json.load(urllib.request.urlopen(base + "/api/v1/stories/" + s["id"]))
    paths.append("/api/v1/articles/" + d["articles"][0])
print("\n".join(paths))
PY
cat > "$TMP/rotate.lua" <<LUA
local paths = {}
for line in io.lines("$TMP/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
LUA
echo "== reads: 200 connections, 30 s, $(wc -l < "$TMP/paths.txt") paths"
wrk -t2 -c200 -d30s --timeout 10s --latency -s "$TMP/rotate.lua" "http://127.0.0.1:$PORT" | tee "$TMP/wrk.txt"
loadavg
stop

# ---- writes ---------------------------------------------------------------------------------
PORT=$(free_port)
serve "$TMP/write.db" "$PORT"
echo "== writes: 10,000 distinct articles, 200 concurrent clients"
"$LOAD" --addr "127.0.0.1:$PORT" --token "$TOKEN" --n 10000 --concurrency 200 --texts "$SHARED/ecbplus/articles.jsonl" | tee "$TMP/post.json"
loadavg
# Wait until every stored article is in a story (at most 30 minutes), then stop and count.
python3 - "$TMP/write.db" <<'PY'
import sqlite3, sys, time
start = time.time()
while True:
    db = sqlite3.connect(sys.argv[1], timeout=30)
    n = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    placed = db.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
    db.close()
    if placed >= n or time.time() - start > 1800:
        break
    time.sleep(0.5)
print(f"STORIES caught up {time.time() - start:.1f} s after the last post: {placed} of {n} articles in stories")
PY
echo "== the same 10,000 again (all must be duplicates)"
"$LOAD" --addr "127.0.0.1:$PORT" --token "$TOKEN" --n 10000 --concurrency 200 --texts "$SHARED/ecbplus/articles.jsonl"
loadavg
stop
python3 - "$TMP/write.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n, distinct = db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles WHERE id LIKE 'load-%'").fetchone()
renamed = db.execute("SELECT COUNT(*) FROM articles WHERE id LIKE 'load-%-%'").fetchone()[0]
members = db.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0]
print(f"STORED articles={n} distinct={distinct} renamed={renamed} in_stories={members}")
assert n == 10000 and distinct == 10000 and renamed == 0 and members == 10000, "not stored exactly once"
PY
