// The rerankers that run a local causal model (engine/rerank/local_rerankers.h) and the pooled
// hidden states they use (CausalLm::pooledHiddenStates):
// - on the tiny random model: the LLM score against a hand computation from logitsAll (full
//   softmax, yes/no ids), pooled hidden states against the LM head and across batch shapes,
//   the embedding score against (1 + cosine) / 2, batching, cancelling, over-long texts, errors;
// - through the Engine API (llm-rerank/<model>, embedding-rerank/<model>): the upstream ordering
//   invariants, max_num_results and images (llama-stack tests/integration/inference/test_rerank.py);
// - the upstream semantic cases on the bundled starter model, embedding reranker
//   (starterEmbeddingRanksTheRelevantPassageFirst); the LLM judge cannot pass them on it.

#include "api/async.h"
#include "engine/engine.h"
#include "engine/models/local_model.h"
#include "engine/models/safetensors.h"
#include "engine/rerank/local_rerankers.h"

#include "result_macros.h"
#include "tiny_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>

using namespace wb;
using namespace wb::engine;

namespace {

std::string fill(std::string form, const std::string &key, const std::string &value)
{
    form.replace(form.find(key), key.size(), value);
    return form;
}

//! The LLM reranker's user message, built here independently of the implementation.
std::string relevanceMessage(const std::string &query, const std::string &document)
{
    std::string m = fill(kRelevancePrompt, "{instruction}", kDefaultRelevanceInstruction);
    m = fill(m, "{document}", document);
    return fill(m, "{query}", query);
}

//! Distinct first tokens of the spellings; the ones shared by yes and no removed from both.
std::pair<std::vector<int>, std::vector<int>> yesNoIds(const Tokenizer &tok)
{
    auto firsts = [&](std::initializer_list<const char *> words) {
        std::set<int> ids;
        for (const char *w : words)
            ids.insert(tok.encode(w).front());
        return ids;
    };
    const std::set<int> yes = firsts({"yes", " yes", "Yes", " Yes"}), no = firsts({"no", " no", "No", " No"});
    std::vector<int> y, n;
    std::set_difference(yes.begin(), yes.end(), no.begin(), no.end(), std::back_inserter(y));
    std::set_difference(no.begin(), no.end(), yes.begin(), yes.end(), std::back_inserter(n));
    return {y, n};
}

//! P(yes) / (P(yes) + P(no)) by the book: the softmax over the whole vocabulary of the last
//! position of logitsAll on the rendered prompt.
double handLlmScore(const LocalModel &model, const std::string &query, const std::string &document,
                    ChatTemplateOptions options = {})
{
    const auto text = model.chatTemplate().render({ChatMessage{"user", relevanceMessage(query, document)}},
                                                  options);
    if (!text)
        qFatal("render failed");
    const std::vector<int> ids = model.tokenizer()->encode(*text, true);
    const auto logits = model.lm().logitsAll(ids);
    if (!logits)
        qFatal("logitsAll failed");
    const size_t V = size_t(model.lm().config().vocabSize);
    const float *last = logits->data() + (ids.size() - 1) * V;
    const double top = *std::max_element(last, last + V);
    double z = 0;
    for (size_t v = 0; v < V; ++v)
        z += std::exp(double(last[v]) - top);
    const auto [yes, no] = yesNoIds(*model.tokenizer());
    double py = 0, pn = 0;
    for (int id : yes)
        py += std::exp(double(last[id]) - top) / z;
    for (int id : no)
        pn += std::exp(double(last[id]) - top) / z;
    return py / (py + pn);
}

std::vector<int> ramp(int n, int offset)
{
    std::vector<int> ids;
    for (int i = 0; i < n; ++i)
        ids.push_back((i * 7 + offset) % (test::kTinyVocab - 3)); // no special tokens
    return ids;
}

double cosineOf(const float *a, const float *b, size_t n)
{
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < n; ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(na * nb);
}

const std::vector<std::string> kItems = {
    "C++ is a programming language.",
    "Plants need water and sunlight.",
    "",
    "A reranking model reranks a list of items based on the query, one item at a time, and the "
    "longest of these items is much longer than the others so that batches pad.",
    "Books provide knowledge and entertainment.",
    "x",
    "Cooking pasta is a fun activity.",
    "Good learning habits include reading daily and taking notes.",
    "What is C++?",
    "Learning new things is interesting.",
    "Python is a programming language."};

api::RerankRequest request(const std::string &model, api::RerankInput query, std::vector<api::RerankInput> items,
                           std::optional<int> maxNumResults = std::nullopt)
{
    api::RerankRequest r;
    r.model = model;
    r.query = std::move(query);
    r.items = std::move(items);
    r.max_num_results = maxNumResults;
    return r;
}

QFuture<api::Result<api::RerankResponse>> rerankOn(Engine &engine, api::RerankRequest r)
{
    return engine.rerank(std::move(r), api::CancelToken());
}

//! upstream's _validate_rerank_response: indices in range and unique, scores non-increasing.
void validateRanking(const api::RerankResponse &response, size_t items)
{
    std::set<int64_t> seen;
    double last = HUGE_VAL;
    QVERIFY(response.data.size() <= items);
    for (const api::RerankData &d : response.data) {
        QVERIFY(d.index >= 0 && size_t(d.index) < items);
        QVERIFY(seen.insert(d.index).second);
        QVERIFY(d.relevance_score <= last);
        QVERIFY(d.relevance_score >= 0 && d.relevance_score <= 1);
        last = d.relevance_score;
    }
}

} // namespace

class TstRerankLocal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_tinyFolder;
    std::shared_ptr<const LocalModel> m_tiny;
    //! A data folder seeded as on first start, which installs the starter model as "starter".
    QTemporaryDir m_starterData;
    std::unique_ptr<Engine> m_starterEngine;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tinyFolder = m_dir.filePath(QStringLiteral("models/tiny"));
        QVERIFY_RESULT(test::writeTinyModel(m_tinyFolder, 7, /*chatTemplate=*/true));
        auto model = LocalModel::load(m_tinyFolder);
        QVERIFY_RESULT(model);
        m_tiny = model.value();
    }

    // --- the LLM reranker ---

    void llmScoreIsTheYesProbabilityOfTheFullSoftmax()
    {
        // The tiny tokenizer has no " yes" token: " yes" and " no" both begin with ' ', which is
        // left out, so the answers are y/Y against n/N.
        const auto [yes, no] = yesNoIds(*m_tiny->tokenizer());
        const Tokenizer &tok = *m_tiny->tokenizer();
        QCOMPARE(yes, (std::vector<int>{*tok.tokenToId("Y"), *tok.tokenToId("y")}));
        QCOMPARE(no, (std::vector<int>{*tok.tokenToId("N"), *tok.tokenToId("n")}));

        const std::string query = "What is C++?";
        const auto scores = llmRerankScores(*m_tiny, query, kItems, {}, {});
        QVERIFY_RESULT(scores);
        QCOMPARE(scores->size(), kItems.size());
        for (size_t i = 0; i < kItems.size(); ++i) {
            const double hand = handLlmScore(*m_tiny, query, kItems[i]);
            QVERIFY2(std::abs(scores->at(i) - hand) < 1e-5,
                     qPrintable(QStringLiteral("item %1: %2 vs hand %3").arg(i).arg(scores->at(i)).arg(hand)));
            QVERIFY(scores->at(i) >= 0 && scores->at(i) <= 1);
        }
        // A random model has opinions: the scores are not all the same.
        QVERIFY(*std::max_element(scores->begin(), scores->end())
                    - *std::min_element(scores->begin(), scores->end())
                > 1e-4);
    }

    void llmCustomInstructionChangesThePrompt()
    {
        LlmRerankOptions options;
        options.instruction = "Answer yes if the document answers the query.";
        const auto custom = llmRerankScores(*m_tiny, "q", {"d"}, options, {});
        const auto standard = llmRerankScores(*m_tiny, "q", {"d"}, {}, {});
        QVERIFY_RESULT(custom);
        QVERIFY_RESULT(standard);
        QVERIFY(custom->at(0) != standard->at(0));
    }

    void llmPromptSwitchesThinkingOff()
    {
        // A Qwen3-style template: with enable_thinking false it writes an empty think block after
        // the generation prompt, so the answer is the next token (not "<think>").
        const QString folder = m_dir.filePath(QStringLiteral("thinking"));
        QVERIFY_RESULT(test::writeTinyModel(folder, 7, true));
        const nlohmann::ordered_json config{
            {"chat_template",
             "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + "
             "'<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
             "{% if enable_thinking is defined and enable_thinking is false %}{{ '<think>\\n\\n</think>\\n\\n' }}"
             "{% endif %}{% endif %}"},
            {"eos_token", "<|im_end|>"}};
        QFile file(QDir(folder).filePath(QStringLiteral("tokenizer_config.json")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray::fromStdString(config.dump()));
        file.close();
        auto model = LocalModel::load(folder);
        QVERIFY_RESULT(model);
        ChatTemplateOptions off;
        off.enableThinking = false;
        const auto rendered = model.value()->chatTemplate().render({ChatMessage{"user", "x"}}, off);
        QVERIFY_RESULT(rendered);
        QVERIFY2(rendered->find("</think>") != std::string::npos, rendered->c_str());
        const auto scores = llmRerankScores(*model.value(), "What is C++?", {"C++ is a language."}, {}, {});
        QVERIFY_RESULT(scores);
        const double thinkingOff = handLlmScore(*model.value(), "What is C++?", "C++ is a language.", off);
        const double thinkingUnset = handLlmScore(*model.value(), "What is C++?", "C++ is a language.");
        QVERIFY2(std::abs(scores->at(0) - thinkingOff) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(scores->at(0)).arg(thinkingOff)));
        QVERIFY(std::abs(thinkingOff - thinkingUnset) > 1e-6); // the block is really in the prompt
    }

    void llmBatchingGivesTheScoresOfBatchSizeOne()
    {
        for (int batch : {2, 4, 8, 64}) {
            LlmRerankOptions one, many;
            one.batchSize = 1;
            many.batchSize = batch;
            const auto a = llmRerankScores(*m_tiny, "What is C++?", kItems, one, {});
            const auto b = llmRerankScores(*m_tiny, "What is C++?", kItems, many, {});
            QVERIFY_RESULT(a);
            QVERIFY_RESULT(b);
            for (size_t i = 0; i < kItems.size(); ++i)
                QVERIFY2(std::abs(a->at(i) - b->at(i)) < 1e-5, qPrintable(QString::number(batch)));
        }
    }

    void llmCancelledReturns499()
    {
        api::CancelToken cancel;
        cancel.cancel();
        QVERIFY_ERROR(llmRerankScores(*m_tiny, "q", kItems, {}, cancel), 499, "cancel");
    }

    void llmCutsAnOverlongDocumentAtItsEnd()
    {
        // The tiny model's context is 512 tokens, one per character: the documents below are cut
        // to the same start, so their different endings cannot change the score.
        std::string body;
        while (body.size() < 700)
            body += "Some long passage about nothing in particular. ";
        const auto scores = llmRerankScores(*m_tiny, "What is C++?", {body + "C++ ends it.", body + "Python ends it."},
                                            {}, {});
        QVERIFY_RESULT(scores);
        QVERIFY(scores->at(0) >= 0 && scores->at(0) <= 1);
        QVERIFY(std::abs(scores->at(0) - scores->at(1)) < 1e-6);
        // ... and the score is the one of the longest start that fits.
        const int context = m_tiny->lm().config().maxPositionEmbeddings;
        const auto bare = m_tiny->chatTemplate().render({ChatMessage{"user", relevanceMessage("What is C++?", "")}});
        const size_t keep = size_t(context) - m_tiny->tokenizer()->encode(*bare).size();
        QVERIFY(std::abs(scores->at(0) - handLlmScore(*m_tiny, "What is C++?", body.substr(0, keep))) < 1e-5);
        QVERIFY(std::abs(scores->at(0) - handLlmScore(*m_tiny, "What is C++?", body.substr(0, keep - 1))) > 1e-7);
    }

    void llmRejectsAQueryThatLeavesNoRoom()
    {
        const std::string query(600, 'q');
        QVERIFY_ERROR(llmRerankScores(*m_tiny, query, {"d"}, {}, {}), 400, "query:");
    }

    void llmRejectsAVocabularyWithoutYesAndNo()
    {
        // A tokenizer whose words all begin with the same character cannot tell yes from no.
        const QString folder = m_dir.filePath(QStringLiteral("no-answers"));
        QVERIFY_RESULT(test::writeTinyModel(folder, 3, true));
        nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
        vocab["a"] = 0;
        nlohmann::ordered_json added = nlohmann::ordered_json::array();
        int next = 1;
        for (const char *special : {"<|endoftext|>", "<|im_start|>", "<|im_end|>"}) {
            vocab[special] = next;
            added.push_back({{"id", next++}, {"content", special}, {"special", true}});
        }
        const nlohmann::ordered_json tokenizer{
            {"model",
             {{"type", "BPE"}, {"vocab", vocab}, {"merges", nlohmann::ordered_json::array()}, {"unk_token", "a"}}},
            {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
            {"decoder", {{"type", "ByteLevel"}}},
            {"added_tokens", added}};
        QVERIFY_RESULT(test::writeFile(QDir(folder).filePath(QStringLiteral("tokenizer.json")),
                                       QByteArray::fromStdString(tokenizer.dump())));
        auto model = LocalModel::load(folder);
        QVERIFY_RESULT(model);
        const auto scores = llmRerankScores(*model.value(), "q", {"d"}, {}, {});
        QVERIFY_ERROR(scores, 400, folder.toStdString());
        QVERIFY_ERROR(scores, 400, "vocabulary has no token");
    }

    // --- pooled hidden states ---

    void lastHiddenStateTimesLmHeadGivesTheLogits()
    {
        // The pooled "last" state is the final-norm state the LM head reads: with the tied
        // embeddings E (V, H), logits = E h.
        const std::vector<int> ids = ramp(23, 5);
        const auto pooled = m_tiny->lm().pooledHiddenStates({ids}, Pooling::Last);
        const auto logits = m_tiny->lm().logitsAll(ids);
        QVERIFY_RESULT(pooled);
        QVERIFY_RESULT(logits);
        auto set = SafetensorsSet::openFolder(m_tinyFolder);
        QVERIFY_RESULT(set);
        const TensorView *embed = set->find("model.embed_tokens.weight");
        QVERIFY(embed && embed->dtype == TensorDtype::F32);
        const size_t V = size_t(embed->shape[0]), H = size_t(embed->shape[1]);
        QCOMPARE(pooled->size(), H);
        const float *e = reinterpret_cast<const float *>(embed->data);
        const float *expected = logits->data() + (ids.size() - 1) * V;
        for (size_t v = 0; v < V; ++v) {
            double dot = 0;
            for (size_t h = 0; h < H; ++h)
                dot += double(e[v * H + h]) * pooled->at(h);
            QVERIFY2(std::abs(dot - expected[v]) < 1e-4, qPrintable(QString::number(v)));
        }
    }

    void pooledBatchEqualsEachSequenceAlone()
    {
        // Lengths differ, so the shorter sequences are padded in the batch: the padding must not
        // reach their states.
        const std::vector<std::vector<int>> batch = {ramp(5, 1), ramp(40, 2), ramp(1, 3), ramp(17, 4)};
        const size_t H = size_t(m_tiny->lm().config().hiddenSize);
        for (Pooling pooling : {Pooling::Mean, Pooling::Last}) {
            const auto together = m_tiny->lm().pooledHiddenStates(batch, pooling);
            QVERIFY_RESULT(together);
            QCOMPARE(together->size(), batch.size() * H);
            for (size_t b = 0; b < batch.size(); ++b) {
                const auto alone = m_tiny->lm().pooledHiddenStates({batch[b]}, pooling);
                QVERIFY_RESULT(alone);
                for (size_t h = 0; h < H; ++h)
                    QVERIFY(std::abs(together->at(b * H + h) - alone->at(h)) < 1e-5);
            }
        }
        // Mean and last differ except for a single token.
        const auto mean = m_tiny->lm().pooledHiddenStates(batch, Pooling::Mean);
        const auto last = m_tiny->lm().pooledHiddenStates(batch, Pooling::Last);
        QVERIFY(std::abs(mean->at(0) - last->at(0)) > 1e-6);
        for (size_t h = 0; h < H; ++h)
            QCOMPARE(mean->at(2 * H + h), last->at(2 * H + h));
    }

    void meanPoolingIsTheMeanOfTheLastStatesOfEachPrefix()
    {
        // Causal attention: the state at position t is the last state of the prefix [0, t], so
        // the mean over the sequence is the mean of the prefixes' "last" states.
        const std::vector<int> ids = ramp(9, 11);
        const size_t H = size_t(m_tiny->lm().config().hiddenSize);
        std::vector<std::vector<int>> prefixes;
        for (size_t t = 1; t <= ids.size(); ++t)
            prefixes.emplace_back(ids.begin(), ids.begin() + long(t));
        const auto lasts = m_tiny->lm().pooledHiddenStates(prefixes, Pooling::Last);
        const auto mean = m_tiny->lm().pooledHiddenStates({ids}, Pooling::Mean);
        QVERIFY_RESULT(lasts);
        QVERIFY_RESULT(mean);
        for (size_t h = 0; h < H; ++h) {
            double sum = 0;
            for (size_t t = 0; t < ids.size(); ++t)
                sum += lasts->at(t * H + h);
            QVERIFY(std::abs(sum / double(ids.size()) - mean->at(h)) < 1e-5);
        }
    }

    void pooledRejectsEmptyAndOverlongSequences()
    {
        QVERIFY_ERROR(m_tiny->lm().pooledHiddenStates({ramp(3, 0), {}}, Pooling::Mean), 400, "batch[1]");
        QVERIFY_ERROR(m_tiny->lm().pooledHiddenStates({ramp(513, 0)}, Pooling::Mean), 400,
                      "max_position_embeddings");
        QVERIFY_ERROR(m_tiny->lm().pooledHiddenStates({{0, 500}}, Pooling::Last), 400, "batch[0][1]");
        const auto none = m_tiny->lm().pooledHiddenStates({}, Pooling::Mean);
        QVERIFY_RESULT(none);
        QVERIFY(none->empty());
    }

    // --- the embedding reranker ---

    void embeddingScoreIsHalfOnePlusCosine()
    {
        const std::string query = "What is C++?";
        for (const char *pooling : {"mean", "last"}) {
            EmbeddingRerankOptions options;
            options.pooling = pooling;
            const auto scores = embeddingRerankScores(*m_tiny, query, kItems, options, {});
            QVERIFY_RESULT(scores);
            QCOMPARE(scores->size(), kItems.size());
            const Pooling p = options.pooling == "mean" ? Pooling::Mean : Pooling::Last;
            const size_t H = size_t(m_tiny->lm().config().hiddenSize);
            const auto q = m_tiny->lm().pooledHiddenStates({m_tiny->tokenizer()->encode(query, true)}, p);
            QVERIFY_RESULT(q);
            for (size_t i = 0; i < kItems.size(); ++i) {
                QVERIFY(scores->at(i) >= 0 && scores->at(i) <= 1);
                const std::vector<int> ids = m_tiny->tokenizer()->encode(kItems[i], true);
                if (ids.empty()) { // the empty item: no hidden states, "cannot tell"
                    QCOMPARE(scores->at(i), 0.5);
                    continue;
                }
                const auto v = m_tiny->lm().pooledHiddenStates({ids}, p);
                QVERIFY_RESULT(v);
                const double hand = (1 + cosineOf(q->data(), v->data(), H)) / 2;
                QVERIFY2(std::abs(scores->at(i) - hand) < 1e-6, qPrintable(QString::number(i)));
            }
            // "What is C++?" is also an item: the same text scores 1.
            QVERIFY(std::abs(scores->at(8) - 1.0) < 1e-6);
            QVERIFY(*std::min_element(scores->begin(), scores->end()) < 0.999);
        }
    }

    void embeddingBatchingGivesTheScoresOfBatchSizeOne()
    {
        EmbeddingRerankOptions one, many;
        one.batchSize = 1;
        many.batchSize = 4;
        const auto a = embeddingRerankScores(*m_tiny, "What is C++?", kItems, one, {});
        const auto b = embeddingRerankScores(*m_tiny, "What is C++?", kItems, many, {});
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        for (size_t i = 0; i < kItems.size(); ++i)
            QVERIFY(std::abs(a->at(i) - b->at(i)) < 1e-6);
    }

    void embeddingCutsAnOverlongItemAndRejectsAnOverlongQuery()
    {
        const std::string body(600, 'b');
        const auto scores = embeddingRerankScores(*m_tiny, "q", {body + "x", body + "yz"}, {}, {});
        QVERIFY_RESULT(scores);
        QVERIFY(std::abs(scores->at(0) - scores->at(1)) < 1e-6); // both cut to the first 512 tokens
        QVERIFY(scores->at(0) >= 0 && scores->at(0) <= 1);
        QVERIFY_ERROR(embeddingRerankScores(*m_tiny, body, {"d"}, {}, {}), 400, "query:");
    }

    void embeddingCancelledReturns499AndBadPoolingIs400()
    {
        api::CancelToken cancel;
        cancel.cancel();
        QVERIFY_ERROR(embeddingRerankScores(*m_tiny, "q", kItems, {}, cancel), 499, "cancel");
        EmbeddingRerankOptions bad;
        bad.pooling = "max";
        QVERIFY_ERROR(embeddingRerankScores(*m_tiny, "q", kItems, bad, {}), 400, "pooling");
    }

    // --- through the Engine API ---

    void engineRerankersKeepTheUpstreamInvariants_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("llm") << QStringLiteral("llm-rerank/tiny");
        QTest::newRow("embedding") << QStringLiteral("embedding-rerank/tiny");
    }

    void engineRerankersKeepTheUpstreamInvariants()
    {
        QFETCH(QString, model);
        const std::string id = model.toStdString();
        EngineConfig config;
        config.dataDir = m_dir.filePath(QStringLiteral("engine-data"));
        config.modelDirs = {m_dir.filePath(QStringLiteral("models"))};
        Engine engine(config);
        QVERIFY_RESULT(engine.open());

        // test_rerank_text: strings, text parts and both mixed.
        const api::RerankInput s1 = std::string("string_1"), s2 = std::string("string_2");
        const api::RerankInput t1 = api::TextContentPart{"string_1"}, t2 = api::TextContentPart{"string_2"};
        const std::vector<std::pair<api::RerankInput, std::vector<api::RerankInput>>> cases = {
            {s1, {s1, s2}}, {t1, {t1, t2}}, {s1, {s2, t1}}, {t1, {s1, t2}}};
        for (const auto &[query, items] : cases) {
            const auto r = api::await(rerankOn(engine, request(id, query, items)));
            QVERIFY_RESULT(r);
            QCOMPARE(r->data.size(), items.size());
            validateRanking(r.value(), items.size());
        }
        // The same text as string or text part scores the same.
        const auto a = api::await(rerankOn(engine, request(id, s1, {s1, s2})));
        const auto b = api::await(rerankOn(engine, request(id, t1, {t1, t2})));
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QCOMPARE(a.value(), b.value());

        // test_rerank_max_results and ..._larger_than_items.
        const auto two = api::await(rerankOn(engine, request(id, s1, {s1, s2, t1, t2}, 2)));
        QVERIFY_RESULT(two);
        QCOMPARE(two->data.size(), size_t(2));
        validateRanking(two.value(), 4);
        const auto all = api::await(rerankOn(engine, request(id, s1, {s1, s2, t1, t2})));
        QVERIFY_RESULT(all);
        QCOMPARE(two->data.at(0), all->data.at(0));
        QCOMPARE(two->data.at(1), all->data.at(1));
        const auto ten = api::await(rerankOn(engine, request(id, s1, {s1, s2}, 10)));
        QVERIFY_RESULT(ten);
        QCOMPARE(ten->data.size(), size_t(2));
        QVERIFY_ERROR(api::await(rerankOn(engine, request(id, s1, {s1}, 0))), 400, "max_num_results");

        // test_rerank_image: image parts in the query or among the items are a 400.
        const api::RerankInput image = api::ImageUrlContentPart{api::OpenAIImageURL{"https://example.com/image.jpg", {}}};
        QVERIFY_ERROR(api::await(rerankOn(engine, request(id, image, {s1}))), 400, "images are not supported");
        QVERIFY_ERROR(api::await(rerankOn(engine, request(id, t1, {s1, image}))), 400, "items[1]");

        // No items: an empty ranking.
        const auto none = api::await(rerankOn(engine, request(id, s1, {})));
        QVERIFY_RESULT(none);
        QVERIFY(none->data.empty());

        // The engine's scores are the reranker's.
        const std::vector<std::string> texts = {"string_1", "string_2", "other"};
        const auto direct = id.rfind("llm", 0) == 0 ? llmRerankScores(*m_tiny, "string_1", texts, {}, {})
                                                     : embeddingRerankScores(*m_tiny, "string_1", texts, {}, {});
        QVERIFY_RESULT(direct);
        const auto ranked = api::await(
            rerankOn(engine, request(id, s1, {api::RerankInput(texts[0]), api::RerankInput(texts[1]),
                                           api::RerankInput(texts[2])})));
        QVERIFY_RESULT(ranked);
        for (const api::RerankData &d : ranked->data)
            QVERIFY(std::abs(d.relevance_score - direct->at(size_t(d.index))) < 1e-6);
    }

    // --- the upstream semantic cases on the bundled starter model ---

    void starterEmbeddingRanksTheRelevantPassageFirst_data()
    {
        QTest::addColumn<QString>("reranker");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("items");
        QTest::addColumn<int>("expected");
        const QStringList reranking = {QStringLiteral("A reranking model reranks a list of items based on the query. "),
                                       QStringLiteral("Machine learning algorithms learn patterns from data. "),
                                       QStringLiteral("Python is a programming language. ")};
        const QStringList cpp = {QStringLiteral("Learning new things is interesting. "),
                                 QStringLiteral("C++ is a programming language. "),
                                 QStringLiteral("Books provide knowledge and entertainment. ")};
        const QStringList habits = {QStringLiteral("Cooking pasta is a fun activity. "),
                                    QStringLiteral("Plants need water and sunlight. "),
                                    QStringLiteral("Good learning habits include reading daily and taking notes. ")};
        // Only the embedding reranker: the LLM judge on the starter model ranks 2 of these 3 right,
        // by chance (its scores do not separate relevant from other passages on a held-out set;
        // docs/starter-model.md, `train-starter-model rerank`), so asserting it would test luck.
        // For the embedding reranker these are a regression check on a fixed model, whose shared
        // wording is what it catches.
        for (const QString &reranker : {QStringLiteral("embedding-rerank/starter")}) {
            const QByteArray tag = reranker.section(QLatin1Char('/'), 0, 0).toUtf8();
            QTest::newRow(QByteArray(tag + ": reranking model").constData()) << reranker << QStringLiteral("What is a reranking model? ")
                                                     << reranking << 0;
            QTest::newRow(QByteArray(tag + ": C++").constData()) << reranker << QStringLiteral("What is C++?") << cpp << 1;
            QTest::newRow(QByteArray(tag + ": learning habits").constData()) << reranker << QStringLiteral("What are good learning habits? ")
                                                     << habits << 2;
        }
    }

    void starterEmbeddingRanksTheRelevantPassageFirst()
    {
        QFETCH(QString, reranker);
        QFETCH(QString, query);
        QFETCH(QStringList, items);
        QFETCH(int, expected);
        if (!m_starterEngine) {
            EngineConfig config;
            config.dataDir = m_starterData.path();
            config.seedSamples = true;
            m_starterEngine = std::make_unique<Engine>(config);
            QVERIFY_RESULT(m_starterEngine->open());
        }
        Engine &engine = *m_starterEngine;
        std::vector<api::RerankInput> inputs;
        for (const QString &item : items)
            inputs.emplace_back(item.toStdString());
        const auto r = api::await(rerankOn(engine, request(reranker.toStdString(), query.toStdString(), inputs)));
        QVERIFY_RESULT(r);
        validateRanking(r.value(), inputs.size());
        QString figures;
        std::vector<double> scores(items.size());
        for (const api::RerankData &d : r->data)
            scores[size_t(d.index)] = d.relevance_score;
        for (size_t i = 0; i < scores.size(); ++i)
            figures += QStringLiteral("%1[%2] %3").arg(i ? QStringLiteral(", ") : QString()).arg(i).arg(scores[i], 0, 'f', 6);
        qInfo("%s | %s | scores: %s", qPrintable(reranker), qPrintable(query), qPrintable(figures));
        QCOMPARE(int(r->data.at(0).index), expected);
    }
};

QTEST_GUILESS_MAIN(TstRerankLocal)
#include "tst_rerank_local.moc"
