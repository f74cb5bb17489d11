// The rerank API of a real Engine (SQLite store in a temporary folder, a tiny random llm found in
// a configured model folder) with the bm25 model, and BM25 itself (engine/rerank/bm25.h):
//  - BM25 against a hand-computed example (raw and normalised scores), its edge cases;
//  - the word splitter (accents, NFC, German with stemming, CJK and Thai per character, "C++",
//    case folding, punctuation, bad UTF-8) and the Snowball stemmers ("none" = no stemming);
//  - the upstream test suite's ordering invariants and its three semantic cases, strings and text
//    parts mixed; max_num_results edge cases; ties in input order; scores in [0, 1];
//  - errors: image parts, unknown / llm / empty model, bad registrations naming the field, a
//    remote reranker with an unknown API, an llm reranker whose base model is gone;
//  - the models list (bm25, llm-rerank/<tiny>, embedding-rerank/<tiny>), built-ins cannot be
//    unregistered, registered rerankers belong to their principal, and nothing is lost after errors.

#include "result_macros.h"
#include "api/async.h"
#include "engine/engine.h"
#include "engine/rerank/bm25.h"
#include "engine/rerank/rerank_service.h"
#include "tiny_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>
#include <stdexcept>

using namespace wb;
using api::await;
using api::Json;

namespace {

api::RerankRequest rerankRequest(const std::string &model, api::RerankInput query,
                                 std::vector<api::RerankInput> items, std::optional<int> max = std::nullopt)
{
    api::RerankRequest r;
    r.model = model;
    r.query = std::move(query);
    r.items = std::move(items);
    r.max_num_results = max;
    return r;
}

std::vector<api::RerankInput> strings(const std::vector<std::string> &texts)
{
    return {texts.begin(), texts.end()};
}

api::RerankInput text(const std::string &t)
{
    return api::TextContentPart{t};
}

api::RerankInput image()
{
    return api::ImageUrlContentPart{api::OpenAIImageURL{"https://example.com/image.jpg", std::nullopt}};
}

api::RegisterModelRequest rerankerRequest(const std::string &id, const Json &metadata,
                                          std::optional<std::string> provider = "local")
{
    api::RegisterModelRequest r;
    r.model_id = id;
    r.provider_id = std::move(provider);
    r.model_type = api::ModelType::Rerank;
    r.metadata.value = metadata;
    return r;
}

//! The upstream _validate_rerank_response: indices in range and unique, finite scores,
//! non-increasing. Empty when it holds, else what is wrong.
QString invariantViolation(const api::RerankResponse &response, size_t items)
{
    std::set<int64_t> seen;
    double last = HUGE_VAL;
    if (response.data.size() > items)
        return QStringLiteral("%1 results for %2 items").arg(response.data.size()).arg(items);
    for (const api::RerankData &d : response.data) {
        if (d.index < 0 || size_t(d.index) >= items)
            return QStringLiteral("index %1 out of range").arg(d.index);
        if (!seen.insert(d.index).second)
            return QStringLiteral("index %1 twice").arg(d.index);
        if (!std::isfinite(d.relevance_score))
            return QStringLiteral("score of %1 is not a finite float").arg(d.index);
        if (d.relevance_score > last)
            return QStringLiteral("scores not descending at index %1").arg(d.index);
        last = d.relevance_score;
    }
    return {};
}

std::vector<int64_t> indices(const api::RerankResponse &response)
{
    std::vector<int64_t> out;
    for (const api::RerankData &d : response.data)
        out.push_back(d.index);
    return out;
}

QString joined(const std::vector<std::string> &terms)
{
    QStringList out;
    for (const std::string &t : terms)
        out << QString::fromStdString(t);
    return out.join(QLatin1Char('|'));
}

} // namespace

class TstRerank : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;

    api::Result<api::RerankResponse> rerank(const api::RerankRequest &request)
    {
        return await(m_engine->rerank(request, {}));
    }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void bm25MatchesHandComputedExample();
    void bm25CountsQueryTermsPerOccurrence();
    void bm25EdgeCasesGiveZerosNotNaN();
    void tokenisation_data();
    void tokenisation();
    void stemmingEnglishGermanAndNone();
    void languagesListedAndUnknownRefused();

    void engineAnswersHandComputedNormalisedScores();
    void upstreamTextCasesKeepOrderingInvariants_data();
    void upstreamTextCasesKeepOrderingInvariants();
    void upstreamSemanticCasesRankExpectedItemFirst_data();
    void upstreamSemanticCasesRankExpectedItemFirst();
    void maxNumResultsEdgeCases();
    void emptyItemsGiveEmptyData();
    void scoresInUnitRangeBestIsOneNoMatchAllZero();
    void tiesKeepInputOrder();

    void imagePartsAre400();
    void unknownEmptyAndLlmModelsRefused();
    void modelsListShowsRerankers();
    void builtinRerankerCannotBeUnregistered();
    void registeredGermanBm25UsesItsSettings();
    void badRegistrationsNameTheField_data();
    void badRegistrationsNameTheField();
    void remoteRerankerWithUnknownApiRefused();
    void llmRerankerWithMissingBaseModelNamesIt();
    void registeredRerankersBelongToTheirPrincipal();
    void nothingLostAfterErrors();
    void nestedDerivedIdsAreNotFoundWithoutRecursion();
    void builtinIdsAreReservedForRegistrations();
    void tooManyItemsAre400();
    void crossEncoderFolderIsRefusedWithTheReason();
};

void TstRerank::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Only this test's models: no Hugging Face cache, no WB_MODEL_PATH.
    qputenv("HF_HOME", m_dir.filePath(QStringLiteral("hf")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");
    QVERIFY_RESULT(test::writeTinyModel(m_dir.filePath(QStringLiteral("models/tiny")), 7, true));
    // A cross-encoder as found on disk (a Hugging Face reranker folder): listed as rerank.
    QDir().mkpath(m_dir.filePath(QStringLiteral("models/cross-encoder")));
    QFile crossEncoder(m_dir.filePath(QStringLiteral("models/cross-encoder/config.json")));
    QVERIFY(crossEncoder.open(QIODevice::WriteOnly));
    crossEncoder.write(R"({"architectures": ["XLMRobertaForSequenceClassification"], "model_type": "xlm-roberta"})");
    crossEncoder.close();

    engine::EngineConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("data"));
    config.threads = 2;
    config.modelDirs = {m_dir.filePath(QStringLiteral("models"))};
    m_engine = std::make_unique<engine::Engine>(config);
    QVERIFY_RESULT(m_engine->open());
}

void TstRerank::cleanupTestCase()
{
    m_engine.reset();
}

// --- BM25 itself --------------------------------------------------------------------------------

void TstRerank::bm25MatchesHandComputedExample()
{
    // k1 = 1.2, b = 0.75, no stemming. Query "cat dog".
    //   d0 "cat cat dog"           |d| = 3   f(cat) = 2, f(dog) = 1
    //   d1 "the cat"               |d| = 2   f(cat) = 1
    //   d2 "fish"                  |d| = 1
    //   d3 "bird fish bird mouse"  |d| = 4
    // N = 4, avgdl = 10 / 4 = 2.5
    // n(cat) = 2: idf = ln(1 + (4 - 2 + 0.5) / (2 + 0.5)) = ln 2        = 0.693147180559945
    // n(dog) = 1: idf = ln(1 + (4 - 1 + 0.5) / (1 + 0.5)) = ln(10 / 3)  = 1.203972804325936
    // d0: k1·(1 − b + b·3/2.5) = 1.2·(0.25 + 0.9) = 1.38
    //     cat: 2·2.2 / (2 + 1.38) = 4.4 / 3.38;  dog: 1·2.2 / (1 + 1.38) = 2.2 / 2.38
    //     score = ln2·4.4/3.38 + ln(10/3)·2.2/2.38 = 0.902323 + 1.112915 = 2.015237811122198
    // d1: k1·(1 − b + b·2/2.5) = 1.2·(0.25 + 0.6) = 1.02
    //     cat: 2.2 / (1 + 1.02) = 2.2 / 2.02;  score = ln2·2.2/2.02 = 0.754912770906871
    // d2, d3: no query term: 0.
    // Normalised: d0 1, d1 0.754912770906871 / 2.015237811122198 = 0.374604..., d2 0, d3 0.
    const std::vector<std::string> docs{"cat cat dog", "the cat", "fish", "bird fish bird mouse"};
    const engine::Bm25Params params{1.2, 0.75, "none"};
    const double d0 = std::log(2.0) * 4.4 / 3.38 + std::log(10.0 / 3.0) * 2.2 / 2.38;
    const double d1 = std::log(2.0) * 2.2 / 2.02;
    QVERIFY(std::abs(d0 - 2.015237811122198) < 1e-12); // the comment's arithmetic
    QVERIFY(std::abs(d1 - 0.754912770906871) < 1e-12);

    const std::vector<double> raw = engine::bm25RawScores("cat dog", docs, params);
    QCOMPARE(raw.size(), size_t(4));
    QVERIFY2(std::abs(raw[0] - d0) < 1e-9, qPrintable(QString::number(raw[0], 'g', 17)));
    QVERIFY2(std::abs(raw[1] - d1) < 1e-9, qPrintable(QString::number(raw[1], 'g', 17)));
    QCOMPARE(raw[2], 0.0);
    QCOMPARE(raw[3], 0.0);

    const std::vector<double> norm = engine::bm25Scores("cat dog", docs, params);
    QCOMPARE(norm.size(), size_t(4));
    QCOMPARE(norm[0], 1.0);
    QVERIFY(std::abs(norm[1] - d1 / d0) < 1e-9);
    QCOMPARE(norm[2], 0.0);
    QCOMPARE(norm[3], 0.0);

    // Other k1 and b change the length normalisation: d1 with k1 = 2, b = 0:
    // cat: 1·3 / (1 + 2) = 1, score = ln 2.
    const std::vector<double> flat = engine::bm25RawScores("cat dog", docs, {2.0, 0.0, "none"});
    QVERIFY(std::abs(flat[1] - std::log(2.0)) < 1e-9);
    // Case and punctuation do not matter; stemming folds "cats" onto "cat" (english).
    const std::vector<double> stemmed = engine::bm25RawScores("CATS, dogs!", docs, {1.2, 0.75, "english"});
    QVERIFY(std::abs(stemmed[0] - d0) < 1e-9);
    QVERIFY(std::abs(stemmed[1] - d1) < 1e-9);
}

void TstRerank::bm25CountsQueryTermsPerOccurrence()
{
    // "cat cat dog": cat's part counts twice, so d0 = 2·ln2·4.4/3.38 + ln(10/3)·2.2/2.38 and
    // d1 = 2·ln2·2.2/2.02 (same collection as above).
    const std::vector<std::string> docs{"cat cat dog", "the cat", "fish", "bird fish bird mouse"};
    const std::vector<double> raw = engine::bm25RawScores("cat cat dog", docs, {1.2, 0.75, "none"});
    QVERIFY(std::abs(raw[0] - (2 * std::log(2.0) * 4.4 / 3.38 + std::log(10.0 / 3.0) * 2.2 / 2.38)) < 1e-9);
    QVERIFY(std::abs(raw[1] - 2 * std::log(2.0) * 2.2 / 2.02) < 1e-9);
    // A term in every item still counts a little (Lucene's idf is never negative):
    // N = 2, n = 2: idf = ln(1 + 0.5 / 2.5) = ln 1.2 > 0.
    const std::vector<double> everywhere = engine::bm25RawScores("cat", {"cat", "cat"}, {1.2, 0.75, "none"});
    QVERIFY(std::abs(everywhere[0] - std::log(1.2)) < 1e-9);
    QCOMPARE(everywhere[0], everywhere[1]);
}

void TstRerank::bm25EdgeCasesGiveZerosNotNaN()
{
    const engine::Bm25Params params;
    QVERIFY(engine::bm25Scores("query", {}, params).empty());
    QCOMPARE(engine::bm25Scores("", {"a b", "c"}, params), std::vector<double>({0.0, 0.0}));
    QCOMPARE(engine::bm25Scores("?!", {"a b", "c"}, params), std::vector<double>({0.0, 0.0}));
    QCOMPARE(engine::bm25Scores("word", {"", ""}, params), std::vector<double>({0.0, 0.0}));
    QCOMPARE(engine::bm25Scores("word", {"", "a word", ""}, params), std::vector<double>({0.0, 1.0, 0.0}));
    QCOMPARE(engine::bm25Scores("zebra", {"a b", "c"}, params), std::vector<double>({0.0, 0.0}));
    // k1 = 0: only presence counts; b = 1: full length normalisation. Still finite.
    for (const engine::Bm25Params p : {engine::Bm25Params{0.0, 1.0, "none"}, engine::Bm25Params{100.0, 0.0, "none"}})
        for (double s : engine::bm25RawScores("a", {"a", "a a a", "b"}, p))
            QVERIFY(std::isfinite(s));
    QVERIFY_EXCEPTION_THROWN(engine::bm25RawScores("a", {"a"}, {-1.0, 0.75, "none"}), std::invalid_argument);
    QVERIFY_EXCEPTION_THROWN(engine::bm25RawScores("a", {"a"}, {1.2, 1.5, "none"}), std::invalid_argument);
}

void TstRerank::tokenisation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("terms"); // joined by '|'

    QTest::newRow("punctuation and case") << "Hello, WORLD!! foo_bar (baz)--qux..." << "none"
                                          << "hello|world|foo|bar|baz|qux";
    QTest::newRow("digits") << "Version 2.0 of R2D2" << "none" << "version|2|0|of|r2d2";
    QTest::newRow("accents kept") << "Naïve café, ÉCOLE" << "none" << "naïve|café|école";
    // "café" with e + U+0301 is the same term as the precomposed one (NFC first).
    QTest::newRow("combining mark, NFC") << QString::fromUtf8("cafe\xCC\x81 caf\xC3\xA9") << "none"
                                         << QString::fromUtf8("caf\xC3\xA9|caf\xC3\xA9");
    // Devanagari vowel signs and the virama are marks: the words stay whole.
    QTest::newRow("devanagari marks") << "नमस्ते दुनिया" << "none" << "नमस्ते|दुनिया";
    QTest::newRow("greek case folding") << "ΑΘΗΝΑ αθηνα" << "none" << "αθηνα|αθηνα";
    QTest::newRow("cyrillic") << "Привет, МИР" << "none" << "привет|мир";
    QTest::newRow("german umlauts and sharp s, no stemming") << "Die Häuser an der Straße" << "none"
                                                            << "die|häuser|an|der|straße";
    QTest::newRow("german stemming") << "Die Häuser an der Straße, das Haus" << "german"
                                     << "die|haus|an|der|strass|das|haus";
    QTest::newRow("cjk per character") << "東京タワーへ行く" << "none" << "東|京|タ|ワ|ー|へ|行|く";
    QTest::newRow("latin next to cjk") << "Tokyo東京2024年" << "english" << "tokyo|東|京|2024|年";
    QTest::newRow("thai per character, marks stay") << "สวัสดี" << "none" << "ส|วั|ส|ดี";
    QTest::newRow("C++ C# F# kept whole") << "C++ and C#, F#; c++?" << "none" << "c++|and|c#|f#|c++";
    QTest::newRow("C++ not stemmed") << "Learning C++ programs" << "english" << "learn|c++|program";
    QTest::newRow("plus after digits is a separator") << "1++2 a+b" << "none" << "1|2|a|b";
    QTest::newRow("hash inside a word splits") << "foo#bar x##" << "none" << "foo|bar|x";
    QTest::newRow("apostrophes split") << "don't stop" << "none" << "don|t|stop";
    QTest::newRow("empty") << "" << "english" << "";
    QTest::newRow("only punctuation") << " ... !? -- " << "english" << "";
    // A bad byte is dropped: the word goes on.
    QTest::newRow("invalid utf-8 skipped") << QString() << "none" << "abcd";
}

void TstRerank::tokenisation()
{
    QFETCH(QString, text);
    QFETCH(QString, language);
    QFETCH(QString, terms);
    std::string input = text.toStdString();
    if (QByteArray(QTest::currentDataTag()) == "invalid utf-8 skipped")
        input = "ab\xFF" "cd";
    QCOMPARE(joined(engine::bm25Terms(input, language.toStdString())), terms);
}

void TstRerank::stemmingEnglishGermanAndNone()
{
    QCOMPARE(joined(engine::bm25Terms("running runs run", "english")), QStringLiteral("run|run|run"));
    QCOMPARE(joined(engine::bm25Terms("running runs run", "none")), QStringLiteral("running|runs|run"));
    QCOMPARE(joined(engine::bm25Terms("Reranking model reranks", "english")),
             QStringLiteral("rerank|model|rerank"));
    QCOMPARE(engine::bm25Terms("Häuser", "german"), engine::bm25Terms("Haus", "german"));
    QCOMPARE(engine::bm25Terms("Straße", "german"), engine::bm25Terms("STRASSE", "german"));
    QVERIFY(engine::bm25Terms("Häuser", "none") != engine::bm25Terms("Haus", "none"));
    // French: "chevaux" and "cheval" share their stem.
    QCOMPARE(engine::bm25Terms("chevaux", "french"), engine::bm25Terms("cheval", "french"));

    // Stemming is what lets a query find an item in another inflection.
    const std::vector<std::string> docs{"He runs every day", "She sings"};
    QVERIFY(engine::bm25Scores("running", docs, {1.2, 0.75, "english"})[0] == 1.0);
    QCOMPARE(engine::bm25Scores("running", docs, {1.2, 0.75, "none"}), std::vector<double>({0.0, 0.0}));
}

void TstRerank::languagesListedAndUnknownRefused()
{
    const std::vector<std::string> langs = engine::bm25Languages();
    for (const char *l : {"english", "german", "french", "spanish", "russian", "none"}) {
        QVERIFY2(std::find(langs.begin(), langs.end(), l) != langs.end(), l);
        QVERIFY(engine::bm25LanguageSupported(l));
    }
    QVERIFY(!engine::bm25LanguageSupported("klingon"));
    QVERIFY(!engine::bm25LanguageSupported(""));
    QVERIFY_EXCEPTION_THROWN(engine::bm25Terms("a", "klingon"), std::invalid_argument);
    QVERIFY_EXCEPTION_THROWN(engine::bm25RawScores("a", {"a"}, {1.2, 0.75, "klingon"}), std::invalid_argument);
}

// --- through the Engine -------------------------------------------------------------------------

void TstRerank::engineAnswersHandComputedNormalisedScores()
{
    QVERIFY_RESULT(await(m_engine->registerModel(rerankerRequest("bm25-plain", {{"reranker", "bm25"},
                                                                                 {"language", "none"}}))));
    const auto r = rerank(rerankRequest("bm25-plain", "cat dog",
                                        strings({"cat cat dog", "the cat", "fish", "bird fish bird mouse"})));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), size_t(4));
    // The example of bm25MatchesHandComputedExample: d0 1, d1 0.7549.../2.0152..., then the two
    // zeros in input order.
    const double d1 = (std::log(2.0) * 2.2 / 2.02)
                    / (std::log(2.0) * 4.4 / 3.38 + std::log(10.0 / 3.0) * 2.2 / 2.38);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({0, 1, 2, 3}));
    QCOMPARE(r->data[0].relevance_score, 1.0);
    QVERIFY(std::abs(r->data[1].relevance_score - d1) < 1e-9);
    QCOMPARE(r->data[2].relevance_score, 0.0);
    QCOMPARE(r->data[3].relevance_score, 0.0);
}

void TstRerank::upstreamTextCasesKeepOrderingInvariants_data()
{
    QTest::addColumn<int>("form"); // which of upstream's four test_rerank_text cases
    QTest::newRow("string-query-string-items") << 0;
    QTest::newRow("text-query-text-items") << 1;
    QTest::newRow("mixed-content-1") << 2;
    QTest::newRow("mixed-content-2") << 3;
}

void TstRerank::upstreamTextCasesKeepOrderingInvariants()
{
    QFETCH(int, form);
    const std::string s1 = "string_1", s2 = "string_2";
    api::RerankInput query;
    std::vector<api::RerankInput> items;
    switch (form) {
    case 0: query = s1; items = {s1, s2}; break;
    case 1: query = text(s1); items = {text(s1), text(s2)}; break;
    case 2: query = s1; items = {s2, text(s1)}; break;
    default: query = text(s1); items = {s1, text(s2)}; break;
    }
    const auto r = rerank(rerankRequest("bm25", query, items));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), items.size());
    const QString violation = invariantViolation(r.value(), items.size());
    QVERIFY2(violation.isEmpty(), qPrintable(violation));
    // "string_1" shares both its terms with the string_1 item, one with the other.
    const int64_t exact = form == 2 ? 1 : 0;
    QCOMPARE(r->data[0].index, exact);
    QCOMPARE(r->data[0].relevance_score, 1.0);
    QVERIFY(r->data[1].relevance_score < 1.0);
}

void TstRerank::upstreamSemanticCasesRankExpectedItemFirst_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<int>("expected");
    QTest::newRow("reranking model") << "What is a reranking model? "
                                     << QStringList{"A reranking model reranks a list of items based on the query. ",
                                                    "Machine learning algorithms learn patterns from data. ",
                                                    "Python is a programming language. "}
                                     << 0;
    QTest::newRow("C++") << "What is C++?"
                         << QStringList{"Learning new things is interesting. ", "C++ is a programming language. ",
                                        "Books provide knowledge and entertainment. "}
                         << 1;
    QTest::newRow("learning habits") << "What are good learning habits? "
                                     << QStringList{"Cooking pasta is a fun activity. ",
                                                    "Plants need water and sunlight. ",
                                                    "Good learning habits include reading daily and taking notes. "}
                                     << 2;
}

void TstRerank::upstreamSemanticCasesRankExpectedItemFirst()
{
    QFETCH(QString, query);
    QFETCH(QStringList, items);
    QFETCH(int, expected);
    // As strings, then as text parts (items alternating strings and parts).
    for (bool parts : {false, true}) {
        std::vector<api::RerankInput> inputs;
        for (int i = 0; i < items.size(); ++i)
            inputs.push_back(parts && i % 2 == 0 ? text(items[i].toStdString())
                                                 : api::RerankInput(items[i].toStdString()));
        const api::RerankInput q = parts ? text(query.toStdString()) : api::RerankInput(query.toStdString());
        const auto r = rerank(rerankRequest("bm25", q, inputs));
        QVERIFY_RESULT(r);
        const QString violation = invariantViolation(r.value(), inputs.size());
        QVERIFY2(violation.isEmpty(), qPrintable(violation));
        QCOMPARE(r->data.size(), inputs.size());
        QCOMPARE(r->data[0].index, int64_t(expected));
        QCOMPARE(r->data[0].relevance_score, 1.0);
        QVERIFY(r->data[1].relevance_score < 1.0);
    }
}

void TstRerank::maxNumResultsEdgeCases()
{
    const std::vector<api::RerankInput> four{"string_1", "string_2", text("string_1"), text("string_2")};
    auto r = rerank(rerankRequest("bm25", "string_1", four, 2));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), size_t(2)); // upstream test_rerank_max_results
    QVERIFY(invariantViolation(r.value(), 4).isEmpty());
    QCOMPARE(indices(r.value()), std::vector<int64_t>({0, 2})); // the two exact matches, tied

    r = rerank(rerankRequest("bm25", "string_1", {"string_1", "string_2"}, 10));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), size_t(2)); // test_rerank_max_results_larger_than_items

    r = rerank(rerankRequest("bm25", "string_2", four, 1));
    QVERIFY_RESULT(r);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({1}));

    r = rerank(rerankRequest("bm25", "string_1", four));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), size_t(4)); // absent: all

    QVERIFY_ERROR(rerank(rerankRequest("bm25", "string_1", four, 0)), 400, "max_num_results");
    QVERIFY_ERROR(rerank(rerankRequest("bm25", "string_1", four, -1)), 400, "max_num_results");
    // Checked before the model is looked up, and even with no items.
    QVERIFY_ERROR(rerank(rerankRequest("no-such-model", "q", {}, 0)), 400, "max_num_results");
}

void TstRerank::emptyItemsGiveEmptyData()
{
    auto r = rerank(rerankRequest("bm25", "anything", {}));
    QVERIFY_RESULT(r);
    QVERIFY(r->data.empty());
    r = rerank(rerankRequest("bm25", "anything", {}, 3));
    QVERIFY_RESULT(r);
    QVERIFY(r->data.empty());
}

void TstRerank::scoresInUnitRangeBestIsOneNoMatchAllZero()
{
    const std::vector<api::RerankInput> items = strings(
        {"The quick brown fox jumps over the lazy dog", "A fox is a small omnivorous mammal",
         "Dogs and foxes are both canids, and a dog is not a fox", "Nothing relevant here at all", ""});
    auto r = rerank(rerankRequest("bm25", "fox and dog", items));
    QVERIFY_RESULT(r);
    QCOMPARE(r->data.size(), items.size());
    QVERIFY(invariantViolation(r.value(), items.size()).isEmpty());
    for (const api::RerankData &d : r->data)
        QVERIFY2(d.relevance_score >= 0.0 && d.relevance_score <= 1.0, qPrintable(QString::number(d.relevance_score)));
    QCOMPARE(r->data.front().relevance_score, 1.0);
    QCOMPARE(r->data.back().relevance_score, 0.0);

    r = rerank(rerankRequest("bm25", "zebra giraffe", items));
    QVERIFY_RESULT(r);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({0, 1, 2, 3, 4})); // all tied: input order
    for (const api::RerankData &d : r->data)
        QCOMPARE(d.relevance_score, 0.0);
}

void TstRerank::tiesKeepInputOrder()
{
    const std::vector<api::RerankInput> items{"other words", "the same item", text("the same item"),
                                              "unrelated", "the same item"};
    const auto r = rerank(rerankRequest("bm25", "same item", items));
    QVERIFY_RESULT(r);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({1, 2, 4, 0, 3}));
    QCOMPARE(r->data[0].relevance_score, 1.0);
    QCOMPARE(r->data[1].relevance_score, 1.0);
    QCOMPARE(r->data[2].relevance_score, 1.0);
    QCOMPARE(r->data[3].relevance_score, 0.0);
}

void TstRerank::imagePartsAre400()
{
    QVERIFY_ERROR(rerank(rerankRequest("bm25", image(), {"string_1"})), 400, "images are not supported");
    QVERIFY_ERROR(rerank(rerankRequest("bm25", "string_1", {image()})), 400, "images are not supported");
    QVERIFY_ERROR(rerank(rerankRequest("bm25", "string_1", {"a", text("b"), image()})), 400, "items[2]");
    QVERIFY_ERROR(rerank(rerankRequest("bm25", image(), {image(), "a"})), 400, "query");
}

void TstRerank::unknownEmptyAndLlmModelsRefused()
{
    QVERIFY_ERROR(rerank(rerankRequest("no-such-reranker", "q", strings({"a"}))), 404, "no-such-reranker");
    QVERIFY_ERROR(rerank(rerankRequest("", "q", strings({"a"}))), 400, "model");
    // "tiny" is a local llm found in the models folder: a reranker runs on it, it is not one.
    QVERIFY_ERROR(rerank(rerankRequest("tiny", "q", strings({"a"}))), 400, "rerank model");
    QVERIFY_ERROR(rerank(rerankRequest("llm-rerank/no-such-llm", "q", strings({"a"}))), 404, "llm-rerank/no-such-llm");
}

void TstRerank::modelsListShowsRerankers()
{
    const auto list = await(m_engine->listModels());
    QVERIFY_RESULT(list);
    auto find = [&](const std::string &id) -> const api::OpenAIModel * {
        for (const api::OpenAIModel &m : list->data)
            if (m.id == id)
                return &m;
        return nullptr;
    };
    for (const std::string id : {"bm25", "llm-rerank/tiny", "embedding-rerank/tiny"}) {
        const api::OpenAIModel *m = find(id);
        QVERIFY2(m, id.c_str());
        QVERIFY(m->custom_metadata);
        const Json &meta = m->custom_metadata->value;
        QCOMPARE(meta.value("model_type", ""), std::string("rerank"));
        QVERIFY2(meta.contains("score") && meta["score"].is_string() && !meta["score"].get<std::string>().empty(),
                 id.c_str());
    }
    QVERIFY(find("tiny"));
    QCOMPARE(find("tiny")->custom_metadata->value.value("model_type", ""), std::string("llm"));

    const auto bm25 = await(m_engine->getModel("bm25"));
    QVERIFY_RESULT(bm25);
    QCOMPARE(bm25->model_type, api::ModelType::Rerank);
    QCOMPARE(bm25->metadata.value.value("reranker", ""), std::string("bm25"));
    QCOMPARE(bm25->metadata.value.value("language", ""), std::string("english"));
    for (const std::string id : {"llm-rerank/tiny", "embedding-rerank/tiny"}) {
        const auto m = await(m_engine->getModel(id));
        QVERIFY_RESULT(m);
        QCOMPARE(m->model_type, api::ModelType::Rerank);
        QCOMPARE(m->metadata.value.value("base_model", ""), std::string("tiny"));
    }
    QVERIFY_ERROR(await(m_engine->getModel("llm-rerank/no-such-llm")), 404, "llm-rerank/no-such-llm");
}

void TstRerank::builtinRerankerCannotBeUnregistered()
{
    QVERIFY_ERROR(await(m_engine->unregisterModel("bm25")), 400, "bm25");
    QVERIFY_ERROR(await(m_engine->unregisterModel("llm-rerank/tiny")), 400, "llm-rerank/tiny");
    QVERIFY_RESULT(await(m_engine->getModel("bm25")));
    QVERIFY_RESULT(rerank(rerankRequest("bm25", "a", strings({"a", "b"}))));
}

void TstRerank::registeredGermanBm25UsesItsSettings()
{
    const auto registered = await(m_engine->registerModel(rerankerRequest(
        "bm25-de", {{"reranker", "bm25"}, {"language", "german"}, {"k1", 1.5}, {"b", 0.5}})));
    QVERIFY_RESULT(registered);
    QCOMPARE(registered->model_type, api::ModelType::Rerank);
    QCOMPARE(registered->metadata.value.value("language", ""), std::string("german"));
    QCOMPARE(registered->metadata.value.value("k1", 0.0), 1.5);
    QCOMPARE(registered->metadata.value.value("b", 0.0), 0.5);

    const std::string query = "Häuser";
    const std::vector<std::string> items{"Die Katze schläft", "Das Haus", "Häuser, Häuser und noch mehr Häuser am See"};
    const auto r = rerank(rerankRequest("bm25-de", query, strings(items)));
    QVERIFY_RESULT(r);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({2, 1, 0}));
    // Exactly BM25 with the registered k1 and b, which differ from the defaults' answer.
    const std::vector<double> expected = engine::bm25Scores(query, items, {1.5, 0.5, "german"});
    const std::vector<double> defaults = engine::bm25Scores(query, items, {1.2, 0.75, "german"});
    for (const api::RerankData &d : r->data)
        QVERIFY(std::abs(d.relevance_score - expected[size_t(d.index)]) < 1e-12);
    QVERIFY(std::abs(expected[1] - defaults[1]) > 1e-6);
    QVERIFY(expected[1] > 0.0);

    // The built-in bm25 stems English: "häuser" is not "haus" there.
    const auto english = rerank(rerankRequest("bm25", query, strings({"Das Haus", "Die Katze"})));
    QVERIFY_RESULT(english);
    for (const api::RerankData &d : english->data)
        QCOMPARE(d.relevance_score, 0.0);
}

void TstRerank::badRegistrationsNameTheField_data()
{
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown language") << QByteArray(R"({"reranker":"bm25","language":"klingon"})")
                                      << "metadata.language";
    QTest::newRow("language not a string") << QByteArray(R"({"reranker":"bm25","language":7})")
                                           << "metadata.language";
    QTest::newRow("negative k1") << QByteArray(R"({"reranker":"bm25","k1":-1})") << "metadata.k1";
    QTest::newRow("k1 not a number") << QByteArray(R"({"reranker":"bm25","k1":"big"})") << "metadata.k1";
    QTest::newRow("b above 1") << QByteArray(R"({"reranker":"bm25","b":1.5})") << "metadata.b";
    QTest::newRow("b negative") << QByteArray(R"({"reranker":"bm25","b":-0.1})") << "metadata.b";
    QTest::newRow("unknown reranker") << QByteArray(R"({"reranker":"nope"})") << "metadata.reranker";
    QTest::newRow("llm without base model") << QByteArray(R"({"reranker":"llm"})") << "metadata.base_model";
    QTest::newRow("path on an in-process reranker")
        << QByteArray(R"({"reranker":"bm25","path":"/tmp"})") << "metadata.path";
    QTest::newRow("base_url on an in-process reranker")
        << QByteArray(R"({"reranker":"llm","base_model":"tiny","base_url":"http://x/v1"})") << "metadata.base_url";
    QTest::newRow("bad pooling") << QByteArray(R"({"reranker":"embedding","base_model":"tiny","pooling":"max"})")
                                 << "metadata.pooling";
}

void TstRerank::badRegistrationsNameTheField()
{
    QFETCH(QByteArray, metadata);
    QFETCH(QString, field);
    const std::string id = "bad-" + std::string(QTest::currentDataTag());
    QVERIFY_ERROR(await(m_engine->registerModel(rerankerRequest(id, Json::parse(metadata.toStdString())))), 400,
                  field.toStdString());
    QVERIFY_ERROR(await(m_engine->getModel(id)), 404, id); // nothing was stored
}

void TstRerank::remoteRerankerWithUnknownApiRefused()
{
    const Json meta{{"base_url", "http://127.0.0.1:9/v1"}, {"rerank_api", "nope"}};
    QVERIFY_ERROR(await(m_engine->registerModel(rerankerRequest("remote-nope", meta, std::nullopt))), 400,
                  "metadata.rerank_api");
    QVERIFY_ERROR(await(m_engine->registerModel(rerankerRequest("remote-nope", meta, "openai"))), 400,
                  "metadata.rerank_api");
    QVERIFY_ERROR(await(m_engine->getModel("remote-nope")), 404, "remote-nope");
}

void TstRerank::llmRerankerWithMissingBaseModelNamesIt()
{
    QVERIFY_RESULT(await(m_engine->registerModel(
        rerankerRequest("judge-of-nothing", {{"reranker", "llm"}, {"base_model", "gone-llm"}}))));
    QVERIFY_ERROR(rerank(rerankRequest("judge-of-nothing", "q", strings({"a", "b"}))), 400, "gone-llm");
    // A base model that is a reranker, not an llm.
    QVERIFY_RESULT(await(m_engine->registerModel(
        rerankerRequest("llm-on-bm25", {{"reranker", "llm"}, {"base_model", "bm25"}}))));
    QVERIFY_ERROR(rerank(rerankRequest("llm-on-bm25", "q", strings({"a"}))), 400, "'bm25' is not one");
    // Bad requests are still answered first.
    QVERIFY_ERROR(rerank(rerankRequest("judge-of-nothing", image(), strings({"a"}))), 400, "images");
}

void TstRerank::registeredRerankersBelongToTheirPrincipal()
{
    const auto alice = m_engine->forPrincipal("alice");
    const auto bob = m_engine->forPrincipal("bob");
    QVERIFY_RESULT(await(alice->registerModel(
        rerankerRequest("alice-bm25", {{"reranker", "bm25"}, {"language", "none"}, {"k1", 0.9}}))));
    const auto mine = await(alice->rerank(rerankRequest("alice-bm25", "running", strings({"running", "runs"})), {}));
    QVERIFY_RESULT(mine);
    QCOMPARE(indices(mine.value()), std::vector<int64_t>({0, 1}));
    QCOMPARE(mine->data[1].relevance_score, 0.0); // no stemming: "runs" is another word
    QVERIFY_ERROR(await(bob->rerank(rerankRequest("alice-bm25", "q", strings({"a"})), {})), 404, "alice-bm25");
    // Everyone has the built-in ones.
    QVERIFY_RESULT(await(bob->rerank(rerankRequest("bm25", "q", strings({"q"})), {})));
    QVERIFY_ERROR(await(bob->unregisterModel("alice-bm25")), 404, "alice-bm25");
    QVERIFY_RESULT(await(alice->rerank(rerankRequest("alice-bm25", "q", strings({"q"})), {})));
}

void TstRerank::nothingLostAfterErrors()
{
    // After every error above (and a few more here), the registered rerankers still work as before.
    QVERIFY_ERROR(await(m_engine->registerModel(rerankerRequest(
                      "bm25-de", {{"reranker", "bm25"}, {"language", "german"}, {"k1", 2.0}}))),
                  409, "bm25-de");
    QVERIFY_ERROR(rerank(rerankRequest("bm25-de", image(), strings({"a"}))), 400, "images");
    QVERIFY_ERROR(rerank(rerankRequest("bm25-de", "q", strings({"a"}), 0)), 400, "max_num_results");

    const auto model = await(m_engine->getModel("bm25-de"));
    QVERIFY_RESULT(model);
    QCOMPARE(model->metadata.value.value("k1", 0.0), 1.5);
    const std::vector<std::string> items{"Die Katze schläft", "Das Haus"};
    const auto r = rerank(rerankRequest("bm25-de", "Häuser", strings(items)));
    QVERIFY_RESULT(r);
    QCOMPARE(indices(r.value()), std::vector<int64_t>({1, 0}));
    QCOMPARE(r->data[0].relevance_score, 1.0);

    // The same after a restart of the engine on the same data folder.
    engine::EngineConfig config;
    config.dataDir = m_engine->dataDir();
    config.threads = 2;
    config.modelDirs = {m_dir.filePath(QStringLiteral("models"))};
    m_engine.reset();
    m_engine = std::make_unique<engine::Engine>(config);
    QVERIFY_RESULT(m_engine->open());
    const auto again = rerank(rerankRequest("bm25-de", "Häuser", strings(items)));
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), r.value());
}

QTEST_GUILESS_MAIN(TstRerank)

void TstRerank::nestedDerivedIdsAreNotFoundWithoutRecursion()
{
    // A derived reranker's base is an llm, never another reranker: the lookup does not recurse,
    // so a long chain of prefixes is a plain 404 (it once overflowed the stack).
    std::string id;
    for (int i = 0; i < 20000; ++i)
        id += "llm-rerank/";
    id += "tiny";
    QVERIFY_ERROR(rerank(rerankRequest(id, "q", strings({"a"}))), 404, "not found");
    QVERIFY_ERROR(rerank(rerankRequest("llm-rerank/llm-rerank/tiny", "q", strings({"a"}))), 404, "not found");
    QVERIFY_ERROR(rerank(rerankRequest("embedding-rerank/bm25", "q", strings({"a"}))), 404, "not found");
    QVERIFY_RESULT(rerank(rerankRequest("bm25", "q", strings({"a"}))));
}

void TstRerank::builtinIdsAreReservedForRegistrations()
{
    for (const char *id : {"bm25", "llm-rerank/mine", "embedding-rerank/tiny"}) {
        QVERIFY_ERROR(await(m_engine->registerModel(rerankerRequest(id, {{"reranker", "bm25"}}))), 400,
                      "built-in reranker");
    }
    const auto builtin = await(m_engine->getModel("bm25"));
    QVERIFY_RESULT(builtin);
    QCOMPARE(builtin->metadata.value.value("language", ""), std::string("english"));
}

void TstRerank::tooManyItemsAre400()
{
    std::vector<std::string> many(engine::RerankService::kMaxItems + 1, "a");
    QVERIFY_ERROR(rerank(rerankRequest("bm25", "a", strings(many))), 400, "items: at most 10000");
    many.pop_back();
    auto all = rerank(rerankRequest("bm25", "a", strings(many)));
    QVERIFY_RESULT(all);
    QCOMPARE(all->data.size(), engine::RerankService::kMaxItems);
}

void TstRerank::crossEncoderFolderIsRefusedWithTheReason()
{
    const auto model = await(m_engine->getModel("cross-encoder"));
    QVERIFY_RESULT(model);
    QCOMPARE(model->model_type, api::ModelType::Rerank);
    // Listed (so the models page shows it) but not run here: a 400 that says why, not a 500.
    QVERIFY_ERROR(rerank(rerankRequest("cross-encoder", "q", strings({"a"}))), 400, "cross-encoder");
}

#include "tst_rerank.moc"
