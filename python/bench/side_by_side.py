"""Side by side on one corpus and one local[N] Spark: the corroborate Spark job, text-dedup's MinHash
Spark job (signatures and banding are text-dedup 0.4.0's own functions; its connected components
need GraphFrames, a Spark package jar that cannot be downloaded here, so the same large-star /
small-star as ours stands in), the Python API's `dedup` and rensa (RMinHash + RMinHashLSH).

    python python/bench/side_by_side.py CORPUS.jsonl CLI_LINES.jsonl OUT_DIR [MASTER=local[2]]

CLI_LINES is `corroborate dedup CORPUS -q` output (the reference for group-level recall and
precision). Writes each tool's lines to OUT_DIR/<tool>.jsonl (for dedup_bench eval) and prints
times (wall, and the process's CPU for the in-process tools) and group-level recall / precision
against the CLI.

SKIP_SPARK=1 runs only the in-process tools (the API and rensa: no Spark session is started);
SKIP_RENSA=1 and SKIP_TEXT_DEDUP=1 leave out those two; REPEAT=n runs the API and rensa n times,
alternately, and prints the median of their ratios.
"""

import json
import os
import sys
import time


def groups_of(lines):
    g = {}
    for d in lines:
        g.setdefault(d["duplicate_of"], {d["duplicate_of"]}).add(d["id"])
    return {frozenset(v) for v in g.values()}


def rp(got, want):
    hit = len(got & want)
    return hit / max(len(want), 1), hit / max(len(got), 1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def write(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        for d in lines:
            f.write(json.dumps(d) + "\n")


def text_dedup_job(spark, corpus, threshold=0.7, num_perm=128, b=28, r=4, ngram=5):
    """text-dedup 0.4.0's minhash_spark steps (its functions, its RDD pipeline) up to the edges;
    components by our large-star / small-star (GraphFrames is unavailable). Returns dedup lines:
    each member of a component, other than its smallest id, is a duplicate of it."""
    import numpy as np
    from pyspark.sql import functions as F
    from text_dedup import minhash_spark as td

    from corroborate.spark import connected_components

    hash_ranges = [(i * r, (i + 1) * r) for i in range(b)]
    rng = np.random.RandomState(td.SEED)
    perms = (
        rng.randint(1, td.MOD_PRIME, size=(num_perm,), dtype=td.DTYPE),
        rng.randint(0, td.MOD_PRIME, size=(num_perm,), dtype=td.DTYPE),
    )
    df = (
        spark.read.json(corpus)
        .select("id", "text")
        .withColumn("__id__", F.monotonically_increasing_id())
        .cache()
    )
    edges = (
        df.select("__id__", "text")
        .rdd.flatMap(
            lambda x: td.generate_hash_values(
                content=x[1],
                idx=x[0],
                num_perm=num_perm,
                ngram_size=ngram,
                min_length=5,
                hashranges=hash_ranges,
                permutations=perms,
            )
        )
        .groupBy(lambda x: (x[0], x[1]))
        .flatMap(lambda x: td.generate_edges([e[2] for e in x[1]]))
        .distinct()
    )
    edf = spark.createDataFrame(edges, "a long, b long")
    labels = connected_components(edf)
    names = df.select(F.col("__id__").alias("node"), "id")
    rows = (
        labels.where(F.col("node") != F.col("root"))
        .join(names, "node")
        .join(names.select(F.col("node").alias("root"), F.col("id").alias("duplicate_of")), "root")
        .select("id", "duplicate_of")
        .collect()
    )
    return [{"id": x["id"], "duplicate_of": x["duplicate_of"], "kind": "near_duplicate", "score": None} for x in rows]


def rensa_dedup(records, threshold=0.7, num_perm=128, b=32):
    """rensa's documented LSH pipeline on word 5-grams, in input order: a record is a duplicate
    of the first earlier kept record among its candidates whose estimate reaches the threshold.
    32 bands x 4 rows: rensa needs the bands to divide the permutations (28 does not)."""
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=threshold, num_perm=num_perm, num_bands=b)
    mins = {}
    out = []
    for i, rec in enumerate(records):
        words = rec["text"].lower().split()
        grams = [" ".join(words[j : j + 5]) for j in range(max(len(words) - 4, 1))]
        m = RMinHash(num_perm=num_perm, seed=42)
        m.update(grams)
        hit = None
        for c in sorted(lsh.query(m)):
            if mins[c].jaccard(m) >= threshold:
                hit = c
                break
        if hit is None:
            lsh.insert(i, m)
            mins[i] = m
        else:
            out.append({"id": rec["id"], "duplicate_of": records[hit]["id"], "kind": "near_duplicate", "score": None})
    return out


def report(name, secs, lines, want, out, cpu=None):
    write(os.path.join(out, name + ".jsonl"), lines)
    r, p = rp(groups_of(lines), want)
    cpu = "" if cpu is None else f" ({cpu:.2f} s CPU)"
    print(f"{name}: {secs:.2f} s wall{cpu}, {len(lines)} duplicates, group-level recall {r:.4f} "
          f"precision {p:.4f} (vs the CLI); load average {open('/proc/loadavg').read().split()[:3]}", flush=True)


def main():
    corpus, cli_lines, out = sys.argv[1:4]
    master = sys.argv[4] if len(sys.argv) > 4 else "local[2]"
    os.makedirs(out, exist_ok=True)
    want = groups_of(load(cli_lines))
    records = load(corpus)
    results = {}

    import corroborate

    # REPEAT=n: the API and rensa run n times, alternately (on a shared machine the load changes
    # between runs); each run is printed, then the median of the n ratios.
    ratios = []
    for _ in range(int(os.environ.get("REPEAT", "1"))):
        t, c = time.perf_counter(), time.process_time()
        api = list(corroborate.dedup(records))
        results["python_api_dedup"] = (time.perf_counter() - t, api)
        report("python_api_dedup", *results["python_api_dedup"], want, out, time.process_time() - c)

        if os.environ.get("SKIP_RENSA") != "1":
            t, c = time.perf_counter(), time.process_time()
            rl = rensa_dedup(records)
            results["rensa"] = (time.perf_counter() - t, rl)
            report("rensa", *results["rensa"], want, out, time.process_time() - c)
            api_s, rensa_s = results["python_api_dedup"][0], results["rensa"][0]
            ratios.append(rensa_s / api_s)
            print(f"rensa / python_api_dedup (wall): {ratios[-1]:.1f}x", flush=True)
    if len(ratios) > 1:
        print(f"median of {len(ratios)} ratios: {sorted(ratios)[len(ratios) // 2]:.1f}x", flush=True)

    if os.environ.get("SKIP_SPARK") == "1":
        print(f"articles: {len(records)}, CLI groups: {len(want)}, load average {open('/proc/loadavg').read().split()[:3]}")
        return

    # text-dedup's module imports graphframes at the top (GraphFrames is a Spark package jar,
    # not on PyPI with its JVM side); a stub module lets the driver and the Python workers import
    # its signature and banding functions.
    stub = os.path.join(out, "stub")
    os.makedirs(stub, exist_ok=True)
    with open(os.path.join(stub, "graphframes.py"), "w") as f:
        f.write("GraphFrame = None\n")
    sys.path.insert(0, stub)
    os.environ["PYTHONPATH"] = stub + os.pathsep + os.environ.get("PYTHONPATH", "")

    from pyspark.sql import SparkSession

    from corroborate import spark as cspark

    spark = (
        SparkSession.builder.master(master)
        .appName("side-by-side")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "3g")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    t = time.perf_counter()
    job = [x.asDict() for x in cspark.dedup(spark, [corpus], os.path.join(out, "corroborate_spark")).collect()]
    results["corroborate_spark"] = (time.perf_counter() - t, job)
    report("corroborate_spark", *results["corroborate_spark"], want, out)
    if os.environ.get("SKIP_TEXT_DEDUP") != "1":
        t = time.perf_counter()
        tdl = text_dedup_job(spark, corpus)
        results["text_dedup_spark"] = (time.perf_counter() - t, tdl)
        report("text_dedup_spark", *results["text_dedup_spark"], want, out)
    spark.stop()
    print(f"articles: {len(records)}, CLI groups: {len(want)}, load average {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
