// Logits processors and stop strings on hand-made values: penalty arithmetic, the distributions
// temperature / top-k / top-p leave, draws from a seeded generator, parameter validation, and the
// stop matcher's hold-back rules.

#include "tests.h"

#include "engine/models/sampling.h"
#include "engine/models/stop_matcher.h"

#include <QtTest>

#include <cmath>

using namespace wb::engine;

namespace {

SamplingConfig sampling(double temperature, int topK = 0, double topP = 1.0)
{
    SamplingConfig c;
    c.temperature = temperature;
    c.topK = topK;
    c.topP = topP;
    return c;
}

std::vector<float> logOf(const std::vector<double> &probs)
{
    std::vector<float> l;
    for (double p : probs)
        l.push_back(static_cast<float>(std::log(p)));
    return l;
}

bool near(double a, double b, double eps = 1e-6)
{
    return std::abs(a - b) <= eps;
}

// Stop matching piece by piece: what was released, and whether it stopped.
std::pair<std::string, bool> matchPieces(const std::vector<std::string> &stops,
                                         const std::vector<std::string> &pieces)
{
    StopMatcher m(stops);
    std::string out;
    for (const std::string &p : pieces)
        out += m.push(p);
    const bool stopped = m.stopped();
    out += m.flush();
    return {out, stopped};
}

} // namespace

class TestSampling : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repetitionPenaltyFollowsHf()
    {
        // Positive logits are divided, negative multiplied; a repeated id is penalised once.
        std::vector<float> l = {2.0f, -2.0f, 1.0f, 0.5f};
        applyRepetitionPenalty(l.data(), 4, {0, 1}, 2.0);
        QCOMPARE(l, (std::vector<float>{1.0f, -4.0f, 1.0f, 0.5f}));

        TokenHistory h({0, 0, 1});
        h.add(1);
        h.add(0);
        QCOMPARE(h.distinct(), (std::vector<int>{0, 1}));
        l = {2.0f, -2.0f, 1.0f, 0.5f};
        SamplingConfig c;
        c.repetitionPenalty = 2.0;
        applyPenalties(l.data(), 4, h, c);
        QCOMPARE(l, (std::vector<float>{1.0f, -4.0f, 1.0f, 0.5f}));

        // < 1 encourages repeats the same way round.
        l = {2.0f, -2.0f};
        applyRepetitionPenalty(l.data(), 2, {0, 1}, 0.5);
        QCOMPARE(l, (std::vector<float>{4.0f, -1.0f}));
    }

    void frequencyAndPresencePenaltiesCountGeneratedTokens()
    {
        TokenHistory h({3, 3, 3}); // prompt tokens do not count for these penalties
        h.add(1);
        h.add(1);
        h.add(2);
        QCOMPARE(h.generatedCounts().at(1), 2);
        QCOMPARE(h.generatedCounts().count(3), size_t(0));
        std::vector<float> l = {0.0f, 1.0f, 1.0f, 1.0f};
        SamplingConfig c;
        c.frequencyPenalty = 0.5;
        c.presencePenalty = 0.25;
        applyPenalties(l.data(), 4, h, c);
        QCOMPARE(l, (std::vector<float>{0.0f, 1.0f - 1.0f - 0.25f, 1.0f - 0.5f - 0.25f, 1.0f}));
    }

    void temperatureScalesLogits()
    {
        const std::vector<float> l = {0.0f, static_cast<float>(std::log(2.0))};
        auto d = samplingDistribution(l.data(), 2, sampling(1.0));
        QVERIFY(near(d[0], 1.0 / 3) && near(d[1], 2.0 / 3));
        d = samplingDistribution(l.data(), 2, sampling(0.5)); // ratio 2^2
        QVERIFY(near(d[0], 0.2) && near(d[1], 0.8));
        d = samplingDistribution(l.data(), 2, sampling(0.0)); // greedy: all on the argmax
        QCOMPARE(d, (std::vector<double>{0.0, 1.0}));
        // A temperature so small that 1/T overflows is greedy too, not NaN.
        d = samplingDistribution(l.data(), 2, sampling(1e-320));
        QCOMPARE(d, (std::vector<double>{0.0, 1.0}));
    }

    void topKKeepsTheKLargestWithTies()
    {
        const std::vector<float> l = {1.0f, 2.0f, 3.0f, 4.0f};
        auto d = samplingDistribution(l.data(), 4, sampling(1.0, 2));
        QCOMPARE(d[0], 0.0);
        QCOMPARE(d[1], 0.0);
        QVERIFY(near(d[3], 1.0 / (1.0 + std::exp(-1.0))));
        QVERIFY(near(d[2] + d[3], 1.0));

        // HF keeps every id that reaches the k-th logit.
        const std::vector<float> tie = {1.0f, 3.0f, 3.0f, 0.0f};
        d = samplingDistribution(tie.data(), 4, sampling(1.0, 1));
        QVERIFY(near(d[1], 0.5) && near(d[2], 0.5));

        // top_k >= vocabulary is no filter.
        d = samplingDistribution(l.data(), 4, sampling(1.0, 10));
        QVERIFY(d[0] > 0.0);
    }

    void topPKeepsTheSmallestNucleus()
    {
        const std::vector<float> l = logOf({0.05, 0.5, 0.15, 0.3});
        // 0.5 alone is below 0.7, 0.5 + 0.3 is not: two ids, renormalised.
        auto d = samplingDistribution(l.data(), 4, sampling(1.0, 0, 0.7));
        QVERIFY(near(d[1], 0.625) && near(d[3], 0.375));
        QCOMPARE(d[0], 0.0);
        QCOMPARE(d[2], 0.0);
        // A tiny top_p still keeps the most likely id.
        d = samplingDistribution(l.data(), 4, sampling(1.0, 0, 1e-9));
        QCOMPARE(d, (std::vector<double>{0.0, 1.0, 0.0, 0.0}));
        // 1.0 keeps all.
        d = samplingDistribution(l.data(), 4, sampling(1.0, 0, 1.0));
        QVERIFY(near(d[0], 0.05) && near(d[2], 0.15));
        // Top-k first, then top-p over what is left: {0.5, 0.3} renormalised is {0.625, 0.375},
        // and 0.625 < 0.65 keeps both.
        d = samplingDistribution(l.data(), 4, sampling(1.0, 2, 0.65));
        QVERIFY(near(d[1], 0.625) && near(d[3], 0.375));
        d = samplingDistribution(l.data(), 4, sampling(1.0, 2, 0.6));
        QCOMPARE(d, (std::vector<double>{0.0, 1.0, 0.0, 0.0}));
    }

    void largeNucleusMatchesAFullSort()
    {
        // A flat distribution over 3000 ids: the nucleus has hundreds of ids, more than the first
        // selection round looks at. Reference: sort everything, softmax, cut, renormalise.
        std::mt19937_64 gen(9);
        std::normal_distribution<float> normal;
        const int V = 3000;
        std::vector<float> l(V);
        for (float &v : l)
            v = normal(gen);
        const std::pair<int, double> cases[] = {{0, 0.5}, {0, 0.9}, {500, 0.9}};
        for (const auto &[topK, topP] : cases) {
            const SamplingConfig c = sampling(0.8, topK, topP);
            std::vector<int> order(V);
            for (int i = 0; i < V; ++i)
                order[size_t(i)] = i;
            std::sort(order.begin(), order.end(),
                      [&](int a, int b) { return l[size_t(a)] > l[size_t(b)]; });
            if (topK > 0)
                order.resize(size_t(topK));
            std::vector<double> p;
            double total = 0.0;
            for (int id : order) {
                p.push_back(std::exp((double(l[size_t(id)]) - l[size_t(order[0])]) / 0.8));
                total += p.back();
            }
            size_t keep = 0;
            double mass = 0.0;
            while (keep < p.size() && (keep == 0 || mass < topP))
                mass += p[keep++] / total;
            QVERIFY(keep > 100);
            std::vector<double> expected(V, 0.0);
            for (size_t i = 0; i < keep; ++i)
                expected[size_t(order[i])] = p[i] / total / mass;

            const std::vector<double> d = samplingDistribution(l.data(), V, c);
            for (size_t i = 0; i < size_t(V); ++i)
                QVERIFY2(near(d[i], expected[i], 1e-6) && (d[i] == 0) == (expected[i] == 0),
                         qPrintable(QString("id %1: %2 vs %3").arg(i).arg(d[i]).arg(expected[i])));
        }
    }

    void drawsFollowTheDistribution()
    {
        const std::vector<float> l = logOf({0.5, 0.3, 0.2});
        std::mt19937_64 rng(7);
        std::vector<int> counts(3);
        const int n = 20000;
        for (int i = 0; i < n; ++i)
            ++counts[static_cast<size_t>(sampleToken(l.data(), 3, sampling(1.0), rng))];
        QVERIFY2(near(counts[0] / double(n), 0.5, 0.02) && near(counts[1] / double(n), 0.3, 0.02)
                     && near(counts[2] / double(n), 0.2, 0.02),
                 qPrintable(QString("%1 %2 %3").arg(counts[0]).arg(counts[1]).arg(counts[2])));

        // The same seed draws the same sequence.
        std::mt19937_64 a(42), b(42);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(sampleToken(l.data(), 3, sampling(1.0), a),
                     sampleToken(l.data(), 3, sampling(1.0), b));
    }

    void topK1IsGreedyAtAnyTemperature()
    {
        std::mt19937_64 gen(3);
        std::normal_distribution<float> normal;
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<float> l(64);
            for (float &v : l)
                v = normal(gen);
            const int best = argmaxToken(l.data(), 64);
            for (double t : {0.0, 0.7, 1.0, 5.0})
                QCOMPARE(sampleToken(l.data(), 64, sampling(t, 1), gen), best);
        }
    }

    void greedyIgnoresTopKAndTopPAndNaN()
    {
        const float nan = std::nanf("");
        const std::vector<float> l = {nan, 1.0f, 3.0f, 3.0f, nan};
        std::mt19937_64 rng(1);
        QCOMPARE(argmaxToken(l.data(), 5), 2); // first of equal maxima; NaN never wins
        QCOMPARE(sampleToken(l.data(), 5, sampling(0.0, 1, 0.1), rng), 2);
        // NaN logits are never drawn either.
        for (int i = 0; i < 200; ++i) {
            const int t = sampleToken(l.data(), 5, sampling(1.0), rng);
            QVERIFY(t != 0 && t != 4);
        }
    }

    void validationNamesTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("value");
        QTest::newRow("temperature < 0") << "temperature" << -0.1;
        QTest::newRow("temperature NaN") << "temperature" << double(NAN);
        QTest::newRow("top_p 0") << "top_p" << 0.0;
        QTest::newRow("top_p > 1") << "top_p" << 1.5;
        QTest::newRow("top_k < 0") << "top_k" << -1.0;
        QTest::newRow("repetition_penalty 0") << "repetition_penalty" << 0.0;
        QTest::newRow("repetition_penalty < 0") << "repetition_penalty" << -1.0;
        QTest::newRow("frequency_penalty > 2") << "frequency_penalty" << 2.5;
        QTest::newRow("presence_penalty < -2") << "presence_penalty" << -3.0;
    }

    void validationNamesTheField()
    {
        QFETCH(QString, field);
        QFETCH(double, value);
        SamplingConfig c;
        QVERIFY(validateSampling(c).ok());
        if (field == "temperature") c.temperature = value;
        if (field == "top_p") c.topP = value;
        if (field == "top_k") c.topK = static_cast<int>(value);
        if (field == "repetition_penalty") c.repetitionPenalty = value;
        if (field == "frequency_penalty") c.frequencyPenalty = value;
        if (field == "presence_penalty") c.presencePenalty = value;
        const auto s = validateSampling(c);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().status, 400);
        QVERIFY2(QString::fromStdString(s.error().detail).startsWith(field + ": "),
                 s.error().detail.c_str());
    }

    void stopStringSpanningPiecesIsCut()
    {
        StopMatcher m({"world"});
        QCOMPARE(m.push("Hello wor"), std::string("Hello ")); // "wor" may start "world"
        QCOMPARE(m.held(), std::string("wor"));
        QCOMPARE(m.push("ld and more"), std::string());
        QVERIFY(m.stopped());
        QCOMPARE(m.push("ignored"), std::string());
        QCOMPARE(m.flush(), std::string());
    }

    void falseStartIsReleased()
    {
        QCOMPARE(matchPieces({"abc"}, {"xab", "d"}), std::make_pair(std::string("xabd"), false));
        // Held text comes out at the end of the sequence.
        QCOMPARE(matchPieces({"abc"}, {"xab"}), std::make_pair(std::string("xab"), false));
        StopMatcher m({"abc"});
        QCOMPARE(m.push("xab"), std::string("x"));
        QCOMPARE(m.push("d"), std::string("abd"));
    }

    void earliestStopWinsAndOverlapsResolve()
    {
        QCOMPARE(matchPieces({"dog", "cat"}, {"a cat and a dog"}),
                 std::make_pair(std::string("a "), true));
        // "aab" inside "aaab", fed a byte at a time: the held "aa" slides along.
        QCOMPARE(matchPieces({"aab"}, {"a", "a", "a", "b", "c"}),
                 std::make_pair(std::string("a"), true));
        // A stop at the very start leaves nothing; empty stop strings are ignored.
        QCOMPARE(matchPieces({"", "He"}, {"Hello"}), std::make_pair(std::string(), true));
        QCOMPARE(matchPieces({""}, {"Hello"}), std::make_pair(std::string("Hello"), false));
        QCOMPARE(matchPieces({}, {"a", "b"}), std::make_pair(std::string("ab"), false));
    }

    void multiByteStopStrings()
    {
        // "é!" may start after "caf": the é is held (both of its bytes), then released.
        StopMatcher m({"\xC3\xA9!"});
        QCOMPARE(m.push("caf\xC3\xA9"), std::string("caf"));
        QCOMPARE(m.push("?"), std::string("\xC3\xA9?"));
        QCOMPARE(matchPieces({"\xC3\xA9!"}, {"caf\xC3\xA9", "!!"}),
                 std::make_pair(std::string("caf"), true));
    }
};

int runSamplingTests(int argc, char **argv)
{
    TestSampling t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_sampling.moc"
