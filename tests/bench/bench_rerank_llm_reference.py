#!/usr/bin/python3
"""The baseline of bench_rerank_llm: pointwise LLM reranking in eager PyTorch.

The model is bench_model_reference.py's eager Llama (nn.Linear projections, rotary embeddings,
repeat_kv, matmul + softmax attention), run the way transformers runs a padded batch without a
cache: right padding, a causal mask plus a padding mask on the keys, then the final norm and the
LM head at each sequence's last real token, a softmax over the whole vocabulary and
P(yes) / (P(yes) + P(no)). Batches are formed as the C++ reranker forms them (longest prompts
first), so both do the same work.

Usage: bench_rerank_llm_reference.py MODEL_DIR THREADS
Prints {"ready": true, "threads": N}, then answers one JSON command per line on stdin:
  {"prompts": [[ids]...], "yes": [ids], "no": [ids], "batch": n}
      -> {"seconds": s, "scores": [one per prompt, in prompt order]}
"""

import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_model_reference import load  # noqa: E402


def last_logits(model, batch):
    """(B, V) logits at the last real token of each sequence of a right-padded batch."""
    B = len(batch)
    lengths = torch.tensor([len(p) for p in batch])
    T = int(lengths.max())
    ids = torch.zeros((B, T), dtype=torch.long)
    for b, p in enumerate(batch):
        ids[b, : len(p)] = torch.tensor(p)
    positions = torch.arange(T).unsqueeze(0).expand(B, T)
    cos, sin = model.rotary(positions)
    causal = torch.full((T, T), float("-inf")).triu(1)                     # (T, T)
    padding = torch.where(torch.arange(T)[None, :] < lengths[:, None], 0.0, float("-inf"))  # (B, T)
    mask = causal[None, None] + padding[:, None, None, :]                  # (B, 1, T, T)
    x = model.embed_tokens(ids)                                            # (B, T, H)
    for layer in model.layers:
        x = layer(x, cos, sin, [], mask)
    last = x[torch.arange(B), lengths - 1]                                 # (B, H)
    return model.lm_head(model.norm(last))                                 # (B, V)


def main():
    folder, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    model, _ = load(folder)
    print(json.dumps({"ready": True, "threads": torch.get_num_threads()}), flush=True)
    with torch.inference_mode():
        for line in sys.stdin:
            command = json.loads(line)
            prompts, size = command["prompts"], command["batch"]
            yes, no = torch.tensor(command["yes"]), torch.tensor(command["no"])
            order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))
            scores = [0.0] * len(prompts)
            t0 = time.perf_counter()
            for start in range(0, len(order), size):
                chunk = order[start:start + size]
                probs = torch.softmax(last_logits(model, [prompts[i] for i in chunk]).double(), dim=-1)
                p_yes, p_no = probs[:, yes].sum(-1), probs[:, no].sum(-1)
                for i, s in zip(chunk, (p_yes / (p_yes + p_no)).tolist()):
                    scores[i] = s
            print(json.dumps({"seconds": time.perf_counter() - t0, "scores": scores}), flush=True)


if __name__ == "__main__":
    main()
