#!/usr/bin/env bash
# Facts benchmark: extraction and comparison for 10,000 articles (ecbplus + newswcl50 texts
# repeated into stories of at most 10 by their gold story), without the model.
# Usage: scripts/bench-facts.sh [ARTICLES] [THREADS]   (THREADS 0 = all cores)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
articles=${1:-10000}
threads=${2:-0}
cargo build --release -p corroborate --example bench_facts >&2
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
"${CARGO_TARGET_DIR:-$here/target}/release/examples/bench_facts" "$articles" "$threads"
