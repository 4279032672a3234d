#!/usr/bin/env python3
"""Story-clustering baseline: scikit-learn TF-IDF + average-linkage agglomerative clustering (SciPy's tree).

The distance threshold is swept and the best B-cubed F1 is kept, i.e. chosen with hindsight on the
gold labels (this flatters the baseline; corroborate runs one fixed default configuration).

usage: baseline_stories.py DATA_DIR [DATA_DIR...]   (each holds articles.jsonl and gold.jsonl)
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


def main():
    for d in sys.argv[1:]:
        arts = [json.loads(l) for l in open(f"{d}/articles.jsonl", encoding="utf-8") if l.strip()]
        gold_by_id = {}
        for l in open(f"{d}/gold.jsonl", encoding="utf-8"):
            if l.strip():
                r = json.loads(l)
                gold_by_id[str(r["id"])] = str(r["story"])
        gold = [gold_by_id[str(a["id"])] for a in arts]
        texts = [(a.get("title") or "") + "\n" + a.get("text", "") for a in arts]
        x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts).toarray()
        # One average-linkage tree (the same merges as scikit-learn's AgglomerativeClustering with
        # metric="cosine", linkage="average"), cut at every threshold.
        tree = linkage(x, method="average", metric="cosine")
        best = (0.0, None)
        for t in np.arange(0.30, 1.00, 0.01):
            labels = fcluster(tree, t, criterion="distance")
            f = bcubed(gold, labels)
            if f > best[0]:
                best = (f, t)
        name = d.rstrip("/").split("/")[-1]
        print(f"{name}\tTF-IDF + average linkage (best threshold {best[1]:.2f}, hindsight)\tB3 F1 {best[0]:.3f}")


if __name__ == "__main__":
    main()
