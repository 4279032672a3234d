"""The Python API against the CLI on the corpora in ../shared, and on bad input."""

import gzip
import json
import subprocess

import numpy as np
import pytest

import corroborate
from conftest import DATA


def run_cli(cli, *args, stdin=None):
    r = subprocess.run([cli, *args], input=stdin, capture_output=True, check=False)
    return r


def cli_dedup(cli, path, *extra):
    r = run_cli(cli, "dedup", str(path), "-q", *extra)
    assert r.returncode == 0, r.stderr.decode()
    return [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]


def test_dedup_equals_cli_on_ecbplus(cli, ecb_records, tmp_path):
    # ECB+ has real duplicates (the same article under two ids); add planted ones too, so that
    # near-duplicates are found and verified, and a repeated id is renamed as the CLI renames it.
    records = list(ecb_records)
    first = records[0]
    words = first["text"].split()
    records.append({"id": "edited", "text": " ".join(words[:-3] + ["and", "that", "was", "all"])})
    records.append({"id": first["id"], "text": first["text"]})
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    want = cli_dedup(cli, path)
    got = corroborate.dedup(records)
    assert list(got) == want
    kinds = {d["kind"] for d in got}
    assert "exact" in kinds and "near_duplicate" in kinds
    assert any(d["id"] == first["id"] + "-2" for d in got)
    assert got.stats["articles"] == len(records)
    assert got.skipped == []
    # Same lines given as JSON strings.
    assert list(corroborate.dedup([json.dumps(r) for r in records])) == want


def test_dedup_threshold_and_kinds_follow_the_cli(cli, ecb_records, tmp_path):
    path = tmp_path / "ecb.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ecb_records), encoding="utf-8")
    for threshold, kinds in [(0.3, "near"), (0.9, "exact,near"), (0.7, "exact")]:
        want = cli_dedup(cli, path, "--threshold", str(threshold), "--kinds", kinds)
        got = corroborate.dedup(ecb_records, threshold=threshold, kinds=kinds.split(","))
        assert list(got) == want, (threshold, kinds)


def test_bad_records_give_the_cli_skip_reasons(cli, tmp_path):
    good = {"id": "g", "text": "A sentence of plain words that is long enough to be kept as an article."}
    records = [
        good,
        {"id": "no-text", "title": "only a title"},
        {"id": "blank", "text": "   "},
        "not json at all",
        [1, 2, 3],
        {"id": "set", "text": {1, 2}},
        {"id": "g2", "text": good["text"]},
    ]
    got = corroborate.dedup(records)
    assert list(got) == [{"id": "g2", "duplicate_of": "g", "kind": "exact", "score": 1.0}]
    reasons = {s["line"]: s["kind"] for s in got.skipped}
    assert reasons == {2: "no_text", 3: "whitespace_only", 4: "malformed_json", 5: "malformed_json", 6: "malformed_json"}
    # The same reasons as the CLI gives for the same lines (it prints them on standard error).
    lines = [json.dumps(r) if not isinstance(r, str) else r for r in records[:5]] + [records[6]]
    lines = [l if isinstance(l, str) else json.dumps(l) for l in lines]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli(cli, "dedup", str(path))
    err = r.stderr.decode()
    for s in got.skipped:
        if s["line"] <= 5:
            assert f":{s['line']}: {s['reason']}" in err, (s, err)


def test_bad_arguments_raise():
    with pytest.raises(ValueError):
        corroborate.dedup([], threshold=0)
    with pytest.raises(ValueError):
        corroborate.dedup([], kinds=["fuzzy"])
    with pytest.raises(TypeError):
        corroborate.dedup({"id": "a", "text": "one record, not a list"})
    with pytest.raises(ValueError):
        corroborate.analyze([], story_neighbors=0)
    with pytest.raises(ValueError):
        corroborate.analyze([], colour=1)
    with pytest.raises(ValueError):
        corroborate.band_keys(np.zeros((2, 10), dtype=np.uint32))
    with pytest.raises(ValueError):
        corroborate.band_keys(np.zeros(128, dtype=np.uint32))


def test_streaming_dedup_matches_the_batch(ecb_records):
    batch = corroborate.dedup(ecb_records)
    d = corroborate.Dedup()
    streamed = [x for r in ecb_records if (x := d.add(r["id"], r["text"], r.get("title"))) is not None]
    assert streamed == list(batch)
    assert d.stats["articles"] == len(ecb_records)
    assert d.add("empty", "  \n ") is None
    assert d.skipped[-1]["kind"] == "whitespace_only"
    # Without texts the MinHash estimate decides (standard error about 0.04): the clear-cut
    # duplicates are still found, and scores are estimates, not the exact Jaccard.
    e = corroborate.Dedup(keep_text=False)
    est = [x for r in ecb_records if (x := e.add(r["id"], r["text"], r.get("title"))) is not None]
    found = {x["id"] for x in est}
    assert {x["id"] for x in batch if x["score"] >= 0.85} <= found
    assert e.stats["verified_by_estimate"] > 0 and e.stats["verified_exactly"] == 0


def test_signatures_and_band_keys_find_the_duplicates(ecb_records):
    texts = [r["text"] for r in ecb_records]
    sig = corroborate.signatures(texts)
    assert sig.shape == (len(texts), 128) and sig.dtype == np.uint32
    keys = corroborate.band_keys(sig)
    assert keys.shape == (len(texts), 28) and keys.dtype == np.uint32
    # Every exact or near duplicate the CLI's rule finds shares a band key with its original.
    index = {r["id"]: i for i, r in enumerate(ecb_records)}
    dups = [d for d in corroborate.dedup(ecb_records) if d["kind"] == "near_duplicate"]
    for d in corroborate.dedup(ecb_records):
        a, b = index[d["id"]], index[d["duplicate_of"]]
        assert (keys[a] == keys[b]).any(), d
        assert (sig[a] == sig[b]).mean() >= 0.5
    # Different texts almost never share a band.
    shared = sum(bool((keys[0] == keys[i]).any()) for i in range(1, len(texts)))
    assert shared < 5
    # Deterministic; cleaning off changes nothing for a plain text.
    assert (corroborate.signatures(texts[:3]) == sig[:3]).all()
    short = corroborate.signatures(["two words", ""])
    assert (short == 0xFFFFFFFF).all()


def test_extract_equals_cli_records(cli, tmp_path):
    pages = sorted((DATA / "article-extraction" / "html").glob("*.html.gz"))[:25]
    assert len(pages) == 25
    compared = 0
    for p in pages:
        raw = gzip.decompress(p.read_bytes())
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        r = run_cli(cli, "extract", str(p), "-q")
        want = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
        got = corroborate.extract(html, id=want[0]["id"] if want else "page")
        if not want:
            assert "skipped" in got
            continue
        assert got == want[0], p.name
        compared += 1
    assert compared >= 15
    batch = corroborate.extract_many([gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages[:4]])
    assert len(batch) == 4 and all("text" in b or "skipped" in b for b in batch)


def test_extract_bad_pages():
    assert corroborate.extract("")["kind"] in ("no_main_text", "whitespace_only")
    assert "skipped" in corroborate.extract("<html><body><nav>Home</nav></body></html>")
    with pytest.raises(TypeError):
        corroborate.extract(b"<html></html>")


def test_analyze_equals_cli_report(cli, tmp_path):
    seeds = sorted((DATA.parent / "seeds").glob("*.txt"))
    records = [{"id": s.stem, "text": s.read_text(encoding="utf-8")} for s in seeds]
    records.append({"id": "bad"})
    path = tmp_path / "seeds.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    r = run_cli(cli, "analyze", str(path), "--no-model", "--json", "-", "-q")
    assert r.returncode == 0, r.stderr.decode()
    want = json.loads(r.stdout)
    got = corroborate.analyze(records)
    assert got["stories"] == want["stories"]
    # The same articles; their path is "records" (the records came from no file).
    strip = lambda arts: [{k: v for k, v in a.items() if k != "path"} for a in arts]
    assert strip(got["articles"]) == strip(want["articles"])
    assert {a["path"] for a in got["articles"]} == {"records"}
    assert len(got["stories"]) >= 1
    assert json.dumps(got, sort_keys=True).count('"no_text"') >= 1 or "skipped" in json.dumps(got)


def odd_records():
    """Dicts whose fields the JSONL reader reads in every way it can: numeric, padded, float,
    bool and missing ids; an HTML body; fields of other types; values JSON cannot hold; keys that
    are not str; subclasses; deep nesting; big ints. Many are copies of one text, so that their
    ids (and renamings) show in the duplicates."""
    from collections import OrderedDict

    t = (
        "The council voted on Tuesday to close the old bridge for repairs that are expected to "
        "last until the spring, officials said, and traffic will be sent through the town centre."
    )
    near = t.replace("Tuesday", "Monday").replace("centre.", "centre instead.")
    html = f"<html><head><title>Bridge</title></head><body><article><p>{t}</p></article></body></html>"
    deep = [0]
    for _ in range(300):
        deep = [deep]
    return [
        {"id": 7, "text": t, "title": "Bridge closes"},
        {"id": "  7 ", "text": t},
        {"id": True, "text": t},
        {"id": None, "text": near, "source": "Daily", "url": "https://example.org/a", "published": "2024-03-05"},
        {"id": 1.5, "text": t},
        {"id": -3, "text": t, "title": 5, "language": "en", "tags": ["a", ("b", None)], "n": 2**63},
        {"id": 2**64 - 1, "text": t, "meta": {"k": [1, {"x": False}]}},
        {"id": 2**70, "text": t},
        {"id": "html", "text": None, "html": html, "url": "https://example.org/b"},
        {"id": "html-blank-text", "text": "  ", "html": html},
        {"id": "text-not-str", "text": 3},
        {"id": "blank", "text": " \n ", "html": "\t"},
        {"id": "no-body", "title": "only a title"},
        {"id": "nan", "text": t, "score": float("nan")},
        {"id": "float-field", "text": t, "score": 0.1},
        {"id": "set", "text": t, "tags": {1, 2}},
        {1: "int key", "id": "int-key", "text": t},
        {(1, 2): "tuple key", "id": "tuple-key", "text": t},
        OrderedDict([("id", "ordered"), ("text", t)]),
        {"id": "deep", "text": t, "deep": deep},
        {"id": "nul", "text": t + " \x00 with a NUL and \u2028 a separator"},
        {"id": "lone", "text": near, "title": ""},
        {"id": "", "text": near},
        {"text": t, "id": "late-id", "published": "not a date"},
        "not json at all",
        json.dumps({"id": "line", "text": t}),
        [1, 2, 3],
    ]


def test_dict_records_read_as_their_json_lines(cli, tmp_path):
    # Dicts are read from their fields in Rust; their JSON lines (as the CLI reads them from a
    # file) must give the same duplicates, ids and skip reasons, line for line.
    records = odd_records()
    lines = [corroborate._line(r) for r in records]
    got = corroborate.dedup(records)
    assert list(got) == list(corroborate.dedup(lines))
    assert got.skipped == corroborate.dedup(lines).skipped
    assert got.stats == corroborate.dedup(lines).stats
    ids = {d["id"] for d in got}
    assert {"7-2", "records-3", "-3", "18446744073709551615", "html", "records-23"} <= ids, got
    assert {s["line"]: s["kind"] for s in got.skipped} == {
        11: "no_text",
        12: "whitespace_only",
        13: "no_text",
        14: "malformed_json",
        16: "malformed_json",
        18: "malformed_json",
        25: "malformed_json",
        27: "malformed_json",
    }
    for kinds in (["exact"], ["exact", "near", "rewrite"]):
        assert list(corroborate.dedup(records, kinds=kinds)) == list(corroborate.dedup(lines, kinds=kinds))
    # And as the CLI reads the same lines from a file (named so that its derived ids are the
    # API's, records-<n>).
    path = tmp_path / "records.jsonl"
    path.write_text("".join(l + "\n" for l in lines), encoding="utf-8")
    assert list(got) == cli_dedup(cli, path)
    err = run_cli(cli, "dedup", str(path)).stderr.decode()
    for s in got.skipped:
        assert f":{s['line']}: {s['reason']}" in err, (s, err)
    # analyze reads them alike: the same articles, metadata included.
    assert corroborate.analyze(records) == corroborate.analyze(lines)
