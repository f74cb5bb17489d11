// The libtorch model runtime: the safetensors reader and writer, config.json parsing, load errors,
// logits against an independent python reference (reference_logits.py, Debian's python3-torch)
// on small random models, and KV-cache equivalence (incremental and batched decoding give the
// logits of a single uncached pass).

#include "engine/models/causal_lm.h"
#include "engine/models/llama_layout.h"
#include "engine/models/model_config.h"
#include "engine/models/safetensors.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <thread>

using namespace wb;
using namespace wb::engine;

namespace {

constexpr double kTolerance = 1e-4;

ModelConfig tinyLlama()
{
    ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = 96;
    c.hiddenSize = 64;
    c.intermediateSize = 96;
    c.numLayers = 2;
    c.numHeads = 4;
    c.numKvHeads = 4;
    c.headDim = 16;
    c.maxPositionEmbeddings = 1024;
    c.rmsNormEps = 1e-5;
    c.ropeTheta = 10000;
    c.tieWordEmbeddings = true;
    c.bosTokenId = 1;
    c.eosTokenIds = {2};
    return c;
}

//! The configurations checked against the python reference, each exercising one feature.
std::vector<std::pair<const char *, ModelConfig>> referenceConfigs()
{
    std::vector<std::pair<const char *, ModelConfig>> out;
    out.emplace_back("llama_tied", tinyLlama());

    ModelConfig llama3 = tinyLlama();
    llama3.numKvHeads = 2; // GQA
    llama3.ropeTheta = 500000;
    // A short original context puts the head's frequencies in all three llama3 bands.
    llama3.ropeScaling = {"llama3", 8.0, 1.0, 4.0, 32};
    out.emplace_back("llama3_scaling_gqa", llama3);

    ModelConfig untied = tinyLlama();
    untied.tieWordEmbeddings = false;
    untied.numKvHeads = 1; // multi-query
    untied.headDim = 24;   // nh * hd != hidden
    untied.attentionBias = true;
    untied.mlpBias = true;
    untied.ropeScaling = {"linear", 2.0, 1.0, 4.0, 8192};
    out.emplace_back("llama_untied_biases_linear", untied);

    ModelConfig qwen = tinyLlama();
    qwen.architecture = "Qwen2ForCausalLM";
    qwen.modelType = "qwen2";
    qwen.numKvHeads = 2;
    qwen.attentionBias = true;
    qwen.ropeTheta = 1000000;
    qwen.rmsNormEps = 1e-6;
    out.emplace_back("qwen2_biases", qwen);

    ModelConfig mistral = tinyLlama();
    mistral.architecture = "MistralForCausalLM";
    mistral.modelType = "mistral";
    mistral.tieWordEmbeddings = false;
    mistral.numKvHeads = 2;
    mistral.numLayers = 3;
    out.emplace_back("mistral_untied", mistral);
    return out;
}

//! Deterministic token sequences over the vocabulary.
std::vector<int> sequence(int length, int seed, int vocab)
{
    std::vector<int> ids;
    for (int i = 0; i < length; ++i)
        ids.push_back(int((uint64_t(seed) * 7919 + uint64_t(i) * 104729 + uint64_t(i * i) * 31) % uint64_t(vocab)));
    return ids;
}

double maxAbsDiff(const float *a, const float *b, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; ++i)
        m = std::max(m, double(std::fabs(a[i] - b[i])));
    return m;
}

//! A safetensors file with raw bytes and any dtype, for what our writer cannot produce (bf16,
//! integer tensors, broken offsets).
struct RawTensor
{
    std::string name;
    std::string dtype;
    std::vector<int64_t> shape;
    QByteArray bytes;
    std::pair<uint64_t, uint64_t> offsets{0, 0}; //!< {0, 0}: laid out one after the other
};

QByteArray rawSafetensors(const std::vector<RawTensor> &tensors, uint64_t fakeHeaderLength = 0)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    QByteArray data;
    for (const auto &t : tensors) {
        auto offsets = t.offsets;
        if (offsets == std::pair<uint64_t, uint64_t>{0, 0})
            offsets = {uint64_t(data.size()), uint64_t(data.size() + t.bytes.size())};
        header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {offsets.first, offsets.second}}};
        data += t.bytes;
    }
    const std::string text = header.dump();
    const uint64_t length = fakeHeaderLength ? fakeHeaderLength : text.size();
    QByteArray out;
    for (int i = 0; i < 8; ++i)
        out += char((length >> (8 * i)) & 0xff);
    return out + QByteArray::fromStdString(text) + data;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray floatBytes(const std::vector<float> &v)
{
    return QByteArray(reinterpret_cast<const char *>(v.data()), int(v.size() * sizeof(float)));
}

uint16_t toBf16(float f) // round to nearest even
{
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    bits += 0x7fff + ((bits >> 16) & 1);
    return uint16_t(bits >> 16);
}

float fromBf16(uint16_t h)
{
    const uint32_t bits = uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}

bool contains(const api::Error &e, const std::string &what)
{
    return e.detail.find(what) != std::string::npos;
}

std::shared_ptr<const CausalLm> loadOrFail(const QString &folder)
{
    auto m = CausalLm::load(folder);
    if (!m)
        qWarning("load failed: %s", m.error().toString().c_str());
    return m ? m.value() : nullptr;
}

} // namespace

class TestCausalLm : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString modelFolder(const char *name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    //! Writes `config` with seed 7 into a fresh folder named `name`.
    QString writeModel(const char *name, const ModelConfig &config, double initStd = 0.15)
    {
        const QString folder = modelFolder(name);
        QDir(folder).removeRecursively();
        const auto s = writeRandomModel(folder, config, 7, initStd);
        if (!s)
            qFatal("writeRandomModel: %s", s.error().toString().c_str());
        return folder;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // --- safetensors --------------------------------------------------------------------------

    void safetensorsRoundTrip()
    {
        const std::vector<float> a{1.5f, -2.0f, 3.25f, 0.0f, 1e-8f, -7.0f};
        const std::vector<float> scalar{42.0f};
        std::vector<SafetensorsEntry> entries;
        entries.push_back({"layer.a", {2, 3}, a.data(), {}});
        entries.push_back({"empty", {0, 4}, a.data(), {}});
        entries.push_back({"scalar", {}, scalar.data(), {}});
        entries.push_back({"filled", {5}, nullptr, [](float *out) {
                               for (int i = 0; i < 5; ++i)
                                   out[i] = float(i) * 0.5f;
                           }});
        const QString path = m_dir.filePath("round.safetensors");
        QVERIFY(writeSafetensors(path, entries, {{"format", "pt"}, {"note", "hello"}}));

        auto f = SafetensorsFile::open(path);
        QVERIFY2(f, f ? "" : f.error().toString().c_str());
        QCOMPARE(f.value()->tensors().size(), size_t(4));
        QCOMPARE(f.value()->metadata().at("note"), std::string("hello"));
        const TensorView *ta = f.value()->find("layer.a");
        QVERIFY(ta);
        QCOMPARE(ta->dtype, TensorDtype::F32);
        QCOMPARE(ta->shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(ta->bytes, int64_t(24));
        QCOMPARE(std::memcmp(ta->data, a.data(), 24), 0);
        QCOMPARE(f.value()->find("empty")->numel(), int64_t(0));
        QCOMPARE(f.value()->find("scalar")->shape.size(), size_t(0));
        QCOMPARE(reinterpret_cast<const float *>(f.value()->find("scalar")->data)[0], 42.0f);
        QCOMPARE(reinterpret_cast<const float *>(f.value()->find("filled")->data)[4], 2.0f);
        QVERIFY(!f.value()->find("missing"));
        // Data starts 8-byte aligned, so float tensors can be used in place.
        QCOMPARE(quintptr(ta->data) % 8, quintptr(0));

        // Duplicate names are refused.
        std::vector<SafetensorsEntry> dup{{"x", {1}, a.data(), {}}, {"x", {1}, a.data(), {}}};
        QCOMPARE(writeSafetensors(m_dir.filePath("dup.safetensors"), dup).error().status, 400);
    }

    void safetensorsDtypes()
    {
        const QString path = m_dir.filePath("dtypes.safetensors");
        QByteArray bf(4, 0), i64(16, 0), i32(8, 0), f16(2, 0);
        QVERIFY(writeFile(path, rawSafetensors({{"bf", "BF16", {2}, bf}, {"i64", "I64", {2}, i64},
                                                {"i32", "I32", {2}, i32}, {"h", "F16", {1}, f16}})));
        auto f = SafetensorsFile::open(path);
        QVERIFY2(f, f ? "" : f.error().toString().c_str());
        QCOMPARE(f.value()->find("bf")->dtype, TensorDtype::BF16);
        QCOMPARE(f.value()->find("i64")->dtype, TensorDtype::I64);
        QCOMPARE(f.value()->find("i32")->dtype, TensorDtype::I32);
        QCOMPARE(f.value()->find("h")->dtype, TensorDtype::F16);
    }

    void safetensorsCorrupt_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("mentions"); // besides the file name
        const QByteArray eight = floatBytes({1, 2});
        QTest::newRow("too short") << QByteArray("abc") << "8-byte";
        QTest::newRow("header past end") << rawSafetensors({{"w", "F32", {2}, eight}}, 1 << 20) << "header length";
        QByteArray truncated = rawSafetensors({{"first", "F32", {2}, eight}, {"second", "F32", {2}, eight}});
        truncated.chop(3);
        QTest::newRow("truncated") << truncated << "tensor 'second'";
        QTest::newRow("size vs shape") << rawSafetensors({{"w", "F32", {3}, eight}}) << "tensor 'w'";
        QTest::newRow("overlap") << rawSafetensors({{"a", "F32", {2}, eight}, {"b", "F32", {2}, eight, {4, 12}}})
                                 << "overlap";
        QTest::newRow("bad dtype") << rawSafetensors({{"w", "F99", {2}, eight}}) << "tensor 'w'";
        QByteArray garbage = rawSafetensors({{"w", "F32", {2}, eight}});
        garbage[8] = '#'; // the header's opening brace
        QTest::newRow("bad json") << garbage << "JSON";
    }

    void safetensorsCorrupt()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, mentions);
        const QString path = m_dir.filePath("corrupt.safetensors");
        QVERIFY(writeFile(path, bytes));
        auto f = SafetensorsFile::open(path);
        QVERIFY(!f);
        QCOMPARE(f.error().status, 400);
        QVERIFY2(contains(f.error(), "corrupt.safetensors"), f.error().detail.c_str());
        QVERIFY2(contains(f.error(), mentions.toStdString()), f.error().detail.c_str());
    }

    void safetensorsShardedIndex()
    {
        // Split a model's tensors over two shards with an index, as transformers saves big models.
        const QString single = writeModel("single", tinyLlama());
        const QString sharded = modelFolder("sharded");
        QVERIFY(QDir().mkpath(sharded));
        for (const char *name : {"config.json", "generation_config.json"})
            QVERIFY(QFile::copy(QDir(single).filePath(name), QDir(sharded).filePath(name)));
        auto whole = SafetensorsFile::open(QDir(single).filePath("model.safetensors"));
        QVERIFY(whole);
        std::vector<SafetensorsEntry> shard[2];
        nlohmann::json weightMap = nlohmann::json::object();
        const auto &tensors = whole.value()->tensors();
        for (size_t i = 0; i < tensors.size(); ++i) {
            const int s = i < tensors.size() / 2 ? 0 : 1;
            shard[s].push_back({tensors[i].name, tensors[i].shape,
                                reinterpret_cast<const float *>(tensors[i].data), {}});
            weightMap[tensors[i].name] = s == 0 ? "model-00001-of-00002.safetensors"
                                                : "model-00002-of-00002.safetensors";
        }
        QVERIFY(writeSafetensors(QDir(sharded).filePath("model-00001-of-00002.safetensors"), shard[0]));
        QVERIFY(writeSafetensors(QDir(sharded).filePath("model-00002-of-00002.safetensors"), shard[1]));
        const nlohmann::json index{{"metadata", {{"total_size", 0}}}, {"weight_map", weightMap}};
        QVERIFY(writeFile(QDir(sharded).filePath("model.safetensors.index.json"),
                          QByteArray::fromStdString(index.dump())));

        auto set = SafetensorsSet::openFolder(sharded);
        QVERIFY2(set, set ? "" : set.error().toString().c_str());
        QCOMPARE(set->files().size(), size_t(2));
        QCOMPARE(set->names().size(), tensors.size());
        const SafetensorsFile *file = nullptr;
        QVERIFY(set->find("model.norm.weight", &file));
        QVERIFY(file->path().endsWith("model-00002-of-00002.safetensors"));

        // The sharded model computes exactly what the single file does.
        auto a = loadOrFail(single), b = loadOrFail(sharded);
        QVERIFY(a && b);
        const auto ids = sequence(10, 3, tinyLlama().vocabSize);
        auto la = a->logitsAll(ids), lb = b->logitsAll(ids);
        QVERIFY(la && lb);
        QCOMPARE(la.value(), lb.value());

        // A shard that is gone is named.
        QVERIFY(QFile::remove(QDir(sharded).filePath("model-00002-of-00002.safetensors")));
        auto missing = CausalLm::load(sharded);
        QVERIFY(!missing);
        QCOMPARE(missing.error().status, 400);
        QVERIFY2(contains(missing.error(), "model-00002-of-00002.safetensors"), missing.error().detail.c_str());
    }

    // --- config.json --------------------------------------------------------------------------

    void configSmolLm2()
    {
        // SmolLM2-135M's config.json (abridged to the keys that matter).
        const std::string text = R"({
          "architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
          "hidden_size": 576, "intermediate_size": 1536, "num_hidden_layers": 30,
          "num_attention_heads": 9, "num_key_value_heads": 3, "vocab_size": 49152,
          "max_position_embeddings": 8192, "rms_norm_eps": 1e-05, "rope_theta": 100000,
          "rope_scaling": null, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
          "bos_token_id": 0, "eos_token_id": 0, "attention_bias": false, "head_dim": null})";
        auto c = ModelConfig::fromJsonText(text, "config.json");
        QVERIFY2(c, c ? "" : c.error().toString().c_str());
        QCOMPARE(c->headDim, 64);
        QCOMPARE(c->numKvHeads, 3);
        QCOMPARE(c->ropeTheta, 100000.0);
        QVERIFY(c->tieWordEmbeddings);
        QCOMPARE(c->torchDtype, std::string("bfloat16"));
        QCOMPARE(c->eosTokenIds, std::vector<int>{0});
        QCOMPARE(c->parameterCount(), int64_t(134515008)); // what transformers reports

        // toJsonText reads back to the same config.
        auto back = ModelConfig::fromJsonText(c->toJsonText(), "written");
        QVERIFY(back);
        QCOMPARE(back->toJsonText(), c->toJsonText());
        QCOMPARE(back->parameterCount(), c->parameterCount());
    }

    void configLlama3Qwen2()
    {
        auto llama = ModelConfig::fromJsonText(R"({"architectures": ["LlamaForCausalLM"], "vocab_size": 128256,
            "hidden_size": 2048, "intermediate_size": 8192, "num_hidden_layers": 16, "num_attention_heads": 32,
            "num_key_value_heads": 8, "rope_theta": 500000.0, "eos_token_id": [128001, 128008, 128009],
            "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                             "original_max_position_embeddings": 8192, "rope_type": "llama3"}})",
                                               "config.json");
        QVERIFY2(llama, llama ? "" : llama.error().toString().c_str());
        QCOMPARE(llama->ropeScaling.type, std::string("llama3"));
        QCOMPARE(llama->ropeScaling.factor, 32.0);
        QCOMPARE(llama->eosTokenIds, (std::vector<int>{128001, 128008, 128009}));
        QCOMPARE(llama->headDim, 64);

        auto qwen = ModelConfig::fromJsonText(R"({"architectures": ["Qwen2ForCausalLM"], "vocab_size": 151936,
            "hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24, "num_attention_heads": 14,
            "num_key_value_heads": 2, "tie_word_embeddings": true, "use_sliding_window": false,
            "sliding_window": 32768})",
                                              "config.json");
        QVERIFY(qwen);
        QVERIFY(qwen->attentionBias);
        QVERIFY(!qwen->slidingWindow);
        QCOMPARE(qwen->parameterCount(), int64_t(494032768)); // Qwen2.5-0.5B, as transformers counts
    }

    void configErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        const QString base = R"("vocab_size": 10, "hidden_size": 8, "intermediate_size": 8,
                                "num_hidden_layers": 1, "num_attention_heads": 2)";
        QTest::newRow("architecture") << R"({"architectures": ["GPT2LMHeadModel"], )" + base + "}"
                                      << "GPT2LMHeadModel";
        QTest::newRow("missing key") << R"({"architectures": ["LlamaForCausalLM"], "vocab_size": 10})"
                                     << "hidden_size: field required";
        QTest::newRow("wrong type") << R"({"architectures": ["LlamaForCausalLM"], "rope_theta": "big", )" + base + "}"
                                    << "rope_theta";
        QTest::newRow("rope type") << R"({"architectures": ["LlamaForCausalLM"], "rope_scaling": {"rope_type": "yarn", "factor": 4}, )"
                                          + base + "}"
                                   << "rope_scaling.rope_type";
        QTest::newRow("kv heads") << R"({"architectures": ["LlamaForCausalLM"], "num_key_value_heads": 3, )" + base + "}"
                                  << "num_key_value_heads";
        QTest::newRow("activation") << R"({"architectures": ["LlamaForCausalLM"], "hidden_act": "gelu", )" + base + "}"
                                    << "hidden_act";
        QTest::newRow("not json") << "{nope" << "JSON";
    }

    void configErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        auto c = ModelConfig::fromJsonText(text.toStdString(), "some/config.json");
        QVERIFY(!c);
        QCOMPARE(c.error().status, 400);
        QVERIFY2(contains(c.error(), "some/config.json"), c.error().detail.c_str());
        QVERIFY2(contains(c.error(), mentions.toStdString()), c.error().detail.c_str());
    }

    void configFromFolder()
    {
        const QString folder = modelFolder("config_only");
        QVERIFY(QDir().mkpath(folder));
        auto missing = ModelConfig::fromFolder(folder);
        QVERIFY(!missing);
        QVERIFY2(contains(missing.error(), "config.json"), missing.error().detail.c_str());

        ModelConfig c = tinyLlama();
        QVERIFY(writeFile(QDir(folder).filePath("config.json"), QByteArray::fromStdString(c.toJsonText())));
        QVERIFY(writeFile(QDir(folder).filePath("generation_config.json"),
                          R"({"eos_token_id": [2, 5], "temperature": 0.6, "top_p": 0.9, "do_sample": true,
                              "max_new_tokens": 40})"));
        auto read = ModelConfig::fromFolder(folder);
        QVERIFY(read);
        QCOMPARE(read->eosTokenIds, (std::vector<int>{2, 5})); // merged, without duplicates
        auto gen = GenerationDefaults::fromFolder(folder);
        QVERIFY(gen);
        QCOMPARE(*gen->temperature, 0.6);
        QCOMPARE(*gen->topP, 0.9);
        QVERIFY(!gen->topK);
        QCOMPARE(*gen->doSample, true);
        QCOMPARE(*gen->maxNewTokens, 40);

        QVERIFY(writeFile(QDir(folder).filePath("generation_config.json"), R"({"top_k": "many"})"));
        auto bad = GenerationDefaults::fromFolder(folder);
        QVERIFY(!bad);
        QVERIFY2(contains(bad.error(), "generation_config.json") && contains(bad.error(), "top_k"),
                 bad.error().detail.c_str());
    }

    // --- loading ------------------------------------------------------------------------------

    void loadReportsShapes()
    {
        const ModelConfig c = referenceConfigs()[2].second;
        auto m = loadOrFail(writeModel("shapes", c));
        QVERIFY(m);
        QCOMPARE(m->parameterCount(), c.parameterCount());
        QVERIFY(m->weightBytes() >= c.parameterCount() * 4);
        QCOMPARE(m->config().headDim, 24);
    }

    void loadErrors()
    {
        const QString folder = writeModel("errors", tinyLlama());
        const QString configPath = QDir(folder).filePath("config.json");

        // The config says the MLP is wider than the tensors are.
        ModelConfig wide = tinyLlama();
        wide.intermediateSize = 128;
        QVERIFY(writeFile(configPath, QByteArray::fromStdString(wide.toJsonText())));
        auto shape = CausalLm::load(folder);
        QVERIFY(!shape);
        QCOMPARE(shape.error().status, 400);
        QVERIFY2(contains(shape.error(), "model.safetensors")
                     && contains(shape.error(), "model.layers.0.mlp.gate_proj.weight")
                     && contains(shape.error(), "[96, 64]") && contains(shape.error(), "[128, 64]"),
                 shape.error().detail.c_str());

        // Untied embeddings need lm_head.weight, which a tied model doesn't have.
        ModelConfig untied = tinyLlama();
        untied.tieWordEmbeddings = false;
        QVERIFY(writeFile(configPath, QByteArray::fromStdString(untied.toJsonText())));
        auto missing = CausalLm::load(folder);
        QVERIFY(!missing);
        QVERIFY2(contains(missing.error(), "model.safetensors") && contains(missing.error(), "'lm_head.weight'"),
                 missing.error().detail.c_str());

        // An unsupported architecture names config.json and the architecture.
        QVERIFY(writeFile(configPath, R"({"architectures": ["FalconForCausalLM"], "vocab_size": 96})"));
        auto arch = CausalLm::load(folder);
        QVERIFY(!arch);
        QVERIFY2(contains(arch.error(), "config.json") && contains(arch.error(), "FalconForCausalLM"),
                 arch.error().detail.c_str());

        // No weights at all.
        QVERIFY(writeFile(configPath, QByteArray::fromStdString(tinyLlama().toJsonText())));
        QVERIFY(QFile::remove(QDir(folder).filePath("model.safetensors")));
        auto noWeights = CausalLm::load(folder);
        QVERIFY(!noWeights);
        QVERIFY2(contains(noWeights.error(), "model.safetensors"), noWeights.error().detail.c_str());

        // An integer tensor where a weight belongs.
        ModelConfig one = tinyLlama();
        one.numLayers = 1;
        one.vocabSize = 4;
        one.hiddenSize = 2;
        one.numHeads = 1;
        one.numKvHeads = 1;
        one.headDim = 2;
        one.intermediateSize = 2;
        QVERIFY(writeFile(configPath, QByteArray::fromStdString(one.toJsonText())));
        std::vector<RawTensor> raw;
        for (const auto &t : llamaLayout(one)) {
            int64_t n = 1;
            for (int64_t d : t.shape)
                n *= d;
            const bool integer = t.name == "model.layers.0.self_attn.k_proj.weight";
            raw.push_back({t.name, integer ? "I32" : "F32", t.shape, QByteArray(int(n * 4), 0)});
        }
        QVERIFY(writeFile(QDir(folder).filePath("model.safetensors"), rawSafetensors(raw)));
        auto dtype = CausalLm::load(folder);
        QVERIFY(!dtype);
        QVERIFY2(contains(dtype.error(), "model.layers.0.self_attn.k_proj.weight") && contains(dtype.error(), "I32"),
                 dtype.error().detail.c_str());

        auto notFolder = CausalLm::load(modelFolder("nowhere"));
        QVERIFY(!notFolder);
        QCOMPARE(notFolder.error().status, 400);
    }

    void bf16Weights()
    {
        // The same model stored as bf16 and as float32 holding the bf16-rounded values: loading
        // converts bf16 exactly, so the logits are identical.
        const ModelConfig c = referenceConfigs()[1].second;
        const QString source = writeModel("bf16_source", c);
        const QString bf16 = modelFolder("bf16"), f32 = modelFolder("bf16_as_f32");
        auto file = SafetensorsFile::open(QDir(source).filePath("model.safetensors"));
        QVERIFY(file);
        std::vector<RawTensor> raw;
        std::vector<std::vector<float>> rounded;
        for (const auto &t : file.value()->tensors()) {
            const auto *p = reinterpret_cast<const float *>(t.data);
            QByteArray bytes;
            std::vector<float> r;
            for (int64_t i = 0; i < t.numel(); ++i) {
                const uint16_t h = toBf16(p[i]);
                bytes.append(char(h & 0xff)).append(char(h >> 8));
                r.push_back(fromBf16(h));
            }
            raw.push_back({t.name, "BF16", t.shape, bytes});
            rounded.push_back(std::move(r));
        }
        std::vector<SafetensorsEntry> entries;
        for (size_t i = 0; i < raw.size(); ++i)
            entries.push_back({raw[i].name, raw[i].shape, rounded[i].data(), {}});
        for (const QString &folder : {bf16, f32}) {
            QVERIFY(QDir().mkpath(folder));
            QVERIFY(QFile::copy(QDir(source).filePath("config.json"), QDir(folder).filePath("config.json")));
        }
        QVERIFY(writeFile(QDir(bf16).filePath("model.safetensors"), rawSafetensors(raw)));
        QVERIFY(writeSafetensors(QDir(f32).filePath("model.safetensors"), entries));

        auto a = loadOrFail(bf16), b = loadOrFail(f32);
        QVERIFY(a && b);
        const auto ids = sequence(12, 5, c.vocabSize);
        auto la = a->logitsAll(ids), lb = b->logitsAll(ids);
        QVERIFY(la && lb);
        QCOMPARE(la.value(), lb.value());
    }

    // --- numerics -----------------------------------------------------------------------------

    void matchesPythonReference()
    {
        // All models in one python run (torch takes a while to import).
        const auto configs = referenceConfigs();
        nlohmann::json request{{"models", nlohmann::json::array()}};
        std::vector<std::vector<std::vector<int>>> sequences;
        for (size_t i = 0; i < configs.size(); ++i) {
            const QString folder = writeModel(configs[i].first, configs[i].second);
            sequences.push_back({sequence(17, int(i) + 1, configs[i].second.vocabSize),
                                 sequence(5, int(i) + 11, configs[i].second.vocabSize), {3}});
            if (i == 0) // longer than one chunk (512 tokens), so long inputs run in pieces
                sequences.back().push_back(sequence(600, 99, configs[i].second.vocabSize));
            request["models"].push_back({{"folder", folder.toStdString()}, {"sequences", sequences.back()}});
        }
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral(WB_SOURCE_DIR "/tests/core/causal_lm/reference_logits.py")});
        QVERIFY2(python.waitForStarted(), "cannot start /usr/bin/python3 (install python3-torch)");
        python.write(QByteArray::fromStdString(request.dump()));
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(180000));
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 python.readAllStandardError().constData());
        const auto response = nlohmann::json::parse(python.readAllStandardOutput().toStdString());

        for (size_t i = 0; i < configs.size(); ++i) {
            auto model = loadOrFail(modelFolder(configs[i].first));
            QVERIFY(model);
            const int vocab = configs[i].second.vocabSize;
            for (size_t s = 0; s < sequences[i].size(); ++s) {
                const auto &ids = sequences[i][s];
                auto ours = model->logitsAll(ids);
                QVERIFY(ours);
                const auto &ref = response["models"][i]["logits"][s];
                QCOMPARE(ref.size(), ids.size());
                double diff = 0, magnitude = 0;
                for (size_t t = 0; t < ids.size(); ++t)
                    for (int v = 0; v < vocab; ++v) {
                        const double r = ref[t][size_t(v)].get<double>();
                        diff = std::max(diff, std::fabs(r - double(ours.value()[t * size_t(vocab) + size_t(v)])));
                        magnitude = std::max(magnitude, std::fabs(r));
                    }
                qInfo("%s, %zu tokens: max |logit| %.3f, max abs difference %.2e", configs[i].first, ids.size(),
                      magnitude, diff);
                QVERIFY2(magnitude > 0.5, "logits too small to tell anything apart");
                QVERIFY2(diff <= kTolerance, configs[i].first);
            }
        }
    }

    void ropeScalingIsExercised()
    {
        // The scaled configs must give logits that differ from unscaled ones by far more than the
        // tolerance, or the python comparison would not notice a scaling bug.
        for (int which : {1, 2}) {
            const auto [name, c] = referenceConfigs()[size_t(which)];
            ModelConfig plain = c;
            plain.ropeScaling = RopeScaling{};
            auto scaled = loadOrFail(writeModel(name, c));
            auto unscaled = loadOrFail(writeModel("unscaled", plain)); // same seed, same weights
            QVERIFY(scaled && unscaled);
            const auto ids = sequence(24, 4, c.vocabSize);
            auto a = scaled->logitsAll(ids), b = unscaled->logitsAll(ids);
            QVERIFY(a && b);
            const double diff = maxAbsDiff(a->data(), b->data(), a->size());
            QVERIFY2(diff > 100 * kTolerance, qPrintable(QStringLiteral("%1: %2").arg(name).arg(diff)));
        }
    }

    void concurrentForward()
    {
        // One loaded model, several threads, each with its own state: the same logits as alone.
        const auto [name, c] = referenceConfigs()[3];
        auto model = loadOrFail(writeModel(name, c));
        QVERIFY(model);
        std::vector<std::vector<int>> inputs;
        std::vector<std::vector<float>> alone(4);
        for (int i = 0; i < 4; ++i) {
            inputs.push_back(sequence(12 + i, 30 + i, c.vocabSize));
            auto l = model->logitsAll(inputs.back());
            QVERIFY(l);
            alone[size_t(i)] = l.value();
        }
        std::vector<std::vector<float>> together(4);
        std::vector<std::thread> threads;
        for (size_t i = 0; i < 4; ++i)
            threads.emplace_back([&, i] {
                for (int repeat = 0; repeat < 5; ++repeat) {
                    auto l = model->logitsAll(inputs[i]);
                    if (l)
                        together[i] = l.value();
                }
            });
        for (auto &t : threads)
            t.join();
        for (size_t i = 0; i < 4; ++i)
            QCOMPARE(together[i], alone[i]);
    }

    void kvCacheIncremental()
    {
        for (int which : {1, 2, 3}) {
            const auto [name, c] = referenceConfigs()[size_t(which)];
            auto model = loadOrFail(writeModel(name, c));
            QVERIFY(model);
            const auto ids = sequence(20, 9, c.vocabSize);
            auto all = model->logitsAll(ids);
            QVERIFY(all);
            const size_t V = size_t(c.vocabSize);

            auto state = model->newState(1, 24);
            QVERIFY(state);
            // A prompt of 7, a chunk of 3, then one token at a time.
            size_t pos = 0;
            for (size_t chunk : {7, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}) {
                const std::vector<int> piece(ids.begin() + long(pos), ids.begin() + long(pos + chunk));
                auto logits = model->forward(*state.value(), {piece});
                QVERIFY2(logits, logits ? "" : logits.error().toString().c_str());
                pos += chunk;
                QCOMPARE(state.value()->length(0), int(pos));
                const double diff = maxAbsDiff(logits->data(), all->data() + (pos - 1) * V, V);
                QVERIFY2(diff <= kTolerance, qPrintable(QStringLiteral("%1 at %2: %3").arg(name).arg(pos).arg(diff)));
            }
        }
    }

    void kvCacheBatched()
    {
        const auto [name, c] = referenceConfigs()[1]; // GQA + llama3 rope
        auto model = loadOrFail(writeModel(name, c));
        QVERIFY(model);
        const size_t V = size_t(c.vocabSize);
        const std::vector<std::vector<int>> full{sequence(16, 21, c.vocabSize), sequence(9, 22, c.vocabSize),
                                                 sequence(13, 23, c.vocabSize)};
        std::vector<std::vector<float>> reference;
        for (const auto &ids : full) {
            auto all = model->logitsAll(ids);
            QVERIFY(all);
            reference.push_back(all.value());
        }
        // Tokens each sequence appends per step: different prompt lengths, then a mix of single
        // tokens, pauses (0) and chunks.
        const std::vector<std::vector<size_t>> steps{{6, 2, 9}, {1, 1, 1}, {1, 0, 1}, {3, 1, 0},
                                                     {1, 2, 1}, {0, 1, 1}, {4, 2, 0}};
        auto state = model->newState(3, 20);
        QVERIFY(state);
        std::vector<size_t> pos(3, 0);
        for (const auto &step : steps) {
            std::vector<std::vector<int>> tokens(3);
            for (size_t b = 0; b < 3; ++b)
                tokens[b].assign(full[b].begin() + long(pos[b]), full[b].begin() + long(pos[b] + step[b]));
            auto logits = model->forward(*state.value(), tokens);
            QVERIFY2(logits, logits ? "" : logits.error().toString().c_str());
            QCOMPARE(logits->size(), 3 * V);
            for (size_t b = 0; b < 3; ++b) {
                pos[b] += step[b];
                QCOMPARE(state.value()->length(int(b)), int(pos[b]));
                if (step[b] == 0)
                    continue;
                const double diff = maxAbsDiff(logits->data() + b * V, reference[b].data() + (pos[b] - 1) * V, V);
                QVERIFY2(diff <= kTolerance, qPrintable(QStringLiteral("sequence %1 at %2: %3").arg(b).arg(pos[b]).arg(diff)));
            }
        }
        for (size_t b = 0; b < 3; ++b)
            QCOMPARE(pos[b], full[b].size());

        // Equal lengths, one token each: the unmasked batched path, with few rows (gemv per row)
        // and with more (gemm).
        for (size_t batch : {2, 6}) {
            std::vector<std::vector<int>> seqs;
            std::vector<std::vector<float>> refs;
            for (size_t i = 0; i < batch; ++i) {
                seqs.push_back(sequence(8, 50 + int(i), c.vocabSize));
                auto all = model->logitsAll(seqs.back());
                QVERIFY(all);
                refs.push_back(all.value());
            }
            auto uniform = model->newState(int(batch), 16);
            QVERIFY(uniform);
            for (size_t p = 0; p < 8; ++p) {
                std::vector<std::vector<int>> step;
                for (const auto &seq : seqs)
                    step.push_back({seq[p]});
                auto logits = model->forward(*uniform.value(), step);
                QVERIFY(logits);
                for (size_t b = 0; b < batch; ++b)
                    QVERIFY(maxAbsDiff(logits->data() + b * V, refs[b].data() + p * V, V) <= kTolerance);
            }
        }
    }

    void longPromptsInChunks()
    {
        // A batch whose longest prompt exceeds one chunk (512 tokens): the short sequence ends in
        // the first chunk, the long one in the second.
        const auto [name, c] = referenceConfigs()[1];
        auto model = loadOrFail(writeModel(name, c));
        QVERIFY(model);
        const size_t V = size_t(c.vocabSize);
        const std::vector<std::vector<int>> prompts{sequence(530, 41, c.vocabSize), sequence(20, 42, c.vocabSize)};
        auto state = model->newState(2, 540);
        QVERIFY(state);
        auto logits = model->forward(*state.value(), prompts);
        QVERIFY(logits);
        for (size_t b = 0; b < 2; ++b) {
            auto all = model->logitsAll(prompts[b]);
            QVERIFY(all);
            const double diff = maxAbsDiff(logits->data() + b * V, all->data() + (prompts[b].size() - 1) * V, V);
            QVERIFY2(diff <= kTolerance, qPrintable(QStringLiteral("sequence %1: %2").arg(b).arg(diff)));
        }
        QCOMPARE(state.value()->length(0), 530);
        QCOMPARE(state.value()->length(1), 20);
    }

    void forwardErrors()
    {
        auto model = loadOrFail(writeModel("forward_errors", tinyLlama()));
        QVERIFY(model);
        QCOMPARE(model->newState(0, 8).error().status, 400);
        QCOMPARE(model->newState(1, tinyLlama().maxPositionEmbeddings + 1).error().status, 400);
        auto state = model->newState(2, 4);
        QVERIFY(state);
        auto wrongBatch = model->forward(*state.value(), {{1}});
        QCOMPARE(wrongBatch.error().status, 400);
        auto outOfVocab = model->forward(*state.value(), {{1}, {tinyLlama().vocabSize}});
        QVERIFY(!outOfVocab);
        QVERIFY2(contains(outOfVocab.error(), "tokens[1][0]"), outOfVocab.error().detail.c_str());
        auto tooLong = model->forward(*state.value(), {{1, 2, 3}, {1, 2, 3, 4, 5}});
        QVERIFY(!tooLong);
        QVERIFY2(contains(tooLong.error(), "tokens[1]") && contains(tooLong.error(), "maxLength"),
                 tooLong.error().detail.c_str());
        // A failed call leaves the state as it was.
        QCOMPARE(state.value()->length(0), 0);
        QVERIFY(model->forward(*state.value(), {{1, 2, 3, 4}, {}}));
        QCOMPARE(state.value()->length(0), 4);
        QCOMPARE(state.value()->length(1), 0);
        QCOMPARE(model->forward(*state.value(), {{5}, {}}).error().status, 400);
        auto empty = model->logitsAll({});
        QVERIFY(empty);
        QVERIFY(empty->empty());
    }
};

QTEST_GUILESS_MAIN(TestCausalLm)
#include "tst_causal_lm.moc"
