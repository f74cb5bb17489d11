#!/usr/bin/env python3
"""Baseline of bench_rerank_bm25: a straightforward pure-Python BM25 rerank (stdlib only).

    bench_rerank_bm25_reference.py ITEMS_JSON WARMUP RUNS

ITEMS_JSON is {"query": str, "items": [str, ...]}. Each run is one whole rerank: split the query
and every item (lowercase, re `\\w+`; no stemming, the standard library has none), Okapi BM25
with Lucene's idf (k1 1.2, b 0.75, the items are the collection), scores divided by the highest,
items sorted by descending score (ties in input order). Prints JSON: median_ms, p95_ms and the
last run's ranking as [[index, score], ...]. The arithmetic is written in the same order as
engine/rerank/bm25.cpp so that both give the same floats.
"""

import json
import math
import re
import statistics
import sys
import time

WORD = re.compile(r"\w+")
K1 = 1.2
B = 0.75


def terms(text):
    return WORD.findall(text.lower())


def rerank(query, items):
    query_index = {}
    query_count = []
    for t in terms(query):
        if t not in query_index:
            query_index[t] = len(query_count)
            query_count.append(0.0)
        query_count[query_index[t]] += 1.0
    n = len(items)
    q = len(query_count)
    if n == 0 or q == 0:
        return [(i, 0.0) for i in range(n)]

    tf = []
    lengths = []
    total = 0.0
    for item in items:
        row = [0] * q
        words = terms(item)
        for w in words:
            k = query_index.get(w)
            if k is not None:
                row[k] += 1
        tf.append(row)
        lengths.append(float(len(words)))
        total += float(len(words))
    avgdl = total / float(n)

    idf = []
    for k in range(q):
        df = 0.0
        for row in tf:
            df += 1.0 if row[k] > 0 else 0.0
        idf.append(math.log(1.0 + (float(n) - df + 0.5) / (df + 0.5)))

    scores = []
    for d in range(n):
        rel = lengths[d] / avgdl if avgdl > 0.0 else 0.0
        norm = K1 * (1.0 - B + B * rel)
        s = 0.0
        for k in range(q):
            f = float(tf[d][k])
            if f > 0.0:
                s += query_count[k] * idf[k] * f * (K1 + 1.0) / (f + norm)
        scores.append(s)
    best = max(scores)
    scores = [s / best if best > 0.0 else 0.0 for s in scores]
    order = sorted(range(n), key=lambda i: -scores[i])  # stable: ties keep input order
    return [(i, scores[i]) for i in order]


def main():
    path, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    query, items = data["query"], data["items"]
    times = []
    ranking = []
    for run in range(warmup + runs):
        t0 = time.perf_counter()
        ranking = rerank(query, items)
        elapsed = (time.perf_counter() - t0) * 1000.0
        if run >= warmup:
            times.append(elapsed)
    times.sort()
    p95 = times[math.ceil(0.95 * len(times)) - 1]
    json.dump({"median_ms": statistics.median(times), "p95_ms": p95, "ranking": ranking}, sys.stdout)


if __name__ == "__main__":
    main()
