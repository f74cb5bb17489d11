#!/usr/bin/python3
"""Reference logits for tests/core/causal_lm: an independent Llama-family forward pass.

Written out in plain torch the way transformers' modeling_llama / modeling_qwen2 compute it
(separate q/k/v projections, repeat_kv, rotate_half, an additive causal mask), in float64, reading
the Hugging Face folder with nothing but json, struct and torch.frombuffer (the safetensors and
transformers packages are not installed here). Shares no code with the C++ runtime under test.

Usage: reference_logits.py < request.json > logits.json
  request:  {"models": [{"folder": "...", "sequences": [[1, 2, 3], ...]}, ...]}
  response: {"models": [{"logits": [[[v0, v1, ...] per position] per sequence]}, ...]}
Run with Debian's /usr/bin/python3 (python3-torch).
"""

import json
import math
import os
import struct
import sys

import torch

DTYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
    "U8": torch.uint8, "BOOL": torch.bool,
}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        if end == begin:
            t = torch.empty(info["shape"], dtype=dtype)
        else:
            t = torch.frombuffer(bytearray(data[base + begin:base + end]), dtype=dtype)
        tensors[name] = t.reshape(info["shape"])
    return tensors


def read_weights(folder):
    index = os.path.join(folder, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as f:
            shards = sorted(set(json.load(f)["weight_map"].values()))
        weights = {}
        for shard in shards:
            weights.update(read_safetensors(os.path.join(folder, shard)))
    else:
        weights = read_safetensors(os.path.join(folder, "model.safetensors"))
    return {k: v.to(torch.float64) for k, v in weights.items()}


def inv_frequencies(cfg, head_dim):
    # transformers' _compute_default_rope_parameters (+ linear / llama3 scaling), in float32 as there.
    base = cfg.get("rope_theta", 10000.0)
    inv_freq = 1.0 / (base ** (torch.arange(0, head_dim, 2, dtype=torch.int64).float() / head_dim))
    scaling = cfg.get("rope_scaling") or {}
    kind = scaling.get("rope_type", scaling.get("type", "default"))
    if kind == "linear":
        inv_freq = inv_freq / scaling["factor"]
    elif kind == "llama3":
        factor = scaling["factor"]
        low_freq_factor = scaling["low_freq_factor"]
        high_freq_factor = scaling["high_freq_factor"]
        old_context_len = scaling["original_max_position_embeddings"]
        low_freq_wavelen = old_context_len / low_freq_factor
        high_freq_wavelen = old_context_len / high_freq_factor
        wavelen = 2 * math.pi / inv_freq
        inv_freq_llama = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
        smooth_factor = (old_context_len / wavelen - low_freq_factor) / (high_freq_factor - low_freq_factor)
        smoothed_inv_freq = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
        is_medium_freq = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
        inv_freq = torch.where(is_medium_freq, smoothed_inv_freq, inv_freq_llama)
    elif kind != "default":
        raise ValueError("unsupported rope scaling " + kind)
    return inv_freq


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


class Model:
    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as f:
            self.cfg = cfg = json.load(f)
        self.w = read_weights(folder)
        self.arch = cfg["architectures"][0]
        assert self.arch in ("LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM"), self.arch
        self.hidden = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.kv_heads = cfg.get("num_key_value_heads") or self.heads
        self.head_dim = cfg.get("head_dim") or self.hidden // self.heads
        self.layers = cfg["num_hidden_layers"]
        self.eps = cfg.get("rms_norm_eps", 1e-6)
        self.inv_freq = inv_frequencies(cfg, self.head_dim)
        # Which projections carry biases, as the transformers classes decide it (not from the file).
        llama = self.arch == "LlamaForCausalLM"
        self.qkv_bias = self.arch == "Qwen2ForCausalLM" or (llama and cfg.get("attention_bias", False))
        self.o_bias = llama and cfg.get("attention_bias", False)
        self.mlp_bias = llama and cfg.get("mlp_bias", False)
        tied = cfg.get("tie_word_embeddings", False)
        self.lm_head = self.w["model.embed_tokens.weight"] if tied else self.w["lm_head.weight"]

    def linear(self, x, name, bias):
        y = x @ self.w[name + ".weight"].T
        return y + self.w[name + ".bias"] if bias else y

    def logits(self, ids):
        T = len(ids)
        x = self.w["model.embed_tokens.weight"][torch.tensor(ids)]  # (T, H)
        positions = torch.arange(T, dtype=torch.float32)
        freqs = torch.outer(positions, self.inv_freq.float())  # (T, hd/2), float32 as transformers
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos().double(), emb.sin().double()  # (T, hd)
        causal = torch.full((T, T), float("-inf"), dtype=torch.float64).triu(1)
        groups = self.heads // self.kv_heads
        for i in range(self.layers):
            p = "model.layers.%d." % i
            h = rms_norm(x, self.w[p + "input_layernorm.weight"], self.eps)
            q = self.linear(h, p + "self_attn.q_proj", self.qkv_bias).view(T, self.heads, self.head_dim)
            k = self.linear(h, p + "self_attn.k_proj", self.qkv_bias).view(T, self.kv_heads, self.head_dim)
            v = self.linear(h, p + "self_attn.v_proj", self.qkv_bias).view(T, self.kv_heads, self.head_dim)
            q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)  # (heads, T, hd)
            q = q * cos + rotate_half(q) * sin
            k = k * cos + rotate_half(k) * sin
            # repeat_kv: kv head j serves query heads j*groups .. j*groups + groups - 1
            k = k[:, None].expand(self.kv_heads, groups, T, self.head_dim).reshape(self.heads, T, self.head_dim)
            v = v[:, None].expand(self.kv_heads, groups, T, self.head_dim).reshape(self.heads, T, self.head_dim)
            scores = q @ k.transpose(1, 2) / math.sqrt(self.head_dim) + causal
            attn = torch.softmax(scores, dim=-1) @ v  # (heads, T, hd)
            attn = attn.transpose(0, 1).reshape(T, self.heads * self.head_dim)
            x = x + self.linear(attn, p + "self_attn.o_proj", self.o_bias)
            h = rms_norm(x, self.w[p + "post_attention_layernorm.weight"], self.eps)
            gate = self.linear(h, p + "mlp.gate_proj", self.mlp_bias)
            up = self.linear(h, p + "mlp.up_proj", self.mlp_bias)
            x = x + self.linear(torch.nn.functional.silu(gate) * up, p + "mlp.down_proj", self.mlp_bias)
        x = rms_norm(x, self.w["model.norm.weight"], self.eps)
        return x @ self.lm_head.T  # (T, V)


def main():
    request = json.load(sys.stdin)
    out = []
    with torch.no_grad():
        for entry in request["models"]:
            model = Model(entry["folder"])
            out.append({"logits": [model.logits(seq).tolist() for seq in entry["sequences"]]})
    json.dump({"models": out}, sys.stdout)


if __name__ == "__main__":
    main()
