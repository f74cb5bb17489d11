// The eval results view: the rows model (columns, pass/fail/error), filters, search and sort, the
// comparison of two runs with McNemar's test, CSV/JSON export, following a running job, and a
// 100,000-row run. Most tests build EvalRowResult values directly; the view and the model's loading
// read them through MemoryEvalApi (a test double over the real StackApi, see memory_eval_api.h).

#include "memory_eval_api.h"

#include "eval/results/eval_compare.h"
#include "eval/results/eval_results_export.h"
#include "eval/results/eval_results_text.h"
#include "eval/results/eval_results_view.h"
#include "eval/results/eval_row_detail.h"
#include "eval/results/eval_rows_filter.h"
#include "eval/results/eval_rows_model.h"
#include "eval/results/mcnemar.h"

#include "api/async.h"
#include "engine/engine.h"

#include <QBuffer>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace wb;
using ui::RowOutcome;

namespace {

const std::string kEquality = "basic::equality";
const std::string kRegex = "basic::regex_parser_multiple_choice_answer";
const std::string kJudge = "llm-as-judge::405b-simpleqa";

api::EvalJobInfo jobInfo(const std::string &id, std::vector<std::string> functions,
                         api::JobStatus status = api::JobStatus::Completed, const std::string &created = "2025-01-01T10:00:00Z")
{
    api::EvalJobInfo info;
    info.job_id = id;
    info.benchmark_id = "bench";
    info.dataset_id = "qa";
    info.status = status;
    info.scoring_functions = std::move(functions);
    info.benchmark_config.eval_candidate.model = "tiny-model";
    info.created_at = created;
    info.started_at = created;
    if (ui::isJobFinished(status))
        info.completed_at = "2025-01-01T10:01:05Z";
    return info;
}

//! A question-answer row scored by basic::equality (score < 0: no score row; NaN: null score).
api::EvalRowResult qaRow(int64_t index, const std::string &question, const std::string &expected,
                         const std::string &generated, double score)
{
    api::EvalRowResult row;
    row.index = index;
    row.input_row.value = {{"input_query", question}, {"expected_answer", expected}};
    row.generated_answer = generated;
    if (std::isnan(score))
        row.scores[kEquality].value = {{"score", nullptr}};
    else if (score >= 0)
        row.scores[kEquality].value = {{"score", score}};
    return row;
}

api::EvalRowResult errorRow(int64_t index, const std::string &question, const std::string &error)
{
    api::EvalRowResult row = qaRow(index, question, "x", "", -1);
    row.error = error;
    return row;
}

//! Rows whose equality outcome follows `passes` (true = 1.0).
std::vector<api::EvalRowResult> outcomeRows(const std::vector<bool> &passes)
{
    std::vector<api::EvalRowResult> rows;
    for (size_t i = 0; i < passes.size(); ++i)
        rows.push_back(qaRow(int64_t(i), "q" + std::to_string(i), "a", passes[i] ? "a" : "b", passes[i] ? 1.0 : 0.0));
    return rows;
}

//! RFC 4180 records (quoted fields with commas, quotes and newlines).
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString fieldText;
    bool quoted = false;
    bool fieldStarted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    fieldText += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                fieldText += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            record << fieldText;
            fieldText.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            record << fieldText;
            records << record;
            record.clear();
            fieldText.clear();
            fieldStarted = false;
        } else {
            fieldText += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !record.isEmpty()) {
        record << fieldText;
        records << record;
    }
    return records;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestEvalResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void mcnemarValues_data();
    void mcnemarValues();
    void promptAndExpectedText();
    void columnsAndClassification();
    void judgeRatingsUseTheBestCategory();
    void aggregateMetricsText();
    void filtersAndSearch();
    void numericSort();
    void compareCategoriesAndCounts();
    void csvExport();
    void jsonExport();
    void loadsPageByPage();
    void followsARunningJob();
    void viewEndToEnd();
    void largeRun();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<MemoryEvalApi> m_api;
};

void TestEvalResults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    engine::EngineConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("data"));
    m_engine = std::make_unique<engine::Engine>(config);
    const api::Status opened = m_engine->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());
    m_api = std::make_unique<MemoryEvalApi>(*m_engine);
}

void TestEvalResults::cleanupTestCase()
{
    m_api.reset();
    m_engine.reset();
}

void TestEvalResults::mcnemarValues_data()
{
    QTest::addColumn<int>("b");
    QTest::addColumn<int>("c");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<double>("statistic");
    QTest::addColumn<double>("p");
    // Hand-computed: exact p = 2·Σ_{k≤min} C(n,k)/2^n; chi² = (|b−c|−1)²/(b+c), p = erfc(√(chi²/2)).
    QTest::newRow("10/2 exact") << 10 << 2 << true << 2.0 << 2.0 * 79.0 / 4096.0;   // 0.0386
    QTest::newRow("2/10 symmetric") << 2 << 10 << true << 2.0 << 2.0 * 79.0 / 4096.0;
    QTest::newRow("30/14 chi2") << 30 << 14 << false << 225.0 / 44.0 << 0.02374;     // 5.114
    QTest::newRow("none discordant") << 0 << 0 << true << 0.0 << 1.0;
    QTest::newRow("3/0") << 3 << 0 << true << 0.0 << 0.25;
    QTest::newRow("5/5 capped at 1") << 5 << 5 << true << 5.0 << 1.0;
    QTest::newRow("24/0 still exact") << 24 << 0 << true << 0.0 << 2.0 / 16777216.0;
    QTest::newRow("25/0 chi2") << 25 << 0 << false << 576.0 / 25.0 << std::erfc(std::sqrt(576.0 / 50.0));
    QTest::newRow("20/20 chi2 no overshoot") << 20 << 20 << false << 0.0 << 1.0;
}

void TestEvalResults::mcnemarValues()
{
    QFETCH(int, b);
    QFETCH(int, c);
    QFETCH(bool, exact);
    QFETCH(double, statistic);
    QFETCH(double, p);
    const ui::McNemarResult r = ui::mcnemarTest(b, c);
    QCOMPARE(r.test == ui::McNemarResult::Test::Exact, exact);
    QVERIFY2(std::fabs(r.statistic - statistic) < 1e-9, qPrintable(QString::number(r.statistic)));
    QVERIFY2(std::fabs(r.pValue - p) < 5e-5 * std::max(1.0, p) || std::fabs(r.pValue - p) / p < 1e-6,
             qPrintable(QString::number(r.pValue, 'g', 10)));
    if (b == 10 && c == 2)
        QCOMPARE(QString::number(r.pValue, 'f', 4), QStringLiteral("0.0386"));
    if (b == 30 && c == 14) {
        QCOMPARE(QString::number(r.statistic, 'f', 3), QStringLiteral("5.114"));
        QCOMPARE(QString::number(r.pValue, 'f', 4), QStringLiteral("0.0237"));
    }
}

void TestEvalResults::promptAndExpectedText()
{
    const api::Json chat = {{"chat_completion_input",
                             R"([{"role":"system","content":"Be brief."},{"role":"user","content":"2+2?"}])"},
                            {"expected_answer", "4"}};
    QCOMPARE(ui::promptText(chat), QStringLiteral("system: Be brief.\nuser: 2+2?"));
    QCOMPARE(ui::expectedText(chat), QStringLiteral("4"));
    const api::Json chatArray = {{"chat_completion_input", api::Json::array({{{"role", "user"}, {"content", "hi"}}})}};
    QCOMPARE(ui::promptText(chatArray), QStringLiteral("user: hi"));
    QCOMPARE(ui::promptText(api::Json{{"completion_input", "\"Once upon\""}}), QStringLiteral("Once upon"));
    QCOMPARE(ui::promptText(api::Json{{"question", "Why?"}, {"answer", 42}}), QStringLiteral("Why?"));
    QCOMPARE(ui::expectedText(api::Json{{"question", "Why?"}, {"answer", 42}}), QStringLiteral("42"));
    QCOMPARE(ui::promptText(api::Json{{"other", 1}}), QString());
    QCOMPARE(ui::oneLine(QStringLiteral("a\nb")), QString(QStringLiteral("a") + QChar(0x23CE) + QStringLiteral("b")));
}

void TestEvalResults::columnsAndClassification()
{
    std::vector<api::EvalRowResult> rows;
    // 0: both functions full marks, regex extracted "B".
    api::EvalRowResult r0 = qaRow(0, "Pick one", "B", "The answer is B", 1.0);
    r0.scores[kRegex].value = {{"score", 1.0}, {"extracted_answer", "B"}};
    rows.push_back(r0);
    // 1: equality fails, regex passes.
    api::EvalRowResult r1 = qaRow(1, "Pick two", "C", "Answer: C", 0.0);
    r1.scores[kRegex].value = {{"score", 1.0}, {"extracted_answer", "C"}};
    rows.push_back(r1);
    // 2: regex parsed nothing (a parsing failure, not a wrong answer): null extracted.
    api::EvalRowResult r2 = qaRow(2, "Pick three", "A", "no idea", 0.0);
    r2.scores[kRegex].value = {{"score", 0.0}, {"extracted_answer", nullptr}};
    rows.push_back(r2);
    // 3: generation failed.
    rows.push_back(errorRow(3, "Pick four", "model unavailable"));
    // 4: regex score row missing: fails.
    rows.push_back(qaRow(4, "Pick five", "D", "D", 1.0));

    ui::EvalRowsModel model(*m_api, nullptr);
    model.setRows(jobInfo("j1", {kEquality, kRegex}), rows);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), ui::EvalRowsModel::FirstScoreColumn + 2 + 2);
    QCOMPARE(model.headerData(ui::EvalRowsModel::InputColumn, Qt::Horizontal).toString(), QStringLiteral("Input"));
    QCOMPARE(model.headerData(model.scoreColumn(0), Qt::Horizontal).toString(), QString::fromStdString(kEquality));
    QCOMPARE(model.headerData(model.scoreColumn(1), Qt::Horizontal).toString(), QString::fromStdString(kRegex));
    QCOMPARE(model.headerData(model.feedbackColumn(), Qt::Horizontal).toString(), QStringLiteral("Judge feedback"));
    QCOMPARE(model.headerData(model.errorColumn(), Qt::Horizontal).toString(), QStringLiteral("Error"));

    QCOMPARE(cell(model, 0, ui::EvalRowsModel::IndexColumn), QStringLiteral("0"));
    QCOMPARE(cell(model, 0, ui::EvalRowsModel::InputColumn), QStringLiteral("Pick one"));
    QCOMPARE(cell(model, 0, ui::EvalRowsModel::ExpectedColumn), QStringLiteral("B"));
    QCOMPARE(cell(model, 0, ui::EvalRowsModel::GeneratedColumn), QStringLiteral("The answer is B"));
    QCOMPARE(cell(model, 0, ui::EvalRowsModel::ExtractedColumn), QStringLiteral("B"));
    QCOMPARE(cell(model, 0, model.scoreColumn(0)), QStringLiteral("1.0"));
    QCOMPARE(cell(model, 1, model.scoreColumn(0)), QStringLiteral("0.0"));
    QCOMPARE(cell(model, 2, ui::EvalRowsModel::ExtractedColumn), QString());
    QCOMPARE(cell(model, 3, model.errorColumn()), QStringLiteral("model unavailable"));
    QCOMPARE(cell(model, 4, model.scoreColumn(1)), QString());

    const auto &table = model.table();
    QCOMPARE(table.outcome(0), RowOutcome::Pass);
    QCOMPARE(table.outcome(1), RowOutcome::Fail);
    QCOMPARE(table.outcome(2), RowOutcome::Fail);
    QCOMPARE(table.outcome(3), RowOutcome::Error);
    QCOMPARE(table.outcome(4), RowOutcome::Fail);
    QCOMPARE(cell(model, 0, ui::EvalRowsModel::ResultColumn), QStringLiteral("pass"));
    QCOMPARE(cell(model, 3, ui::EvalRowsModel::ResultColumn), QStringLiteral("error"));
    QVERIFY(table.hasExtracted());
    QVERIFY(!table.hasFeedback());

    // ifeval-style fractions: only all instructions followed is full marks.
    ui::EvalRowTable ifeval;
    ifeval.reset({"basic::ifeval"});
    api::EvalRowResult partial = qaRow(0, "q", "", "g", -1);
    partial.scores["basic::ifeval"].value = {{"score", 0.5}, {"weight", 2}};
    api::EvalRowResult full = qaRow(1, "q", "", "g", -1);
    full.scores["basic::ifeval"].value = {{"score", 1.0}, {"weight", 2}};
    ifeval.append({partial, full});
    QCOMPARE(ifeval.outcome(0), RowOutcome::Fail);
    QCOMPARE(ifeval.outcome(1), RowOutcome::Pass);

    // A function the job did not list shows up as a new column, and rows without it fail.
    ui::EvalRowTable grown;
    grown.reset({kEquality});
    grown.append({qaRow(0, "q", "a", "a", 1.0)});
    QCOMPARE(grown.outcome(0), RowOutcome::Pass);
    api::EvalRowResult withRegex = qaRow(1, "q", "a", "a", 1.0);
    withRegex.scores[kRegex].value = {{"score", 1.0}};
    const auto added = grown.append({withRegex, withRegex /* same index: skipped */});
    QCOMPARE(grown.size(), size_t(2));
    QCOMPARE(added.newFunctions, size_t(1));
    QCOMPARE(grown.functions().size(), size_t(2));
    QCOMPARE(grown.outcome(0), RowOutcome::Fail);
    QCOMPARE(grown.outcome(1), RowOutcome::Pass);
}

void TestEvalResults::judgeRatingsUseTheBestCategory()
{
    auto judged = [](int64_t index, const api::Json &score) {
        api::EvalRowResult row = qaRow(index, "q" + std::to_string(index), "a", "g", -1);
        row.scores[kJudge].value = {{"score", score}, {"judge_feedback", "Grade: " + score.dump()}};
        return row;
    };
    // Letter grades: A (CORRECT) passes, B and C do not, no match (null) fails.
    ui::EvalRowTable letters;
    letters.reset({kJudge});
    letters.append({judged(0, "A"), judged(1, "B"), judged(2, "C"), judged(3, nullptr)});
    QCOMPARE(letters.outcome(0), RowOutcome::Pass);
    QCOMPARE(letters.outcome(1), RowOutcome::Fail);
    QCOMPARE(letters.outcome(2), RowOutcome::Fail);
    QCOMPARE(letters.outcome(3), RowOutcome::Fail);
    QVERIFY(letters.hasFeedback());
    QCOMPARE(letters.entry(0).feedback, QStringLiteral("Grade: \"A\""));
    QVERIFY(letters.functions()[0].judge);

    // Numeric ratings: the best one seen passes; a higher one arriving re-classifies earlier rows.
    ui::EvalRowTable ratings;
    ratings.reset({kJudge});
    ratings.append({judged(0, "3"), judged(1, "2")});
    QCOMPARE(ratings.outcome(0), RowOutcome::Pass);
    QCOMPARE(ratings.outcome(1), RowOutcome::Fail);
    const auto result = ratings.append({judged(2, "5")});
    QVERIFY(result.outcomesChanged);
    QCOMPARE(ratings.outcome(0), RowOutcome::Fail);
    QCOMPARE(ratings.outcome(2), RowOutcome::Pass);
    QVERIFY(!ratings.append({judged(3, "4")}).outcomesChanged);
    QCOMPARE(ratings.outcome(3), RowOutcome::Fail);
}

void TestEvalResults::aggregateMetricsText()
{
    api::EvalJobInfo job = jobInfo("j1", {kEquality, kJudge});
    job.aggregated_results[kEquality].value = api::Json::parse(
        R"({"accuracy":{"accuracy":0.6,"num_correct":3.0,"num_total":5},"median":{"median":1.0},)"
        R"("categorical_count":{"categorical_count":{"0.0":2,"1.0":3}},"average":{"average":0.6}})");
    job.aggregated_results[kJudge].value = api::Json::object();
    const QStringList lines = ui::aggregateLines(job);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0], QStringLiteral("basic::equality: accuracy 0.60 (3 / 5) · median 1.00 · "
                                      "categorical_count 0.0: 2, 1.0: 3 · average 0.60"));
    QCOMPARE(lines[1], QStringLiteral("llm-as-judge::405b-simpleqa: no aggregation"));

    job.rows_total = 5;
    job.rows_done = 5;
    job.rows_failed = 1;
    QCOMPARE(ui::jobSummary(job, QDateTime::currentDateTimeUtc()),
             QStringLiteral("completed · tiny-model · 5 of 5 rows done, 1 failed · 1 min 05 s"));
    job.status = api::JobStatus::Failed;
    job.error = "the workbench stopped";
    QVERIFY(ui::jobSummary(job, QDateTime::currentDateTimeUtc()).endsWith(QStringLiteral("\nthe workbench stopped")));
}

void TestEvalResults::filtersAndSearch()
{
    std::vector<api::EvalRowResult> rows = {
        qaRow(0, "What is the Capital of France?", "Paris", "Paris", 1.0),
        qaRow(1, "Largest planet?", "Jupiter", "saturn", 0.0),
        qaRow(2, "Color of the sky?", "blue", "BLUE", 0.0),
        errorRow(3, "Who wrote Hamlet?", "timeout talking to PARIS"),
        qaRow(4, "2+2?", "4", "4", 1.0),
    };
    api::EvalRowResult chat;
    chat.index = 5;
    chat.input_row.value = {{"chat_completion_input", R"([{"role":"user","content":"Translate 'Bonjour'"}])"},
                            {"expected_answer", "Hello"}};
    chat.generated_answer = "Hi";
    chat.scores[kEquality].value = {{"score", 0.0}};
    rows.push_back(chat);

    ui::EvalRowsModel model(*m_api, nullptr);
    model.setRows(jobInfo("j1", {kEquality}), rows);
    ui::EvalRowsFilterModel filter(nullptr);
    filter.setRowsModel(&model);
    auto shownIndexes = [&] {
        QList<int> indexes;
        for (int r = 0; r < filter.rowCount(); ++r)
            indexes << filter.index(r, ui::EvalRowsModel::IndexColumn).data().toInt();
        std::sort(indexes.begin(), indexes.end());
        return indexes;
    };

    QCOMPARE(shownIndexes(), (QList<int>{0, 1, 2, 3, 4, 5}));
    filter.setShow(ui::EvalRowsFilterModel::Show::Failures);
    QCOMPARE(shownIndexes(), (QList<int>{1, 2, 5}));
    filter.setShow(ui::EvalRowsFilterModel::Show::Passes);
    QCOMPARE(shownIndexes(), (QList<int>{0, 4}));
    filter.setShow(ui::EvalRowsFilterModel::Show::Errors);
    QCOMPARE(shownIndexes(), (QList<int>{3}));

    filter.setShow(ui::EvalRowsFilterModel::Show::All);
    filter.setSearchText(QStringLiteral("paris")); // expected/generated of row 0; row 3's error does not count
    QCOMPARE(shownIndexes(), (QList<int>{0}));
    filter.setSearchText(QStringLiteral("blue")); // case-insensitive over generated "BLUE" and expected
    QCOMPARE(shownIndexes(), (QList<int>{2}));
    filter.setSearchText(QStringLiteral("BONJOUR")); // inside the chat messages
    QCOMPARE(shownIndexes(), (QList<int>{5}));
    filter.setSearchText(QStringLiteral("capital of"));
    QCOMPARE(shownIndexes(), (QList<int>{0}));
    filter.setShow(ui::EvalRowsFilterModel::Show::Failures); // both filters at once
    QCOMPARE(shownIndexes(), QList<int>{});
    filter.setSearchText(QStringLiteral("?"));
    QCOMPARE(shownIndexes(), (QList<int>{1, 2}));
    filter.setSearchText(QString());
    QCOMPARE(shownIndexes(), (QList<int>{1, 2, 5}));
    QCOMPARE(filter.visiblePositions().size(), size_t(3));
}

void TestEvalResults::numericSort()
{
    // Scores 0.5, 0.25, 1.0, no score, 0.75, and indexes 2, 10 that a text sort would misorder.
    std::vector<api::EvalRowResult> rows;
    const std::vector<double> scores = {0.5, 0.25, 1.0, -1, 0.75};
    const std::vector<int64_t> indexes = {10, 2, 7, 3, 100};
    for (size_t i = 0; i < scores.size(); ++i) {
        api::EvalRowResult row = qaRow(indexes[i], "q", "a", "g", -1);
        if (scores[i] >= 0)
            row.scores["basic::ifeval"].value = {{"score", scores[i]}, {"weight", 1}};
        rows.push_back(row);
    }
    ui::EvalRowsModel model(*m_api, nullptr);
    model.setRows(jobInfo("j1", {"basic::ifeval"}), rows);
    ui::EvalRowsFilterModel filter(nullptr);
    filter.setRowsModel(&model);
    auto column = [&](int c) {
        QStringList values;
        for (int r = 0; r < filter.rowCount(); ++r)
            values << filter.index(r, c).data().toString();
        return values;
    };
    filter.sort(model.scoreColumn(0), Qt::AscendingOrder);
    QCOMPARE(column(model.scoreColumn(0)), (QStringList{"0.25", "0.5", "0.75", "1.0", ""}));
    filter.sort(model.scoreColumn(0), Qt::DescendingOrder); // no score stays last
    QCOMPARE(column(model.scoreColumn(0)), (QStringList{"1.0", "0.75", "0.5", "0.25", ""}));
    filter.sort(ui::EvalRowsModel::IndexColumn, Qt::AscendingOrder);
    QCOMPARE(column(ui::EvalRowsModel::IndexColumn), (QStringList{"2", "3", "7", "10", "100"}));
    filter.sort(ui::EvalRowsModel::ResultColumn, Qt::AscendingOrder); // pass, fail, error; ties by index
    QCOMPARE(column(ui::EvalRowsModel::IndexColumn), (QStringList{"7", "2", "3", "10", "100"}));
    QCOMPARE(model.index(0, model.scoreColumn(0)).data(ui::EvalRowsModel::SortRole).toDouble(), 0.5);
}

void TestEvalResults::compareCategoriesAndCounts()
{
    // base:    P P F F P F E P
    // changed: P F P F F P P -  (index 7 missing in changed)
    ui::EvalRowTable base;
    base.reset({kEquality});
    auto baseRows = outcomeRows({true, true, false, false, true, false, false, true});
    baseRows[6] = errorRow(6, "q6", "boom");
    base.append(baseRows);
    ui::EvalRowTable changed;
    changed.reset({kEquality});
    changed.append(outcomeRows({true, false, true, false, false, true, true}));

    const ui::RunComparison cmp = ui::compareRuns(base, changed);
    QCOMPARE(cmp.pairs.size(), size_t(7));
    QCOMPARE(cmp.bothPass, int64_t(1));
    QCOMPARE(cmp.regressions, int64_t(2));  // 1, 4
    QCOMPARE(cmp.improvements, int64_t(3)); // 2, 5, 6 (an error counts as not passed)
    QCOMPARE(cmp.bothFail, int64_t(1));     // 3
    QCOMPARE(cmp.unpaired, int64_t(1));
    QCOMPARE(cmp.pairs[1].category, ui::PairCategory::Regression);
    QCOMPARE(cmp.pairs[6].category, ui::PairCategory::Improvement);
    QCOMPARE(cmp.mcnemar.test, ui::McNemarResult::Test::Exact);
    QCOMPARE(cmp.mcnemar.pValue, 1.0); // 2·P(X ≤ 2 | n = 5) = 2·16/32

    ui::EvalCompareModel model(nullptr);
    model.setComparison(&base, &changed, cmp, QStringLiteral("old"), QStringLiteral("new"));
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(cell(model, 1, ui::EvalCompareModel::CategoryColumn), QStringLiteral("regression"));
    QCOMPARE(cell(model, 1, ui::EvalCompareModel::BaseScoresColumn), QStringLiteral("1.0"));
    QCOMPARE(cell(model, 1, ui::EvalCompareModel::ChangedScoresColumn), QStringLiteral("0.0"));
    QCOMPARE(cell(model, 6, ui::EvalCompareModel::BaseResultColumn), QStringLiteral("error"));
    QCOMPARE(model.headerData(ui::EvalCompareModel::ChangedResultColumn, Qt::Horizontal).toString(),
             QStringLiteral("Result (new)"));
    ui::EvalCompareFilterModel filter(nullptr);
    filter.setSourceModel(&model);
    filter.setCategory(ui::PairCategory::Improvement);
    QCOMPARE(filter.rowCount(), 3);
    filter.setCategory(std::nullopt);
    QCOMPARE(filter.rowCount(), 7);

    // Many discordant pairs: the chi-square form (b = 30, c = 14 as in the hand computation).
    std::vector<bool> a;
    std::vector<bool> b;
    for (int i = 0; i < 30; ++i) { a.push_back(true); b.push_back(false); }
    for (int i = 0; i < 14; ++i) { a.push_back(false); b.push_back(true); }
    for (int i = 0; i < 6; ++i) { a.push_back(true); b.push_back(true); }
    ui::EvalRowTable ta;
    ta.reset({kEquality});
    ta.append(outcomeRows(a));
    ui::EvalRowTable tb;
    tb.reset({kEquality});
    tb.append(outcomeRows(b));
    const ui::RunComparison big = ui::compareRuns(ta, tb);
    QCOMPARE(big.regressions, int64_t(30));
    QCOMPARE(big.improvements, int64_t(14));
    QCOMPARE(big.bothPass, int64_t(6));
    QCOMPARE(big.mcnemar.test, ui::McNemarResult::Test::ChiSquare);
    QCOMPARE(QString::number(big.mcnemar.pValue, 'f', 4), QStringLiteral("0.0237"));
}

void TestEvalResults::csvExport()
{
    api::EvalRowResult tricky = qaRow(0, "Say \"hi\", then\nstop", "hi, there", "\"hi\"", 0.0);
    tricky.scores[kRegex].value = {{"score", 1.0}, {"extracted_answer", "A"}};
    std::vector<api::EvalRowResult> rows = {tricky, errorRow(1, "q1", "failed, badly")};
    ui::EvalRowTable table;
    table.reset({kEquality, kRegex});
    table.append(rows);
    const ui::EvalExportSnapshot snapshot = ui::makeExportSnapshot(jobInfo("j1", {kEquality, kRegex}), table);

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QCOMPARE(ui::writeEvalCsv(buffer, snapshot), QString());
    const QString text = QString::fromUtf8(buffer.data());
    QVERIFY(text.contains(QStringLiteral("\r\n")));
    const QList<QStringList> records = parseCsv(text);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records[0], (QStringList{"index", "input", "expected", "generated", "extracted_answer",
                                      QString::fromStdString(kEquality), QString::fromStdString(kRegex),
                                      "judge_feedback", "result", "error"}));
    QCOMPARE(records[1], (QStringList{"0", "Say \"hi\", then\nstop", "hi, there", "\"hi\"", "A", "0.0", "1.0",
                                      "", "fail", ""}));
    QCOMPARE(records[2], (QStringList{"1", "q1", "x", "", "", "", "", "", "error", "failed, badly"}));

    // Only the chosen rows, in the given order, through a file.
    const std::vector<size_t> positions = {1};
    const QString path = m_dir.filePath(QStringLiteral("some.csv"));
    QCOMPARE(ui::exportEvalResults(path, ui::EvalExportFormat::Csv,
                                   ui::makeExportSnapshot(snapshot.job, table, &positions)),
             QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QStringList> some = parseCsv(QString::fromUtf8(file.readAll()));
    QCOMPARE(some.size(), 2);
    QCOMPARE(some[1].first(), QStringLiteral("1"));

    // An unwritable path: a clear message, no file.
    const QString bad = m_dir.filePath(QStringLiteral("missing/dir/out.csv"));
    const QString error = ui::exportEvalResults(bad, ui::EvalExportFormat::Csv, snapshot);
    QVERIFY(error.startsWith(QStringLiteral("Could not write")));
    QVERIFY(!QFile::exists(bad));
}

void TestEvalResults::jsonExport()
{
    api::EvalJobInfo job = jobInfo("j1", {kEquality});
    job.aggregated_results[kEquality].value = {{"accuracy", {{"accuracy", 0.5}, {"num_correct", 1.0}, {"num_total", 2}}}};
    std::vector<api::EvalRowResult> rows = {qaRow(0, "q0", "a", "a", 1.0), errorRow(1, "q1", "boom")};
    rows[0].input_row.value["extra"] = {{"nested", {1, 2, 3}}};
    ui::EvalRowTable table;
    table.reset(job.scoring_functions);
    table.append(rows);
    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    QCOMPARE(ui::exportEvalResults(path, ui::EvalExportFormat::Json, ui::makeExportSnapshot(job, table)), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const api::Json parsed = api::Json::parse(file.readAll().toStdString());
    api::EvalJobInfo parsedJob;
    api::fromJson(parsed.at("job"), parsedJob, "job");
    QCOMPARE(parsedJob, job);
    QCOMPARE(parsed.at("rows").size(), size_t(2));
    for (size_t i = 0; i < rows.size(); ++i) {
        api::EvalRowResult back;
        api::fromJson(parsed.at("rows")[i], back, "rows");
        QCOMPARE(back, rows[i]);
    }
}

void TestEvalResults::loadsPageByPage()
{
    // 4,500 rows: three pages of EvalRowsModel::PageSize (2,000).
    api::EvalJobInfo job = jobInfo("paged", {kEquality});
    std::vector<api::EvalRowResult> rows;
    for (int i = 0; i < 4500; ++i)
        rows.push_back(qaRow(i, "q" + std::to_string(i), "a", i % 3 ? "a" : "b", i % 3 ? 1.0 : 0.0));
    m_api->putJob(job, rows);
    const int callsBefore = m_api->rowsCalls();
    ui::EvalRowsModel model(*m_api, nullptr);
    QSignalSpy finished(&model, &ui::EvalRowsModel::loadingFinished);
    model.setJob(job);
    QVERIFY(model.isLoading());
    QVERIFY(finished.wait(5000));
    QCOMPARE(model.rowCount(), 4500);
    QCOMPARE(m_api->rowsCalls() - callsBefore, 3);
    QCOMPARE(model.table().count(RowOutcome::Fail), int64_t(1500));
    QVERIFY(!model.isLoading());
    QCOMPARE(cell(model, 4499, ui::EvalRowsModel::InputColumn), QStringLiteral("q4499"));

    // An unknown job: an error, and loading stops (the job counts as ended).
    ui::EvalRowsModel missing(*m_api, nullptr);
    QSignalSpy errors(&missing, &ui::EvalRowsModel::errorOccurred);
    QSignalSpy missingFinished(&missing, &ui::EvalRowsModel::loadingFinished);
    missing.setJob(jobInfo("nope", {kEquality}));
    QVERIFY(missingFinished.wait(5000));
    QCOMPARE(errors.count(), 1);
    QVERIFY(errors.first().first().toString().contains(QStringLiteral("not found")));
}

void TestEvalResults::followsARunningJob()
{
    api::EvalJobInfo job = jobInfo("running", {kEquality}, api::JobStatus::InProgress);
    job.rows_total = 5;
    m_api->putJob(job, outcomeRows({true, false, true}));
    ui::EvalRowsModel model(*m_api, nullptr);
    model.setPollInterval(30);
    QSignalSpy finished(&model, &ui::EvalRowsModel::loadingFinished);
    QSignalSpy infos(&model, &ui::EvalRowsModel::jobInfoChanged);
    model.setJob(job);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 5000);
    // Still following: a few polls happen, nothing new.
    const int infoCalls = m_api->infoCalls();
    QTRY_VERIFY_WITH_TIMEOUT(m_api->infoCalls() >= infoCalls + 2, 5000);
    QVERIFY(model.isLoading());
    QCOMPARE(finished.count(), 0);

    // The second batch arrives and the job ends.
    auto more = outcomeRows({true, false, true, true, false});
    m_api->addRows(job.job_id, {more[3], more[4]});
    api::EvalJobInfo done = job;
    done.status = api::JobStatus::Completed;
    done.rows_done = 5;
    done.completed_at = "2025-01-01T10:02:00Z";
    done.aggregated_results[kEquality].value = {{"accuracy", {{"accuracy", 0.6}, {"num_correct", 3.0}, {"num_total", 5}}}};
    m_api->setInfo(done);
    QVERIFY(finished.wait(5000));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.job().status, api::JobStatus::Completed);
    QCOMPARE(model.job(), done);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.table().count(RowOutcome::Pass), int64_t(3));
    QVERIFY(infos.count() >= 2);
    // No more polling after the end.
    const int callsAtEnd = m_api->infoCalls();
    QTest::qWait(150);
    QCOMPARE(m_api->infoCalls(), callsAtEnd);
}

void TestEvalResults::viewEndToEnd()
{
    api::EvalJobInfo older = jobInfo("old-run", {kEquality}, api::JobStatus::Completed, "2025-01-01T09:00:00Z");
    api::EvalJobInfo newer = jobInfo("new-run", {kEquality}, api::JobStatus::Completed, "2025-01-02T09:00:00Z");
    newer.aggregated_results[kEquality].value = {{"accuracy", {{"accuracy", 0.6}, {"num_correct", 3.0}, {"num_total", 5}}}};
    api::EvalJobInfo otherBenchmark = jobInfo("elsewhere", {kEquality});
    otherBenchmark.benchmark_id = "other-bench";
    m_api->putJob(older, outcomeRows({true, true, false, false, true}));
    m_api->putJob(newer, outcomeRows({true, false, true, true, true}));
    m_api->putJob(otherBenchmark, outcomeRows({true}));

    ui::EvalResultsView view(*m_api, nullptr);
    view.resize(1200, 700);
    view.show();
    QSignalSpy loaded(view.rowsModel(), &ui::EvalRowsModel::loadingFinished);
    view.showJob(newer);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(view.table()->model()->rowCount(), 5);
    auto *metrics = view.findChild<QLabel *>(QStringLiteral("evalResultsMetrics"));
    QVERIFY(metrics);
    QCOMPARE(metrics->text(), QStringLiteral("basic::equality: accuracy 0.60 (3 / 5)"));
    auto *summary = view.findChild<QLabel *>(QStringLiteral("evalResultsSummary"));
    QVERIFY(summary->text().contains(QStringLiteral("tiny-model")));
    auto *show = view.findChild<QComboBox *>(QStringLiteral("evalResultsShow"));
    QCOMPARE(show->itemText(1), QStringLiteral("Failures (1)"));

    // Detail pane follows the current row.
    view.table()->setCurrentIndex(view.table()->model()->index(1, 0));
    QVERIFY(view.detail()->text().contains(QStringLiteral("Row 1 · fail")));
    QVERIFY(view.detail()->text().contains(QStringLiteral("q1")));
    QCOMPARE(view.detail()->scoreTabs(), QStringList{QString::fromStdString(kEquality)});
    QVERIFY(view.detail()->scoreJson(QString::fromStdString(kEquality)).contains(QStringLiteral("\"score\": 0.0")));

    // Search through the box: debounced, then applied.
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("evalResultsSearch"));
    search->setText(QStringLiteral("Q3"));
    QCOMPARE(view.filterModel()->searchText(), QString()); // not yet
    QTRY_COMPARE_WITH_TIMEOUT(view.table()->model()->rowCount(), 1, 3000);
    search->clear();
    QTRY_COMPARE_WITH_TIMEOUT(view.table()->model()->rowCount(), 5, 3000);

    // Only runs of the same benchmark are offered; comparing pairs rows, older run as the base.
    std::vector<api::EvalJobInfo> all = {newer, older, otherBenchmark};
    view.setOtherRuns(all);
    auto *compareWith = view.findChild<QComboBox *>(QStringLiteral("evalResultsCompareWith"));
    QCOMPARE(compareWith->count(), 2);
    QSignalSpy compared(&view, &ui::EvalResultsView::comparisonUpdated);
    compareWith->setCurrentIndex(1);
    QVERIFY(view.isComparing());
    QTRY_VERIFY_WITH_TIMEOUT(compared.count() > 0 && !view.otherRowsModel()->isLoading(), 5000);
    // Let the last debounced recomputation (after the other run finished loading) run.
    QTRY_COMPARE_WITH_TIMEOUT(view.compareModel()->rowCount(), 5, 3000);
    const ui::RunComparison &cmp = view.compareModel()->comparison();
    QCOMPARE(cmp.regressions, int64_t(1));  // row 1
    QCOMPARE(cmp.improvements, int64_t(2)); // rows 2, 3
    QCOMPARE(cmp.bothPass, int64_t(2));
    QCOMPARE(cmp.bothFail, int64_t(0));
    auto *compareSummary = view.findChild<QLabel *>(QStringLiteral("evalCompareSummary"));
    QVERIFY2(compareSummary->text().contains(QStringLiteral("old-run → new-run")), qPrintable(compareSummary->text()));
    QVERIFY(compareSummary->text().contains(QStringLiteral("p = 1.0000 (exact binomial test)")));

    // Export the shown (filtered) rows and everything, off the GUI thread.
    view.compareWith({});
    QVERIFY(!view.isComparing());
    QCOMPARE(compareWith->currentIndex(), 0);
    show->setCurrentIndex(2); // passes
    QCOMPARE(view.table()->model()->rowCount(), 4);
    QSignalSpy exported(&view, &ui::EvalResultsView::exportFinished);
    const QString csvPath = m_dir.filePath(QStringLiteral("view.csv"));
    view.exportTo(csvPath, ui::EvalExportFormat::Csv, true);
    QVERIFY(exported.wait(5000));
    QCOMPARE(exported.first().at(0).toBool(), true);
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(parseCsv(QString::fromUtf8(csv.readAll())).size(), 1 + 4);
    const QString jsonPath = m_dir.filePath(QStringLiteral("view.json"));
    view.exportTo(jsonPath, ui::EvalExportFormat::Json, false);
    QVERIFY(exported.wait(5000));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(api::Json::parse(json.readAll().toStdString()).at("rows").size(), size_t(5));

    // Clearing.
    view.showJob({});
    QCOMPARE(view.table()->model()->rowCount(), 0);
}

void TestEvalResults::largeRun()
{
    constexpr int kRows = 100000;
    std::vector<api::EvalRowResult> rows;
    rows.reserve(kRows);
    for (int i = 0; i < kRows; ++i) {
        api::EvalRowResult row;
        row.index = i;
        row.input_row.value = {{"chat_completion_input",
                                "[{\"role\":\"user\",\"content\":\"Question number " + std::to_string(i) + "?\"}]"},
                               {"expected_answer", std::to_string(i % 97)}};
        row.generated_answer = std::to_string((i * 7) % 97);
        if (i % 1000 == 999)
            row.error = "generation failed";
        else
            row.scores[kEquality].value = {{"score", double((i % 10) / 9.0)}};
        rows.push_back(std::move(row));
    }
    QElapsedTimer timer;
    timer.start();
    ui::EvalRowsModel model(*m_api, nullptr);
    model.setRows(jobInfo("big", {kEquality}), rows);
    const qint64 loadMs = timer.restart();
    QCOMPARE(model.rowCount(), kRows);
    QCOMPARE(model.table().count(RowOutcome::Error), int64_t(kRows / 1000));
    // Score (i % 10) / 9 is 1.0 only for i % 10 == 9, and those with i % 1000 == 999 are errors.
    QCOMPARE(model.table().count(RowOutcome::Pass), int64_t(kRows / 10 - kRows / 1000));

    ui::EvalRowsFilterModel filter(nullptr);
    filter.setRowsModel(&model);
    QTableView view;
    view.setModel(&filter);
    view.resize(1000, 600);
    view.show();
    const qint64 attachMs = timer.restart();

    filter.setShow(ui::EvalRowsFilterModel::Show::Passes);
    QCOMPARE(filter.rowCount(), kRows / 10 - kRows / 1000);
    filter.setShow(ui::EvalRowsFilterModel::Show::Errors);
    QCOMPARE(filter.rowCount(), kRows / 1000);
    filter.setShow(ui::EvalRowsFilterModel::Show::All);
    QCOMPARE(filter.rowCount(), kRows);
    const qint64 filterMs = timer.restart();

    filter.setSearchText(QStringLiteral("NUMBER 4242?"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, ui::EvalRowsModel::IndexColumn).data().toInt(), 4242);
    filter.setSearchText(QString());
    const qint64 searchMs = timer.restart();

    filter.sort(model.scoreColumn(0), Qt::DescendingOrder);
    const qint64 sortMs = timer.restart();
    QCOMPARE(filter.rowCount(), kRows);
    QCOMPARE(filter.index(0, model.scoreColumn(0)).data().toString(), QStringLiteral("1.0"));
    // Error rows have no score: last, after the descending scores.
    double previous = 2;
    for (int r = 0; r < kRows - kRows / 1000; r += 997) {
        const double v = filter.index(r, model.scoreColumn(0)).data(ui::EvalRowsModel::SortRole).toDouble();
        QVERIFY(v <= previous);
        previous = v;
    }
    QVERIFY(std::isnan(filter.index(kRows - 1, model.scoreColumn(0)).data(ui::EvalRowsModel::SortRole).toDouble()));
    filter.sort(ui::EvalRowsModel::InputColumn, Qt::AscendingOrder);
    const qint64 textSortMs = timer.restart();
    QCOMPARE(filter.index(0, ui::EvalRowsModel::InputColumn).data().toString(), QStringLiteral("user: Question number 0?"));

    const std::vector<size_t> positions = filter.visiblePositions();
    const QString path = m_dir.filePath(QStringLiteral("big.csv"));
    QCOMPARE(ui::exportEvalResults(path, ui::EvalExportFormat::Csv,
                                   ui::makeExportSnapshot(model.job(), model.table(), &positions)),
             QString());
    const qint64 exportMs = timer.restart();
    QCOMPARE(QFileInfo(path).size() > 0, true);

    qInfo("100,000 rows: load %lld ms, attach %lld ms, outcome filters (3 changes) %lld ms, search %lld ms, "
          "score sort %lld ms, text sort %lld ms, CSV export %lld ms",
          loadMs, attachMs, filterMs, searchMs, sortMs, textSortMs, exportMs);
}

QTEST_MAIN(TestEvalResults)
#include "tst_eval_results.moc"
