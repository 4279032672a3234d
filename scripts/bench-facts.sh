#!/usr/bin/env bash
# Facts benchmark: extraction and comparison for 10,000 articles (ecbplus + newswcl50 texts
# repeated into stories of at most 10 by their gold story), without the model.
# Usage: scripts/bench-facts.sh [ARTICLES] [THREADS]   (THREADS 0 = all cores)
# BENCH_PROFILE=dev uses the dev profile (the library and dependencies at opt-level 3, overflow
# checks on), which reuses a test build instead of a release build of everything.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
articles=${1:-10000}
threads=${2:-0}
profile=${BENCH_PROFILE:-release}
cargo build --profile "$profile" -p corroborate --example bench_facts >&2
dir=$profile; [ "$profile" = dev ] && dir=debug
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
"${CARGO_TARGET_DIR:-$here/target}/$dir/examples/bench_facts" "$articles" "$threads"
