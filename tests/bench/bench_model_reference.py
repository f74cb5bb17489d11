#!/usr/bin/python3
"""The baseline of bench_model: the same Llama model in eager PyTorch with a KV cache.

Written the way transformers' eager LlamaForCausalLM runs it (nn.Linear projections, q/k/v and
gate/up separately, rotary embeddings from the position ids, repeat_kv, matmul + softmax attention,
a KV cache grown with torch.cat, logits of the last position only, as generate() asks for), on
Debian's python3-torch (the same libtorch as the C++ runtime).

Usage: bench_model_reference.py MODEL_DIR THREADS
Loads the model, prints {"ready": true, "threads": N}, then answers one JSON command per line on
stdin with one JSON line on stdout, so bench_model can interleave its own runs with these:
  {"prefill": [ids]}             -> {"seconds": s}                  (fresh cache, last logits)
  {"decode": [ids], "steps": n}  -> {"seconds": s, "tokens": [...]} (untimed prefill, then n
                                                                      timed greedy steps)
"""

import json
import math
import os
import struct
import sys
import time

import torch
from torch import nn


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    dtypes = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=dtypes[info["dtype"]])
        out[name] = t.reshape(info["shape"]).float()
    return out


class RMSNorm(nn.Module):
    def __init__(self, size, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(size))
        self.eps = eps

    def forward(self, x):
        variance = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(variance + self.eps))


class Rotary(nn.Module):
    def __init__(self, cfg, head_dim):
        super().__init__()
        base = cfg.get("rope_theta", 10000.0)
        inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, position_ids):  # (B, T) -> cos, sin (B, T, hd)
        freqs = (self.inv_freq[None, :, None] @ position_ids[:, None, :].float()).transpose(1, 2)
        emb = torch.cat((freqs, freqs), dim=-1)
        return emb.cos(), emb.sin()


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg, head_dim):
        super().__init__()
        h = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.kv_heads = cfg.get("num_key_value_heads", self.heads)
        self.head_dim = head_dim
        self.q_proj = nn.Linear(h, self.heads * head_dim, bias=False)
        self.k_proj = nn.Linear(h, self.kv_heads * head_dim, bias=False)
        self.v_proj = nn.Linear(h, self.kv_heads * head_dim, bias=False)
        self.o_proj = nn.Linear(self.heads * head_dim, h, bias=False)

    def forward(self, x, cos, sin, cache, mask):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if cache:  # DynamicCache: grow by concatenation
            k = torch.cat([cache[0], k], dim=2)
            v = torch.cat([cache[1], v], dim=2)
        cache[:] = [k, v]
        groups = self.heads // self.kv_heads
        L = k.shape[2]
        k = k[:, :, None].expand(B, self.kv_heads, groups, L, self.head_dim).reshape(B, self.heads, L, self.head_dim)
        v = v[:, :, None].expand(B, self.kv_heads, groups, L, self.head_dim).reshape(B, self.heads, L, self.head_dim)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim)
        if mask is not None:
            scores = scores + mask
        probs = nn.functional.softmax(scores, dim=-1, dtype=torch.float32)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(B, T, -1)
        return self.o_proj(out)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        h, i = cfg["hidden_size"], cfg["intermediate_size"]
        self.gate_proj = nn.Linear(h, i, bias=False)
        self.up_proj = nn.Linear(h, i, bias=False)
        self.down_proj = nn.Linear(i, h, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, cfg, head_dim):
        super().__init__()
        self.self_attn = Attention(cfg, head_dim)
        self.mlp = MLP(cfg)
        self.input_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.post_attention_layernorm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])

    def forward(self, x, cos, sin, cache, mask):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, cache, mask)
        return x + self.mlp(self.post_attention_layernorm(x))


class Llama(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        head_dim = cfg.get("head_dim") or cfg["hidden_size"] // cfg["num_attention_heads"]
        self.embed_tokens = nn.Embedding(cfg["vocab_size"], cfg["hidden_size"])
        self.layers = nn.ModuleList([Layer(cfg, head_dim) for _ in range(cfg["num_hidden_layers"])])
        self.norm = RMSNorm(cfg["hidden_size"], cfg["rms_norm_eps"])
        self.rotary = Rotary(cfg, head_dim)
        self.lm_head = nn.Linear(cfg["hidden_size"], cfg["vocab_size"], bias=False)

    def forward(self, ids, caches):
        B, T = ids.shape
        past = caches[0][0].shape[2] if caches[0] else 0
        positions = torch.arange(past, past + T).unsqueeze(0).expand(B, T)
        cos, sin = self.rotary(positions)
        mask = None
        if T > 1:
            mask = torch.full((T, past + T), float("-inf")).triu(past + 1)
        x = self.embed_tokens(ids)
        for layer, cache in zip(self.layers, caches):
            x = layer(x, cos, sin, cache, mask)
        x = self.norm(x[:, -1:, :])  # logits of the last position only
        return self.lm_head(x)[:, -1, :]


def load(folder):
    with open(os.path.join(folder, "config.json")) as f:
        cfg = json.load(f)
    assert cfg["architectures"][0] == "LlamaForCausalLM" and not cfg.get("rope_scaling")
    model = Llama(cfg)
    weights = read_safetensors(os.path.join(folder, "model.safetensors"))
    state = {k[len("model."):] if k.startswith("model.") else k: v for k, v in weights.items()}
    if cfg.get("tie_word_embeddings"):
        state["lm_head.weight"] = state["embed_tokens.weight"]
    model.load_state_dict(state, strict=False)
    if cfg.get("tie_word_embeddings"):
        model.lm_head.weight = model.embed_tokens.weight
    return model.eval(), cfg


def prefill(model, cfg, ids):
    caches = [[] for _ in range(cfg["num_hidden_layers"])]
    logits = model(torch.tensor([ids]), caches)
    return logits, caches


def main():
    folder, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    model, cfg = load(folder)
    print(json.dumps({"ready": True, "threads": torch.get_num_threads()}), flush=True)
    with torch.inference_mode():
        for line in sys.stdin:
            command = json.loads(line)
            if "prefill" in command:
                t0 = time.perf_counter()
                prefill(model, cfg, command["prefill"])
                answer = {"seconds": time.perf_counter() - t0}
            else:
                logits, caches = prefill(model, cfg, command["decode"])
                tokens = []
                token = int(logits.argmax(-1))
                t0 = time.perf_counter()
                for _ in range(command["steps"]):
                    tokens.append(token)
                    logits = model(torch.tensor([[token]]), caches)
                    token = int(logits.argmax(-1))
                answer = {"seconds": time.perf_counter() - t0, "tokens": tokens}
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
