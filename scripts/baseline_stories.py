#!/usr/bin/env python3
"""Story-clustering baselines: average-linkage agglomerative clustering (SciPy's tree, the same
merges as scikit-learn's AgglomerativeClustering with metric="cosine", linkage="average") over
scikit-learn TF-IDF vectors, and over MiniLM document vectors when given.

The distance threshold is swept and the best B-cubed F1 is kept, i.e. chosen with hindsight on the
gold labels (this flatters the baselines; corroborate runs one fixed default configuration).

usage: baseline_stories.py DATA_DIR [DATA_DIR...] [--vectors DIR]
  each DATA_DIR holds articles.jsonl and gold.jsonl; DIR holds <set name>.jsonl with one
  {"id", "vector"} line per article (all-MiniLM-L6-v2 over title + text, written by the
  doc_vectors example of the corroborate crate).
"""
import json
import sys
from collections import defaultdict

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed(gold, pred):
    g, p = defaultdict(set), defaultdict(set)
    for i, (a, b) in enumerate(zip(gold, pred)):
        g[a].add(i)
        p[b].add(i)
    P = R = 0.0
    for i, (a, b) in enumerate(zip(gold, pred)):
        inter = len(g[a] & p[b])
        P += inter / len(p[b])
        R += inter / len(g[a])
    P, R = P / len(gold), R / len(gold)
    return 2 * P * R / (P + R) if P + R else 0.0


def best_cut(x, gold):
    """The best B-cubed F1 of the average-linkage tree over the rows of x, and its threshold."""
    tree = linkage(x, method="average", metric="cosine")
    best = (0.0, None)
    for t in np.arange(0.05, 1.00, 0.01):
        f = bcubed(gold, fcluster(tree, t, criterion="distance"))
        if f > best[0]:
            best = (f, t)
    return best


def main():
    args = sys.argv[1:]
    vectors_dir = None
    if "--vectors" in args:
        at = args.index("--vectors")
        vectors_dir = args[at + 1]
        del args[at : at + 2]
    for d in args:
        arts = [json.loads(l) for l in open(f"{d}/articles.jsonl", encoding="utf-8") if l.strip()]
        gold_by_id = {}
        for l in open(f"{d}/gold.jsonl", encoding="utf-8"):
            if l.strip():
                r = json.loads(l)
                gold_by_id[str(r["id"])] = str(r["story"])
        gold = [gold_by_id[str(a["id"])] for a in arts]
        texts = [(a.get("title") or "") + "\n" + a.get("text", "") for a in arts]
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
        name = d.rstrip("/").split("/")[-1]
        f, t = best_cut(x, gold)
        print(f"{name}\tTF-IDF + average linkage (best threshold {t:.2f}, hindsight)\tB3 F1 {f:.3f}")
        if vectors_dir:
            by_id = {}
            for l in open(f"{vectors_dir}/{name}.jsonl", encoding="utf-8"):
                if l.strip():
                    r = json.loads(l)
                    by_id[str(r["id"])] = r["vector"]
            v = np.array([by_id[str(a["id"])] for a in arts])
            f, t = best_cut(v, gold)
            print(f"{name}\tMiniLM document vectors + average linkage (best threshold {t:.2f}, hindsight)\tB3 F1 {f:.3f}")

if __name__ == "__main__":
    main()
