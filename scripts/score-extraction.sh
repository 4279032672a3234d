#!/usr/bin/env bash
# Scores `corroborate extract` on ../shared/data/article-extraction (181 real pages) with the
# benchmark's published metric. Usage: scripts/score-extraction.sh [path/to/corroborate]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
bin=${1:-$here/target/release/corroborate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" extract --quiet "$shared/data/article-extraction/html" > "$tmp/extract.jsonl"
python3 - "$tmp/extract.jsonl" "$tmp/pred.json" <<'PY'
import json, sys
pred = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    pred[d["id"]] = {"articleBody": d["text"]}
json.dump(pred, open(sys.argv[2], "w"))
PY
python3 "$shared/eval/score_extraction.py" --gold "$shared/data/article-extraction/ground-truth.json" --pred "$tmp/pred.json"
