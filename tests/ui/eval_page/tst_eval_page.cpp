// GUI test of the Benchmarks & Eval page against a real in-process engine (offscreen) with the
// bundled samples and a tiny random Llama in <dataDir>/models: the sample benchmarks listed,
// registering a benchmark and a judge function through the dialogs (and their validation), a
// run on the tiny model followed to "completed", Cancel on a run held by an endpoint that does not
// answer, a page built later finding a running job again, deleting a run, removing a benchmark,
// and the page in the main window.

#include "held_endpoint.h"
#include "switch_api.h"
#include "tiny_model.h"

#include "eval/benchmark_list_model.h"
#include "eval/benchmark_params.h"
#include "eval/eval_job_list_model.h"
#include "eval/eval_job_poller.h"
#include "eval/eval_page.h"
#include "eval/eval_text.h"
#include "eval/judge_function_dialog.h"
#include "eval/model_picker.h"
#include "eval/prompt_template_check.h"
#include "eval/register_benchmark_dialog.h"
#include "eval/regex_list_editor.h"
#include "eval/run_setup_panel.h"
#include "eval/scoring_params_editor.h"
#include "shell/main_window.h"
#include "shell/workbench.h"

#include "api/async.h"
#include "engine/engine.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;

namespace {
const QString kModel = QStringLiteral("tiny-chat");
const QString kHeldModel = QStringLiteral("held-endpoint");
const QString kCapitals = QStringLiteral("sample/capitals-qa");
const QString kArithmetic = QStringLiteral("sample/arithmetic");
const QString kCapitalsData = QStringLiteral("sample/capitals-and-facts-qa");
const QString kMine = QStringLiteral("my-capitals");
} // namespace

class TestEvalPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checksTextBeforeSending();
    void listsSampleBenchmarks();
    void showsListErrorReadably();
    void registerDialogValidates();
    void registersBenchmarkThroughDialog();
    void registersJudgeFunction();
    void runsToCompletion();
    void handsRunsToResultsView();
    void cancelsRun();
    void reattachesToRunningJob();
    void deletesRun();
    void removesBenchmark();
    void mainWindowListsEvalPage();
    void cleanupTestCase();

private:
    QAction *action(const char *name) const { return m_page->findChild<QAction *>(QString::fromLatin1(name)); }
    QAbstractButton *destructiveButton(QMessageBox *box) const;
    //! Selects `benchmarkId` and waits until its runs are listed.
    bool showBenchmark(const QString &benchmarkId);
    //! The run's status as the page's list has it ("<absent>" when not listed).
    QString listedStatus(const QString &jobId) const;
    void saveScreenshot(const QString &name) const;

    QTemporaryDir m_dir;
    test::HeldEndpoint m_held;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<SwitchApi> m_api;
    std::unique_ptr<ui::EvalPage> m_page;
    QString m_completedJob;
    QString m_cancelledJob;
};

void TestEvalPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("HF_HOME", m_dir.filePath(QStringLiteral("hf-home")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");

    const QString dataDir = m_dir.filePath(QStringLiteral("data"));
    const api::Status written = test::writeTinyModel(dataDir + QStringLiteral("/models/") + kModel, 7, true);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());

    engine::EngineConfig config;
    config.dataDir = dataDir;
    config.seedSamples = true;
    config.evalJobs = 2; // a held run must not keep the others waiting
    m_engine = std::make_unique<engine::Engine>(config);
    const api::Status opened = m_engine->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());

    QVERIFY(m_held.start());
    api::RegisterModelRequest held;
    held.model_id = kHeldModel.toStdString();
    held.provider_id = "openai";
    held.provider_model_id = "held";
    held.metadata.value = {{"base_url", m_held.baseUrl()}};
    const auto registered = api::await(m_engine->registerModel(held));
    QVERIFY2(registered.ok(), registered.ok() ? "" : registered.error().toString().c_str());

    m_api = std::make_unique<SwitchApi>(*m_engine);
    m_page = std::make_unique<ui::EvalPage>(*m_api, nullptr);
    m_page->resize(1400, 860);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(!m_page->benchmarkListModel()->isLoading());
    QTRY_VERIFY(m_page->functionsLoaded());
    QVERIFY2(m_page->listErrorText().isEmpty(), qPrintable(m_page->listErrorText()));
}

void TestEvalPage::cleanupTestCase()
{
    m_page.reset();
    m_held.release();
    m_api.reset();
    m_engine.reset();
}

QAbstractButton *TestEvalPage::destructiveButton(QMessageBox *box) const
{
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole)
            return b;
    return nullptr;
}

bool TestEvalPage::showBenchmark(const QString &benchmarkId)
{
    m_page->selectBenchmark(benchmarkId);
    if (!QTest::qWaitFor([&] { return m_page->currentBenchmarkId() == benchmarkId; }, 5000))
        return false;
    return QTest::qWaitFor([&] {
        return m_page->jobListModel()->benchmarkId() == benchmarkId && !m_page->jobListModel()->isLoading();
    }, 5000);
}

QString TestEvalPage::listedStatus(const QString &jobId) const
{
    const api::EvalJobInfo *job = m_page->jobListModel()->job(jobId);
    return job ? QString::fromLatin1(api::enumName(job->status)) : QStringLiteral("<absent>");
}

//! With WB_UI_SCREENSHOT_DIR set, keeps a picture of the page for a human to look at.
void TestEvalPage::saveScreenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_page->grab().save(dir + QStringLiteral("/eval_") + name + QStringLiteral(".png"));
}

void TestEvalPage::checksTextBeforeSending()
{
    // Prompt templates as Python's str.format reads them.
    QVERIFY(ui::promptTemplateError(QStringLiteral("Q: {input_query} A: {generated_answer} {{json}}")).isEmpty());
    QVERIFY(ui::promptTemplateError(QStringLiteral("Gold {expected}")).contains(QStringLiteral("{expected}")));
    QVERIFY(!ui::promptTemplateError(QStringLiteral("open {input_query")).isEmpty());
    QVERIFY(!ui::promptTemplateError(QStringLiteral("close } here")).isEmpty());
    QVERIFY(!ui::promptTemplateError(QStringLiteral("  ")).isEmpty());

    // Stop strings: one per line, \n written out is a newline.
    const std::vector<std::string> stop = ui::stopStrings(QStringLiteral("\\n\\n\nEND\n\nback\\\\slash"));
    QCOMPARE(stop, (std::vector<std::string>{"\n\n", "END", "back\\slash"}));

    // Regexes are checked as they are typed, naming the line.
    ui::RegexListEditor regexes(nullptr);
    QSignalSpy validity(&regexes, &ui::RegexListEditor::validityChanged);
    regexes.textEdit()->setPlainText(QStringLiteral("Answer: (\\w+)\n\n(unclosed"));
    QVERIFY(!regexes.isValid());
    QVERIFY2(regexes.errorText().startsWith(QStringLiteral("Line 3")), qPrintable(regexes.errorText()));
    QCOMPARE(validity.count(), 1);
    regexes.textEdit()->setPlainText(QStringLiteral("Answer: (\\w+)\n\n(closed)"));
    QVERIFY(regexes.isValid());
    QCOMPARE(regexes.patterns(), (std::vector<std::string>{"Answer: (\\w+)", "(closed)"}));

    // The main metric is the first aggregation of the first function.
    api::EvalJobInfo job;
    job.scoring_functions = {"basic::subset_of", "basic::equality"};
    QVERIFY(ui::mainMetricText(job).isEmpty());
    job.aggregated_results["basic::equality"] = api::JsonObject{api::Json::parse(R"({"accuracy": {"accuracy": 0.25}})")};
    job.aggregated_results["basic::subset_of"] = api::JsonObject{
        api::Json::parse(R"({"accuracy": {"accuracy": 0.6667, "num_correct": 2, "num_total": 3}})")};
    QCOMPARE(ui::mainMetricValue(job).value_or(-1), 0.6667);
    QVERIFY2(ui::mainMetricText(job).startsWith(QStringLiteral("accuracy ")), qPrintable(ui::mainMetricText(job)));
    job.rows_total = 40;
    job.rows_done = 12;
    job.rows_failed = 2;
    QVERIFY(ui::rowsText(job).contains(QStringLiteral("12")) && ui::rowsText(job).contains(QStringLiteral("40")));

    // A benchmark's own params survive the trip through its metadata.
    api::RegexParserScoringFnParams regex;
    regex.parsing_regexes = {"Answer: (\\w)"};
    regex.aggregation_functions = {api::AggregationFunctionType::Accuracy};
    api::OrderedMap<api::ScoringFnParams> own;
    own["basic::regex_parser_multiple_choice_answer"] = regex;
    api::Benchmark b;
    b.metadata.value = {{"description", "kept"}};
    ui::setBenchmarkScoringParams(b.metadata, own);
    const ui::BenchmarkParams read = ui::benchmarkScoringParams(b);
    QVERIFY(read.error.isEmpty());
    QVERIFY(read.params == own);
    QVERIFY(b.metadata.value["description"] == api::Json("kept"));
    b.metadata.value["scoring_params"]["broken"] = {{"type", "nonsense"}};
    QVERIFY(!ui::benchmarkScoringParams(b).error.isEmpty());
}

void TestEvalPage::listsSampleBenchmarks()
{
    const ui::BenchmarkListModel *model = m_page->benchmarkListModel();
    QTRY_VERIFY(model->rowOf(kCapitals) >= 0);
    QVERIFY(model->rowOf(kArithmetic) >= 0);
    const int row = model->rowOf(kCapitals);
    QCOMPARE(model->data(model->index(row, ui::BenchmarkListModel::DatasetColumn)).toString(), kCapitalsData);
    QCOMPARE(model->data(model->index(row, ui::BenchmarkListModel::FunctionsColumn)).toString(),
             QStringLiteral("basic::subset_of"));
    // One is selected at once, so the run setup is ready.
    QVERIFY(!m_page->currentBenchmarkId().isEmpty());
    QVERIFY(m_page->runSetup()->isEnabled());
    QVERIFY(action("removeBenchmarkAction")->isEnabled());
    saveScreenshot(QStringLiteral("list"));
}

void TestEvalPage::showsListErrorReadably()
{
    m_api->failBenchmarks = true;
    action("refreshBenchmarksAction")->trigger();
    QTRY_VERIFY(!m_page->listErrorText().isEmpty());
    QVERIFY2(m_page->listErrorText().contains(QStringLiteral("the server is restarting"))
                 && m_page->listErrorText().contains(QStringLiteral("503")),
             qPrintable(m_page->listErrorText()));
    QVERIFY(m_page->benchmarkListModel()->rowOf(kCapitals) >= 0); // what was listed stays
    m_api->failBenchmarks = false;
    action("refreshBenchmarksAction")->trigger();
    QTRY_VERIFY(m_page->listErrorText().isEmpty());
}

void TestEvalPage::registerDialogValidates()
{
    QPointer<ui::RegisterBenchmarkDialog> dialog = m_page->openRegisterDialog();
    QTRY_VERIFY(dialog->isLoaded());
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
    QVERIFY(dialog->datasetIds().contains(kCapitalsData));
    QVERIFY(dialog->listedFunctions().contains(QStringLiteral("basic::equality")));
    QVERIFY(dialog->listedFunctions().contains(QStringLiteral("basic::regex_parser_multiple_choice_answer")));

    auto error = [&] {
        const auto r = dialog->buildRequest();
        return std::holds_alternative<QString>(r) ? std::get<QString>(r) : QString();
    };
    QVERIFY(!error().isEmpty()); // no id
    dialog->setBenchmarkId(QStringLiteral("has space"));
    QVERIFY(error().contains(QStringLiteral("spaces")));
    dialog->setBenchmarkId(kMine);
    QVERIFY(dialog->setDatasetId(kCapitalsData));
    QVERIFY(error().contains(QStringLiteral("scoring function"))); // none checked
    QVERIFY(dialog->setFunctionChecked(QStringLiteral("basic::regex_parser_multiple_choice_answer"), true));
    QVERIFY(error().isEmpty());

    // A regex function's own params: offered as regex_parser (or basic), a bad regex named.
    ui::ScoringParamsEditor *editor = dialog->showFunctionParams(QStringLiteral("basic::regex_parser_multiple_choice_answer"));
    QVERIFY(editor);
    QCOMPARE(editor->offeredTypes(), (QStringList{QStringLiteral("regex_parser"), QStringLiteral("basic")}));
    QCOMPARE(editor->currentType(), QStringLiteral("regex_parser"));
    QVERIFY(!editor->parsingRegexEditor()->patterns().empty()); // the function's defaults
    QVERIFY(!editor->isEnabled());                              // until the benchmark takes its own
    dialog->setOwnParams(QStringLiteral("basic::regex_parser_multiple_choice_answer"), true);
    QVERIFY(editor->isEnabled());
    editor->parsingRegexEditor()->textEdit()->setPlainText(QStringLiteral("Answer: ([A-D]"));
    QVERIFY2(error().contains(QStringLiteral("Parsing regexes")) && error().contains(QStringLiteral("Line 1")),
             qPrintable(error()));

    // Inline and nothing sent: the dialog stays open.
    QSignalSpy registered(dialog.data(), &ui::RegisterBenchmarkDialog::benchmarkRegistered);
    dialog->accept();
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(dialog->isVisible());

    // The backend's own check: an id already taken with other content is a 409, shown inline.
    dialog->setOwnParams(QStringLiteral("basic::regex_parser_multiple_choice_answer"), false);
    dialog->setBenchmarkId(kCapitals);
    dialog->setMetadataText(QStringLiteral("{\"not\": \"the same\"}"));
    dialog->accept();
    QTRY_VERIFY(dialog->errorText().contains(QStringLiteral("409")));
    QVERIFY(dialog->isVisible());
    dialog->setMetadataText(QStringLiteral("[1, 2]"));
    QVERIFY(error().startsWith(QStringLiteral("Metadata")));
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(registered.count(), 0);
    const auto capitals = api::await(m_engine->getBenchmark(kCapitals.toStdString()));
    QVERIFY(capitals.ok());
    QCOMPARE(capitals->scoring_functions, std::vector<std::string>{"basic::subset_of"}); // untouched
}

void TestEvalPage::registersBenchmarkThroughDialog()
{
    QPointer<ui::RegisterBenchmarkDialog> dialog = m_page->openRegisterDialog();
    QTRY_VERIFY(dialog->isLoaded());
    dialog->setBenchmarkId(kMine);
    QVERIFY(dialog->setDatasetId(kCapitalsData));
    QVERIFY(dialog->setFunctionChecked(QStringLiteral("basic::subset_of"), true));
    QVERIFY(dialog->setFunctionChecked(QStringLiteral("basic::equality"), true));
    // Its own aggregations for equality: accuracy and average.
    ui::ScoringParamsEditor *editor = dialog->showFunctionParams(QStringLiteral("basic::equality"));
    QCOMPARE(editor->offeredTypes(), QStringList{QStringLiteral("basic")});
    dialog->setOwnParams(QStringLiteral("basic::equality"), true);
    editor->setAggregations({api::AggregationFunctionType::Accuracy, api::AggregationFunctionType::Average});
    dialog->setMetadataText(QStringLiteral("{\"description\": \"capitals, two ways\"}"));
    const QStringList listed = dialog->listedFunctions();

    QSignalSpy registered(dialog.data(), &ui::RegisterBenchmarkDialog::benchmarkRegistered);
    dialog->accept();
    QTRY_COMPARE(registered.count(), 1);
    QTRY_VERIFY(!dialog);
    QTRY_COMPARE(m_page->currentBenchmarkId(), kMine); // selected once listed

    const auto stored = api::await(m_engine->getBenchmark(kMine.toStdString()));
    QVERIFY2(stored.ok(), stored.ok() ? "" : stored.error().toString().c_str());
    QCOMPARE(stored->dataset_id, kCapitalsData.toStdString());
    // In the order the functions are listed (the first one gives the runs' main metric).
    std::vector<std::string> expected;
    for (const QString &fn : listed)
        if (fn == QLatin1String("basic::subset_of") || fn == QLatin1String("basic::equality"))
            expected.push_back(fn.toStdString());
    QCOMPARE(stored->scoring_functions, expected);
    QVERIFY(stored->metadata.value["description"] == api::Json("capitals, two ways"));
    const ui::BenchmarkParams own = ui::benchmarkScoringParams(*stored);
    QCOMPARE(own.params.size(), size_t(1));
    QCOMPARE(api::aggregationFunctions(*own.params.find("basic::equality")),
             (std::vector<api::AggregationFunctionType>{api::AggregationFunctionType::Accuracy,
                                                         api::AggregationFunctionType::Average}));
    // The run setup offers both functions, equality prefilled with the benchmark's params.
    ui::ScoringParamsEditor *override = m_page->runSetup()->overrideEditor(QStringLiteral("basic::equality"));
    QVERIFY(override);
    QVERIFY(m_page->runSetup()->overrideEditor(QStringLiteral("basic::subset_of")));
    const auto params = override->params();
    QVERIFY(std::holds_alternative<api::ScoringFnParams>(params));
    QCOMPARE(api::aggregationFunctions(std::get<api::ScoringFnParams>(params)).size(), size_t(2));
}

void TestEvalPage::registersJudgeFunction()
{
    QPointer<ui::JudgeFunctionDialog> dialog = m_page->openJudgeFunctionDialog();
    ui::ScoringParamsEditor *editor = dialog->paramsEditor();
    QCOMPARE(editor->offeredTypes(), QStringList{QStringLiteral("llm_as_judge")});
    auto error = [&] {
        const auto r = dialog->buildRequest();
        return std::holds_alternative<QString>(r) ? std::get<QString>(r) : QString();
    };
    dialog->setFunctionId(QStringLiteral("my-judge::grade"));
    dialog->setDescription(QStringLiteral("grades capitals"));
    // The judge model list comes from the API.
    QTRY_VERIFY(editor->judgeModelPicker()->findText(kModel) >= 0);
    editor->judgeModelPicker()->setModelId(QString());
    QVERIFY(error().contains(QStringLiteral("judge model")));
    editor->judgeModelPicker()->setModelId(kModel);
    editor->promptTemplateEdit()->setPlainText(QStringLiteral("Is {generated} right?"));
    QVERIFY2(error().contains(QStringLiteral("{generated}")), qPrintable(error()));
    auto *status = editor->findChild<QLabel *>(QStringLiteral("promptTemplateStatus"));
    QVERIFY(status && !status->isHidden()); // said while typing
    editor->promptTemplateEdit()->setPlainText(
        QStringLiteral("Q: {input_query}\nGold: {expected_answer}\nAnswer: {generated_answer}\nScore:"));
    QVERIFY(status->isHidden());
    editor->judgeRegexEditor()->textEdit()->setPlainText(QStringLiteral("Score: (\\d+"));
    QVERIFY(error().contains(QStringLiteral("Judge score regexes")));
    editor->judgeRegexEditor()->textEdit()->setPlainText(QStringLiteral("Score: (\\d+)"));
    QVERIFY2(error().isEmpty(), qPrintable(error()));

    QSignalSpy registered(dialog.data(), &ui::JudgeFunctionDialog::functionRegistered);
    dialog->accept();
    QTRY_COMPARE(registered.count(), 1);
    QTRY_VERIFY(!dialog);
    const auto fn = api::await(m_engine->getScoringFunction("my-judge::grade"));
    QVERIFY2(fn.ok(), fn.ok() ? "" : fn.error().toString().c_str());
    QVERIFY(fn->params && std::holds_alternative<api::LlmAsJudgeScoringFnParams>(*fn->params));
    const auto &judge = std::get<api::LlmAsJudgeScoringFnParams>(*fn->params);
    QCOMPARE(judge.judge_model, kModel.toStdString());
    QCOMPARE(judge.judge_score_regexes, std::vector<std::string>{"Score: (\\d+)"});
    auto listed = [&] {
        for (const api::ScoringFn &f : m_page->scoringFunctions())
            if (f.identifier == "my-judge::grade")
                return true;
        return false;
    };
    QTRY_VERIFY(listed()); // the page reloaded its functions

    // The same id again with other content: the backend's 409, inline, the dialog stays open.
    dialog = m_page->openJudgeFunctionDialog();
    dialog->setFunctionId(QStringLiteral("my-judge::grade"));
    dialog->paramsEditor()->judgeModelPicker()->setModelId(QStringLiteral("another-model"));
    dialog->accept();
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("409")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QTRY_VERIFY(!dialog);

    // From the register dialog: listed and checked once registered.
    QPointer<ui::RegisterBenchmarkDialog> bench = m_page->openRegisterDialog();
    QTRY_VERIFY(bench->isLoaded());
    QPointer<ui::JudgeFunctionDialog> inner = bench->openJudgeFunctionDialog();
    inner->setFunctionId(QStringLiteral("my-judge::second"));
    QTRY_VERIFY(inner->paramsEditor()->judgeModelPicker()->findText(kModel) >= 0);
    inner->paramsEditor()->judgeModelPicker()->setModelId(kModel);
    inner->accept();
    QTRY_VERIFY(!inner);
    QTRY_VERIFY(bench->isLoaded() && bench->listedFunctions().contains(QStringLiteral("my-judge::second")));
    bench->setBenchmarkId(QStringLiteral("judged"));
    const auto request = bench->buildRequest();
    QVERIFY(std::holds_alternative<api::RegisterBenchmarkRequest>(request));
    QCOMPARE(std::get<api::RegisterBenchmarkRequest>(request).scoring_functions,
             std::vector<std::string>{"my-judge::second"});
    bench->reject();
    QTRY_VERIFY(!bench);
}

void TestEvalPage::runsToCompletion()
{
    QVERIFY(showBenchmark(kCapitals));
    ui::RunSetupPanel *setup = m_page->runSetup();
    QTRY_VERIFY(setup->modelPicker()->findText(kModel) >= 0);
    QVERIFY(setup->modelPicker()->findText(kHeldModel) >= 0);
    setup->modelPicker()->setModelId(kModel);
    setup->setStrategy(QStringLiteral("greedy"));
    setup->setMaxTokens(8);
    setup->setNumExamples(3);
    const auto built = setup->buildRequest();
    QVERIFY(std::holds_alternative<api::RunEvalRequest>(built));
    const api::BenchmarkConfig &config = std::get<api::RunEvalRequest>(built).benchmark_config;
    QCOMPARE(config.num_examples.value_or(0), int64_t(3));
    QCOMPARE(config.eval_candidate.sampling_params.max_tokens.value_or(0), 8);
    QVERIFY(std::holds_alternative<api::GreedySamplingStrategy>(config.eval_candidate.sampling_params.strategy));

    const int before = m_page->jobListModel()->rowCount();
    QTest::mouseClick(m_page->findChild<QPushButton *>(QStringLiteral("runEvalButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_page->trackedJobId().isEmpty());
    m_completedJob = m_page->trackedJobId();
    QVERIFY(m_page->poller()->isWatching(m_completedJob) || listedStatus(m_completedJob) == QLatin1String("completed"));
    QCOMPARE(m_page->jobListModel()->rowCount(), before + 1);
    QCOMPARE(m_page->currentJobId(), m_completedJob); // the new run is selected...
    QCOMPARE(m_page->shownJobId(), m_completedJob);   // ...and shown in the results view

    QTRY_COMPARE_WITH_TIMEOUT(listedStatus(m_completedJob), QStringLiteral("completed"), 30000);
    QProgressBar *bar = m_page->progressBar();
    QTRY_COMPARE(bar->maximum(), 3);
    QCOMPARE(bar->value(), 3);
    QVERIFY2(m_page->progressText().contains(QStringLiteral("completed")), qPrintable(m_page->progressText()));
    QVERIFY(!m_page->findChild<QPushButton *>(QStringLiteral("cancelEvalButton"))->isEnabled());
    QVERIFY(!m_page->poller()->isWatching(m_completedJob));
    const api::EvalJobInfo *job = m_page->jobListModel()->job(m_completedJob);
    QCOMPARE(job->rows_done, int64_t(3));
    QCOMPARE(QString::fromStdString(job->benchmark_config.eval_candidate.model), kModel);
    const QString metric = m_page->jobListModel()->data(
        m_page->jobListModel()->index(m_page->jobListModel()->rowOf(m_completedJob), ui::EvalJobListModel::MetricColumn))
                               .toString();
    QVERIFY2(metric.startsWith(QStringLiteral("accuracy")), qPrintable(metric));
    QVERIFY2(m_page->runErrorText().isEmpty(), qPrintable(m_page->runErrorText()));
    saveScreenshot(QStringLiteral("completed"));
}

void TestEvalPage::handsRunsToResultsView()
{
    // A second run of the same benchmark: the results view gets the selected one and the other.
    QVERIFY(!m_completedJob.isEmpty());
    m_page->runSetup()->setNumExamples(2);
    QVERIFY(m_page->startRun());
    QTRY_VERIFY(!m_page->trackedJobId().isEmpty() && m_page->trackedJobId() != m_completedJob);
    const QString second = m_page->trackedJobId();
    QTRY_COMPARE_WITH_TIMEOUT(listedStatus(second), QStringLiteral("completed"), 30000);
    QCOMPARE(m_page->shownJobId(), second);
    QVERIFY(m_page->otherRunsShown() >= 1);

    m_page->selectJob(m_completedJob);
    QCOMPARE(m_page->shownJobId(), m_completedJob);
    QCOMPARE(m_page->otherRunsShown(), m_page->jobListModel()->rowCount() - 1);
    // Newest first, as the API lists them.
    QCOMPARE(m_page->jobListModel()->rowOf(second), 0);
}

void TestEvalPage::cancelsRun()
{
    QVERIFY(showBenchmark(kCapitals));
    m_page->runSetup()->modelPicker()->setModelId(kHeldModel);
    m_page->runSetup()->setNumExamples(3);
    const QString previous = m_page->trackedJobId();
    QVERIFY(m_page->startRun());
    QTRY_VERIFY(m_page->trackedJobId() != previous && m_page->jobListModel()->job(m_page->trackedJobId()));
    m_cancelledJob = m_page->trackedJobId();
    // The endpoint holds the first row: the run is certainly still going.
    QTRY_COMPARE_WITH_TIMEOUT(listedStatus(m_cancelledJob), QStringLiteral("in_progress"), 10000);
    QTRY_VERIFY(m_held.requests() > 0);
    auto *cancel = m_page->findChild<QPushButton *>(QStringLiteral("cancelEvalButton"));
    QVERIFY(cancel->isEnabled());
    QVERIFY(!action("deleteRunAction")->isEnabled()); // a running job cannot be deleted
    QVERIFY(m_page->progressText().contains(QStringLiteral("running")));
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(listedStatus(m_cancelledJob), QStringLiteral("cancelled"), 10000);
    QVERIFY(!cancel->isEnabled());
    QVERIFY2(m_page->progressText().contains(QStringLiteral("cancelled")), qPrintable(m_page->progressText()));
    const auto stored = api::await(m_engine->evalJobInfo(kCapitals.toStdString(), m_cancelledJob.toStdString()));
    QVERIFY(stored.ok());
    QCOMPARE(stored->status, api::JobStatus::Cancelled);
}

void TestEvalPage::reattachesToRunningJob()
{
    // A run started elsewhere (another client) while no page is open...
    api::RunEvalRequest request;
    request.benchmark_config.eval_candidate.model = kHeldModel.toStdString();
    request.benchmark_config.num_examples = 2;
    const auto started = api::await(m_engine->runEval(kArithmetic.toStdString(), request));
    QVERIFY2(started.ok(), started.ok() ? "" : started.error().toString().c_str());
    const QString jobId = QString::fromStdString(started->job_id);

    // ...is found and followed by a page built afterwards (what a reconnect does).
    ui::EvalPage page(*m_api, nullptr);
    page.resize(1200, 800);
    page.show();
    QTRY_VERIFY(page.benchmarkListModel()->rowOf(kArithmetic) >= 0);
    page.selectBenchmark(kArithmetic);
    QTRY_COMPARE(page.trackedJobId(), jobId);
    QVERIFY(page.poller()->isWatching(jobId));
    QTRY_VERIFY2(page.progressText().contains(QStringLiteral("running")), qPrintable(page.progressText()));
    page.cancelRun();
    QTRY_COMPARE_WITH_TIMEOUT(QString::fromLatin1(api::enumName(page.jobListModel()->job(jobId)->status)),
                              QStringLiteral("cancelled"), 10000);
}

void TestEvalPage::deletesRun()
{
    QVERIFY(showBenchmark(kCapitals));
    QTRY_VERIFY(m_page->jobListModel()->rowOf(m_cancelledJob) >= 0);
    m_page->selectJob(m_cancelledJob);
    QCOMPARE(m_page->shownJobId(), m_cancelledJob);
    QVERIFY(action("deleteRunAction")->isEnabled());

    action("deleteRunAction")->trigger();
    auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("deleteRunConfirmation"));
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_page->findChild<QMessageBox *>(QStringLiteral("deleteRunConfirmation")));
    QVERIFY(api::await(m_engine->evalJobInfo(kCapitals.toStdString(), m_cancelledJob.toStdString())).ok());

    action("deleteRunAction")->trigger();
    box = m_page->findChild<QMessageBox *>(QStringLiteral("deleteRunConfirmation"));
    QVERIFY(box && destructiveButton(box));
    destructiveButton(box)->click();
    QTRY_COMPARE(m_page->jobListModel()->rowOf(m_cancelledJob), -1);
    const auto gone = api::await(m_engine->evalJobInfo(kCapitals.toStdString(), m_cancelledJob.toStdString()));
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().status, 404);
    QTRY_VERIFY(m_page->shownJobId() != m_cancelledJob);
    QVERIFY(m_page->jobListModel()->rowOf(m_completedJob) >= 0); // the others stay
}

void TestEvalPage::removesBenchmark()
{
    QVERIFY(showBenchmark(kMine));
    action("removeBenchmarkAction")->trigger();
    auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("removeBenchmarkConfirmation"));
    QVERIFY(box);
    QVERIFY(box->text().contains(kMine));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_page->findChild<QMessageBox *>(QStringLiteral("removeBenchmarkConfirmation")));
    QVERIFY(api::await(m_engine->getBenchmark(kMine.toStdString())).ok());

    action("removeBenchmarkAction")->trigger();
    box = m_page->findChild<QMessageBox *>(QStringLiteral("removeBenchmarkConfirmation"));
    QVERIFY(box && destructiveButton(box));
    destructiveButton(box)->click();
    QTRY_COMPARE(m_page->benchmarkListModel()->rowOf(kMine), -1);
    QCOMPARE(api::await(m_engine->getBenchmark(kMine.toStdString())).error().status, 404);
    QTRY_VERIFY(m_page->currentBenchmarkId() != kMine);
    QVERIFY(m_page->benchmarkListModel()->rowOf(kCapitals) >= 0);
}

void TestEvalPage::mainWindowListsEvalPage()
{
    const auto window = ui::createMainWindow(*m_api);
    auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    QVERIFY(navigation);
    QStringList titles;
    for (int i = 0; i < navigation->count(); ++i)
        titles << navigation->item(i)->text();
    const int row = int(titles.indexOf(QStringLiteral("Benchmarks & Eval")));
    QVERIFY2(row >= 0, qPrintable(titles.join(QLatin1Char(','))));
    navigation->setCurrentRow(row);
    QVERIFY(qobject_cast<ui::EvalPage *>(window->currentPage()));
}

QTEST_MAIN(TestEvalPage)
#include "tst_eval_page.moc"
