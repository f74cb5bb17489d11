#pragma once

// Like tests/support/tiny_model.h but without any end-of-sequence token: writeRandomModel (the engine's own
// writer) for config.json, model.safetensors and generation_config.json, plus a byte-level BPE
// tokenizer.json whose vocabulary is '\n' and the printable ASCII bytes. Every token decodes to
// one ASCII character, so any answer is valid UTF-8 and has as many characters as tokens; there
// is no end-of-sequence token, so a run always goes to max_tokens (or until it is stopped).
// No tokenizer_config.json: the folder gets the documented ChatML fallback.

#include "tiny_model.h" // tests/support: byteLevelSymbol

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace wb::test {

inline engine::ModelConfig asciiModelConfig()
{
    engine::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = 1 + (126 - 32 + 1); // '\n' and ' '..'~'
    c.hiddenSize = 32;
    c.intermediateSize = 64;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = 512;
    c.rmsNormEps = 1e-5;
    c.tieWordEmbeddings = true;
    c.torchDtype = "float32";
    return c;
}

inline api::Status writeAsciiModel(const QString &folder, uint64_t seed = 7)
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    int next = 0;
    vocab[byteLevelSymbol('\n')] = next++;
    for (int b = 32; b <= 126; ++b)
        vocab[byteLevelSymbol(static_cast<unsigned char>(b))] = next++;
    const nlohmann::ordered_json tokenizer{
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", nlohmann::ordered_json::array()}}},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"added_tokens", nlohmann::ordered_json::array()}};

    const engine::ModelConfig c = asciiModelConfig();
    if (next != c.vocabSize)
        return api::Error::internal("tiny model: vocabulary and config disagree");
    if (!QDir().mkpath(folder))
        return api::Error::internal("cannot create " + folder.toStdString());
    // A large init spread, so the logits are far from uniform and greedy answers vary.
    if (auto written = engine::writeRandomModel(folder, c, seed, 0.5); !written)
        return written;
    QFile f(QDir(folder).filePath(QStringLiteral("tokenizer.json")));
    if (!f.open(QIODevice::WriteOnly))
        return api::Error::internal("cannot write " + f.fileName().toStdString());
    f.write(QByteArray::fromStdString(tokenizer.dump(1)));
    return {};
}

} // namespace wb::test
