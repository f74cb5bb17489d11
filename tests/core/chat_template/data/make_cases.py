#!/usr/bin/env python3
"""Regenerates cases.json: the expected renderings of the chat templates in this folder, produced by
Python Jinja2 configured as transformers configures it (trim_blocks, lstrip_blocks, its tojson,
raise_exception, strftime_now). Needs the jinja2 module; the C++ test only reads cases.json."""
import datetime, json, os
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.ext import loopcontrols

here = os.path.dirname(os.path.abspath(__file__))
TODAY = datetime.date(2026, 3, 5)

def raise_exception(message):
    raise ValueError(message)

def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

def render(template, messages, add_generation_prompt, bos, eos, extra):
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: TODAY.strftime(fmt)
    t = env.from_string(template)
    return t.render(messages=messages, add_generation_prompt=add_generation_prompt,
                    bos_token=bos, eos_token=eos, **extra)

S = {"role": "system", "content": "You are terse."}
U1 = {"role": "user", "content": "  Hello there!  "}
A1 = {"role": "assistant", "content": "General Kenobi."}
U2 = {"role": "user", "content": "2+2=?\nAnswer: 日本 😀"}
A_THINK = {"role": "assistant", "content": "<think>\nadd them\n</think>\n\n4"}

cases = []
def add(template, messages, gen=True, bos="", eos="", extra=None):
    extra = extra or {}
    src = open(os.path.join(here, template + ".jinja")).read()
    try:
        expected = {"text": render(src, messages, gen, bos, eos, extra)}
    except ValueError as e:
        expected = {"error": str(e)}
    cases.append({"template": template, "messages": messages, "add_generation_prompt": gen,
                  "bos_token": bos, "eos_token": eos, "variables": extra, **expected})

for gen in (True, False):
    add("llama2", [S, U1, A1, U2], gen, "<s>", "</s>")
    add("llama2", [U1, A1, U2], gen, "<s>", "</s>")
    add("mistral", [U1, A1, U2], gen, "<s>", "</s>")
    add("llama3", [S, U1, A1, U2], gen, "<|begin_of_text|>", "<|end_of_text|>")
    add("llama31", [S, U1, A1, U2], gen, "<|begin_of_text|>", "<|eot_id|>")
    add("llama31", [U1], gen, "<|begin_of_text|>", "<|eot_id|>", {"date_string": "01 Jan 2025"})
    add("llama32", [S, U1], gen, "<|begin_of_text|>", "<|eot_id|>")
    add("smollm2", [U1, A1, U2], gen, "", "<|im_end|>")
    add("smollm2", [S, U1], gen, "", "<|im_end|>")
    add("qwen25", [U1, A1, U2], gen, "", "<|im_end|>")
    add("qwen25", [S, U1], gen, "", "<|im_end|>")
    add("qwen3", [S, U1, A_THINK, U2], gen, "", "<|im_end|>")
    add("qwen3", [U1, A_THINK], gen, "", "<|im_end|>")
    add("qwen3", [U1], gen, "", "<|im_end|>", {"enable_thinking": False})
    add("syntax", [S, U1, A1, U2], gen)
    add("syntax", [S], gen)
# Role errors raised by the templates themselves.
add("llama2", [U1, U2], True, "<s>", "</s>")
add("mistral", [S, U1], True, "<s>", "</s>")

with open(os.path.join(here, "cases.json"), "w") as f:
    json.dump(cases, f, ensure_ascii=False, indent=1)
print(len(cases), "cases")
