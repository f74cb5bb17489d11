#pragma once

// A tiny random Llama in Hugging Face layout for tests that need a model that really runs: the
// engine's writeRandomModel for config.json, model.safetensors and generation_config.json, plus a
// byte-level BPE tokenizer.json over the printable ASCII bytes, '\n' and ChatML's special tokens,
// so every generated token decodes to ASCII and streamed text compares byte for byte. With
// `chatTemplate`, a tokenizer_config.json with ChatML's template; without, the ChatML fallback.

#include "engine/models/causal_lm.h"

#include <QDir>
#include <QFile>

#include <nlohmann/json.hpp>

namespace wb::test {

//! GPT-2's byte-to-unicode map for one byte, UTF-8 encoded.
inline std::string byteLevelSymbol(unsigned char b)
{
    auto printable = [](unsigned int c) {
        return (c >= 33 && c <= 126) || (c >= 161 && c <= 172) || c >= 174;
    };
    unsigned int cp = b;
    if (!printable(b)) {
        unsigned int n = 0; // unprintable bytes map to 256, 257, ... in byte order
        for (unsigned int c = 0; c < b; ++c)
            n += printable(c) ? 0 : 1;
        cp = 256 + n;
    }
    std::string out;
    if (cp < 0x80) {
        out += char(cp);
    } else {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    }
    return out;
}

//! Tokens of the tokenizer writeTinyModel writes: '\n', ' '..'~', 3 specials.
constexpr int kTinyVocab = 1 + 95 + 3;

inline engine::ModelConfig tinyConfig()
{
    engine::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = kTinyVocab;
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
    c.eosTokenIds = {kTinyVocab - 3}; // <|endoftext|>
    return c;
}

inline api::Status writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return api::Error::internal("cannot write " + path.toStdString());
    return {};
}

inline api::Status writeTinyModel(const QString &folder, uint64_t seed = 7, bool chatTemplate = false)
{
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    int next = 0;
    vocab[byteLevelSymbol('\n')] = next++;
    for (int b = 32; b <= 126; ++b)
        vocab[byteLevelSymbol(static_cast<unsigned char>(b))] = next++;
    nlohmann::ordered_json added = nlohmann::ordered_json::array();
    for (const char *special : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}) {
        vocab[special] = next;
        added.push_back({{"id", next}, {"content", special}, {"special", true}});
        ++next;
    }
    const nlohmann::ordered_json tokenizer{
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", nlohmann::ordered_json::array()}}},
        {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"added_tokens", added}};

    if (!QDir().mkpath(folder))
        return api::Error::internal("cannot create " + folder.toStdString());
    // A large init spread, so the logits are far from uniform and greedy answers vary.
    if (auto written = engine::writeRandomModel(folder, tinyConfig(), seed, 0.5); !written)
        return written;
    if (auto w = writeFile(QDir(folder).filePath(QStringLiteral("tokenizer.json")),
                           QByteArray::fromStdString(tokenizer.dump(1)));
        !w)
        return w;
    if (!chatTemplate)
        return {};
    const nlohmann::ordered_json config{
        {"chat_template", "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + "
                          "message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
                          "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"},
        {"eos_token", "<|im_end|>"}};
    return writeFile(QDir(folder).filePath(QStringLiteral("tokenizer_config.json")),
                     QByteArray::fromStdString(config.dump(1)));
}

} // namespace wb::test
