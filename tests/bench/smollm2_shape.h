#pragma once

// The shape of SmolLM2-135M (HuggingFaceTB/SmolLM2-135M-Instruct's config.json), which the
// benchmarks write with random weights: a real small model's cost without downloading one.

#include "engine/models/model_config.h"

inline wb::engine::ModelConfig smolLm2Shape()
{
    wb::engine::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = 49152;
    c.hiddenSize = 576;
    c.intermediateSize = 1536;
    c.numLayers = 30;
    c.numHeads = 9;
    c.numKvHeads = 3;
    c.headDim = 64;
    c.maxPositionEmbeddings = 8192;
    c.rmsNormEps = 1e-5;
    c.ropeTheta = 100000;
    c.tieWordEmbeddings = true;
    c.bosTokenId = 0;
    c.eosTokenIds = {0};
    return c;
}
