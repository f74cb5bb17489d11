// The bundled starter model and its fine-tuning example (docs/starter-model.md): the model folder
// loads and fits the size budget, its tokenizer reads the benchmark's text losslessly, it learnt
// its corpus (it answers the corpus' capital questions), the corpus holds none of the benchmark's
// facts, and the fine-tuning preset and dataset are valid for it. Its relevance rows teach the
// LLM reranker's exact prompt with balanced yes/no answers, and hold none of upstream's semantic
// rerank cases, which must stay a test of generalisation.

#include "api/json_io.h"
#include "api/post_training.h"
#include "engine/models/local_model.h"
#include "engine/rerank/local_rerankers.h"
#include "engine/training/training_data.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

using namespace wb;
using namespace wb::engine;

namespace {

#define VERIFY_OK(r)                                                                               \
    do {                                                                                           \
        QVERIFY2((r).ok(), (r).ok() ? "" : (r).error().toString().c_str());                      \
    } while (false)

QString resource(const QString &relative)
{
    return QDir(QStringLiteral(WB_SOURCE_DIR "/resources")).filePath(relative);
}

std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll().toStdString();
}

std::vector<api::JsonObject> readJsonl(const QString &path)
{
    std::vector<api::JsonObject> rows;
    const std::string text = readAll(path);
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        if (end > start)
            rows.push_back(api::JsonObject{api::Json::parse(text.substr(start, end - start))});
        start = end + 1;
    }
    return rows;
}

//! The benchmark's countries and capitals (column 0 "What is the capital of X?", column 1).
std::vector<std::pair<std::string, std::string>> benchmarkCapitals()
{
    std::vector<std::pair<std::string, std::string>> out;
    const std::string csv = readAll(resource("samples/capitals-and-facts-qa.csv"));
    const std::string prefix = "What is the capital of ";
    size_t pos = 0;
    while ((pos = csv.find(prefix, pos)) != std::string::npos) {
        const size_t q = csv.find("?,", pos);
        const size_t eol = csv.find('\n', q);
        out.emplace_back(csv.substr(pos + prefix.size(), q - pos - prefix.size()),
                         csv.substr(q + 2, eol - q - 2));
        pos = eol;
    }
    return out;
}

} // namespace

class TestStarterModel : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<const LocalModel> m_model;

private Q_SLOTS:
    void initTestCase()
    {
        auto model = LocalModel::load(resource("starter/model"));
        VERIFY_OK(model);
        m_model = model.value();
    }

    void modelIsALlamaUnderTenMegabytes()
    {
        const ModelConfig &c = m_model->lm().config();
        QCOMPARE(c.architecture, std::string("LlamaForCausalLM"));
        QVERIFY(QFileInfo(resource("starter/model/model.safetensors")).size() <= 10 * 1000 * 1000);
        QCOMPARE(m_model->lm().parameterCount(), c.parameterCount());
        // Generation stops at the end of a ChatML turn.
        const auto imEnd = m_model->tokenizer()->tokenToId("<|im_end|>");
        QVERIFY(imEnd);
        QVERIFY(std::find(c.eosTokenIds.begin(), c.eosTokenIds.end(), *imEnd) != c.eosTokenIds.end());
    }

    void tokenizerRoundTripsTheBenchmarkText()
    {
        const std::string csv = readAll(resource("samples/capitals-and-facts-qa.csv"));
        const std::vector<int> ids = m_model->tokenizer()->encode(csv);
        QCOMPARE(m_model->tokenizer()->decode(ids), csv); // "Brasília" included
        QVERIFY(ids.size() < csv.size()); // the merges shorten the text
    }

    void answersTheCapitalQuestionsOfItsCorpus()
    {
        // Every "What is the capital of X?" of the corpus with a bare answer: a model that learnt
        // its corpus gets most of them right.
        std::vector<std::vector<api::ChatMessage>> conversations;
        std::vector<std::string> expected;
        for (const api::JsonObject &row : readJsonl(resource("starter/corpus/countries.jsonl"))) {
            const api::Json &m = row.value["messages"];
            const std::string q = m[0]["content"];
            if (q.rfind("What is the capital of ", 0) != 0 || conversations.size() == 20)
                continue;
            conversations.push_back({api::ChatMessage{"user", q, std::nullopt}});
            const std::string a = m[1]["content"];
            // The answer forms: "K", "K.", "K is the capital of X.", "The capital of X is K.",
            // "X's capital is K." (invented capitals are one word).
            std::string capital = a;
            if (const size_t at = a.find(" is the capital of "); at != std::string::npos)
                capital = a.substr(0, at);
            else if (const size_t is = a.rfind(" is "); is != std::string::npos)
                capital = a.substr(is + 4);
            if (!capital.empty() && capital.back() == '.')
                capital.pop_back();
            expected.push_back(capital);
        }
        QVERIFY(conversations.size() >= 10);
        api::CompletionSampling greedy;
        greedy.temperature = 0.0;
        greedy.max_tokens = 24;
        const auto answers = m_model->chatBatch(conversations, greedy, api::CancelToken());
        int right = 0;
        for (size_t i = 0; i < answers.size(); ++i) {
            VERIFY_OK(answers[i]);
            right += answers[i].value().find(expected[i]) != std::string::npos ? 1 : 0;
        }
        qInfo("%d of %d capital questions of the corpus answered right", right, int(answers.size()));
        QVERIFY2(right * 2 >= int(answers.size()),
                 qPrintable(QString("%1 of %2 right").arg(right).arg(answers.size())));
    }

    void corpusHoldsNoneOfTheBenchmarkFacts()
    {
        const QStringList files = QDir(resource("starter/corpus")).entryList({"*.jsonl"}, QDir::Files);
        QCOMPARE(files.size(), 5);
        const auto capitals = benchmarkCapitals();
        QCOMPARE(capitals.size(), size_t(30));
        for (const QString &file : files) {
            const std::string text = readAll(resource("starter/corpus/" + file));
            for (const auto &[country, capital] : capitals) {
                QVERIFY2(text.find(country) == std::string::npos, qPrintable(file + ": " + country.c_str()));
                QVERIFY2(text.find(capital) == std::string::npos, qPrintable(file + ": " + capital.c_str()));
            }
        }
    }

    void relevanceRowsAskTheRerankPromptWithBalancedAnswers()
    {
        const auto rows = readJsonl(resource("starter/corpus/relevance.jsonl"));
        QVERIFY(rows.size() >= 1000);
        const std::string prompt = kRelevancePrompt;
        const std::string head = prompt.substr(0, prompt.find("{query}"));                  // "Query: "
        const std::string middle = "\nDocument: ";
        const std::string tail = std::string("\n") + kDefaultRelevanceInstruction;
        int yes = 0, no = 0;
        for (const api::JsonObject &row : rows) {
            const api::Json &m = row.value["messages"];
            QCOMPARE(m.size(), size_t(2));
            QCOMPARE(m[0]["role"].get<std::string>(), std::string("user"));
            const std::string user = m[0]["content"];
            QVERIFY2(user.rfind(head, 0) == 0, user.c_str());
            QVERIFY2(user.find(middle) != std::string::npos, user.c_str());
            QVERIFY2(user.size() > tail.size() && user.compare(user.size() - tail.size(), tail.size(), tail) == 0,
                     user.c_str());
            const std::string answer = m[1]["content"];
            QVERIFY2(answer == "yes" || answer == "no", answer.c_str());
            (answer == "yes" ? yes : no) += 1;
        }
        QCOMPARE(yes, no);
    }

    void corpusHoldsNoneOfUpstreamsRerankCases()
    {
        // llama-stack's semantic rerank cases (test_rerank.py): the starter model must rank them
        // from a general matching skill, so neither they nor their subjects may be trained on.
        const std::vector<std::string> heldOut = {
            "What is a reranking model?", "A reranking model reranks a list of items based on the query.",
            "Machine learning algorithms learn patterns from data.", "Python is a programming language.",
            "What is C++?", "C++ is a programming language.", "Learning new things is interesting.",
            "Books provide knowledge and entertainment.", "What are good learning habits?",
            "Good learning habits include reading daily and taking notes.",
            "Cooking pasta is a fun activity.", "Plants need water and sunlight."};
        QStringList files = QDir(resource("starter/corpus")).entryList({"*.jsonl"}, QDir::Files);
        for (QString &f : files)
            f = "corpus/" + f;
        files << "relevance-heldout.jsonl";
        for (const QString &file : files) {
            const std::string text = readAll(resource("starter/" + file));
            const std::string lower = QString::fromStdString(text).toLower().toStdString();
            for (const std::string &s : heldOut)
                QVERIFY2(text.find(s) == std::string::npos, qPrintable(file + ": " + s.c_str()));
            QVERIFY2(text.find("C++") == std::string::npos, qPrintable(file));
            QVERIFY2(lower.find("rerank") == std::string::npos, qPrintable(file));
            QVERIFY2(lower.find("learning habits") == std::string::npos, qPrintable(file));
        }
    }

    void fineTuningPresetAndDatasetFitTheModel()
    {
        api::Json preset = api::Json::parse(readAll(resource("starter/finetune-capitals.json")));
        preset["job_uuid"] = "x";
        auto request = api::parse<api::SupervisedFineTuneRequest>(preset);
        VERIFY_OK(request);
        QCOMPARE(request->model.value_or(""), std::string("starter"));
        QVERIFY(request->training_config.data_config);
        QCOMPARE(request->training_config.data_config->dataset_id, std::string("sample/capitals-and-facts-train"));

        const auto rows = readJsonl(resource("samples/capitals-and-facts-train.jsonl"));
        EncodeOptions options;
        options.format = request->training_config.data_config->data_format;
        options.maxLength = m_model->lm().config().maxPositionEmbeddings;
        options.datasetId = "sample/capitals-and-facts-train";
        DataSummary summary;
        auto examples = encodeSftRows(rows, *m_model->tokenizer(), m_model->chatTemplate(), options, &summary);
        VERIFY_OK(examples);
        QCOMPARE(examples->size(), rows.size());
        QCOMPARE(summary.truncated, int64_t(0));
        // None of the benchmark's own questions is in the fine-tuning data.
        const std::string csv = readAll(resource("samples/capitals-and-facts-qa.csv"));
        for (const api::JsonObject &row : rows) {
            const std::string q = row.value["input_query"];
            QVERIFY2(csv.find(q) == std::string::npos, q.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestStarterModel)
#include "tst_starter_model.moc"
