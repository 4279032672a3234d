"""corroborate on Spark: corpus deduplication and extraction past one machine.

    python -m corroborate.spark dedup INPUT... --output DIR [--threshold 0.7]
        [--id-column id] [--text-column text] [--title-column title] [--components]
        [--bucket-cap 1000] [--master local[2]]
    python -m corroborate.spark extract INPUT... --output DIR [--master local[2]]

``dedup`` reads JSON lines or Parquet (by extension; a directory is read as Parquet when it
holds ``.parquet`` files) and writes JSON lines ``id, duplicate_of, kind, score`` to
``DIR/duplicates`` (and, with ``--components``, one row per duplicate group to
``DIR/components``: ``id`` of the group's first record, ``members``, ``size``).

How (see docs/spark.md):

1. ``mapInArrow``: per record, the Rust core cleans the text as the CLI does and gives its word
   count, body fingerprint and the CLI's 28 LSH band keys (MinHash 128, 16-bit values, 4 rows a
   band). Records are numbered in input order (``pos``); the earliest is a group's original.
2. exact duplicates: records with the same fingerprint; the earliest is their representative.
3. candidates: representatives sharing a band key (a bucket keeps at most ``--bucket-cap``
   members, the earliest), as distinct pairs.
4. verification: each candidate pair's exact word-5-gram Jaccard, from both texts, in Rust
   (``mapInArrow``); pairs at or above the threshold are edges.
5. groups: connected components of the edges, by large-star / small-star (Kiveris et al. 2014)
   in Spark DataFrames; the smallest ``pos`` of a component is its original, and each other
   member's score is its exact Jaccard with the original.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Iterator, List, Optional

BANDS = 28


def _arrow():
    import pyarrow as pa

    return pa


def _read(spark, inputs: List[str]):
    parquet = []
    jsonl = []
    for p in inputs:
        low = p.lower()
        if low.endswith(".parquet") or (
            os.path.isdir(p) and any(f.endswith(".parquet") for f in os.listdir(p))
        ):
            parquet.append(p)
        else:
            jsonl.append(p)
    frames = []
    if jsonl:
        frames.append(spark.read.json(jsonl))
    if parquet:
        frames.append(spark.read.parquet(*parquet))
    df = frames[0]
    for f in frames[1:]:
        df = df.unionByName(f, allowMissingColumns=True)
    return df


def _prepare_batches(batches: Iterator) -> Iterator:
    """mapInArrow: (pos, text, title) -> (pos, words, fp, keys, skip)."""
    pa = _arrow()
    from corroborate import _core

    for b in batches:
        texts = b.column("text").to_pylist()
        titles = b.column("title").to_pylist()
        rows = _core.prepare_texts(texts, titles)
        yield pa.RecordBatch.from_arrays(
            [
                b.column("pos"),
                pa.array([r[0] for r in rows], pa.int32()),
                pa.array([r[1] for r in rows], pa.int64()),
                pa.array([r[2] for r in rows], pa.list_(pa.int64())),
                pa.array([r[3] for r in rows], pa.string()),
            ],
            names=["pos", "words", "fp", "keys", "skip"],
        )


def _verify_batches(batches: Iterator) -> Iterator:
    """mapInArrow: (a, b, text_a, text_b, title_a, title_b) -> (a, b, score)."""
    pa = _arrow()
    from corroborate import _core

    for b in batches:
        scores = _core.jaccard_pairs(
            b.column("text_a").to_pylist(),
            b.column("text_b").to_pylist(),
            b.column("title_a").to_pylist(),
            b.column("title_b").to_pylist(),
        )
        yield pa.RecordBatch.from_arrays(
            [b.column("a"), b.column("b"), pa.array(scores, pa.float64())],
            names=["a", "b", "score"],
        )


def connected_components(edges, checkpoint=True):
    """Connected components of an undirected graph given as a DataFrame of long pairs
    ``(a, b)``, by alternating large-star and small-star (Kiveris et al., "Connected
    Components in MapReduce and Beyond", 2014) until the edges stop changing. Returns
    ``(node, root)`` for every node of an edge, ``root`` the smallest node of its component."""
    from pyspark.sql import functions as F

    def large_star(e):
        sym = e.select(F.col("a").alias("u"), F.col("b").alias("v")).union(
            e.select(F.col("b").alias("u"), F.col("a").alias("v"))
        )
        m = sym.groupBy("u").agg(F.least(F.min("v"), F.col("u")).alias("m"))
        return (
            sym.join(m, "u")
            .where(F.col("v") > F.col("u"))
            .select(F.col("v").alias("a"), F.col("m").alias("b"))
            .distinct()
        )

    def small_star(e):
        d = e.select(
            F.greatest("a", "b").alias("u"), F.least("a", "b").alias("v")
        ).where(F.col("u") != F.col("v"))
        m = d.groupBy("u").agg(F.min("v").alias("m"))
        out = d.join(m, "u").select(F.col("v").alias("a"), F.col("m").alias("b"))
        out = out.union(m.select(F.col("u").alias("a"), F.col("m").alias("b")))
        return out.where(F.col("a") != F.col("b")).distinct()

    e = edges.select(
        F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b")
    ).where(F.col("a") != F.col("b")).distinct()
    e = e.localCheckpoint() if checkpoint else e.cache()
    for _ in range(64):
        n = small_star(large_star(e))
        n = n.localCheckpoint() if checkpoint else n.cache()
        changed = n.exceptAll(e).limit(1).count() + e.exceptAll(n).limit(1).count()
        e = n
        if changed == 0:
            break
    # Converged: stars, each edge (node, root).
    return (
        e.select(F.col("a").alias("node"), F.col("b").alias("root"))
        .union(e.select(F.col("b").alias("node"), F.col("b").alias("root")))
        .groupBy("node")
        .agg(F.min("root").alias("root"))
    )


def dedup(
    spark,
    inputs: List[str],
    output: Optional[str],
    threshold: float = 0.7,
    id_column: str = "id",
    text_column: str = "text",
    title_column: str = "title",
    components: bool = False,
    bucket_cap: int = 1000,
):
    """Runs the job; returns the duplicates DataFrame (``id, duplicate_of, kind, score``, in
    input order of ``id``) and writes it under ``output`` when given."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if not (0.0 < threshold <= 1.0):
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    raw = _read(spark, inputs)
    cols = raw.columns
    if text_column not in cols:
        raise ValueError(f"no column {text_column!r} in the input (columns: {cols})")
    title = F.col(title_column).cast("string") if title_column in cols else F.lit(None).cast("string")
    pos = F.monotonically_increasing_id()
    docs = raw.select(
        pos.alias("pos"),
        (F.col(id_column).cast("string") if id_column in cols else F.lit(None).cast("string")).alias("id"),
        F.col(text_column).cast("string").alias("text"),
        title.alias("title"),
    )
    docs = docs.withColumn("id", F.coalesce("id", F.concat(F.lit("row-"), F.col("pos").cast("string"))))
    docs = docs.localCheckpoint()

    prepared = docs.select("pos", "text", "title").mapInArrow(
        _prepare_batches, "pos long, words int, fp long, keys array<long>, skip string"
    )
    prepared = prepared.localCheckpoint()
    ok = prepared.where(F.col("skip").isNull())

    # Exact: same fingerprint (at least one word); the earliest is the representative.
    fp_rep = ok.where(F.col("words") > 0).groupBy("fp").agg(F.min("pos").alias("rep"))
    with_rep = ok.join(fp_rep, "fp", "left").withColumn("rep", F.coalesce("rep", "pos"))
    reps = with_rep.where(F.col("pos") == F.col("rep"))

    # Candidates: representatives sharing a band key; a bucket keeps its first `bucket_cap`.
    bands = reps.where(F.size("keys") > 0).select("pos", F.posexplode("keys").alias("band", "key"))
    w = Window.partitionBy("band", "key").orderBy("pos")
    bands = bands.withColumn("rank", F.row_number().over(w)).where(F.col("rank") <= bucket_cap)
    x = bands.alias("x")
    y = bands.alias("y")
    pairs = (
        x.join(y, (F.col("x.band") == F.col("y.band")) & (F.col("x.key") == F.col("y.key")))
        .where(F.col("x.pos") < F.col("y.pos"))
        .select(F.col("x.pos").alias("a"), F.col("y.pos").alias("b"))
        .distinct()
    )

    def with_texts(p):
        ta = docs.select(F.col("pos").alias("a"), F.col("text").alias("text_a"), F.col("title").alias("title_a"))
        tb = docs.select(F.col("pos").alias("b"), F.col("text").alias("text_b"), F.col("title").alias("title_b"))
        return p.join(ta, "a").join(tb, "b").select("a", "b", "text_a", "text_b", "title_a", "title_b")

    verified = with_texts(pairs).mapInArrow(_verify_batches, "a long, b long, score double")
    edges = verified.where(F.col("score") >= F.lit(threshold)).select("a", "b").localCheckpoint()

    labels = connected_components(edges)
    # Each record: its representative's component root (or the representative itself).
    rec = with_rep.join(labels.withColumnRenamed("node", "rep"), "rep", "left").withColumn(
        "root", F.coalesce("root", "rep")
    )
    dups = rec.where(F.col("pos") != F.col("root")).select("pos", "rep", "root")
    # Exact: the representative is its group's original; else near-duplicate of the root, scored
    # on the texts (the same text as its representative's).
    exact = dups.where(F.col("rep") == F.col("root")).select(
        "pos", "root", F.lit("exact").alias("kind"), F.lit(1.0).alias("score")
    )
    near_pairs = dups.where(F.col("rep") != F.col("root")).select(
        F.col("pos").alias("a"), F.col("root").alias("b")
    )
    near = with_texts(near_pairs).mapInArrow(_verify_batches, "a long, b long, score double")
    near = near.select(
        F.col("a").alias("pos"),
        F.col("b").alias("root"),
        F.lit("near_duplicate").alias("kind"),
        F.round("score", 4).alias("score"),
    )
    names = docs.select("pos", "id")
    out = (
        exact.unionByName(near)
        .join(names, "pos")
        .join(names.select(F.col("pos").alias("root"), F.col("id").alias("duplicate_of")), "root")
        .orderBy("pos")
        .select("id", "duplicate_of", "kind", "score")
    )
    # Computed once: written, then returned without running the plan again.
    out = out.localCheckpoint()
    if output:
        out.write.mode("overwrite").json(os.path.join(output, "duplicates"))
        if components:
            groups = (
                rec.where(F.col("root").isNotNull())
                .join(names, "pos")
                .groupBy("root")
                .agg(F.sort_array(F.collect_list(F.struct("pos", "id"))).alias("m"))
                .where(F.size("m") > 1)
                .join(names.select(F.col("pos").alias("root"), F.col("id").alias("original")), "root")
                .select(
                    F.col("original").alias("id"),
                    F.col("m.id").alias("members"),
                    F.size("m").alias("size"),
                )
            )
            groups.write.mode("overwrite").json(os.path.join(output, "components"))
    return out


def _extract_partition(rows: Iterator) -> Iterator:
    """mapPartitions over (path, content) of whole files: parses each (WARC, HTML, JSONL) as the
    CLI reads a file and yields its records."""
    import json as _json

    from corroborate import _core

    for path, content in rows:
        for rec in _core.read_records(os.path.basename(path), bytes(content)):
            yield _json.loads(rec)


def extract(spark, inputs: List[str], output: str):
    """Reads WARC, HTML or JSONL files (binaryFile) and writes their articles, the CLI's
    ``extract`` records (or the skip reason), as Parquet under ``output``."""
    from pyspark.sql.types import StringType, StructField, StructType

    files = spark.read.format("binaryFile").load(inputs)
    schema = StructType(
        [
            StructField(n, StringType())
            for n in ["path", "line", "id", "title", "published", "source", "url", "language", "author", "text", "skipped", "kind"]
        ]
    )

    def to_row(r):
        return tuple(None if r.get(n) is None else str(r.get(n)) for n in schema.names)

    rdd = files.select("path", "content").rdd.map(tuple).mapPartitions(_extract_partition).map(to_row)
    df = spark.createDataFrame(rdd, schema)
    df.write.mode("overwrite").parquet(output)
    return df


def _session(master: Optional[str]):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("corroborate")
    if master:
        b = b.master(master)
    b = b.config("spark.sql.execution.arrow.maxRecordsPerBatch", "2048")
    b = b.config("spark.ui.enabled", "false")
    return b.getOrCreate()


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m corroborate.spark", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="verb", required=True)
    d = sub.add_parser("dedup", help="exact and near-duplicate records of a corpus")
    d.add_argument("inputs", nargs="+")
    d.add_argument("--output", required=True)
    d.add_argument("--threshold", type=float, default=0.7)
    d.add_argument("--id-column", default="id")
    d.add_argument("--text-column", default="text")
    d.add_argument("--title-column", default="title")
    d.add_argument("--components", action="store_true")
    d.add_argument("--bucket-cap", type=int, default=1000)
    d.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    e = sub.add_parser("extract", help="articles of WARC, HTML or JSONL files, to Parquet")
    e.add_argument("inputs", nargs="+")
    e.add_argument("--output", required=True)
    e.add_argument("--master", default=None)
    a = ap.parse_args(argv)
    spark = _session(a.master)
    try:
        if a.verb == "dedup":
            dedup(
                spark,
                a.inputs,
                a.output,
                a.threshold,
                a.id_column,
                a.text_column,
                a.title_column,
                a.components,
                a.bucket_cap,
            )
        else:
            extract(spark, a.inputs, a.output)
    except ValueError as err:
        print(f"corroborate.spark: {err}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
