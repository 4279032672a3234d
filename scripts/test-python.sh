#!/usr/bin/env bash
# The Python package's tests: installs what they need (pinned), builds the package with maturin
# (`pip install ./python`, sharing the workspace's target directory so the library's dependencies
# are reused), then runs pytest on python/tests: the API against the CLI on ../shared's corpora,
# and the Spark job on local[2] (a Java runtime is installed with apt when missing).
#
#   bash scripts/test-python.sh [pytest args...]
#
# CORROBORATE_BIN names the CLI binary the tests compare with (default: target/debug/corroborate,
# built here when missing). Called by scripts/test.sh (the README's test command) and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}

# Pinned: the versions the tests and BENCHMARKS.md were measured with.
PIP_PINS=("maturin==1.9.4" "pyspark==3.5.3" "pyarrow==17.0.0" "numpy==2.1.3" "pandas==2.2.3" "pytest==9.2.0")
missing=()
for pin in "${PIP_PINS[@]}"; do
  name=${pin%%==*}; want=${pin#*==}
  have=$(python3 -c "import importlib.metadata as m; print(m.version('$name'))" 2>/dev/null || true)
  [ "$have" = "$want" ] || missing+=("$pin")
done
[ ${#missing[@]} -eq 0 ] || python3 -m pip install -q "${missing[@]}"
command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; }

[ -x "${CORROBORATE_BIN:-$CARGO_TARGET_DIR/debug/corroborate}" ] || cargo build -q -p corroborate-cli
export CORROBORATE_BIN=${CORROBORATE_BIN:-$CARGO_TARGET_DIR/debug/corroborate}

# The dev profile (dependencies and the library at opt-level 3, as the workspace's): the tests
# then reuse what `cargo test --workspace` compiled instead of a second, release build of every
# dependency (minutes on 2 cores). `pip install ./python` outside the tests builds release.
MATURIN_PEP517_ARGS=${MATURIN_PEP517_ARGS:---profile dev} \
  python3 -m pip install -q --no-build-isolation ./python
# From the repository root, so that the installed package (with its extension) is imported,
# not the source folder python/corroborate.
PYSPARK_PYTHON=$(command -v python3) python3 -m pytest -q -p no:cacheprovider python/tests "$@"
