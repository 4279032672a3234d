#!/usr/bin/env bash
# Story clustering: quality beside the scikit-learn baseline on the shared corpora, and speed and
# state per article at scale. Run from anywhere; needs ../shared beside the workspace and
# python3 with scikit-learn (pip install scikit-learn).
#
# usage: scripts/bench-stories.sh [ARTICLES]   (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
n="${1:-100000}"
cd "$root"
cargo build --release -q -p corroborate-cli
cargo build --release -q -p corroborate --example bench_stories
target="${CARGO_TARGET_DIR:-$root/target}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== B-cubed F1, corroborate (default configuration) beside the baselines"
for set in ecbplus newswcl50; do
  "$target/release/corroborate" analyze -q --no-model "$shared/data/$set/articles.jsonl" --json "$tmp/$set.json"
  f1=$(python3 "$shared/eval/score_stories.py" --gold "$shared/data/$set/gold.jsonl" \
         --pred "$tmp/$set.json" | sed -n 's/^B3 P [0-9.]* R [0-9.]* F1 \([0-9.]*\).*/\1/p')
  printf '%s\tcorroborate (default configuration)\tB3 F1 %.3f\n' "$set" "$f1"
done
python3 "$root/scripts/baseline_stories.py" "$shared/data/ecbplus" "$shared/data/newswcl50"

echo "== speed and state: $n synthetic articles (features + clustering, no model)"
"$target/release/examples/bench_stories" "$n"
