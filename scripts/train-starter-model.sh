#!/usr/bin/env bash
# Regenerates the bundled starter model (docs/starter-model.md):
#   1. resources/starter/generate_corpus.py writes the corpus, the tokenizer, the fine-tuning
#      sample and the relevance rows with their held-out check (deterministic);
#   2. train-starter-model trains a random Llama-architecture model on the corpus without the
#      relevance rows (stage 1) and writes resources/starter/model: the bundled model;
#   3. with --relevance, it then continues from those weights on the whole corpus, relevance rows
#      included, in two runs (stage 2, the reranking prompt; an experiment, not bundled: see
#      docs/starter-model.md), and writes resources/starter/model again;
#   4. with --measure, the sample benchmark is scored before and after the bundled fine-tuning
#      example, and the rerankers on upstream's semantic cases and the held-out relevance set.
# Usage: scripts/train-starter-model.sh [--measure] [--relevance] [--continue] [stage-1 train options]
#   --continue  skip stage 1: continue from the model in resources/starter/model (with --relevance)
# Needs a configured build folder (scripts/workbench.sh sets one up); $WB_BUILD_DIR or build/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${WB_BUILD_DIR:-$here/build}"
measure=0
stage1=1
stage2=0
while [ $# -gt 0 ]; do
  case "$1" in
    --measure) measure=1; shift ;;
    --relevance) stage2=1; shift ;;
    --continue) stage1=0; stage2=1; shift ;;
    *) break ;;
  esac
done

(cd "$here/resources/starter" && python3 generate_corpus.py)
cmake --build "$build" --target train-starter-model
tool="$build/tools/train_starter/train-starter-model"
model="$here/resources/starter/model"
if [ "$stage1" = 1 ]; then
  "$tool" train --resources "$here/resources" --exclude relevance.jsonl "$@"
fi
# Each run reads its start from $model and writes its result there (the copy happens after the
# last step, so the start stays intact while it trains).
if [ "$stage2" = 1 ]; then
  "$tool" train --resources "$here/resources" --from "$model" --epochs 2 --max-steps 200 --lr 2e-3 --warmup 30
  "$tool" train --resources "$here/resources" --from "$model" --epochs 1 --lr 1.5e-3 --warmup 20
fi
if [ "$measure" = 1 ]; then
  "$tool" measure --resources "$here/resources"
  "$tool" rerank --resources "$here/resources"
fi
