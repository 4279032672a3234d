#!/usr/bin/env bash
# The web page end to end in a real headless Chromium: serves a fresh store on a free loopback
# port, loads the seeds and a real multi-report ECB+ story (from ../shared) through the API,
# and a NewsWCL50 event, runs tests/e2e/story.mjs (the list, the story pages, the side-by-side views and the
# `analyze --html` reports; axe-core; screenshots at 1280 and 375 px into target/e2e-screens/),
# and stops the server. Needs Debian's chromium (/usr/bin/chromium)
# and node; installs tests/e2e's pinned packages when missing.
#
#   bash scripts/e2e.sh [BINARY]
#
# BINARY is a built `corroborate` (CI passes the debug binary scripts/test.sh built, so nothing
# is compiled again); without it, `cargo build -p corroborate-cli` builds one.
# E2E_FULL=1 adds the checks that need story clustering, families and facts.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v chromium >/dev/null || { echo "e2e: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d tests/e2e/node_modules/playwright-core ] && [ -d tests/e2e/node_modules/axe-core ] \
  || (cd tests/e2e && npm ci --no-audit --no-fund --silent)

if [ $# -ge 1 ]; then
  BIN=$(realpath "$1")
  [ -x "$BIN" ] || { echo "e2e: $1 is not an executable corroborate binary" >&2; exit 2; }
else
  cargo build -q -p corroborate-cli
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/corroborate"
fi
SCREENS="${CARGO_TARGET_DIR:-$ROOT/target}/e2e-screens"
mkdir -p "$SCREENS"

TMP=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
CORROBORATE_TOKEN=$TOKEN "$BIN" serve --db "$TMP/e2e.db" --addr "127.0.0.1:$PORT" 2>"$TMP/server.log" &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 1; }
  sleep 0.1
done

# The `analyze --html` report of the seeds, checked in the browser too.
"$BIN" analyze --no-model -q "$ROOT/examples/seeds" --html "$TMP/report.html"

# A real multi-report story, read at test time from ../shared (never copied into the repo):
# the ECB+ topic with the most articles (the first such topic in the file on a tie), whose two
# largest stories the page and their `analyze --html` reports are checked on.
SHARED=${SHARED:-$ROOT/../shared}
ECB="$SHARED/data/ecbplus/articles.jsonl"
[ -f "$ECB" ] || { echo "e2e: $ECB missing: ../shared must sit beside the repository" >&2; exit 1; }
python3 - "$ECB" "$TMP/real.jsonl" <<'PY'
import json, sys
recs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
topic = lambda r: r["id"].split("_")[0]
counts = {}
for r in recs:
    counts[topic(r)] = counts.get(topic(r), 0) + 1
best = max(counts, key=lambda t: counts[t])  # max keeps the first of equals (dicts keep order)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.writelines(json.dumps(r) + "\n" for r in recs if topic(r) == best)
PY

# And a NewsWCL50 event (five outlets across the political spectrum): the one whose
# `analyze --json` story has the most conflicts (the first such story on a tie).
WCL="$SHARED/data/newswcl50/articles.jsonl"
[ -f "$WCL" ] || { echo "e2e: $WCL missing" >&2; exit 1; }
"$BIN" analyze --no-model -q "$WCL" --json "$TMP/wcl-report.json"
python3 - "$WCL" "$TMP/wcl-report.json" "$TMP/wcl.jsonl" <<'PY'
import json, sys
recs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
stories = json.load(open(sys.argv[2], encoding="utf-8"))["stories"]
conflicts = lambda s: sum(f["status"] == "conflict" for f in s["facts"])
best = max(stories, key=conflicts)  # max keeps the first of equals
members = set(best["articles"])
with open(sys.argv[3], "w", encoding="utf-8") as out:
    out.writelines(json.dumps(r) + "\n" for r in recs if r["id"] in members)
PY

BASE="http://127.0.0.1:$PORT" TOKEN=$TOKEN SEEDS="$ROOT/examples/seeds" REPORT="$TMP/report.html" \
  REAL="$TMP/real.jsonl" WCL="$TMP/wcl.jsonl" BIN="$BIN" SCREENS="$SCREENS" node tests/e2e/story.mjs
