#!/usr/bin/env bash
# The Python package and the Spark job side by side (BENCHMARKS.md, "Python package and Spark"):
# on the dedup bench corpus (scripts/bench-dedup.sh's generator; the first N articles of the
# 100k corpus), the CLI, the Python API's dedup, rensa, the corroborate Spark job and
# text-dedup's MinHash Spark job on the same local[2], then each tool's pairs scored by
# dedup_bench eval (right when the exact 5-gram Jaccard >= 0.7; recall of planted pairs).
#
#   nice bash scripts/bench-python.sh [N=10000] [MASTER=local[2]]
#
# SKIP_SPARK=1 runs the API and rensa only (no Spark session; see python/bench/side_by_side.py).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
MASTER=${2:-local[2]}
OUT=${BENCH_DIR:-/tmp/python-bench}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
mkdir -p "$OUT"
python3 -c 'import text_dedup, xxhash, scipy, rensa' 2>/dev/null || {
  python3 -m pip install -q --no-deps "text-dedup==0.4.0"
  # text_dedup imports rich at the top (a dependency --no-deps leaves out).
  python3 -m pip install -q "xxhash==3.5.0" "scipy==1.14.1" "rensa==0.5.0" "rich==13.9.4"
}
cargo build -q -p corroborate-cli -p corroborate --example gen_dedup_corpus --example dedup_bench
BIN=$CARGO_TARGET_DIR/debug
[ -s "$OUT/c100000.jsonl" ] || "$BIN/examples/gen_dedup_corpus" 100000 "$OUT/c100000.jsonl" "$OUT/t100000.jsonl"
head -n "$N" "$OUT/c100000.jsonl" > "$OUT/c$N.jsonl"
cat "$OUT/c$N.jsonl" > /dev/null
/usr/bin/time -f "cli: %e s wall, %U+%S s cpu" "$BIN/corroborate" dedup "$OUT/c$N.jsonl" -q > "$OUT/cli.jsonl"
PYSPARK_PYTHON=$(command -v python3) python3 python/bench/side_by_side.py "$OUT/c$N.jsonl" "$OUT/cli.jsonl" "$OUT/r$N" "$MASTER"
for f in "$OUT/cli.jsonl" "$OUT/r$N"/*.jsonl; do
  echo -n "$(basename "$f" .jsonl): "
  "$BIN/examples/dedup_bench" eval "$OUT/c$N.jsonl" "$OUT/t100000.jsonl" "$f" 0.7
done
