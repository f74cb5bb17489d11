#!/usr/bin/env bash
# Regenerates the bundled starter model (docs/starter-model.md):
#   1. resources/starter/generate_corpus.py writes the corpus, the tokenizer and the fine-tuning
#      sample (deterministic);
#   2. train-starter-model trains a random Llama-architecture model on the corpus with our engine
#      and writes resources/starter/model;
#   3. with --measure, the sample benchmark is scored before and after the bundled fine-tuning
#      example.
# Usage: scripts/train-starter-model.sh [--measure] [train options, e.g. --epochs 8]
# Needs a configured build folder (scripts/workbench.sh sets one up); $WB_BUILD_DIR or build/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${WB_BUILD_DIR:-$here/build}"
measure=0
if [ "${1:-}" = "--measure" ]; then
  measure=1
  shift
fi

(cd "$here/resources/starter" && python3 generate_corpus.py)
cmake --build "$build" --target train-starter-model
tool="$build/tools/train_starter/train-starter-model"
"$tool" train --resources "$here/resources" "$@"
if [ "$measure" = 1 ]; then
  "$tool" measure --resources "$here/resources"
fi
