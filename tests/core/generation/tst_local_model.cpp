// LocalModel on real model folders (random tiny Llama + byte-level BPE tokenizer): chat with its
// template and one BOS, streamed chunks and usage, batched completions with echo, the folder's
// generation_config defaults, the chat template fallbacks, cancelling and request errors.

#include "fixtures.h"
#include "tests.h"

#include "engine/models/generation.h"
#include "engine/models/local_model.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace wb;
using namespace wb::engine;

namespace {

api::ChatCompletionRequest chatRequest(int64_t maxTokens)
{
    api::ChatCompletionRequest r;
    r.model = "tiny";
    r.messages = {{"system", "You are terse.", std::nullopt},
                  {"user", "Hello world", std::nullopt}};
    r.sampling.max_tokens = maxTokens;
    return r;
}

api::CompletionRequest completionRequest(std::vector<std::string> prompts, int64_t maxTokens)
{
    api::CompletionRequest r;
    r.model = "tiny";
    r.prompts = std::move(prompts);
    r.sampling.max_tokens = maxTokens;
    return r;
}

#define VERIFY_OK(r)                                                                               \
    do {                                                                                           \
        QVERIFY2((r).ok(), (r).ok() ? "" : (r).error().toString().c_str());                      \
    } while (false)

} // namespace

class TestLocalModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const LocalModel> m_model;

    QString folder(const char *name) const { return QDir(m_dir.path()).filePath(name); }

    int tokenId(const char *text) const
    {
        return m_model->tokenizer()->tokenToId(text).value_or(-1);
    }

    //! The answer generate() gives for `prompt` with greedy decoding and <|im_end|> as eos.
    GeneratedSequence direct(const std::vector<int> &prompt, int maxNew) const
    {
        GenerationRequest g;
        g.prompts = {prompt};
        g.maxNewTokens = maxNew;
        g.eosTokenIds = {tokenId("<|im_end|>")};
        auto r = generate(m_model->lm(), *m_model->tokenizer(), g);
        if (!r)
            qFatal("generate: %s", r.error().toString().c_str());
        return r->front();
    }

    void expectBadRequest(const api::ChatCompletionRequest &req, const std::string &field)
    {
        const auto r = m_model->chat("tiny", req, {}, {});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 400);
        QVERIFY2(r.error().detail.rfind(field + ": ", 0) == 0, r.error().detail.c_str());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        fixture::writeModelFolder(folder("main"), fixture::tinyConfig(128), 99);
        auto m = LocalModel::load(folder("main"));
        VERIFY_OK(m);
        m_model = m.value();
        QVERIFY(!m_model->chatTemplate().isFallback());
        QCOMPARE(m_model->chatTemplate().bosToken(), std::string("<s>"));
    }

    void chatStreamsChunksAndUsage()
    {
        api::ChatCompletionRequest req = chatRequest(6);
        req.include_usage = true;
        std::vector<api::ChatCompletionChunk> chunks;
        const auto r = m_model->chat("tiny", req,
                                     [&](const api::ChatCompletionChunk &c) {
                                         chunks.push_back(c);
                                     },
                                     {});
        VERIFY_OK(r);
        QVERIFY(r->id.rfind("chatcmpl-", 0) == 0 && r->id.size() > 20);
        QVERIFY(r->created > 1700000000);
        QCOMPARE(r->model, std::string("tiny"));
        QCOMPARE(r->choices.size(), size_t(1));
        const api::ChatCompletionChoice &choice = r->choices.front();
        QCOMPARE(choice.message.role, std::string("assistant"));

        // The prompt: the template's text with exactly one BOS (the template writes it, so the
        // tokenizer must not add another), and the answer is what generate() gives for it.
        auto text = m_model->chatTemplate().render({{"system", "You are terse."},
                                                    {"user", "Hello world"}});
        VERIFY_OK(text);
        const std::vector<int> prompt = m_model->tokenizer()->encode(*text, false);
        QCOMPARE(prompt.front(), tokenId("<s>"));
        QCOMPARE(std::count(prompt.begin(), prompt.end(), tokenId("<s>")), long(1));
        const GeneratedSequence expected = direct(prompt, 6);
        QVERIFY(!expected.text.empty());
        QCOMPARE(choice.message.content, expected.text);
        QCOMPARE(choice.finish_reason, std::string(finishReasonName(expected.finish)));
        QVERIFY(r->usage.has_value());
        QCOMPARE(r->usage->prompt_tokens, int64_t(prompt.size()));
        QCOMPARE(r->usage->completion_tokens, int64_t(expected.tokens.size()));
        QCOMPARE(r->usage->total_tokens, r->usage->prompt_tokens + r->usage->completion_tokens);

        // Chunks: role first, then content, then the finish reason, then usage with no choices.
        QVERIFY(chunks.size() >= 3);
        for (const auto &c : chunks) {
            QCOMPARE(c.id, r->id);
            QCOMPARE(c.created, r->created);
            QCOMPARE(c.model, r->model);
        }
        QCOMPARE(chunks.front().choices.size(), size_t(1));
        QCOMPARE(chunks.front().choices[0].role, std::optional<std::string>("assistant"));
        std::string content;
        for (size_t i = 1; i + 2 < chunks.size(); ++i) {
            QCOMPARE(chunks[i].choices.size(), size_t(1));
            QVERIFY(!chunks[i].choices[0].finish_reason);
            QVERIFY(!chunks[i].choices[0].content.value_or("").empty());
            content += *chunks[i].choices[0].content;
        }
        QCOMPARE(content, choice.message.content);
        const api::ChatCompletionChunk &last = chunks[chunks.size() - 2];
        QCOMPARE(last.choices.size(), size_t(1));
        QCOMPARE(last.choices[0].finish_reason, std::optional<std::string>(choice.finish_reason));
        QVERIFY(chunks.back().choices.empty());
        QCOMPARE(chunks.back().usage, r->usage);

        // Without a sink, or without include_usage, the answer is the same.
        const auto quiet = m_model->chat("tiny", chatRequest(6), {}, {});
        VERIFY_OK(quiet);
        QCOMPARE(quiet->choices, r->choices);
        QVERIFY(quiet->id != r->id);
    }

    void chatSeededSampling()
    {
        api::ChatCompletionRequest req = chatRequest(12);
        req.sampling.temperature = 1.0;
        req.sampling.seed = 3;
        const auto a = m_model->chat("tiny", req, {}, {});
        const auto b = m_model->chat("tiny", req, {}, {});
        req.sampling.seed = 4;
        const auto c = m_model->chat("tiny", req, {}, {});
        VERIFY_OK(a);
        VERIFY_OK(b);
        VERIFY_OK(c);
        QCOMPARE(a->choices, b->choices);
        QVERIFY(a->choices != c->choices);
    }

    void completionBatchesPromptsWithEcho()
    {
        api::CompletionRequest req = completionRequest({"Hello world", "the cat sat on"}, 5);
        req.echo = true;
        req.include_usage = true;
        std::vector<api::Completion> chunks;
        const auto r = m_model->complete("tiny", req,
                                         [&](const api::Completion &c) {
                                             chunks.push_back(c);
                                         },
                                         {});
        VERIFY_OK(r);
        QVERIFY(r->id.rfind("cmpl-", 0) == 0);
        QCOMPARE(r->choices.size(), size_t(2));
        int64_t promptTokens = 0, completionTokens = 0;
        for (size_t i = 0; i < 2; ++i) {
            const api::CompletionChoice &c = r->choices[i];
            QCOMPARE(c.index, int64_t(i));
            // Completions get the tokenizer's special tokens (the BOS), and each choice is what
            // its prompt gives alone.
            const std::vector<int> prompt = m_model->tokenizer()->encode(req.prompts[i], true);
            QCOMPARE(prompt.front(), tokenId("<s>"));
            const GeneratedSequence alone = direct(prompt, 5);
            QCOMPARE(c.text, req.prompts[i] + alone.text);
            QCOMPARE(c.finish_reason, std::string(finishReasonName(alone.finish)));
            promptTokens += int64_t(prompt.size());
            completionTokens += int64_t(alone.tokens.size());
        }
        QCOMPARE(r->usage->prompt_tokens, promptTokens);
        QCOMPARE(r->usage->completion_tokens, completionTokens);

        // Streamed: per choice, the echoed prompt then the pieces, then one chunk with the finish
        // reason; the last chunk carries the usage.
        std::map<int64_t, std::string> text;
        std::map<int64_t, std::string> finish;
        for (const api::Completion &c : chunks) {
            QCOMPARE(c.id, r->id);
            QCOMPARE(c.choices.size(), size_t(1));
            const api::CompletionChoice &ch = c.choices[0];
            QVERIFY(!finish.count(ch.index)); // nothing after the finish
            text[ch.index] += ch.text;
            if (!ch.finish_reason.empty())
                finish[ch.index] = ch.finish_reason;
        }
        for (size_t i = 0; i < 2; ++i) {
            QCOMPARE(text[int64_t(i)], r->choices[i].text);
            QCOMPARE(finish[int64_t(i)], r->choices[i].finish_reason);
        }
        QCOMPARE(chunks.back().usage, r->usage);
    }

    void folderDefaultsApplyToUnsetFields()
    {
        const QString f = folder("defaults");
        fixture::writeModelFolder(f, fixture::tinyConfig(128), 99);
        // do_sample with top_k 1 is greedy in disguise; max_new_tokens 3 bounds unset max_tokens.
        fixture::writeFile(QDir(f).filePath("generation_config.json"),
                           R"({"do_sample": true, "temperature": 0.9, "top_k": 1,
                               "max_new_tokens": 3})");
        auto m = LocalModel::load(f);
        VERIFY_OK(m);
        api::CompletionRequest req = completionRequest({"the cat sat on"}, 0);
        req.sampling.max_tokens.reset();
        const auto r = m.value()->complete("tiny", req, {}, {});
        VERIFY_OK(r);
        const GeneratedSequence greedy =
            direct(m_model->tokenizer()->encode("the cat sat on", true), 3);
        QCOMPARE(r->choices[0].text, greedy.text);
        QCOMPARE(r->usage->completion_tokens, int64_t(greedy.tokens.size()));
        // A request value wins over the folder's.
        req.sampling.max_tokens = 5;
        const auto five = m.value()->complete("tiny", req, {}, {});
        VERIFY_OK(five);
        QCOMPARE(five->choices[0].text,
                 direct(m_model->tokenizer()->encode("the cat sat on", true), 5).text);
    }

    void chatTemplateSources()
    {
        // No tokenizer_config.json: the ChatML fallback; the tokenizer adds its BOS.
        const QString plain = folder("no-config");
        fixture::writeModelFolder(plain, fixture::tinyConfig(128), 99, nullptr);
        auto m = LocalModel::load(plain);
        VERIFY_OK(m);
        QVERIFY(m.value()->chatTemplate().isFallback());
        const auto r = m.value()->chat("tiny", chatRequest(4), {}, {});
        VERIFY_OK(r);
        auto text = m.value()->chatTemplate().render({{"system", "You are terse."},
                                                      {"user", "Hello world"}});
        VERIFY_OK(text);
        QVERIFY(text->rfind("<|im_start|>system\nYou are terse.<|im_end|>\n", 0) == 0);
        QCOMPARE(r->usage->prompt_tokens,
                 int64_t(m.value()->tokenizer()->encode(*text, true).size()));

        // A chat_template.jinja beside a tokenizer_config.json without chat_template.
        const QString jinja = folder("jinja-file");
        fixture::writeModelFolder(jinja, fixture::tinyConfig(128), 99, nullptr);
        fixture::writeFile(QDir(jinja).filePath("tokenizer_config.json"),
                           R"({"bos_token": "<s>", "eos_token": "<|im_end|>"})");
        fixture::writeFile(QDir(jinja).filePath("chat_template.jinja"), fixture::kChatTemplate);
        m = LocalModel::load(jinja);
        VERIFY_OK(m);
        QVERIFY(!m.value()->chatTemplate().isFallback());
        QCOMPARE(m.value()->chatTemplate().bosToken(), std::string("<s>"));
        const auto viaFile = m.value()->chat("tiny", chatRequest(4), {}, {});
        VERIFY_OK(viaFile);
        const auto viaConfig = m_model->chat("tiny", chatRequest(4), {}, {});
        VERIFY_OK(viaConfig);
        QCOMPARE(viaFile->usage, viaConfig->usage);
        QCOMPARE(viaFile->choices, viaConfig->choices);
    }

    void badFoldersAre400NamingTheFile()
    {
        const QString bad = folder("bad-template");
        fixture::writeModelFolder(bad, fixture::tinyConfig(128), 99, "{% for x in %}");
        auto m = LocalModel::load(bad);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().status, 400);
        QVERIFY2(m.error().detail.find("chat_template") != std::string::npos,
                 m.error().detail.c_str());

        const QString noTok = folder("no-tokenizer");
        fixture::writeModelFolder(noTok, fixture::tinyConfig(128), 99);
        QVERIFY(QFile::remove(QDir(noTok).filePath("tokenizer.json")));
        m = LocalModel::load(noTok);
        QVERIFY(!m.ok());
        QCOMPARE(m.error().status, 400);
        QVERIFY2(m.error().detail.find("tokenizer.json") != std::string::npos,
                 m.error().detail.c_str());
    }

    void cancelledChatSaysSo()
    {
        api::CancelToken cancel;
        cancel.cancel();
        std::vector<api::ChatCompletionChunk> chunks;
        const auto r = m_model->chat("tiny", chatRequest(20),
                                     [&](const api::ChatCompletionChunk &c) {
                                         chunks.push_back(c);
                                     },
                                     cancel);
        VERIFY_OK(r);
        QCOMPARE(r->choices[0].finish_reason, std::string("cancelled"));
        QCOMPARE(r->choices[0].message.content, std::string());
        QCOMPARE(r->usage->completion_tokens, int64_t(0));
        QCOMPARE(chunks.back().choices[0].finish_reason, std::optional<std::string>("cancelled"));
    }

    void badRequestsAre400NamingTheField()
    {
        api::ChatCompletionRequest req = chatRequest(5);
        req.messages.clear();
        expectBadRequest(req, "messages");
        expectBadRequest(chatRequest(0), "max_tokens");
        req = chatRequest(5);
        req.sampling.temperature = -0.5;
        expectBadRequest(req, "temperature");
        req = chatRequest(5);
        req.sampling.top_p = 1.5;
        expectBadRequest(req, "top_p");
        req = chatRequest(5);
        req.sampling.top_k = -1;
        expectBadRequest(req, "top_k");
        req = chatRequest(5);
        req.sampling.repetition_penalty = 0.0;
        expectBadRequest(req, "repetition_penalty");
        req = chatRequest(5);
        req.sampling.frequency_penalty = 3.0;
        expectBadRequest(req, "frequency_penalty");
        // A prompt that fills the 128-token context.
        req = chatRequest(5);
        req.messages[1].content = std::string(200, 'x');
        expectBadRequest(req, "messages");

        const auto tooLong = m_model->complete(
            "tiny", completionRequest({"fine", std::string(300, 'y')}, 5), {}, {});
        QVERIFY(!tooLong.ok());
        QVERIFY2(tooLong.error().detail.rfind("prompt[1]: ", 0) == 0,
                 tooLong.error().detail.c_str());
        const auto none = m_model->complete("tiny", completionRequest({}, 5), {}, {});
        QVERIFY(!none.ok());
        QCOMPARE(none.error().status, 400);

        // A huge max_tokens is clipped to the context, not an error.
        const auto huge = m_model->complete("tiny", completionRequest({"is"}, 1'000'000), {}, {});
        VERIFY_OK(huge);
        QVERIFY(huge->usage->prompt_tokens + huge->usage->completion_tokens <= 128);
    }
};

int runLocalModelTests(int argc, char **argv)
{
    TestLocalModel t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_local_model.moc"
