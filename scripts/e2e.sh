#!/usr/bin/env bash
# The web page end to end in a real headless Chromium: builds `corroborate`, serves a fresh
# store on a free loopback port, loads the seeds through the API, runs tests/e2e/story.mjs, and
# stops the server. Needs Debian's chromium (/usr/bin/chromium) and node; installs
# playwright-core into tests/e2e/node_modules when missing.
# E2E_FULL=1 adds the checks that need story clustering, families and facts.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v chromium >/dev/null || { echo "e2e: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm install --no-audit --no-fund --silent)

cargo build -q -p corroborate-cli
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/corroborate"

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

BASE="http://127.0.0.1:$PORT" TOKEN=$TOKEN SEEDS="$ROOT/examples/seeds" \
  node tests/e2e/story.mjs
