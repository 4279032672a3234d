#!/usr/bin/env bash
# Story clustering: quality beside the scikit-learn baseline on the shared corpora, and speed and
# state per article at scale. Run from anywhere; needs ../shared beside the workspace and
# python3 with scikit-learn (pip install scikit-learn).
#
# With the model installed (scripts/install-model.sh), it also scores corroborate with the model,
# runs the MiniLM document-vector baseline, and times clustering with the model on MODEL_ARTICLES
# synthetic articles (the model is slow on 2 cores: about 10 articles/s per core).
#
# usage: scripts/bench-stories.sh [ARTICLES] [MODEL_ARTICLES]   (defaults 100000 and 2000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
shared="$root/../shared"
n="${1:-100000}"
n_model="${2:-2000}"
cd "$root"
python3 -c 'import sklearn, scipy' 2>/dev/null || pip install -q scikit-learn scipy
cargo build --release -q -p corroborate-cli
cargo build --release -q -p corroborate --example bench_stories --example doc_vectors
target="${CARGO_TARGET_DIR:-$root/target}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

model=""
model_dir="${CORROBORATE_MODEL:-${XDG_DATA_HOME:-$HOME/.local/share}/corroborate/models/all-MiniLM-L6-v2}"
[ -f "$model_dir/model.safetensors" ] && model=yes

echo "== B-cubed F1, corroborate (default configuration) beside the baselines"
for set in ecbplus newswcl50; do
  for mode in no-model ${model:+model}; do
    flag=""; [ "$mode" = no-model ] && flag="--no-model"
    start=$(date +%s%N)
    "$target/release/corroborate" analyze -q $flag "$shared/data/$set/articles.jsonl" --json "$tmp/$set.json"
    secs=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { print (b - a) / 1e9 }')
    f1=$(python3 "$shared/eval/score_stories.py" --gold "$shared/data/$set/gold.jsonl" \
           --pred "$tmp/$set.json" | sed -n 's/^B3 P [0-9.]* R [0-9.]* F1 \([0-9.]*\).*/\1/p')
    printf '%s\tcorroborate (default configuration, %s)\tB3 F1 %.3f\t(whole analysis %.1f s)\n' "$set" "$mode" "$f1" "$secs"
  done
  [ -n "$model" ] && "$target/release/examples/doc_vectors" "$shared/data/$set/articles.jsonl" "$tmp/$set.jsonl"
done
python3 "$root/scripts/baseline_stories.py" "$shared/data/ecbplus" "$shared/data/newswcl50" ${model:+--vectors "$tmp"}

echo "== speed and state: $n synthetic articles (features + clustering, no model)"
"$target/release/examples/bench_stories" "$n"
if [ -n "$model" ]; then
  echo "== with the model: $n_model synthetic articles (features + lead embeddings + clustering)"
  "$target/release/examples/bench_stories" "$n_model" 10 --model
fi
