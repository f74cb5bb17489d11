#!/usr/bin/env python3
"""Writes a tiny random Llama in Hugging Face layout, for the conformance suite's inference tests.

    make_tiny_model.py FOLDER [SEED]

config.json, generation_config.json, model.safetensors (float32) and a byte-level BPE
tokenizer.json whose vocabulary is '\\n', the printable ASCII bytes and ChatML's special tokens
(every generated token decodes to ASCII). No tokenizer_config.json: the workbench uses its ChatML
fallback. Standard library only, so it runs wherever the suite does; the C++ tests make the same
kind of model with the engine's own writer (tests/core/models_http/tiny_model.h).
"""

import json
import os
import random
import struct
import sys

HIDDEN, INTERMEDIATE, LAYERS, HEADS, KV_HEADS, HEAD_DIM = 32, 64, 2, 4, 2, 8
INIT_STD = 0.5


def byte_level_symbol(b):
    """GPT-2's byte-to-unicode map."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    if b in printable:
        return chr(b)
    return chr(256 + [c for c in range(256) if c not in printable].index(b))


def tokenizer():
    vocab = {byte_level_symbol(10): 0}
    for b in range(32, 127):
        vocab[byte_level_symbol(b)] = len(vocab)
    added = []
    for special in ('<|endoftext|>', '<|im_start|>', '<|im_end|>'):
        added.append({'id': len(vocab), 'content': special, 'special': True})
        vocab[special] = len(vocab)
    return {
        'model': {'type': 'BPE', 'vocab': vocab, 'merges': []},
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'use_regex': True},
        'decoder': {'type': 'ByteLevel'},
        'added_tokens': added,
    }


def write_safetensors(path, tensors):
    """tensors: list of (name, shape, list of floats)."""
    header, offset = {}, 0
    for name, shape, values in tensors:
        size = 4 * len(values)
        header[name] = {'dtype': 'F32', 'shape': shape, 'data_offsets': [offset, offset + size]}
        offset += size
    header['__metadata__'] = {'format': 'pt'}
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for _, _, values in tensors:
            f.write(struct.pack('<%df' % len(values), *values))


def main():
    folder = sys.argv[1]
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    os.makedirs(folder, exist_ok=True)
    tok = tokenizer()
    vocab_size = len(tok['model']['vocab'])
    eos = vocab_size - 3  # <|endoftext|>

    def matrix(rows, cols):
        return [rows, cols], [rng.gauss(0.0, INIT_STD) for _ in range(rows * cols)]

    tensors = [('model.embed_tokens.weight', *matrix(vocab_size, HIDDEN))]
    for i in range(LAYERS):
        p = 'model.layers.%d.' % i
        tensors += [
            (p + 'input_layernorm.weight', [HIDDEN], [1.0] * HIDDEN),
            (p + 'self_attn.q_proj.weight', *matrix(HEADS * HEAD_DIM, HIDDEN)),
            (p + 'self_attn.k_proj.weight', *matrix(KV_HEADS * HEAD_DIM, HIDDEN)),
            (p + 'self_attn.v_proj.weight', *matrix(KV_HEADS * HEAD_DIM, HIDDEN)),
            (p + 'self_attn.o_proj.weight', *matrix(HIDDEN, HEADS * HEAD_DIM)),
            (p + 'post_attention_layernorm.weight', [HIDDEN], [1.0] * HIDDEN),
            (p + 'mlp.gate_proj.weight', *matrix(INTERMEDIATE, HIDDEN)),
            (p + 'mlp.up_proj.weight', *matrix(INTERMEDIATE, HIDDEN)),
            (p + 'mlp.down_proj.weight', *matrix(HIDDEN, INTERMEDIATE)),
        ]
    tensors.append(('model.norm.weight', [HIDDEN], [1.0] * HIDDEN))
    write_safetensors(os.path.join(folder, 'model.safetensors'), tensors)

    config = {
        'architectures': ['LlamaForCausalLM'], 'model_type': 'llama', 'vocab_size': vocab_size,
        'hidden_size': HIDDEN, 'intermediate_size': INTERMEDIATE, 'num_hidden_layers': LAYERS,
        'num_attention_heads': HEADS, 'num_key_value_heads': KV_HEADS, 'head_dim': HEAD_DIM,
        'hidden_act': 'silu', 'max_position_embeddings': 512, 'rms_norm_eps': 1e-5,
        'rope_theta': 10000.0, 'tie_word_embeddings': True, 'torch_dtype': 'float32',
        'eos_token_id': eos,
    }
    with open(os.path.join(folder, 'config.json'), 'w') as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(folder, 'generation_config.json'), 'w') as f:
        json.dump({'eos_token_id': eos}, f, indent=1)
    with open(os.path.join(folder, 'tokenizer.json'), 'w') as f:
        json.dump(tok, f, indent=1)


if __name__ == '__main__':
    main()
