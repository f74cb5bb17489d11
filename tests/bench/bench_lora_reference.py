#!/usr/bin/python3
"""The baseline of bench_lora: the same LoRA fine-tuning step in eager PyTorch.

The model is written the way transformers' eager LlamaForCausalLM runs it (nn.Linear projections,
q/k/v and gate/up separately, rotary embeddings from the position ids, repeat_kv, matmul + softmax
attention with a causal mask, the logits of every position, cross-entropy on the shifted labels),
with PEFT-style LoRA on q_proj and v_proj (dropout 0: y = base(x) + (x A^T B^T) * alpha / r, A
kaiming-uniform, B zero, the base frozen), AdamW(lr, betas=(0.9, 0.95), eps=1e-8) over the adapters
and clip_grad_norm_(1.0), in float32, on Debian's python3-torch (the same libtorch as the C++ side).

Usage: bench_lora_reference.py MODEL_DIR THREADS RANK ALPHA
Loads the model, prints {"ready": true, "threads": N}, then answers one JSON command per line:
  {"steps": n, "tokens": [ids]} -> {"seconds": [s per step], "losses": [...]}
Each step is zero_grad, forward, backward, clip, optimizer step on the sequence `tokens` (batch 1).
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


class LoraLinear(nn.Module):
    """PEFT's LoRA Linear: the frozen base plus (x A^T B^T) * scaling."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        self.base = base
        self.lora_A = nn.Linear(base.in_features, rank, bias=False)
        self.lora_B = nn.Linear(rank, base.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.scaling = alpha / rank

    def forward(self, x):
        return self.base(x) + self.lora_B(self.lora_A(x)) * self.scaling


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

    def forward(self, x, cos, sin, mask):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.heads, self.head_dim).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.kv_heads, self.head_dim).transpose(1, 2)
        cos, sin = cos.unsqueeze(1), sin.unsqueeze(1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        groups = self.heads // self.kv_heads
        k = k[:, :, None].expand(B, self.kv_heads, groups, T, self.head_dim).reshape(B, self.heads, T, self.head_dim)
        v = v[:, :, None].expand(B, self.kv_heads, groups, T, self.head_dim).reshape(B, self.heads, T, self.head_dim)
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.head_dim) + mask
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

    def forward(self, x, cos, sin, mask):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin, mask)
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

    def forward(self, ids):
        B, T = ids.shape
        positions = torch.arange(T).unsqueeze(0).expand(B, T)
        cos, sin = self.rotary(positions)
        mask = torch.full((T, T), float("-inf")).triu(1)
        x = self.embed_tokens(ids)
        for layer in self.layers:
            x = layer(x, cos, sin, mask)
        return self.lm_head(self.norm(x))


def load(folder, rank, alpha):
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
    for p in model.parameters():
        p.requires_grad_(False)
    torch.manual_seed(0)
    for layer in model.layers:
        layer.self_attn.q_proj = LoraLinear(layer.self_attn.q_proj, rank, alpha)
        layer.self_attn.v_proj = LoraLinear(layer.self_attn.v_proj, rank, alpha)
    return model.train(), cfg


def main():
    folder, threads, rank, alpha = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    torch.set_num_threads(threads)
    model, cfg = load(folder, rank, alpha)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.0)
    print(json.dumps({"ready": True, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        ids = torch.tensor([command["tokens"]])
        seconds, losses = [], []
        for _ in range(command["steps"]):
            t0 = time.perf_counter()
            optimizer.zero_grad(set_to_none=True)
            logits = model(ids)
            loss = nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            seconds.append(time.perf_counter() - t0)
            losses.append(loss.item())
        print(json.dumps({"seconds": seconds, "losses": losses}), flush=True)


if __name__ == "__main__":
    main()
