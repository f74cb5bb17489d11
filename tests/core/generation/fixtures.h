#pragma once

// Real components for the generation tests: a small byte-level BPE tokenizer.json (GPT-2's byte
// alphabet, a few English merges, <s> as BOS through a TemplateProcessing post-processor, ChatML
// special tokens) and a random tiny Llama model folder of exactly the tokenizer's vocabulary,
// written by the project's own writeRandomModel.

#include "engine/models/model_config.h"
#include "engine/models/tokenizer_json.h"

#include <QString>

#include <string>

namespace fixture {

//! The tokenizer.json document.
wb::engine::TokJson tokenizerJson();
//! Number of ids the tokenizer uses (vocabulary and added tokens).
int tokenizerSize();

//! ChatML with a leading {{ bos_token }} (so the tokenizer must not add a second BOS).
extern const char *const kChatTemplate;

//! A 2-layer random model with grouped-query attention whose vocabulary matches the tokenizer.
wb::engine::ModelConfig tinyConfig(int maxPositions = 128);

//! Writes a model folder: the random model, tokenizer.json and, when `chatTemplate` is not null,
//! tokenizer_config.json with it (bos <s>, eos <|im_end|>). Fails the test (qFatal) on error.
void writeModelFolder(const QString &folder, const wb::engine::ModelConfig &config,
                      uint64_t seed, const char *chatTemplate = kChatTemplate);

void writeFile(const QString &path, const std::string &text);

} // namespace fixture
