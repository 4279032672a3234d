"""The Spark job on local[2] against the CLI: the same duplicate groups on a small corpus
(ECB+ plus planted copies and edits); JSONL and Parquet input; bad rows skipped."""

import json
import os
import random

import pytest

pyspark = pytest.importorskip("pyspark")

from corroborate import spark as cspark  # noqa: E402
from conftest import DATA  # noqa: E402
from test_api import cli_dedup  # noqa: E402


def groups_of(lines):
    """Duplicate groups (original and its duplicates) from dedup lines."""
    g = {}
    for d in lines:
        g.setdefault(d["duplicate_of"], {d["duplicate_of"]}).add(d["id"])
    return {frozenset(v) for v in g.values()}


def recall_precision(got, want):
    if not want and not got:
        return 1.0, 1.0
    hit = len(got & want)
    return hit / max(len(want), 1), hit / max(len(got), 1)


@pytest.fixture(scope="module")
def session():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", __import__("sys").executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("corroborate-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def corpus(n):
    """The first n ECB+ records plus planted exact copies, edited copies (a few words changed in
    one passage) and chains; in a fixed order."""
    rng = random.Random(7)
    with open(DATA / "ecbplus" / "articles.jsonl", encoding="utf-8") as f:
        base = [json.loads(l) for l in f if l.strip()][:n]
    out = list(base)
    for i, r in enumerate(rng.sample(base, max(4, n // 8))):
        words = r["text"].split()
        if len(words) < 60:
            continue
        if i % 3 == 0:
            out.append({"id": f"copy-{i}", "text": r["text"]})
        else:
            at = rng.randrange(0, len(words) - 5)
            edited = words[:at] + ["quite", "different", "words", "here"] + words[at + 4 :]
            out.append({"id": f"edit-{i}", "text": " ".join(edited)})
            out.append({"id": f"edit2-{i}", "text": " ".join(edited[:-2])})
    return out


def test_spark_dedup_equals_cli_groups(session, cli, tmp_path):
    records = corpus(300)
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    want = cli_dedup(cli, path)
    assert len(want) >= 20
    out = tmp_path / "out"
    df = cspark.dedup(session, [str(path)], str(out), components=True)
    got = [r.asDict() for r in df.collect()]
    r, p = recall_precision(groups_of(got), groups_of(want))
    assert r >= 0.995 and p >= 0.995, (r, p)
    # Same lines, kinds and scores where the groups agree.
    assert sorted((d["id"], d["duplicate_of"], d["kind"]) for d in got) == sorted(
        (d["id"], d["duplicate_of"], d["kind"]) for d in want
    )
    written = []
    for f in sorted((out / "duplicates").glob("part-*.json")):
        written += [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
    assert len(written) == len(got)
    comps = []
    for f in sorted((out / "components").glob("part-*.json")):
        comps += [json.loads(l) for l in f.read_text().splitlines() if l.strip()]
    assert {frozenset(c["members"]) for c in comps} == groups_of(want)


def test_spark_dedup_reads_parquet_and_skips_bad_rows(session, tmp_path):
    records = corpus(40)
    rows = [(r["id"], r["text"]) for r in records] + [("blank", "   "), ("none", None)]
    df = session.createDataFrame(rows, "doc string, body string")
    p = tmp_path / "in.parquet"
    df.write.parquet(str(p))
    got = cspark.dedup(session, [str(p)], None, id_column="doc", text_column="body")
    lines = [r.asDict() for r in got.collect()]
    from corroborate import dedup

    want = list(dedup(records))
    assert sorted((d["id"], d["duplicate_of"]) for d in lines) == sorted((d["id"], d["duplicate_of"]) for d in want)
    with pytest.raises(ValueError):
        cspark.dedup(session, [str(p)], None, text_column="missing")


def test_connected_components_large_star_small_star(session):
    # A path, a star and a lone edge: three components rooted at their smallest node.
    edges = [(5, 4), (4, 3), (3, 2), (2, 1), (10, 12), (10, 11), (13, 12), (20, 21)]
    df = session.createDataFrame(edges, "a long, b long")
    got = {r["node"]: r["root"] for r in cspark.connected_components(df).collect()}
    assert got == {1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 10: 10, 11: 10, 12: 10, 13: 10, 20: 20, 21: 20}


def test_spark_extract(session, tmp_path):
    pages = sorted((DATA / "article-extraction" / "html").glob("*.html.gz"))[:6]
    out = tmp_path / "x"
    df = cspark.extract(session, [str(p) for p in pages], str(out))
    rows = [r.asDict() for r in df.collect()]
    assert len(rows) == 6
    assert sum(1 for r in rows if r["text"]) >= 4
