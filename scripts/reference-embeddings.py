#!/usr/bin/env python3
"""Reference sentence embeddings for all-MiniLM-L6-v2, computed independently of candle.

A plain numpy forward pass of the BERT encoder (exact erf GELU, post-layer-norm), followed by
sentence-transformers' pooling for this model (mean over tokens with the attention mask, then L2
normalisation; at most 256 tokens). The tokenizer is Hugging Face `tokenizers` (the same
tokenizer.json). This is what the Rust test `embed::tests::matches_reference` checks against:
the cosine similarities printed here, to 4 decimals.

Usage:  python3 scripts/reference-embeddings.py MODEL_DIR "sentence one" "sentence two" ...
Needs:  pip install numpy tokenizers   (no torch)
"""
import json
import math
import struct
import sys

import numpy as np
from tokenizers import Tokenizer

DTYPES = {"F32": np.float32, "I64": np.int64}


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        arr = np.frombuffer(data[start:end], dtype=DTYPES[meta["dtype"]])
        out[name] = arr.reshape(meta["shape"]).astype(np.float64)
    return out


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


ERF = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + ERF(x / math.sqrt(2.0)))


def encode(w, cfg, ids):
    n = len(ids)
    h = w["embeddings.word_embeddings.weight"][ids]
    h = h + w["embeddings.position_embeddings.weight"][:n]
    h = h + w["embeddings.token_type_embeddings.weight"][0]
    eps = cfg["layer_norm_eps"]
    h = layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    heads = cfg["num_attention_heads"]
    d = cfg["hidden_size"] // heads
    for i in range(cfg["num_hidden_layers"]):
        p = f"encoder.layer.{i}."

        def lin(x, name):
            return x @ w[p + name + ".weight"].T + w[p + name + ".bias"]

        q = lin(h, "attention.self.query").reshape(n, heads, d).transpose(1, 0, 2)
        k = lin(h, "attention.self.key").reshape(n, heads, d).transpose(1, 0, 2)
        v = lin(h, "attention.self.value").reshape(n, heads, d).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(n, heads * d)
        a = lin(ctx, "attention.output.dense")
        h = layer_norm(a + h, w[p + "attention.output.LayerNorm.weight"],
                       w[p + "attention.output.LayerNorm.bias"], eps)
        f = gelu(lin(h, "intermediate.dense"))
        f = lin(f, "output.dense")
        h = layer_norm(f + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
    v = h.mean(0)  # one unpadded sentence: every mask entry is 1
    return v / np.linalg.norm(v)


def main():
    model_dir, sentences = sys.argv[1], sys.argv[2:]
    cfg = json.load(open(f"{model_dir}/config.json"))
    w = load_safetensors(f"{model_dir}/model.safetensors")
    tok = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
    tok.no_padding()
    tok.enable_truncation(256)
    vecs = [encode(w, cfg, tok.encode(s).ids) for s in sentences]
    for i in range(len(sentences)):
        for j in range(i + 1, len(sentences)):
            print(f"{i} {j} {float(vecs[i] @ vecs[j]):.6f}")
    for i, v in enumerate(vecs):
        print(f"vec {i} " + " ".join(f"{x:.6f}" for x in v[:4]))


if __name__ == "__main__":
    main()
