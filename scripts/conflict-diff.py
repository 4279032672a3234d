#!/usr/bin/env python3
"""Lists the conflicts one report has and another has not, both ways: to read every conflict a
change adds or removes over a whole corpus (BENCHMARKS.md, "Conflict rules").

usage: conflict-diff.py OLD_REPORT.json NEW_REPORT.json   (standard library only)
A conflict is keyed by its claims' articles and the first 80 characters of their sentences.
"""
import json,sys
def conf(p):
    r=json.load(open(p)); out={}
    for s in r.get("stories",[]):
        for f in s.get("facts",[]):
            if f.get("status")=="conflict":
                key=tuple(sorted((c.get("article"),c.get("text","")[:80]) for c in f.get("claims",[])))
                out[key]=f
    return out
a,b=conf(sys.argv[1]),conf(sys.argv[2])
for k in b.keys()-a.keys():
    f=b[k]; print("NEW:", f.get("subject", f.get("kind")), [ (c.get("article"), c.get("value"), c.get("text","")[:160]) for c in f["claims"]]); print()
for k in a.keys()-b.keys():
    f=a[k]; print("LOST:", f.get("subject", f.get("kind")), [ (c.get("article"), c.get("value"), c.get("text","")[:160]) for c in f["claims"]]); print()
