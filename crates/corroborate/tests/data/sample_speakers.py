# How tests/data/speakers.jsonl was sampled: every quoted span of the ECB+ and NewsWCL50
# articles, 260 drawn with random.Random(12); prints each with its context for labelling.
# Run from anywhere: python3 sample_speakers.py (writes sample.json in the current directory).
import json, random, re, sys
arts = []
for f in ["/work/shared/data/ecbplus/articles.jsonl", "/work/shared/data/newswcl50/articles.jsonl"]:
    for line in open(f):
        arts.append(json.loads(line))
pat = re.compile(r'“([^”\n]{1,600})”|(?:(?<=^)|(?<=[\s(\[—-]))"([^"\n]{1,600})"', re.M)
cands = []
for a in arts:
    t = a["text"]
    for m in pat.finditer(t):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        w = re.findall(r"[\w'’-]+", inner)
        if len(w) < 1: continue
        cands.append((a["id"], m.start(), m.end(), inner))
rng = random.Random(12)
sample = rng.sample(cands, 260)
byid = {a["id"]: a for a in arts}
out = []
for k, (aid, s, e, inner) in enumerate(sample):
    t = byid[aid]["text"]
    ps = t.rfind("\n", 0, s); ps = t.rfind("\n", 0, max(ps-1, 0)) if ps > 0 else 0
    pe = t.find("\n", e); pe = len(t) if pe < 0 else pe
    first = " ".join(re.findall(r"[\w'’-]+", inner)[:5])
    ctx = t[max(ps, s-700):s] + "[[" + t[s:e] + "]]" + t[e:min(pe, e+300)]
    out.append({"n": k, "article": aid, "first_words": first, "ctx": ctx})
print(len(cands), file=sys.stderr)
json.dump(out, open("sample.json", "w"), ensure_ascii=False, indent=0)
