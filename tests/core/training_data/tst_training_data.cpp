// Training data: dataset rows → token sequences with labels (instruct and dialog formats, the
// chat template of the model, train_on_input, truncation, row errors), batches (padding, packing
// with segments and positions, drop_last, seeded shuffle) and preference rows.
//
// The tokenizer is the tiny model's (tests/support/tiny_model.h): one token per ASCII character
// plus ChatML's specials, with its ChatML template, so token sequences read back as text and the
// expected labels can be written as the text they stand for.

#include "engine/models/chat_template.h"
#include "engine/models/tokenizer.h"
#include "engine/training/training_data.h"
#include "tiny_model.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>

using namespace wb;
using namespace wb::engine;

namespace {

#define VERIFY_OK(r)                                                                               \
    do {                                                                                           \
        QVERIFY2((r).ok(), (r).ok() ? "" : (r).error().toString().c_str());                      \
    } while (false)

api::JsonObject row(const api::Json &j)
{
    api::JsonObject o;
    o.value = j;
    return o;
}

const char *kImEnd = "<|im_end|>";

std::string chatMl(const std::string &role, const std::string &content)
{
    return "<|im_start|>" + role + "\n" + content + "<|im_end|>\n";
}

} // namespace

class TestTrainingData : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const Tokenizer> m_tok;
    std::optional<ChatTemplate> m_template;

    EncodeOptions options(api::DatasetFormat format = api::DatasetFormat::Instruct) const
    {
        EncodeOptions o;
        o.format = format;
        o.maxLength = 512;
        o.datasetId = "ds";
        return o;
    }

    api::Result<std::vector<SftExample>> encode(const std::vector<api::JsonObject> &rows,
                                                const EncodeOptions &o, DataSummary *s = nullptr) const
    {
        return encodeSftRows(rows, *m_tok, *m_template, o, s);
    }

    std::string text(const std::vector<int> &ids) const { return m_tok->decode(ids); }

    //! The text of the trained positions, in order.
    std::string trainedText(const SftExample &e) const
    {
        std::vector<int> ids;
        for (int l : e.labels) {
            if (l != kIgnore)
                ids.push_back(l);
        }
        return text(ids);
    }

    //! An example of `n` tokens, all trained, token ids starting at `first`.
    static SftExample example(int n, int first)
    {
        SftExample e;
        for (int i = 0; i < n; ++i) {
            e.tokens.push_back(first + i);
            e.labels.push_back(first + i);
        }
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        VERIFY_OK(test::writeTinyModel(m_dir.path(), 7, true));
        auto tok = Tokenizer::fromFile(m_dir.filePath("tokenizer.json"));
        VERIFY_OK(tok);
        m_tok = tok.value();
        auto tpl = ChatTemplate::fromConfigFile(m_dir.filePath("tokenizer_config.json"));
        VERIFY_OK(tpl);
        m_template = tpl.value();
    }

    void instructReadsEachColumnPair_data()
    {
        QTest::addColumn<QByteArray>("rowJson");
        const api::Json messages = api::Json::array({{{"role", "user"}, {"content", "Q?"}}});
        QTest::newRow("chat_completion_input as JSON string")
            << QByteArray::fromStdString(
                   api::Json{{"chat_completion_input", messages.dump()}, {"expected_answer", "A."}}.dump());
        QTest::newRow("chat_completion_input as list")
            << QByteArray::fromStdString(
                   api::Json{{"chat_completion_input", messages}, {"expected_answer", "A."}}.dump());
        QTest::newRow("chat_completion_input with content items")
            << QByteArray::fromStdString(
                   api::Json{{"chat_completion_input",
                              api::Json::array({{{"role", "user"},
                                                 {"content", api::Json::array({{{"type", "text"}, {"text", "Q"}},
                                                                               {{"type", "text"}, {"text", "?"}}})}}})},
                             {"expected_answer", "A."}}
                       .dump());
        QTest::newRow("question/answer")
            << QByteArray(R"({"question": "Q?", "answer": "A."})");
        QTest::newRow("input/output") << QByteArray(R"({"input": "Q?", "output": "A."})");
        QTest::newRow("prompt/completion") << QByteArray(R"({"prompt": "Q?", "completion": "A."})");
        QTest::newRow("input_query/expected_answer")
            << QByteArray(R"({"input_query": "Q?", "expected_answer": "A.", "other": 1})");
    }

    void instructReadsEachColumnPair()
    {
        QFETCH(QByteArray, rowJson);
        DataSummary s;
        auto r = encode({row(api::Json::parse(rowJson.toStdString()))}, options(), &s);
        VERIFY_OK(r);
        QCOMPARE(r->size(), size_t(1));
        const SftExample &e = r->front();
        QCOMPARE(e.tokens.size(), e.labels.size());
        // The rendered conversation up to the answer's end-of-turn (the trailing "\n" trains nothing).
        QCOMPARE(text(e.tokens), chatMl("user", "Q?") + "<|im_start|>assistant\nA." + kImEnd);
        QCOMPARE(trainedText(e), std::string("A.") + kImEnd);
        // Trained labels are the tokens at the same positions, and only at the end.
        const size_t answerStart = e.tokens.size() - 3;
        for (size_t i = 0; i < e.tokens.size(); ++i)
            QCOMPARE(e.labels[i], i >= answerStart ? e.tokens[i] : kIgnore);
        QCOMPARE(s.rows, int64_t(1));
        QCOMPARE(s.trainedTokens, int64_t(3));
        QCOMPARE(s.tokens, int64_t(e.tokens.size()));
        QCOMPARE(s.truncated, int64_t(0));
    }

    void instructKeepsEveryMessageOfChatCompletionInput()
    {
        const api::Json messages = api::Json::array({{{"role", "system"}, {"content", "Be brief."}},
                                                     {{"role", "user"}, {"content", "2+2?"}}});
        auto r = encode({row({{"chat_completion_input", messages.dump()}, {"expected_answer", 4}})},
                        options());
        VERIFY_OK(r);
        QCOMPARE(text(r->front().tokens), chatMl("system", "Be brief.") + chatMl("user", "2+2?")
                                              + "<|im_start|>assistant\n4" + kImEnd);
        QCOMPARE(trainedText(r->front()), std::string("4") + kImEnd); // a number answer as its text
    }

    void dialogTrainsEveryAssistantTurnAndNoUserTurn()
    {
        const api::Json messages = api::Json::array({{{"role", "system"}, {"content", "S"}},
                                                     {{"role", "user"}, {"content", "U1"}},
                                                     {{"role", "assistant"}, {"content", "A1"}},
                                                     {{"role", "user"}, {"content", "U2"}},
                                                     {{"role", "assistant"}, {"content", "A2"}},
                                                     {{"role", "user"}, {"content", "unanswered"}}});
        for (const api::Json &r : {api::Json{{"messages", messages}}, api::Json{{"dialog", messages.dump()}}}) {
            auto enc = encode({row(r)}, options(api::DatasetFormat::Dialog));
            VERIFY_OK(enc);
            const SftExample &e = enc->front();
            // The last user turn has no answer: it is left out.
            QCOMPARE(text(e.tokens), chatMl("system", "S") + chatMl("user", "U1")
                                         + chatMl("assistant", "A1") + chatMl("user", "U2")
                                         + "<|im_start|>assistant\nA2" + kImEnd);
            QCOMPARE(trainedText(e), std::string("A1") + kImEnd + "A2" + kImEnd);
            // Trained runs are exactly the two answers.
            size_t i = 0;
            while (e.labels[i] == kIgnore)
                ++i;
            std::vector<int> run;
            while (e.labels[i] != kIgnore)
                run.push_back(e.tokens[i++]);
            QCOMPARE(text(run), std::string("A1") + kImEnd);
            QCOMPARE(text(std::vector<int>(e.tokens.begin(), e.tokens.begin() + long(i))),
                     chatMl("system", "S") + chatMl("user", "U1") + "<|im_start|>assistant\nA1" + kImEnd);
        }
    }

    void trainOnInputTrainsEveryToken()
    {
        auto o = options();
        o.trainOnInput = true;
        DataSummary s;
        auto r = encode({row({{"question", "Q?"}, {"answer", "A."}})}, o, &s);
        VERIFY_OK(r);
        QCOMPARE(r->front().labels, r->front().tokens);
        QCOMPARE(s.trainedTokens, int64_t(r->front().tokens.size()));
    }

    void longSequencesAreTruncated()
    {
        auto o = options();
        o.maxLength = 24;
        DataSummary s;
        // ChatML's prompt "<|im_start|>user\nQ?<|im_end|>\n<|im_start|>assistant\n" is 21 tokens.
        auto r = encode({row({{"question", "Q?"}, {"answer", "A long answer"}}),
                         row({{"question", "Q?"}, {"answer", "A"}})},
                        o, &s);
        VERIFY_OK(r);
        QCOMPARE(r->size(), size_t(2));
        QCOMPARE(r->at(0).tokens.size(), size_t(24));
        QCOMPARE(r->at(0).labels.size(), size_t(24));
        QCOMPARE(trainedText(r->at(0)), std::string("A l"));
        QCOMPARE(r->at(1).tokens.size(), size_t(23));
        QCOMPARE(s.truncated, int64_t(1));
        QCOMPARE(s.skipped, int64_t(0));
        QCOMPARE(s.trainedTokens, int64_t(3 + 2));
    }

    void rowsWithNothingLeftToTrainAreSkippedAndAllSkippedIsAnError()
    {
        auto o = options();
        o.maxLength = 10; // shorter than the prompt
        DataSummary s;
        auto r = encode({row({{"question", "Q?"}, {"answer", "A"}})}, o, &s);
        QVERIFY(!r);
        QCOMPARE(r.error().status, 400);
        QVERIFY2(r.error().detail.find("no tokens to train on") != std::string::npos,
                 r.error().detail.c_str());

        o.maxLength = 23;
        auto mixed = encode({row({{"question", "A much longer question"}, {"answer", "A"}}),
                             row({{"question", "Q?"}, {"answer", "A"}})},
                            o, &s);
        VERIFY_OK(mixed);
        QCOMPARE(mixed->size(), size_t(1));
        QCOMPARE(s.skipped, int64_t(1));
        QCOMPARE(s.rows, int64_t(2));
    }

    void badRowsAreErrorsNamingDatasetRowAndColumn_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("rowJson");
        QTest::addColumn<QString>("expected");
        const int instruct = int(api::DatasetFormat::Instruct);
        const int dialog = int(api::DatasetFormat::Dialog);
        QTest::newRow("no known column") << instruct << QByteArray(R"({"text": "x"})")
                                         << "dataset 'ds' row 1: an instruct row needs one of";
        QTest::newRow("prompt without answer")
            << instruct << QByteArray(R"({"question": "Q"})")
            << "dataset 'ds' row 1: has 'question' but no 'answer' column";
        QTest::newRow("bad JSON") << instruct
                                  << QByteArray::fromStdString(
                                         api::Json{{"chat_completion_input", "[{\"role\": "}, {"expected_answer", "A"}}.dump())
                                  << "dataset 'ds' row 1: column 'chat_completion_input': expected a list of "
                                     "messages or a JSON string holding one, got a string that is not JSON";
        QTest::newRow("answer not text")
            << instruct << QByteArray(R"({"question": "Q", "answer": {"a": 1}})")
            << "dataset 'ds' row 1: column 'answer': expected a string, got an object";
        QTest::newRow("message without role")
            << instruct << QByteArray(R"({"chat_completion_input": [{"content": "Q"}], "expected_answer": "A"})")
            << "dataset 'ds' row 1: column 'chat_completion_input': message 0: missing 'role'";
        QTest::newRow("no messages column") << dialog << QByteArray(R"({"question": "Q"})")
                                            << "dataset 'ds' row 1: a dialog row needs a 'messages'";
        QTest::newRow("no assistant turn")
            << dialog << QByteArray(R"({"messages": [{"role": "user", "content": "Q"}]})")
            << "dataset 'ds' row 1: column 'messages': expected at least one assistant message";
        QTest::newRow("messages not a list") << dialog << QByteArray(R"({"messages": 3})")
                                             << "dataset 'ds' row 1: column 'messages': expected a list "
                                                "of messages, got a number";
    }

    void badRowsAreErrorsNamingDatasetRowAndColumn()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, rowJson);
        QFETCH(QString, expected);
        // Row 0 is good: the error names row 1.
        const api::JsonObject good = format == int(api::DatasetFormat::Dialog)
                                         ? row({{"messages", api::Json::array({{{"role", "user"}, {"content", "Q"}},
                                                                              {{"role", "assistant"}, {"content", "A"}}})}})
                                         : row({{"question", "Q"}, {"answer", "A"}});
        auto r = encode({good, row(api::Json::parse(rowJson.toStdString()))},
                        options(api::DatasetFormat(format)));
        QVERIFY(!r);
        QCOMPARE(r.error().status, 400);
        QVERIFY2(QString::fromStdString(r.error().detail).startsWith(expected), r.error().detail.c_str());
    }

    void emptyDatasetIsAnError()
    {
        auto r = encode({}, options());
        QVERIFY(!r);
        QCOMPARE(r.error().status, 400);
        QCOMPARE(r.error().detail, std::string("dataset 'ds' has no rows to train on"));
    }

    void templateWithoutEndOfTurnTokenGetsEos()
    {
        // A template that writes no special token after an answer: the EOS token is appended to
        // the answer, so the model learns to stop.
        auto tpl = ChatTemplate::fromSource(
            "{% for m in messages %}{{ m['role'] + ': ' + m['content'] + '\\n' }}{% endfor %}"
            "{% if add_generation_prompt %}{{ 'assistant: ' }}{% endif %}",
            "plain", "", "<|endoftext|>");
        VERIFY_OK(tpl);
        auto r = encodeSftRows({row({{"question", "Q"}, {"answer", "A"}})}, *m_tok, tpl.value(),
                               options());
        VERIFY_OK(r);
        QCOMPARE(text(r->front().tokens), std::string("user: Q\nassistant: A\n<|endoftext|>"));
        QCOMPARE(trainedText(r->front()), std::string("A\n<|endoftext|>"));
    }

    void answersAlignWhenTheWholeTextWouldMergeAcrossTheBoundary()
    {
        // The tiny tokenizer plus the merge "x y", and a template that writes the generation
        // prompt "x" right before the answer: tokenised as a whole, "Q|xy" gives the token "xy",
        // which belongs to both the prompt and the answer. The answer is tokenised on its own.
        QFile f(m_dir.filePath("tokenizer.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        TokJson json = TokJson::parse(f.readAll().toStdString());
        json["model"]["vocab"]["xy"] = json["model"]["vocab"].size();
        json["model"]["merges"] = TokJson::array({"x y"});
        auto tok = Tokenizer::fromString(json.dump(), "merged");
        VERIFY_OK(tok);
        QCOMPARE(tok.value()->encode("xy").size(), size_t(1));
        auto tpl = ChatTemplate::fromSource(
            "{% for m in messages %}{% if m['role'] == 'user' %}{{ m['content'] + '|' }}"
            "{% else %}{{ 'x' + m['content'] + '<|im_end|>' }}{% endif %}{% endfor %}"
            "{% if add_generation_prompt %}{{ 'x' }}{% endif %}",
            "glued");
        VERIFY_OK(tpl);
        auto r = encodeSftRows({row({{"question", "Q"}, {"answer", "y"}})}, *tok.value(), tpl.value(),
                               options());
        VERIFY_OK(r);
        const SftExample &e = r->front();
        QCOMPARE(e.tokens.size(), size_t(5)); // Q | x y <|im_end|>
        QCOMPARE(tok.value()->decode(e.tokens), std::string("Q|xy<|im_end|>"));
        std::vector<int> trained;
        for (int l : e.labels)
            if (l != kIgnore)
                trained.push_back(l);
        QCOMPARE(tok.value()->decode(trained), std::string("y<|im_end|>"));
    }

    void dialogTurnsAreFoundWithRealTemplates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("bos");
        QTest::addColumn<QString>("eos");
        QTest::newRow("llama2") << "llama2" << "<s>" << "</s>";
        QTest::newRow("llama3") << "llama3" << "<|begin_of_text|>" << "<|eot_id|>";
        QTest::newRow("llama31") << "llama31" << "<|begin_of_text|>" << "<|eot_id|>";
        QTest::newRow("llama32") << "llama32" << "<|begin_of_text|>" << "<|eot_id|>";
        QTest::newRow("mistral") << "mistral" << "<s>" << "</s>";
        QTest::newRow("qwen25") << "qwen25" << "" << "<|im_end|>";
        QTest::newRow("qwen3") << "qwen3" << "" << "<|im_end|>";
        QTest::newRow("smollm2") << "smollm2" << "" << "<|im_end|>";
    }

    void dialogTurnsAreFoundWithRealTemplates()
    {
        // The real templates of tests/core/chat_template: a two-turn dialog's answers are found
        // (each rendered turn extends the previous render), each ends with the template's
        // end-of-turn token, and nothing of the user turns is trained.
        QFETCH(QString, name);
        QFETCH(QString, bos);
        QFETCH(QString, eos);
        QFile source(QStringLiteral(WB_SOURCE_DIR "/tests/core/chat_template/data/") + name + ".jinja");
        QVERIFY(source.open(QIODevice::ReadOnly));
        auto tpl = ChatTemplate::fromSource(source.readAll().toStdString(), name.toStdString() + ".jinja",
                                            bos.toStdString(), eos.toStdString());
        VERIFY_OK(tpl);
        // The tiny tokenizer plus these templates' special tokens.
        QFile f(m_dir.filePath("tokenizer.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        TokJson json = TokJson::parse(f.readAll().toStdString());
        for (const char *special : {"<s>", "</s>", "<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>",
                                    "<|start_header_id|>", "<|end_header_id|>"}) {
            const int id = int(json["model"]["vocab"].size());
            json["model"]["vocab"][special] = id;
            json["added_tokens"].push_back({{"id", id}, {"content", special}, {"special", true}});
        }
        auto tok = Tokenizer::fromString(json.dump(), "specials");
        VERIFY_OK(tok);

        const api::Json messages = api::Json::array({{{"role", "user"}, {"content", "U1"}},
                                                     {{"role", "assistant"}, {"content", "A1"}},
                                                     {{"role", "user"}, {"content", "U2"}},
                                                     {{"role", "assistant"}, {"content", "A2"}}});
        auto r = encodeSftRows({row({{"messages", messages}})}, *tok.value(), tpl.value(),
                               options(api::DatasetFormat::Dialog));
        VERIFY_OK(r);
        const SftExample &e = r->front();
        // The trained runs, as text.
        std::vector<std::vector<int>> runs;
        for (size_t i = 0; i < e.labels.size(); ++i) {
            if (e.labels[i] == kIgnore)
                continue;
            if (i == 0 || e.labels[i - 1] == kIgnore)
                runs.emplace_back();
            runs.back().push_back(e.tokens[i]);
        }
        QCOMPARE(runs.size(), size_t(2));
        const std::string first = tok.value()->decode(runs[0]);
        const std::string second = tok.value()->decode(runs[1]);
        QVERIFY2(first.find("A1") != std::string::npos && first.find("U") == std::string::npos, first.c_str());
        QVERIFY2(second.find("A2") != std::string::npos && second.find("U") == std::string::npos, second.c_str());
        QVERIFY2(tok.value()->isSpecial(runs[0].back()) && tok.value()->isSpecial(runs[1].back()),
                 (first + " | " + second).c_str());
        QCOMPARE(tok.value()->decode({runs[1].back()}), eos.toStdString());
    }

    void unpackedBatchesArePaddedAndDropTheLastPartialBatch()
    {
        const std::vector<SftExample> examples = {example(3, 10), example(5, 20), example(2, 30),
                                                  example(4, 40), example(1, 50)};
        BatchPlan plan;
        plan.batchSize = 2;
        plan.padId = 7;
        auto batches = makeSftBatches(examples, plan, 0);
        QCOMPARE(batches.size(), size_t(2)); // the fifth example is dropped
        const SftBatch &b = batches[0];
        QCOMPARE(b.B, 2);
        QCOMPARE(b.T, 5); // the longest row
        QCOMPARE(b.tokens, (std::vector<int>{10, 11, 12, 7, 7, 20, 21, 22, 23, 24}));
        QCOMPARE(b.labels, (std::vector<int>{10, 11, 12, kIgnore, kIgnore, 20, 21, 22, 23, 24}));
        QCOMPARE(b.segments, (std::vector<int>{0, 0, 0, -1, -1, 0, 0, 0, 0, 0}));
        QCOMPARE(b.positions, (std::vector<int>{0, 1, 2, 0, 0, 0, 1, 2, 3, 4}));
        QCOMPARE(b.realTokens(), int64_t(8));
        QCOMPARE(b.trainedTokens(), int64_t(8));

        plan.dropLast = false;
        batches = makeSftBatches(examples, plan, 0);
        QCOMPARE(batches.size(), size_t(3));
        QCOMPARE(batches[2].B, 1);
        QCOMPARE(batches[2].tokens, std::vector<int>{50});

        // drop_last never leaves an epoch without a batch.
        plan.dropLast = true;
        plan.batchSize = 8;
        batches = makeSftBatches(examples, plan, 0);
        QCOMPARE(batches.size(), size_t(1));
        QCOMPARE(batches[0].B, 5);
    }

    void packedRowsRestartSegmentsAndPositionsPerDocument()
    {
        // Lengths 3, 4, 5, 2 packed into rows of at most 8: [3 4] [5 2].
        const std::vector<SftExample> examples = {example(3, 10), example(4, 20), example(5, 30),
                                                  example(2, 40)};
        BatchPlan plan;
        plan.batchSize = 2;
        plan.packed = true;
        plan.maxLength = 8;
        plan.padId = 0;
        auto batches = makeSftBatches(examples, plan, 0);
        QCOMPARE(batches.size(), size_t(1));
        const SftBatch &b = batches[0];
        QCOMPARE(b.B, 2);
        QCOMPARE(b.T, 7);
        QCOMPARE(b.tokens, (std::vector<int>{10, 11, 12, 20, 21, 22, 23, //
                                             30, 31, 32, 33, 34, 40, 41}));
        QCOMPARE(b.segments, (std::vector<int>{0, 0, 0, 1, 1, 1, 1, //
                                               0, 0, 0, 0, 0, 1, 1}));
        QCOMPARE(b.positions, (std::vector<int>{0, 1, 2, 0, 1, 2, 3, //
                                                0, 1, 2, 3, 4, 0, 1}));

        // A row that is not full is padded with segment -1.
        plan.maxLength = 9;
        batches = makeSftBatches(examples, plan, 0);
        QCOMPARE(batches.size(), size_t(1)); // rows [3 4] [5 2]: 7 and 7 tokens; 3+4+5 > 9
        plan.maxLength = 12;                 // rows [3 4 5] [2]
        batches = makeSftBatches(examples, plan, 0);
        const SftBatch &c = batches[0];
        QCOMPARE(c.T, 12);
        QCOMPARE(c.segments, (std::vector<int>{0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, //
                                               0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}));
        QCOMPARE(c.labels[14], kIgnore);
        QCOMPARE(c.realTokens(), int64_t(14));
    }

    void shuffleIsDeterministicPerSeedAndEpoch()
    {
        BatchPlan plan;
        plan.shuffle = true;
        plan.seed = 42;
        const auto a = epochOrder(50, plan, 0);
        QCOMPARE(epochOrder(50, plan, 0), a);
        // A permutation of 0..49.
        QCOMPARE(std::set<size_t>(a.begin(), a.end()).size(), size_t(50));
        QCOMPARE(*std::max_element(a.begin(), a.end()), size_t(49));
        QVERIFY(epochOrder(50, plan, 1) != a); // each epoch its own order
        BatchPlan other = plan;
        other.seed = 43;
        QVERIFY(epochOrder(50, other, 0) != a);
        plan.shuffle = false;
        const auto identity = epochOrder(5, plan, 3);
        QCOMPARE(identity, (std::vector<size_t>{0, 1, 2, 3, 4}));
    }

    void shuffleOrderIsPinned()
    {
        // Resuming a job reproduces the data order of its epoch, so the order must not change
        // between versions or platforms (mt19937_64 and seed_seq are fully specified by C++).
        BatchPlan plan;
        plan.shuffle = true;
        plan.seed = 1234;
        const auto order = epochOrder(10, plan, 2);
        QCOMPARE(order, (std::vector<size_t>{1, 3, 7, 6, 5, 9, 8, 0, 2, 4}));
    }

    void shuffledBatchesFollowTheEpochOrder()
    {
        std::vector<SftExample> examples;
        for (int i = 0; i < 12; ++i)
            examples.push_back(example(1, 10 + i));
        BatchPlan plan;
        plan.batchSize = 3;
        plan.shuffle = true;
        plan.seed = 5;
        const auto order = epochOrder(examples.size(), plan, 1);
        const auto batches = makeSftBatches(examples, plan, 1);
        QCOMPARE(batches.size(), size_t(4));
        for (size_t b = 0; b < 4; ++b) {
            for (size_t r = 0; r < 3; ++r)
                QCOMPARE(batches[b].tokens[r], 10 + int(order[b * 3 + r]));
        }
    }

    void preferenceRowsFromStrings()
    {
        DataSummary s;
        auto r = encodePreferenceRows({row({{"prompt", "P?"}, {"chosen", "Yes"}, {"rejected", "No way"}})},
                                      *m_tok, *m_template, options(), &s);
        VERIFY_OK(r);
        const PreferenceExample &e = r->front();
        QCOMPARE(text(e.prompt), chatMl("user", "P?") + "<|im_start|>assistant\n");
        QCOMPARE(text(e.chosen), std::string("Yes") + kImEnd);
        QCOMPARE(text(e.rejected), std::string("No way") + kImEnd);
        QCOMPARE(s.rows, int64_t(1));
        QCOMPARE(s.trainedTokens, int64_t(4 + 7));
    }

    void preferenceRowsFromMessageLists()
    {
        const api::Json prompt = api::Json::array({{{"role", "system"}, {"content", "S"}},
                                                   {{"role", "user"}, {"content", "P?"}}});
        const api::Json chosen = api::Json::array({{{"role", "user"}, {"content", "P?"}},
                                                   {{"role", "assistant"}, {"content", "Yes"}},
                                                   {{"role", "assistant"}, {"content", "Sure"}}});
        const api::Json rejected = api::Json::array({{{"role", "assistant"}, {"content", "No"}}});
        // The prompt also as a JSON string of its messages.
        for (const api::Json &p : {prompt, api::Json(prompt.dump())}) {
            auto r = encodePreferenceRows({row({{"prompt", p}, {"chosen", chosen}, {"rejected", rejected}})},
                                          *m_tok, *m_template, options());
            VERIFY_OK(r);
            const PreferenceExample &e = r->front();
            QCOMPARE(text(e.prompt), chatMl("system", "S") + chatMl("user", "P?") + "<|im_start|>assistant\n");
            QCOMPARE(text(e.chosen), std::string("Yes\nSure") + kImEnd);
            QCOMPARE(text(e.rejected), std::string("No") + kImEnd);
        }
    }

    void preferenceRowErrors()
    {
        auto missing = encodePreferenceRows({row({{"prompt", "P"}, {"chosen", "C"}})}, *m_tok,
                                            *m_template, options());
        QVERIFY(!missing);
        QCOMPARE(missing.error().status, 400);
        QVERIFY2(missing.error().detail.find("dataset 'ds' row 0") == 0
                     && missing.error().detail.find("'rejected' is missing") != std::string::npos,
                 missing.error().detail.c_str());
        auto noAssistant = encodePreferenceRows(
            {row({{"prompt", "P"}, {"chosen", api::Json::array({{{"role", "user"}, {"content", "x"}}})},
                  {"rejected", "R"}})},
            *m_tok, *m_template, options());
        QVERIFY(!noAssistant);
        QVERIFY2(noAssistant.error().detail.find("column 'chosen': expected an assistant message")
                     != std::string::npos,
                 noAssistant.error().detail.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTrainingData)
#include "tst_training_data.moc"
