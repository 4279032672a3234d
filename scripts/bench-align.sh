#!/usr/bin/env bash
# Times sentence alignment of a pair of 40-sentence articles (embeddings cached per article),
# the embedding of one article, and the rewrite pass over the seeds; then the same alignment
# (cosine matrix + greedy one-to-one matching over the same vectors) in Python with
# scikit-learn's cosine_similarity and numpy, side by side.
#
# Usage: scripts/bench-align.sh [RUNS]      (the model must be installed: scripts/install-model.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# BENCH_PROFILE=dev reuses the dev build (dependencies are optimised there too) and optimises
# corroborate itself: on 2 cores a release build of candle takes an hour.
if [[ ${BENCH_PROFILE:-release} == dev ]]; then
  cargo build --quiet -p corroborate --example bench_align \
    --config 'profile.dev.package.corroborate.opt-level=3'
  bin="$CARGO_TARGET_DIR/debug/examples/bench_align"
else
  cargo build --release --quiet -p corroborate --example bench_align
  bin="$CARGO_TARGET_DIR/release/examples/bench_align"
fi
echo "== corroborate (Rust, candle CPU)"
BENCH_VECTORS_OUT="$tmp/vectors.json" "$bin" \
  "$here/../shared/seeds" "$runs"

venv=${BENCH_VENV:-$tmp/venv}
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet numpy scikit-learn
fi
echo "== scikit-learn cosine_similarity + numpy greedy matching, same vectors"
"$venv/bin/python" - "$tmp/vectors.json" "$runs" <<'PY'
import json, sys, time
import numpy as np
from sklearn.metrics.pairwise import cosine_similarity

d = json.load(open(sys.argv[1]))
runs = int(sys.argv[2])
a, b, thr = np.array(d["a"], dtype=np.float32), np.array(d["b"], dtype=np.float32), d["threshold"]

def align(a, b):
    m = cosine_similarity(a, b)
    ii, jj = np.nonzero(m >= thr)
    order = np.lexsort((jj, ii, -m[ii, jj]))
    used_a, used_b, pairs = set(), set(), []
    for k in order:
        i, j = ii[k], jj[k]
        if i not in used_a and j not in used_b:
            used_a.add(i); used_b.add(j); pairs.append((i, j))
    return pairs

align(a, b)
times = []
for _ in range(runs):
    t = time.perf_counter(); align(a, b); times.append(time.perf_counter() - t)
times.sort()
print(f"alignment of the pair, semantic: {times[len(times)//2]*1e3:.3f} ms (median of {runs}; "
      f"{len(align(a, b))} pairs)")
PY
