"""Shared paths: the corpora in ../shared (beside the repository) and the CLI binary."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"


def cli_binary():
    """The `corroborate` binary: $CORROBORATE_BIN, else the workspace's debug or release build."""
    env = os.environ.get("CORROBORATE_BIN")
    if env:
        return env
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("debug", "release"):
        p = target / profile / "corroborate"
        if p.exists():
            return str(p)
    return shutil.which("corroborate")


@pytest.fixture(scope="session")
def cli():
    b = cli_binary()
    if b is None:
        pytest.fail("no corroborate binary: build it (cargo build -p corroborate-cli) or set CORROBORATE_BIN")
    return b


@pytest.fixture(scope="session")
def ecb_records():
    path = DATA / "ecbplus" / "articles.jsonl"
    import json

    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]
