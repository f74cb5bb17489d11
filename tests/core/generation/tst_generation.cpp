// generate() on a real random tiny Llama model (written by writeRandomModel, run by libtorch)
// with a real byte-level BPE tokenizer: greedy decoding against the uncached logits, seeded
// determinism, independence from the batch, penalties, eos, stop strings, max tokens, the
// context, cancelling and parameter errors.

#include "fixtures.h"
#include "tests.h"

#include "engine/models/causal_lm.h"
#include "engine/models/generation.h"
#include "engine/models/sampling.h"
#include "engine/models/tokenizer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace wb;
using namespace wb::engine;

namespace {

struct Outcome
{
    api::Result<std::vector<GeneratedSequence>> result;
    std::map<int, std::string> streamed;            //!< concatenated pieces per sequence
    std::map<int, std::vector<std::string>> pieces; //!< the pieces themselves
};

// The start of the last UTF-8 character of `s`.
size_t lastCharStart(const std::string &s)
{
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
        --i;
    return i;
}

size_t firstCharLength(const std::string &s)
{
    size_t n = 1;
    while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        ++n;
    return n;
}

} // namespace

// checkStreamed, then stop the test function if it failed (the result is used right after).
#define CHECK_STREAMED(o)                                                                          \
    do {                                                                                           \
        checkStreamed(o);                                                                          \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

class TestGeneration : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const CausalLm> m_lm;
    std::shared_ptr<const Tokenizer> m_tok;

    std::vector<int> prompt(const std::string &text) const { return m_tok->encode(text, true); }

    Outcome run(GenerationRequest req, const api::CancelToken &cancel = {},
                std::function<void()> onFirstPiece = {}) const
    {
        Outcome o;
        bool first = true;
        o.result = generate(*m_lm, *m_tok, req,
                            [&](int index, const std::string &piece) {
                                QVERIFY(!piece.empty());
                                o.streamed[index] += piece;
                                o.pieces[index].push_back(piece);
                                if (first && onFirstPiece)
                                    onFirstPiece();
                                first = false;
                            },
                            cancel);
        return o;
    }

    // Generation succeeded and every sequence's streamed pieces make up its text.
    static void checkStreamed(const Outcome &o)
    {
        QVERIFY2(o.result.ok(), o.result.ok() ? "" : o.result.error().toString().c_str());
        for (size_t i = 0; i < o.result->size(); ++i) {
            const auto it = o.streamed.find(static_cast<int>(i));
            QCOMPARE(it == o.streamed.end() ? std::string() : it->second,
                     (*o.result)[i].text);
        }
    }

    GenerationRequest greedy(std::vector<std::vector<int>> prompts, int maxNew) const
    {
        GenerationRequest r;
        r.prompts = std::move(prompts);
        r.maxNewTokens = maxNew;
        return r;
    }

    GenerationRequest sampled(std::vector<std::vector<int>> prompts, int maxNew,
                              uint64_t seed) const
    {
        GenerationRequest r = greedy(std::move(prompts), maxNew);
        r.sampling.temperature = 1.0;
        r.sampling.seed = seed;
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        fixture::writeModelFolder(m_dir.path(), fixture::tinyConfig(128), 1234);
        auto lm = CausalLm::load(m_dir.path());
        QVERIFY2(lm.ok(), lm.ok() ? "" : lm.error().toString().c_str());
        m_lm = lm.value();
        auto tok = Tokenizer::fromFile(m_dir.filePath("tokenizer.json"));
        QVERIFY2(tok.ok(), tok.ok() ? "" : tok.error().toString().c_str());
        m_tok = tok.value();
    }

    void greedyIsArgmaxOfUncachedLogits()
    {
        const std::vector<int> p = prompt("Hello world, the cat sat on the mat");
        const Outcome o = run(greedy({p}, 12));
        CHECK_STREAMED(o);
        const GeneratedSequence &g = o.result->front();
        QCOMPARE(g.tokens.size(), size_t(12));
        QCOMPARE(g.finish, FinishReason::Length);
        QCOMPARE(g.promptTokens, int(p.size()));
        QCOMPARE(g.text, m_tok->decode(g.tokens, true));

        std::vector<int> all = p;
        all.insert(all.end(), g.tokens.begin(), g.tokens.end() - 1);
        auto logits = m_lm->logitsAll(all); // (T, V)
        QVERIFY(logits.ok());
        const int V = m_lm->config().vocabSize;
        for (size_t i = 0; i < g.tokens.size(); ++i) {
            const float *row = logits->data() + (p.size() - 1 + i) * size_t(V);
            QCOMPARE(argmaxToken(row, V), g.tokens[i]);
        }
    }

    void penaltiesApplyToTheModelsLogits()
    {
        // Greedy with all three penalties = the argmax of the uncached logits penalised by hand
        // over the prompt and the tokens so far.
        const std::vector<int> p = prompt("the cat sat on the mat, the cat sat");
        GenerationRequest req = greedy({p}, 10);
        req.sampling.repetitionPenalty = 1.5;
        req.sampling.frequencyPenalty = 0.5;
        req.sampling.presencePenalty = 0.3;
        const Outcome o = run(req);
        CHECK_STREAMED(o);
        const GeneratedSequence &g = o.result->front();
        QCOMPARE(g.tokens.size(), size_t(10));

        std::vector<int> all = p;
        all.insert(all.end(), g.tokens.begin(), g.tokens.end() - 1);
        auto logits = m_lm->logitsAll(all);
        QVERIFY(logits.ok());
        const int V = m_lm->config().vocabSize;
        TokenHistory h(p);
        bool penaltyMattered = false;
        for (size_t i = 0; i < g.tokens.size(); ++i) {
            std::vector<float> row(logits->begin() + long((p.size() - 1 + i) * size_t(V)),
                                   logits->begin() + long((p.size() + i) * size_t(V)));
            const int plain = argmaxToken(row.data(), V);
            applyPenalties(row.data(), V, h, req.sampling);
            QCOMPARE(argmaxToken(row.data(), V), g.tokens[i]);
            penaltyMattered |= plain != g.tokens[i];
            h.add(g.tokens[i]);
        }
        QVERIFY(penaltyMattered); // the penalties changed at least one choice
    }

    void seededSamplingIsDeterministic()
    {
        const std::vector<int> p = prompt("the dog is in");
        const Outcome a = run(sampled({p}, 20, 5));
        const Outcome b = run(sampled({p}, 20, 5));
        const Outcome c = run(sampled({p}, 20, 6));
        CHECK_STREAMED(a);
        CHECK_STREAMED(b);
        CHECK_STREAMED(c);
        QCOMPARE(a.result->front().tokens, b.result->front().tokens);
        QCOMPARE(a.result->front().text, b.result->front().text);
        QVERIFY(a.result->front().tokens != c.result->front().tokens);
        // Sampling at temperature 1 departs from greedy.
        const Outcome g = run(greedy({p}, 20));
        QVERIFY(a.result->front().tokens != g.result->front().tokens);
    }

    void batchCompositionDoesNotChangeTokens()
    {
        const std::vector<std::vector<int>> prompts = {
            prompt("Hello world"), prompt("the cat sat on the mat and the dog"), prompt("is")};
        // Greedy: each prompt alone gives what it gives in the batch.
        const Outcome batch = run(greedy(prompts, 8));
        CHECK_STREAMED(batch);
        for (size_t i = 0; i < prompts.size(); ++i) {
            const Outcome alone = run(greedy({prompts[i]}, 8));
            CHECK_STREAMED(alone);
            QCOMPARE(alone.result->front().tokens, (*batch.result)[i].tokens);
        }
        // Seeded, with top-k and top-p: sequence i of the batch uses seed + i.
        GenerationRequest req = sampled(prompts, 8, 11);
        req.sampling.topK = 40;
        req.sampling.topP = 0.9;
        const Outcome sbatch = run(req);
        CHECK_STREAMED(sbatch);
        for (size_t i = 0; i < prompts.size(); ++i) {
            GenerationRequest one = req;
            one.prompts = {prompts[i]};
            one.sampling.seed = 11 + i;
            const Outcome alone = run(one);
            CHECK_STREAMED(alone);
            QCOMPARE(alone.result->front().tokens, (*sbatch.result)[i].tokens);
        }
        // Reordered: the sequences follow their prompts.
        const Outcome reversed = run(greedy({prompts[2], prompts[0]}, 8));
        CHECK_STREAMED(reversed);
        QCOMPARE((*reversed.result)[0].tokens, (*batch.result)[2].tokens);
        QCOMPARE((*reversed.result)[1].tokens, (*batch.result)[0].tokens);
    }

    void eosEndsOnlyItsSequence()
    {
        const std::vector<int> p = prompt("Hello world, the cat sat on the mat");
        const Outcome plain = run(greedy({p}, 10));
        CHECK_STREAMED(plain);
        const std::vector<int> &t = plain.result->front().tokens;
        const int eos = t[3];
        const size_t k = size_t(std::find(t.begin(), t.end(), eos) - t.begin());

        const std::vector<int> other = prompt("is");
        const Outcome other10 = run(greedy({other}, 10));
        GenerationRequest req = greedy({p, other}, 10);
        req.eosTokenIds = {eos};
        const Outcome o = run(req);
        CHECK_STREAMED(o);
        const GeneratedSequence &g = (*o.result)[0];
        QCOMPARE(g.finish, FinishReason::Stop);
        QCOMPARE(g.tokens, std::vector<int>(t.begin(), t.begin() + long(k)));
        QCOMPARE(g.text, m_tok->decode(g.tokens, true));
        // The other sequence carries on (unless it meets the same eos).
        const std::vector<int> &o10 = other10.result->front().tokens;
        const size_t ko = size_t(std::find(o10.begin(), o10.end(), eos) - o10.begin());
        QCOMPARE((*o.result)[1].tokens, std::vector<int>(o10.begin(), o10.begin() + long(ko)));
        QCOMPARE((*o.result)[1].finish,
                 ko < o10.size() ? FinishReason::Stop : FinishReason::Length);
    }

    void stopStringSpanningTokensIsCut()
    {
        const std::vector<int> p = prompt("the dog is in the");
        const Outcome plain = run(sampled({p}, 30, 21));
        CHECK_STREAMED(plain);
        const std::string text = plain.result->front().text;
        const std::vector<std::string> &pieces = plain.pieces.at(0);
        // Without stop strings each piece comes from a different token: the last character of
        // one piece and the first of the next span two tokens.
        QVERIFY2(pieces.size() >= 4, text.c_str());
        const std::string &a = pieces[pieces.size() / 2];
        const std::string &b = pieces[pieces.size() / 2 + 1];
        const std::string stop = a.substr(lastCharStart(a)) + b.substr(0, firstCharLength(b));
        const size_t at = text.find(stop);
        QVERIFY(at != std::string::npos);

        GenerationRequest req = sampled({p}, 30, 21);
        req.stop = {"never appears \x01", stop};
        const Outcome o = run(req);
        CHECK_STREAMED(o);
        const GeneratedSequence &g = o.result->front();
        QCOMPARE(g.finish, FinishReason::Stop);
        QCOMPARE(g.text, text.substr(0, at));
        // Generation stopped at the token that completed the stop string.
        const std::vector<int> &all = plain.result->front().tokens;
        QVERIFY(g.tokens.size() < all.size());
        QCOMPARE(g.tokens, std::vector<int>(all.begin(), all.begin() + long(g.tokens.size())));
        QVERIFY(m_tok->decode(g.tokens, true).find(stop) != std::string::npos);
        const std::vector<int> shorter(g.tokens.begin(), g.tokens.end() - 1);
        QVERIFY(m_tok->decode(shorter, true).find(stop) == std::string::npos);

        // A stop string that never comes changes nothing.
        req.stop = {"never appears \x01"};
        const Outcome same = run(req);
        CHECK_STREAMED(same);
        QCOMPARE(same.result->front().text, text);
        QCOMPARE(same.result->front().finish, FinishReason::Length);
    }

    void contextBoundsTheSequence()
    {
        // 128 positions: a 120-token prompt leaves room for 8 tokens whatever max tokens says.
        std::vector<int> p = prompt("the cat");
        while (p.size() < 120)
            p.push_back(p[1 + p.size() % 2]);
        const Outcome o = run(greedy({p, prompt("is")}, 50));
        CHECK_STREAMED(o);
        QCOMPARE((*o.result)[0].tokens.size(), size_t(8));
        QCOMPARE((*o.result)[0].finish, FinishReason::Length);
        QCOMPARE((*o.result)[1].tokens.size(), size_t(50));

        p.resize(128);
        const Outcome full = run(greedy({p}, 5));
        QVERIFY(!full.result.ok());
        QCOMPARE(full.result.error().status, 400);
        QVERIFY(full.result.error().detail.rfind("prompts[0]: ", 0) == 0);
    }

    void cancelStopsWithinAStep()
    {
        const std::vector<int> p = prompt("Hello world");
        api::CancelToken before;
        before.cancel();
        const Outcome none = run(greedy({p, p}, 20), before);
        CHECK_STREAMED(none);
        for (const GeneratedSequence &g : *none.result) {
            QCOMPARE(g.finish, FinishReason::Cancelled);
            QVERIFY(g.tokens.empty() && g.text.empty());
        }

        api::CancelToken during;
        const Outcome o = run(greedy({p}, 60), during, [&] { during.cancel(); });
        CHECK_STREAMED(o);
        const GeneratedSequence &g = o.result->front();
        QCOMPARE(g.finish, FinishReason::Cancelled);
        QVERIFY(!g.tokens.empty());
        QVERIFY(g.tokens.size() < 60);
        // What was generated is what greedy generates.
        const Outcome full = run(greedy({p}, 60));
        const std::vector<int> &all = full.result->front().tokens;
        QCOMPARE(g.tokens, std::vector<int>(all.begin(), all.begin() + long(g.tokens.size())));
    }

    void badParametersAre400NamingTheField()
    {
        const std::vector<int> p = prompt("Hello");
        const auto expect = [&](GenerationRequest req, const std::string &field) {
            const Outcome o = run(req);
            QVERIFY(!o.result.ok());
            QCOMPARE(o.result.error().status, 400);
            QVERIFY2(o.result.error().detail.rfind(field + ": ", 0) == 0,
                     o.result.error().detail.c_str());
        };
        expect(greedy({p}, 0), "max_tokens");
        expect(greedy({}, 5), "prompts");
        expect(greedy({{}}, 5), "prompts[0]");
        expect(greedy({p, {m_lm->config().vocabSize}}, 5), "prompts[1]");
        GenerationRequest req = greedy({p}, 5);
        req.sampling.temperature = -1;
        expect(req, "temperature");
        req = greedy({p}, 5);
        req.sampling.topP = 0;
        expect(req, "top_p");
        req = greedy({p}, 5);
        req.sampling.topK = -3;
        expect(req, "top_k");
        req = greedy({p}, 5);
        req.sampling.repetitionPenalty = 0;
        expect(req, "repetition_penalty");
    }
};

int runGenerationTests(int argc, char **argv)
{
    TestGeneration t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_generation.moc"
