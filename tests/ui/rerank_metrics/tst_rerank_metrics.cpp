// The rerank page's pure parts: NDCG@k (exponential gain) and MRR against hand-computed values
// (graded and binary labels, no relevant item, k beyond the list, ties; tie-aware forms with all,
// some and no scores tied), reading labels (per dataset: graded or indices), queries
// and candidates from dataset cells, the batch means, and the raw / sigmoid score scale.

#include "rerank/rerank_batch_result.h"
#include "rerank/rerank_metrics.h"
#include "rerank/rerank_results_model.h"
#include "rerank/rerank_scores.h"

#include "result_macros.h"

#include <QTest>

#include <cmath>

using namespace wb;
using namespace wb::ui::rerank;

namespace {
constexpr double kEps = 1e-12;
bool near(double a, double b, double eps = kEps)
{
    return std::abs(a - b) <= eps;
}
} // namespace

class TestRerankMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dcgSumsExponentialGainOverLogRank();
    void ndcgOfGradedRankingMatchesHandComputation();
    void ndcgCutsAtK();
    void kLargerThanListUsesWholeList();
    void noRelevantItemGivesZeroNdcgAndMrr();
    void tiedLabelsAndTiedScores();
    void mrrIsReciprocalRankOfFirstRelevant();
    void tieAwareMetricsWhenAllScoresTie();
    void tieAwareMetricsWithPartialTies();
    void tieAwareMetricsWithoutTiesEqualPlainOnes();
    void gradedLabelsNeedOnePerCandidate();
    void indexLabelsAreDistinctIndices();
    void autoDetectionDecidesOncePerDataset();
    void badLabelsAreRefusedWithReason();
    void queryAndCandidatesAcceptStringsAndTextParts();
    void imageCandidateIsRefused();
    void batchMeansSkipRowsWithoutMetrics();
    void sigmoidIsStableAndBarScaleSaysWhichIsShown();
    void rankChangeTextAndRanksByItem();
    void resultsModelBarShowsSigmoidForLogits();
};

void TestRerankMetrics::dcgSumsExponentialGainOverLogRank()
{
    // (2^3 − 1)/log2(2) + (2^1 − 1)/log2(3) = 7 + 0.6309297535714574
    QVERIFY(near(dcgAtK({3, 1}, 5), 7.0 + 1.0 / std::log2(3.0)));
    QVERIFY(near(dcgAtK({3, 1}, 5), 7.630929753571457));
    QCOMPARE(dcgAtK({3, 1}, 0), 0.0);
    QCOMPARE(dcgAtK({}, 3), 0.0);
}

void TestRerankMetrics::ndcgOfGradedRankingMatchesHandComputation()
{
    // Labels per candidate [3, 2, 0, 1]; the model ranks 1, 0, 3, 2 (relevances 2, 3, 1, 0).
    // DCG@3  = 3/1 + 7/log2(3) + 1/2 = 3 + 4.416508275000202 + 0.5 = 7.916508275000202
    // IDCG@3 = 7/1 + 3/log2(3) + 1/2 = 7 + 1.892789260714372 + 0.5 = 9.392789260714372
    const std::vector<double> labels = {3, 2, 0, 1};
    const double ndcg = ndcgAtK({1, 0, 3, 2}, labels, 3);
    QVERIFY2(near(ndcg, 0.8428282648809379), qPrintable(QString::number(ndcg, 'g', 17)));
    QVERIFY(near(ndcgAtK({0, 1, 3, 2}, labels, 3), 1.0)); // the ideal order
    QCOMPARE(reciprocalRank({1, 0, 3, 2}, labels), 1.0);
}

void TestRerankMetrics::ndcgCutsAtK()
{
    // k = 2: (3 + 7/log2(3)) / (7 + 3/log2(3)) = 7.416508275000202 / 8.892789260714372
    QVERIFY(near(ndcgAtK({1, 0, 3, 2}, {3, 2, 0, 1}, 2), 0.8339912323981488));
    // k = 1: gain 3 of 7
    QVERIFY(near(ndcgAtK({1, 0, 3, 2}, {3, 2, 0, 1}, 1), 3.0 / 7.0));
}

void TestRerankMetrics::kLargerThanListUsesWholeList()
{
    // Binary labels [0, 0, 1], input order kept: the relevant item at rank 3 → (1/log2(4)) / 1.
    QVERIFY(near(ndcgAtK({0, 1, 2}, {0, 0, 1}, 10), 0.5));
    QVERIFY(near(ndcgAtK({0, 1, 2}, {0, 0, 1}, 10), ndcgAtK({0, 1, 2}, {0, 0, 1}, 3)));
    QVERIFY(near(reciprocalRank({0, 1, 2}, {0, 0, 1}), 1.0 / 3.0));
    // A ranking cut shorter than the labels (max_num_results) still divides by the full ideal.
    QVERIFY(near(ndcgAtK({0, 1}, {0, 0, 1}, 10), 0.0));
}

void TestRerankMetrics::noRelevantItemGivesZeroNdcgAndMrr()
{
    QCOMPARE(ndcgAtK({2, 0, 1}, {0, 0, 0}, 3), 0.0);
    QCOMPARE(reciprocalRank({2, 0, 1}, {0, 0, 0}), 0.0);
    QCOMPARE(ndcgAtK({}, {}, 3), 0.0);
}

void TestRerankMetrics::tiedLabelsAndTiedScores()
{
    // Two candidates equally relevant: ranking 2, 0, 1 → DCG = 0 + 1/log2(3) + 1/log2(4),
    // IDCG = 1 + 1/log2(3): 1.1309297535714575 / 1.6309297535714575.
    QVERIFY(near(ndcgAtK({2, 0, 1}, {1, 1, 0}, 3), 0.6934264036172708));
    QVERIFY(near(ndcgAtK({1, 0, 2}, {1, 1, 0}, 3), 1.0)); // either tied order is ideal
    QCOMPARE(reciprocalRank({2, 0, 1}, {1, 1, 0}), 0.5);
    // Equal scores keep the input order, as the API ranks them.
    QCOMPARE(rankingFromScores({0.5, 0.9, 0.5, 0.1, 0.9}), (std::vector<int>{1, 4, 0, 2, 3}));
}

void TestRerankMetrics::mrrIsReciprocalRankOfFirstRelevant()
{
    QCOMPARE(reciprocalRank({3, 1, 0, 2}, {0, 0, 2, 0}), 0.25);
    // Graded: any relevance above 0 counts; indices outside the labels count as not relevant.
    QCOMPARE(reciprocalRank({7, 1, 0}, {0, 0.5, 0}), 0.5);
}

void TestRerankMetrics::tieAwareMetricsWhenAllScoresTie()
{
    // Three equal scores, the relevant candidate listed first (input order kept): plain NDCG and
    // MRR say 1; tie-aware, each item gets the mean discount of ranks 1..3:
    // (1 + 1/log2(3) + 1/log2(4)) / 3 = (1.5 + 0.6309297535714574) / 3 = 0.7103099178571525, and
    // MRR = (1 + 1/2 + 1/3) / 3 = 11/18.
    const std::vector<int> ranking = {0, 1, 2};
    const std::vector<double> tied = {0.5, 0.5, 0.5};
    const std::vector<double> labels = {1, 0, 0};
    QCOMPARE(ndcgAtK(ranking, labels, 3), 1.0);
    QVERIFY(near(tieAwareNdcgAtK(ranking, tied, labels, 3), 0.7103099178571525));
    QVERIFY(near(tieAwareReciprocalRank(ranking, tied, labels), 11.0 / 18.0));
    // k = 2: rank 3 adds nothing to the mean: (1 + 1/log2(3)) / 3 = 0.5436432511904858 (IDCG@2 = 1).
    QVERIFY(near(tieAwareNdcgAtK(ranking, tied, labels, 2), 0.5436432511904858));
    // Every item relevant: any order is ideal.
    QVERIFY(near(tieAwareNdcgAtK(ranking, tied, {1, 1, 1}, 3), 1.0));
    QVERIFY(near(tieAwareReciprocalRank(ranking, tied, {1, 1, 1}), 1.0));
}

void TestRerankMetrics::tieAwareMetricsWithPartialTies()
{
    // Ranking 3, 0, 1, 2 with scores 0.9, 0.5, 0.5, 0.1; labels per candidate [2, 0, 0, 1].
    // Ranks 2 and 3 tie (candidates 0 and 1, gains 3 and 0): each gets (1/log2(3) + 1/log2(4)) / 2.
    // DCG  = 1·1 + 3·(0.6309297535714574 + 0.5)/2 = 2.696394630357186
    // IDCG = 3/1 + 1/log2(3)                    = 3.6309297535714574 → 0.7426182309654866.
    const std::vector<int> ranking = {3, 0, 1, 2};
    const std::vector<double> scores = {0.9, 0.5, 0.5, 0.1};
    const std::vector<double> labels = {2, 0, 0, 1};
    QVERIFY2(near(tieAwareNdcgAtK(ranking, scores, labels, 4), 0.7426182309654866),
             qPrintable(QString::number(tieAwareNdcgAtK(ranking, scores, labels, 4), 'g', 17)));
    QCOMPARE(tieAwareReciprocalRank(ranking, scores, labels), 1.0); // an untied relevant item first
    // First group (rank 1) not relevant; then ranks 2–4 tie with 2 relevant of 3:
    // P(first relevant at rank 2) = 2/3, at rank 3 = 1/3 · 2/2 → 2/3 · 1/2 + 1/3 · 1/3 = 4/9.
    QVERIFY(near(tieAwareReciprocalRank({1, 0, 2, 3}, {0.9, 0.5, 0.5, 0.5}, {1, 0, 1, 0}), 4.0 / 9.0));
    QCOMPARE(tieAwareReciprocalRank({1, 0, 2}, {0.9, 0.5, 0.5}, {0, 0, 0}), 0.0);
}

void TestRerankMetrics::tieAwareMetricsWithoutTiesEqualPlainOnes()
{
    // The hand-computed graded example above, with distinct scores: unchanged.
    const std::vector<double> labels = {3, 2, 0, 1};
    const std::vector<double> scores = {0.9, 0.8, 0.3, 0.1};
    QVERIFY(near(tieAwareNdcgAtK({1, 0, 3, 2}, scores, labels, 3), 0.8428282648809379));
    QVERIFY(near(tieAwareNdcgAtK({1, 0, 3, 2}, scores, labels, 2), 0.8339912323981488));
    QVERIFY(near(tieAwareReciprocalRank({3, 1, 0, 2}, scores, {0, 0, 2, 0}), 0.25));
}

void TestRerankMetrics::gradedLabelsNeedOnePerCandidate()
{
    const api::Result<Labels> graded = parseLabels(api::Json::array({2, 0, 1}), 3, LabelKind::Graded);
    QVERIFY_RESULT(graded);
    QCOMPARE(int(graded->kind), int(LabelKind::Graded));
    QCOMPARE(graded->relevance, (std::vector<double>{2, 0, 1}));
    // A CSV cell holds the list as JSON text.
    const api::Result<Labels> fromText = parseLabels(api::Json("[0.5, 1, 0]"), 3, LabelKind::Graded);
    QVERIFY_RESULT(fromText);
    QCOMPARE(fromText->relevance, (std::vector<double>{0.5, 1, 0}));
    QVERIFY_ERROR(parseLabels(api::Json::array({1}), 3, LabelKind::Graded), 400, "1 values for 3 candidates");
}

void TestRerankMetrics::indexLabelsAreDistinctIndices()
{
    const api::Result<Labels> one = parseLabels(api::Json::array({1}), 3, LabelKind::Indices);
    QVERIFY_RESULT(one);
    QCOMPARE(int(one->kind), int(LabelKind::Indices));
    QCOMPARE(one->relevance, (std::vector<double>{0, 1, 0}));
    const api::Result<Labels> two = parseLabels(api::Json("[0, 3]"), 4, LabelKind::Indices);
    QVERIFY_RESULT(two);
    QCOMPARE(two->relevance, (std::vector<double>{1, 0, 0, 1}));
    // As long as the candidates, still indices when the dataset is read as indices.
    const api::Result<Labels> same = parseLabels(api::Json::array({0, 2, 1}), 3, LabelKind::Indices);
    QVERIFY_RESULT(same);
    QCOMPARE(same->relevance, (std::vector<double>{1, 1, 1}));
    const api::Result<Labels> none = parseLabels(api::Json::array(), 3, LabelKind::Indices);
    QVERIFY_RESULT(none);
    QCOMPARE(none->relevance, (std::vector<double>{0, 0, 0}));
    QVERIFY_ERROR(parseLabels(api::Json::array({1, 1}), 3, LabelKind::Indices), 400, "1 is listed twice");
}

void TestRerankMetrics::autoDetectionDecidesOncePerDataset()
{
    using Cells = std::vector<std::pair<api::Json, size_t>>;
    // Every row one label per candidate: graded.
    QCOMPARE(int(detectLabelKind(Cells{{api::Json::array({0, 2, 0}), 3}, {api::Json("[1, 0]"), 2}})),
             int(LabelKind::Graded));
    // One row of another length makes the whole dataset indices, also the row whose length
    // happens to match (per row by length, [0, 1] of 2 candidates would have been grades).
    QCOMPARE(int(detectLabelKind(Cells{{api::Json::array({0, 1}), 2}, {api::Json::array({1}), 3}})),
             int(LabelKind::Indices));
    // Cells that are not number lists do not vote (their rows report them).
    QCOMPARE(int(detectLabelKind(Cells{{api::Json("n/a"), 3}, {api::Json::array({1, 0}), 2}})),
             int(LabelKind::Graded));
    QCOMPARE(int(detectLabelKind(Cells{})), int(LabelKind::Graded));
}

void TestRerankMetrics::badLabelsAreRefusedWithReason()
{
    const LabelKind indices = LabelKind::Indices;
    const LabelKind graded = LabelKind::Graded;
    QVERIFY_ERROR(parseLabels(api::Json::array({5}), 3, indices), 400, "5 is not an index from 0 to 2");
    QVERIFY_ERROR(parseLabels(api::Json::array({0.5}), 3, indices), 400, "not an index");
    QVERIFY_ERROR(parseLabels(api::Json::array({"a", 1, 0}), 3, graded), 400, "labels: expected a list of numbers");
    QVERIFY_ERROR(parseLabels(api::Json(7), 3, indices), 400, "labels: expected a list of numbers");
    QVERIFY_ERROR(parseLabels(api::Json::array({1, -1, 0}), 3, graded), 400, "cannot be negative");
}

void TestRerankMetrics::queryAndCandidatesAcceptStringsAndTextParts()
{
    QCOMPARE(parseQuery(api::Json("What is C++?")).value(), std::string("What is C++?"));
    QCOMPARE(parseQuery(api::Json{{"type", "text"}, {"text", "q"}}).value(), std::string("q"));
    QVERIFY_ERROR(parseQuery(api::Json()), 400, "query: expected a string or a text part");
    const api::Json mixed = api::Json::array({"a", api::Json{{"type", "text"}, {"text", "b"}}});
    QCOMPARE(parseCandidates(mixed).value(), (std::vector<std::string>{"a", "b"}));
    QCOMPARE(parseCandidates(api::Json(R"(["x", "y"])")).value(), (std::vector<std::string>{"x", "y"}));
    QVERIFY_ERROR(parseCandidates(api::Json("plain text")), 400, "candidates: expected a list");
}

void TestRerankMetrics::imageCandidateIsRefused()
{
    const api::Json items = api::Json::array(
        {"a", api::Json{{"type", "image_url"}, {"image_url", {{"url", "http://x/y.png"}}}}});
    QVERIFY_ERROR(parseCandidates(items), 400, "candidates[1]");
    QVERIFY_ERROR(parseCandidates(items), 400, "images are not supported");
}

void TestRerankMetrics::batchMeansSkipRowsWithoutMetrics()
{
    BatchResult result;
    result.models = {QStringLiteral("a")};
    BatchRowResult r1;
    r1.models.push_back({{0}, 1.0, 1.0, {}});
    BatchRowResult r2;
    r2.models.push_back({{1, 0}, 0.5, 0.25, {}});
    BatchRowResult r3; // ranked, no labels
    r3.models.push_back({{0}, std::nullopt, std::nullopt, {}});
    BatchRowResult r4; // unreadable row
    r4.error = QStringLiteral("bad");
    result.rows = {r1, r2, r3, r4};
    QCOMPARE(result.meanNdcg(0).value(), 0.75);
    QCOMPARE(result.meanMrr(0).value(), 0.625);
    QCOMPARE(result.scoredRows(0), 2);
    QVERIFY(!result.meanNdcg(1)); // no such model
}

void TestRerankMetrics::sigmoidIsStableAndBarScaleSaysWhichIsShown()
{
    QCOMPARE(sigmoid(0.0), 0.5);
    QVERIFY(near(sigmoid(2.0), 1.0 / (1.0 + std::exp(-2.0))));
    QVERIFY(near(sigmoid(-2.0), 1.0 - sigmoid(2.0)));
    QVERIFY(std::isfinite(sigmoid(-1000.0)) && sigmoid(-1000.0) >= 0.0);
    QCOMPARE(sigmoid(1000.0), 1.0);

    api::RerankResponse probabilities;
    probabilities.data = {{0, 0.9}, {1, 0.2}};
    api::RerankResponse logits;
    logits.data = {{1, 1.95}, {0, -3.0}};
    QCOMPARE(int(barScale(probabilities, false)), int(ScoreScale::Raw));
    QCOMPARE(int(barScale(logits, false)), int(ScoreScale::Sigmoid));
    QCOMPARE(int(barScale(logits, true)), int(ScoreScale::Raw)); // the model says it is in [0, 1]
    QCOMPARE(barValue(0.9, ScoreScale::Raw), 0.9);
    QVERIFY(near(barValue(1.95, ScoreScale::Sigmoid), sigmoid(1.95)));
    QCOMPARE(barValue(1.95, ScoreScale::Raw), 1.0); // clamped
    QVERIFY(scaleName(ScoreScale::Raw) != scaleName(ScoreScale::Sigmoid));
}

void TestRerankMetrics::rankChangeTextAndRanksByItem()
{
    QCOMPARE(rankChangeText(3), QStringLiteral("▲3"));
    QCOMPARE(rankChangeText(-2), QStringLiteral("▼2"));
    QCOMPARE(rankChangeText(0), QStringLiteral("="));
    api::RerankResponse r;
    r.data = {{2, 0.9}, {0, 0.5}};
    QCOMPARE(ranksByItem(r, 3), (std::vector<int>{1, -1, 0}));
}

void TestRerankMetrics::resultsModelBarShowsSigmoidForLogits()
{
    // A remote reranker answering raw logits (as GPUStack's 1.95): the bar and its header switch
    // to sigmoid(raw); the raw column keeps the logit.
    RerankOutcome outcome;
    outcome.model = QStringLiteral("remote");
    outcome.items = {QStringLiteral("a"), QStringLiteral("b")};
    outcome.response.data = {{1, 1.95}, {0, -3.0}};
    outcome.scale = barScale(outcome.response, false);
    ui::RerankResultsModel model(nullptr);
    model.setOutcome(outcome);
    using Col = ui::RerankResultsModel;
    QVERIFY(model.headerData(Col::ScoreColumn, Qt::Horizontal, Qt::DisplayRole).toString().contains(QStringLiteral("sigmoid")));
    QVERIFY(near(model.index(0, Col::ScoreColumn).data(Col::BarRole).toDouble(), 1.0 / (1.0 + std::exp(-1.95))));
    QCOMPARE(model.index(0, Col::RawColumn).data(Col::ValueRole).toDouble(), 1.95);
    QCOMPARE(model.index(1, Col::RawColumn).data(Col::ValueRole).toDouble(), -3.0);
    QCOMPARE(model.index(0, Col::ChangeColumn).data().toString(), QStringLiteral("▲1"));
    QVERIFY(!model.rankDifference(0)); // no second model
    QCOMPARE(model.index(0, Col::VsOtherColumn).data().toString(), QStringLiteral("–"));
}

QTEST_MAIN(TestRerankMetrics)
#include "tst_rerank_metrics.moc"
