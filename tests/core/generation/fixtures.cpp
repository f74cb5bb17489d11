#include "fixtures.h"

#include "engine/models/causal_lm.h"

#include <QDir>
#include <QFile>
#include <QtGlobal>

#include <utility>
#include <vector>

using wb::engine::TokJson;

namespace fixture {

namespace {

// GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others for U+0100 onwards.
std::string byteSymbol(int b)
{
    static const std::vector<std::string> table = [] {
        std::vector<std::string> t(256);
        int next = 256;
        for (int i = 0; i < 256; ++i) {
            const bool printable = (i >= 33 && i <= 126) || (i >= 161 && i <= 172) || i >= 174;
            const int cp = printable ? i : next++;
            std::string s;
            if (cp < 0x80) {
                s += static_cast<char>(cp);
            } else {
                s += static_cast<char>(0xC0 | (cp >> 6));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            }
            t[static_cast<size_t>(i)] = s;
        }
        return t;
    }();
    return table[static_cast<size_t>(b)];
}

const std::string G = "\xC4\xA0"; // Ġ, the byte-level space

// Merges in order; each result becomes the next vocabulary entry.
const std::vector<std::pair<std::string, std::string>> &merges()
{
    static const std::vector<std::pair<std::string, std::string>> m = {
        {G, "t"},      {"h", "e"},     {G + "t", "he"}, {G, "a"},       {"a", "t"},
        {G, "c"},      {G + "c", "at"}, {G, "s"},       {G + "s", "at"}, {"o", "n"},
        {G, "on"},     {G, "m"},        {G + "m", "at"}, {"l", "l"},     {"e", "ll"},
        {"H", "ell"},  {"Hell", "o"},   {G, "w"},        {"o", "r"},     {G + "w", "or"},
        {G + "wor", "l"}, {G + "worl", "d"}, {"i", "n"}, {G, "in"},      {"i", "s"},
        {G, "is"},     {"e", "r"},      {G, "d"},        {G + "d", "o"}, {G + "do", "g"},
    };
    return m;
}

const std::vector<std::string> kAdded = {"<s>", "<|im_start|>", "<|im_end|>", "<|endoftext|>"};

} // namespace

const char *const kChatTemplate =
    "{{ bos_token }}{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

int tokenizerSize()
{
    return 256 + static_cast<int>(merges().size() + kAdded.size());
}

TokJson tokenizerJson()
{
    TokJson vocab = TokJson::object();
    for (int b = 0; b < 256; ++b)
        vocab[byteSymbol(b)] = b;
    TokJson mergeList = TokJson::array();
    int next = 256;
    for (const auto &[l, r] : merges()) {
        vocab[l + r] = next++;
        mergeList.push_back(l + " " + r);
    }
    TokJson added = TokJson::array();
    for (const std::string &t : kAdded)
        added.push_back({{"id", next++}, {"content", t}, {"special", true}});
    const int bos = 256 + static_cast<int>(merges().size());
    return TokJson{
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", mergeList}}},
        {"pre_tokenizer",
         {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"added_tokens", added},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", TokJson::array({{{"SpecialToken", {{"id", "<s>"}, {"type_id", 0}}}},
                                     {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
          {"special_tokens", {{"<s>", {{"id", "<s>"}, {"ids", {bos}}}}}}}}};
}

wb::engine::ModelConfig tinyConfig(int maxPositions)
{
    wb::engine::ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = tokenizerSize();
    c.hiddenSize = 32;
    c.intermediateSize = 64;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 2;
    c.headDim = 8;
    c.maxPositionEmbeddings = maxPositions;
    c.rmsNormEps = 1e-5;
    c.torchDtype = "float32";
    const int bos = 256 + static_cast<int>(merges().size());
    c.bosTokenId = bos;
    c.eosTokenIds = {bos + 2}; // <|im_end|>
    return c;
}

void writeFile(const QString &path, const std::string &text)
{
    QFile f(path);
    const qint64 n = qint64(text.size());
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), n) != n)
        qFatal("cannot write %s", qPrintable(path));
}

void writeModelFolder(const QString &folder, const wb::engine::ModelConfig &config, uint64_t seed,
                      const char *chatTemplate)
{
    QDir().mkpath(folder);
    // A larger spread than the default 0.02 so that sampling sees distributions that are not
    // nearly uniform.
    const auto s = wb::engine::writeRandomModel(folder, config, seed, 0.2);
    if (!s)
        qFatal("writeRandomModel: %s", s.error().toString().c_str());
    writeFile(QDir(folder).filePath("tokenizer.json"), tokenizerJson().dump());
    if (chatTemplate) {
        const TokJson cfg = {{"chat_template", chatTemplate},
                             {"bos_token", "<s>"},
                             {"eos_token", "<|im_end|>"}};
        writeFile(QDir(folder).filePath("tokenizer_config.json"), cfg.dump());
    }
}

} // namespace fixture
