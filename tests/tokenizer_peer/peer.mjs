// Encodes the corpus with the peer implementation (@lenml/tokenizers, a port of transformers.js)
// and writes one JSONL file per tokenizer into the output folder given as argv[2]:
//   {"text": ..., "ids": [...], "ids_special": [...], "roundtrip": bool}
// "ids" is encode without special tokens, "ids_special" with the post-processor applied;
// "roundtrip" says whether the peer's own decode(encode(x)) gives x back, which the C++ test then
// requires of us too.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { TokenizerLoader } from "@lenml/tokenizers";
import { makeCorpus } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const outDir = process.argv[2] || ".";
fs.mkdirSync(outDir, { recursive: true });
const corpus = makeCorpus();

for (const name of ["llama3", "qwen3", "llama2"]) {
  const tokenizerJSON = require(`@lenml/tokenizer-${name}/models/tokenizer.json`);
  const tokenizerConfig = require(`@lenml/tokenizer-${name}/models/tokenizer_config.json`);
  const tok = TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig });
  const lines = [];
  for (const text of corpus) {
    const ids = tok.encode(text, { add_special_tokens: false });
    const idsSpecial = tok.encode(text, { add_special_tokens: true });
    const back = tok.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false });
    lines.push(JSON.stringify({ text, ids, ids_special: idsSpecial, roundtrip: back === text }));
  }
  fs.writeFileSync(path.join(outDir, `expected-${name}.jsonl`), lines.join("\n") + "\n");
  console.log(`${name}: ${corpus.length} strings`);
}
