// GUI test of the Rerank page against a real in-process engine (offscreen): the items editor
// (paste lines and JSON, Table ⇄ JSON kept in sync, the empty last row, per-row delete), a bm25
// run on the upstream semantic case ("What is C++?" ranks the C++ item first) with the rank
// changes, two models side by side (bm25 and a registered bm25 without stemming) with the rank
// difference per item, an unknown model's error shown with the inputs kept, Cancel on a held
// request, batch mode over a registered dataset with tie-aware NDCG@k and MRR checked against
// hand computation, labels read one way per dataset (auto, or as chosen), column choices kept when
// the page is shown again, the top buttons acting on the batch tab, a cross-encoder folder left
// out of the picker, the exports read back, the remembered model and the page in the main window.

#include "held_rerank_api.h"
#include "result_macros.h"

#include "common/busy_overlay.h"
#include "eval/model_picker.h"
#include "models/model_info.h"
#include "rerank/rerank_batch_panel.h"
#include "rerank/rerank_items_editor.h"
#include "rerank/rerank_page.h"
#include "rerank/rerank_results_model.h"
#include "shell/main_window.h"
#include "shell/workbench.h"
#include "training/training_pickers.h"

#include "api/async.h"
#include "api/json_io.h"
#include "engine/engine.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace wb;

namespace {
const QString kNoStem = QStringLiteral("bm25-nostem");
const QString kDataset = QStringLiteral("rerank-qrels");
const QString kIndicesDataset = QStringLiteral("rerank-indices");
const QString kCrossEncoder = QStringLiteral("cross-encoder");
const QString kQuery = QStringLiteral("What is C++?");
const QStringList kItems = {QStringLiteral("Learning new things is interesting. "),
                            QStringLiteral("C++ is a programming language. "),
                            QStringLiteral("Books provide knowledge and entertainment. ")};
// English stemming makes "cats" match both cat items equally (ties keep input order); without
// stemming only "cats" matches.
const QString kCatsQuery = QStringLiteral("cats");
const QStringList kCatItems = {QStringLiteral("The cat sat"), QStringLiteral("I love cats"), QStringLiteral("Dogs bark")};

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    return lines;
}

api::Json readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return api::Json::parse(file.readAll().toStdString(), nullptr, false);
}
} // namespace

class TestRerankPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editorPastesLinesAndJsonArrays();
    void editorKeepsTableAndJsonInSync();
    void editorKeepsEmptyLastRowAndDeletesRows();
    void pickerListsOnlyRerankModels();
    void pickerLeavesOutCrossEncoderFolders();
    void pasteRefusesWhileJsonIsInvalid();
    void bm25RanksCppItemFirstWithRankChanges();
    void enterInQueryRuns();
    void twoModelsSideBySideWithRankDifference();
    void unknownModelShowsErrorAndKeepsInputs();
    void missingInputIsExplained();
    void cancelStopsHeldRequestAndKeepsInputs();
    void exportsReadBack();
    void batchReportsNdcgAndMrr();
    void batchCancelKeepsRowsDone();
    void batchReadsLabelsOneWayPerDataset();
    void batchKeepsColumnChoicesWhenShownAgain();
    void batchFailedReadResetsProgress();
    void topButtonsActOnBatchTab();
    void rememberedModelIsChosenNextTime();
    void mainWindowListsRerankAfterTraining();
    void cleanupTestCase();

private:
    bool runPage(const QString &model, const QString &query, const QStringList &items, const QString &compare = {});
    void saveScreenshot(QWidget *widget, const QString &name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<HeldRerankApi> m_api;
    std::unique_ptr<ui::RerankPage> m_page;
};

void TestRerankPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The remembered model goes to a settings file of this run, not the user's.
    QCoreApplication::setOrganizationName(QStringLiteral("wb-test"));
    QCoreApplication::setApplicationName(QStringLiteral("rerank-page"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
    qputenv("HF_HOME", m_dir.filePath(QStringLiteral("hf-home")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");

    engine::EngineConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("data"));
    // A cross-encoder folder in the engine's model dir: listed as a rerank model, but the engine
    // does not run it (no metadata.reranker), so the page must not offer it.
    {
        const QString folder = QDir(config.dataDir).filePath(QStringLiteral("models/") + kCrossEncoder);
        QVERIFY(QDir().mkpath(folder));
        QFile json(QDir(folder).filePath(QStringLiteral("config.json")));
        QVERIFY(json.open(QIODevice::WriteOnly));
        json.write(R"({"architectures": ["XLMRobertaForSequenceClassification"]})");
    }
    m_engine = std::make_unique<engine::Engine>(config);
    const api::Status opened = m_engine->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());

    api::RegisterModelRequest nostem;
    nostem.model_id = kNoStem.toStdString();
    nostem.model_type = api::ModelType::Rerank;
    nostem.provider_id = "local";
    nostem.metadata.value = {{"reranker", "bm25"}, {"language", "none"}};
    const auto registered = api::await(m_engine->registerModel(nostem));
    QVERIFY2(registered.ok(), registered.ok() ? "" : registered.error().toString().c_str());

    // Rows with graded labels: the C++ case, the cats case (stemmed bm25 ties the two cat items),
    // a text-part query with candidates kept as JSON text and no relevant candidate, and a row
    // without candidates.
    api::RegisterDatasetRequest dataset;
    dataset.dataset_id = kDataset.toStdString();
    dataset.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    api::RowsDataSource rows;
    api::Json items = api::Json::array();
    for (const QString &item : kItems)
        items.push_back(item.toStdString());
    api::Json cats = api::Json::array();
    for (const QString &item : kCatItems)
        cats.push_back(item.toStdString());
    rows.rows.push_back(api::JsonObject{{{"query", kQuery.toStdString()}, {"candidates", items}, {"labels", {0, 2, 0}}}});
    rows.rows.push_back(api::JsonObject{{{"query", kCatsQuery.toStdString()}, {"candidates", cats}, {"labels", {0, 1, 0}}}});
    rows.rows.push_back(api::JsonObject{{{"query", {{"type", "text"}, {"text", "Dogs"}}},
                                         {"candidates", R"(["Dogs bark", "Cats meow"])"},
                                         {"labels", {0, 0}}}});
    rows.rows.push_back(api::JsonObject{{{"query", "orphan"}, {"labels", {1}}}});
    dataset.source = rows;
    const auto created = api::await(m_engine->registerDataset(dataset));
    QVERIFY2(created.ok(), created.ok() ? "" : created.error().toString().c_str());

    // Rows with relevant indices: one index of three; two of two (as long as the candidates, so a
    // per-row guess would read it as grades); the same index twice.
    api::RegisterDatasetRequest indices;
    indices.dataset_id = kIndicesDataset.toStdString();
    indices.purpose = api::DatasetPurpose::EvalQuestionAnswer;
    api::RowsDataSource indexRows;
    indexRows.rows.push_back(api::JsonObject{{{"query", kCatsQuery.toStdString()}, {"candidates", cats}, {"labels", {1}}}});
    indexRows.rows.push_back(api::JsonObject{{{"query", "Dogs"}, {"candidates", {"Dogs bark", "Cats meow"}}, {"labels", {0, 1}}}});
    indexRows.rows.push_back(api::JsonObject{{{"query", kCatsQuery.toStdString()}, {"candidates", cats}, {"labels", {1, 1}}}});
    indices.source = indexRows;
    const auto createdIndices = api::await(m_engine->registerDataset(indices));
    QVERIFY2(createdIndices.ok(), createdIndices.ok() ? "" : createdIndices.error().toString().c_str());

    // BM25 must score for the ranking checks to mean anything.
    api::RerankRequest probe;
    probe.model = "bm25";
    probe.query = kQuery.toStdString();
    for (const QString &item : kItems)
        probe.items.emplace_back(item.toStdString());
    const auto probed = api::await(m_engine->rerank(probe, api::CancelToken()));
    QVERIFY2(probed.ok(), probed.ok() ? "" : probed.error().toString().c_str());
    QVERIFY2(probed->data.front().relevance_score > 0.0, "bm25 scores nothing yet (placeholder?)");

    m_api = std::make_unique<HeldRerankApi>(*m_engine);
    m_page = std::make_unique<ui::RerankPage>(*m_api, nullptr);
    m_page->resize(1400, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(!m_page->modelPicker()->isLoading() && !m_page->compareModelPicker()->isLoading());
}

void TestRerankPage::cleanupTestCase()
{
    m_page.reset();
    m_api.reset();
    m_engine.reset();
}

void TestRerankPage::saveScreenshot(QWidget *widget, const QString &name) const
{
    const QString dir = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(50); // let pending relayouts (new label text, shown panes) happen first
    widget->grab().save(dir + QStringLiteral("/rerank_") + name + QStringLiteral(".png"));
}

bool TestRerankPage::runPage(const QString &model, const QString &query, const QStringList &items, const QString &compare)
{
    m_page->tabs()->setCurrentIndex(0);
    m_page->modelPicker()->setModelId(model);
    m_page->compareCheck()->setChecked(!compare.isEmpty());
    m_page->compareModelPicker()->setModelId(compare);
    m_page->itemsEditor()->setJsonMode(false);
    m_page->itemsEditor()->setQuery(query);
    m_page->itemsEditor()->setItems(items);
    QSignalSpy finished(m_page.get(), &ui::RerankPage::runFinished);
    QTest::mouseClick(m_page->runButton(), Qt::LeftButton);
    return finished.count() > 0 || finished.wait(15000);
}

void TestRerankPage::editorPastesLinesAndJsonArrays()
{
    ui::RerankItemsEditor editor(nullptr);
    QCOMPARE(editor.pasteText(QStringLiteral("first\r\n\n  \nsecond item\nthird\n")), QString());
    QCOMPARE(editor.items(), (QStringList{"first", "second item", "third"}));
    // A JSON array of strings and text parts is appended, not split into lines.
    QCOMPARE(editor.pasteText(QStringLiteral("[\"x, y\", {\"type\": \"text\", \"text\": \"two\\nlines\"}]")), QString());
    QCOMPARE(editor.items(), (QStringList{"first", "second item", "third", "x, y", "two\nlines"}));
    // An image cannot be entered; nothing is added.
    const QString error = editor.pasteText(
        QStringLiteral("[\"ok\", {\"type\": \"image_url\", \"image_url\": {\"url\": \"http://x/y.png\"}}]"));
    QVERIFY2(error.contains(QStringLiteral("image")), qPrintable(error));
    QCOMPARE(editor.items().size(), 5);
    // The Paste button reads the clipboard.
    QApplication::clipboard()->setText(QStringLiteral("from clipboard\nanother"));
    QTest::mouseClick(editor.pasteButton(), Qt::LeftButton);
    QCOMPARE(editor.items().mid(5), (QStringList{"from clipboard", "another"}));
}

void TestRerankPage::editorKeepsTableAndJsonInSync()
{
    ui::RerankItemsEditor editor(nullptr);
    editor.setItems({QStringLiteral("alpha"), QStringLiteral("beta \"quoted\"")});
    QTest::mouseClick(editor.jsonToggle(), Qt::LeftButton);
    QVERIFY(editor.isJsonMode());
    const api::Json shown = api::Json::parse(editor.jsonEdit()->toPlainText().toStdString());
    QCOMPARE(shown, (api::Json::array({"alpha", "beta \"quoted\""})));
    // Edited as JSON, read back as items and as table rows.
    editor.jsonEdit()->setPlainText(QStringLiteral("[\"gamma\", {\"text\": \"delta\"}, \"alpha\"]"));
    QCOMPARE(editor.items(), (QStringList{"gamma", "delta", "alpha"}));
    QTest::mouseClick(editor.jsonToggle(), Qt::LeftButton);
    QVERIFY(!editor.isJsonMode());
    QCOMPARE(editor.table()->rowCount(), 4); // three items and the empty row
    QCOMPARE(editor.table()->item(1, 0)->text(), QStringLiteral("delta"));
    // Invalid JSON keeps the JSON mode open, says why and loses nothing.
    QTest::mouseClick(editor.jsonToggle(), Qt::LeftButton);
    editor.jsonEdit()->setPlainText(QStringLiteral("[\"gamma\", "));
    QString error;
    editor.items(&error);
    QVERIFY(!error.isEmpty());
    QTest::mouseClick(editor.jsonToggle(), Qt::LeftButton);
    QVERIFY(editor.isJsonMode());
    QVERIFY(editor.jsonToggle()->isChecked());
    QVERIFY(!editor.errorLabel()->isHidden());
    QCOMPARE(editor.jsonEdit()->toPlainText(), QStringLiteral("[\"gamma\", "));
    editor.jsonEdit()->setPlainText(QStringLiteral("[\"gamma\"]"));
    QVERIFY(editor.setJsonMode(false));
    QVERIFY(editor.errorLabel()->isHidden());
    QCOMPARE(editor.items(), QStringList{"gamma"});
}

void TestRerankPage::editorKeepsEmptyLastRowAndDeletesRows()
{
    ui::RerankItemsEditor editor(nullptr);
    QTableWidget *table = editor.table();
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(table->item(0, 0)->text().isEmpty());
    QVERIFY(!table->cellWidget(0, 1)); // the empty row has no delete button
    // Typing into the empty row makes it an item and adds a new empty row.
    table->item(0, 0)->setText(QStringLiteral("one"));
    QCOMPARE(table->rowCount(), 2);
    QVERIFY(table->cellWidget(0, 1));
    table->item(1, 0)->setText(QStringLiteral("two"));
    table->item(2, 0)->setText(QStringLiteral("three"));
    QCOMPARE(table->rowCount(), 4);
    QCOMPARE(editor.items(), (QStringList{"one", "two", "three"}));
    // The row's delete button removes that row only.
    auto *remove = qobject_cast<QToolButton *>(table->cellWidget(1, 1));
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QCOMPARE(editor.items(), (QStringList{"one", "three"}));
    QCOMPARE(table->rowCount(), 3);
    // Delete on the current row does the same; the empty last row stays.
    table->setCurrentCell(0, 0);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(editor.items(), QStringList{"three"});
    editor.removeRow(table->rowCount() - 1);
    QCOMPARE(table->rowCount(), 2);
}

void TestRerankPage::pickerListsOnlyRerankModels()
{
    ui::ModelPicker *picker = m_page->modelPicker();
    QStringList ids;
    for (int i = 0; i < picker->count(); ++i)
        ids << picker->itemText(i);
    QVERIFY2(ids.contains(QStringLiteral("bm25")) && ids.contains(kNoStem), qPrintable(ids.join(',')));
    for (const QString &id : ids)
        QCOMPARE(picker->info(id)->modelType, QStringLiteral("rerank"));
    QVERIFY(picker->info(QStringLiteral("bm25"))->metadata.contains("score"));
}

void TestRerankPage::bm25RanksCppItemFirstWithRankChanges()
{
    QVERIFY(runPage(QStringLiteral("bm25"), kQuery, kItems));
    QVERIFY2(m_page->errorLabel()->isHidden(), qPrintable(m_page->errorLabel()->text()));
    ui::RerankResultsModel *model = m_page->resultsModel();
    QCOMPARE(model->rowCount(), 3);
    // The C++ item (input 2) first: moved up one; "is" gives the first item a little score,
    // the third has no query term.
    QCOMPARE(model->itemIndex(0), 1);
    QCOMPARE(model->itemIndex(1), 0);
    QCOMPARE(model->itemIndex(2), 2);
    QCOMPARE(model->rankChange(0), 1);
    QCOMPARE(model->rankChange(1), -1);
    QCOMPARE(model->rankChange(2), 0);
    using Col = ui::RerankResultsModel;
    QCOMPARE(model->index(0, Col::ChangeColumn).data().toString(), QStringLiteral("▲1"));
    QCOMPARE(model->index(1, Col::ChangeColumn).data().toString(), QStringLiteral("▼1"));
    QCOMPARE(model->index(2, Col::ChangeColumn).data().toString(), QStringLiteral("="));
    QVERIFY(model->index(0, Col::ChangeColumn).data(Qt::ForegroundRole).value<QBrush>().color()
            != model->index(1, Col::ChangeColumn).data(Qt::ForegroundRole).value<QBrush>().color());
    QCOMPARE(model->index(0, Col::ItemColumn).data().toString(), kItems.at(1));
    // bm25 answers in [0, 1] (best = 1): the bar shows the raw score, and says so.
    const double best = model->index(0, Col::RawColumn).data(Col::ValueRole).toDouble();
    QCOMPARE(best, 1.0);
    QCOMPARE(model->index(0, Col::ScoreColumn).data(Col::BarRole).toDouble(), best);
    QCOMPARE(model->index(2, Col::RawColumn).data(Col::ValueRole).toDouble(), 0.0);
    QVERIFY(std::abs(model->index(0, Col::SigmoidColumn).data(Col::ValueRole).toDouble() - 1.0 / (1.0 + std::exp(-1.0))) < 1e-12);
    QVERIFY(model->headerData(Col::ScoreColumn, Qt::Horizontal, Qt::DisplayRole).toString().contains(QStringLiteral("raw")));
    QVERIFY(m_page->findChild<QLabel *>(QStringLiteral("rerankScaleLabel"))->text().contains(QStringLiteral("raw score")));
    QVERIFY(!m_page->compareResultsView()->isVisible());
    QVERIFY(m_page->resultsView()->isColumnHidden(Col::VsOtherColumn));
    QVERIFY(!m_page->busyOverlay()->isBusy());
    QVERIFY(m_page->runButton()->isEnabled() && !m_page->cancelButton()->isEnabled());
    saveScreenshot(m_page.get(), QStringLiteral("single"));
}

void TestRerankPage::enterInQueryRuns()
{
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(false);
    m_page->itemsEditor()->setItems({QStringLiteral("nothing here"), QStringLiteral("an apple a day")});
    m_page->itemsEditor()->setQuery(QStringLiteral("apple"));
    QSignalSpy finished(m_page.get(), &ui::RerankPage::runFinished);
    QTest::keyClick(m_page->itemsEditor()->queryEdit(), Qt::Key_Return);
    QVERIFY(finished.count() > 0 || finished.wait(15000));
    QCOMPARE(m_page->resultsModel()->itemIndex(0), 1);
    // Ctrl+Enter from the items table runs too.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    m_page->itemsEditor()->setQuery(QStringLiteral("nothing"));
    m_page->itemsEditor()->table()->setFocus();
    QTest::keyClick(m_page->itemsEditor()->table(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(finished.count() > 1 || finished.wait(15000));
    QCOMPARE(m_page->resultsModel()->itemIndex(0), 0);
}

void TestRerankPage::twoModelsSideBySideWithRankDifference()
{
    QVERIFY(runPage(QStringLiteral("bm25"), kCatsQuery, kCatItems, kNoStem));
    QVERIFY2(m_page->errorLabel()->isHidden(), qPrintable(m_page->errorLabel()->text()));
    QVERIFY(m_page->compareResultsView()->isVisible());
    ui::RerankResultsModel *stem = m_page->resultsModel();
    ui::RerankResultsModel *plain = m_page->compareResultsModel();
    QCOMPARE(stem->outcome().model, QStringLiteral("bm25"));
    QCOMPARE(plain->outcome().model, kNoStem);
    // Stemmed: both cat items tie at 1 and keep the input order.
    QCOMPARE(stem->itemIndex(0), 0);
    QCOMPARE(stem->itemIndex(1), 1);
    QCOMPARE(stem->itemIndex(2), 2);
    QCOMPARE(stem->rankChange(0), 0);
    // Unstemmed: only "I love cats" matches, moved up one.
    QCOMPARE(plain->itemIndex(0), 1);
    QCOMPARE(plain->itemIndex(1), 0);
    QCOMPARE(plain->rankChange(0), 1);
    QCOMPARE(plain->rankChange(1), -1);
    // Rank difference per item against the other model.
    QCOMPARE(stem->rankDifference(0).value(), 1);  // "The cat sat": 1st here, 2nd there
    QCOMPARE(stem->rankDifference(1).value(), -1); // "I love cats": 2nd here, 1st there
    QCOMPARE(stem->rankDifference(2).value(), 0);
    QCOMPARE(plain->rankDifference(0).value(), 1);
    using Col = ui::RerankResultsModel;
    QCOMPARE(stem->index(0, Col::VsOtherColumn).data().toString(), QStringLiteral("▲1"));
    QCOMPARE(stem->index(1, Col::VsOtherColumn).data().toString(), QStringLiteral("▼1"));
    QVERIFY(stem->headerData(Col::VsOtherColumn, Qt::Horizontal, Qt::DisplayRole).toString().contains(kNoStem));
    QVERIFY(!m_page->resultsView()->isColumnHidden(Col::VsOtherColumn));
    QCOMPARE(m_page->outcomes().size(), size_t(2));
    saveScreenshot(m_page.get(), QStringLiteral("compare"));
}

void TestRerankPage::unknownModelShowsErrorAndKeepsInputs()
{
    QVERIFY(runPage(QStringLiteral("bm25"), kQuery, kItems));
    const int rowsBefore = m_page->resultsModel()->rowCount();
    m_page->modelPicker()->setModelId(QStringLiteral("no-such-reranker"));
    QSignalSpy finished(m_page.get(), &ui::RerankPage::runFinished);
    QTest::mouseClick(m_page->runButton(), Qt::LeftButton);
    QVERIFY(finished.count() > 0 || finished.wait(15000));
    QVERIFY(!m_page->errorLabel()->isHidden());
    const QString error = m_page->errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("no-such-reranker")) && error.contains(QStringLiteral("404")), qPrintable(error));
    // Nothing typed is lost; the last results stay.
    QCOMPARE(m_page->itemsEditor()->query(), kQuery);
    QCOMPARE(m_page->itemsEditor()->items(), kItems);
    QCOMPARE(m_page->modelPicker()->modelId(), QStringLiteral("no-such-reranker"));
    QCOMPARE(m_page->resultsModel()->rowCount(), rowsBefore);
    QVERIFY(m_page->runButton()->isEnabled());
    saveScreenshot(m_page.get(), QStringLiteral("error"));
}

void TestRerankPage::missingInputIsExplained()
{
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(false);
    m_page->itemsEditor()->setItems(kItems);
    m_page->itemsEditor()->setQuery(QStringLiteral("   "));
    m_page->run();
    QVERIFY(!m_page->isRunning());
    QVERIFY(m_page->errorLabel()->text().contains(QStringLiteral("query")));
    m_page->itemsEditor()->setQuery(kQuery);
    m_page->itemsEditor()->setItems({});
    m_page->run();
    QVERIFY(m_page->errorLabel()->text().contains(QStringLiteral("item")));
    m_page->compareCheck()->setChecked(true);
    m_page->compareModelPicker()->setModelId(QString());
    m_page->itemsEditor()->setItems(kItems);
    m_page->run();
    QVERIFY(m_page->errorLabel()->text().contains(QStringLiteral("compare")));
    QVERIFY(!m_page->isRunning());
    m_page->compareCheck()->setChecked(false);
}

void TestRerankPage::cancelStopsHeldRequestAndKeepsInputs()
{
    QVERIFY(runPage(QStringLiteral("bm25"), kQuery, kItems));
    QCOMPARE(m_page->resultsModel()->itemIndex(0), 1);
    m_api->hold();
    m_page->itemsEditor()->setQuery(QStringLiteral("entertainment"));
    QTest::mouseClick(m_page->runButton(), Qt::LeftButton);
    QVERIFY(m_page->isRunning());
    QCOMPARE(m_api->heldCount(), 1);
    QVERIFY(m_page->busyOverlay()->isBusy());
    QVERIFY(m_page->cancelButton()->isEnabled());
    QVERIFY(!m_page->runButton()->isEnabled());
    saveScreenshot(m_page.get(), QStringLiteral("running"));

    QTest::mouseClick(m_page->cancelButton(), Qt::LeftButton);
    QVERIFY(!m_page->isRunning());
    QVERIFY(m_api->heldTokens().back().isCancelled());
    QVERIFY(!m_page->busyOverlay()->isBusy());
    QVERIFY(m_page->runButton()->isEnabled() && !m_page->cancelButton()->isEnabled());
    QVERIFY(m_page->statusLabel()->text().contains(QStringLiteral("Cancelled")));
    QCOMPARE(m_page->itemsEditor()->query(), QStringLiteral("entertainment"));
    QCOMPARE(m_page->itemsEditor()->items(), kItems);
    // The held answer arrives late and is dropped: the last results stay those of before.
    m_api->release();
    QTest::qWait(300);
    QCOMPARE(m_page->resultsModel()->itemIndex(0), 1);
    QCOMPARE(m_page->resultsModel()->outcome().query, kQuery);
    // A new run works.
    QVERIFY(runPage(QStringLiteral("bm25"), QStringLiteral("entertainment"), kItems));
    QCOMPARE(m_page->resultsModel()->itemIndex(0), 2);
}

void TestRerankPage::exportsReadBack()
{
    QVERIFY(runPage(QStringLiteral("bm25"), kCatsQuery, kCatItems, kNoStem));
    const QString csvPath = m_dir.filePath(QStringLiteral("results.csv"));
    QVERIFY_RESULT(m_page->exportCsv(csvPath));
    const QStringList lines = readLines(csvPath);
    QCOMPARE(lines.size(), 1 + 3 + 3);
    QCOMPARE(lines.at(0), QStringLiteral("model,rank,index,rank_change,relevance_score,sigmoid,bar,rank_vs_other,item"));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("bm25,1,0,0,1")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral(",raw,1,The cat sat")), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(4).startsWith(QStringLiteral("bm25-nostem,1,1,1,1")), qPrintable(lines.at(4)));

    const QString jsonPath = m_dir.filePath(QStringLiteral("results.json"));
    QVERIFY_RESULT(m_page->exportJson(jsonPath));
    const api::Json json = readJson(jsonPath);
    QCOMPARE(json["query"], api::Json("cats"));
    QCOMPARE(json["items"].size(), size_t(3));
    QCOMPARE(json["models"].size(), size_t(2));
    QCOMPARE(json["models"][1]["model"], api::Json("bm25-nostem"));
    QCOMPARE(json["models"][1]["results"][0]["index"], api::Json(1));
    QCOMPARE(json["models"][1]["results"][0]["item"], api::Json("I love cats"));
    QCOMPARE(json["models"][1]["results"][0]["rank_vs_other"], api::Json(1)); // 1st here, 2nd in bm25
    QVERIFY(json["models"][0]["score_meaning"].get<std::string>().find("BM25") != std::string::npos);
    QCOMPARE(json["models"][0]["bar"], api::Json("raw")); // fixed words, not the translated name
}

void TestRerankPage::batchReportsNdcgAndMrr()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->tabs()->setCurrentWidget(batch);
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(true);
    m_page->compareModelPicker()->setModelId(kNoStem);
    batch->refresh();
    QTRY_VERIFY(!batch->datasetPicker()->isLoading());
    batch->datasetPicker()->setDatasetId(kDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    // The columns are guessed from the dataset's names.
    QCOMPARE(batch->queryColumn()->currentText(), QStringLiteral("query"));
    QCOMPARE(batch->candidatesColumn()->currentText(), QStringLiteral("candidates"));
    QCOMPARE(batch->labelsColumn()->currentText(), QStringLiteral("labels"));
    batch->kSpin()->setValue(3);
    QSignalSpy finished(batch->runner(), &ui::RerankBatchRunner::finished);
    QTest::mouseClick(batch->runButton(), Qt::LeftButton);
    QVERIFY(finished.count() > 0 || finished.wait(30000));
    QVERIFY2(batch->errorLabel()->isHidden(), qPrintable(batch->errorLabel()->text()));

    const ui::rerank::BatchResult &result = batch->runner()->result();
    QCOMPARE(result.totalRows, 4);
    QCOMPARE(int(result.rows.size()), 4);
    QCOMPARE(result.models, (QStringList{"bm25", kNoStem}));
    // Row 1: graded [0, 2, 0]; both rank the C++ item first → DCG = (2^2 − 1)/log2(2) = IDCG.
    QCOMPARE(int(*result.rows[0].labelKind), int(ui::rerank::LabelKind::Graded));
    QCOMPARE(result.rows[0].models[0].ranking, (std::vector<int>{1, 0, 2}));
    QCOMPARE(*result.rows[0].models[0].ndcg, 1.0);
    QCOMPARE(*result.rows[0].models[0].mrr, 1.0);
    // Row 2: grades [0, 1, 0]; stemmed bm25 ties the two cat items (input order kept, so the
    // relevant one is listed 2nd). Tie-aware, each gets the mean discount of ranks 1 and 2:
    // NDCG = (1 + 1/log2(3)) / 2 = 0.8154648767857288, MRR = (1 + 1/2) / 2 = 0.75 (plain
    // metrics would say 0.6309 and 0.5). Unstemmed ranks it 1st alone → 1 and 1.
    QCOMPARE(int(*result.rows[1].labelKind), int(ui::rerank::LabelKind::Graded));
    QCOMPARE(result.rows[1].models[0].ranking, (std::vector<int>{0, 1, 2}));
    QCOMPARE(result.rows[1].models[0].scores.at(0), result.rows[1].models[0].scores.at(1));
    QVERIFY(std::abs(*result.rows[1].models[0].ndcg - 0.8154648767857288) < 1e-12);
    QCOMPARE(*result.rows[1].models[0].mrr, 0.75);
    QCOMPARE(*result.rows[1].models[1].ndcg, 1.0);
    QCOMPARE(*result.rows[1].models[1].mrr, 1.0);
    // Row 3: text-part query, candidates as JSON text, nothing relevant → 0 and 0.
    QCOMPARE(result.rows[2].query, QStringLiteral("Dogs"));
    QCOMPARE(result.rows[2].candidates, 2);
    QCOMPARE(*result.rows[2].models[0].ndcg, 0.0);
    QCOMPARE(*result.rows[2].models[0].mrr, 0.0);
    // Row 4: no candidates column → reported on the row, not reranked.
    QVERIFY(result.rows[3].error.contains(QStringLiteral("candidates")));
    QVERIFY(result.rows[3].models.empty());
    // Means over the three scored rows.
    QVERIFY(std::abs(*result.meanNdcg(0) - (1.0 + 0.8154648767857288 + 0.0) / 3.0) < 1e-12);
    QVERIFY(std::abs(*result.meanMrr(0) - 1.75 / 3.0) < 1e-12);
    QVERIFY(std::abs(*result.meanNdcg(1) - 2.0 / 3.0) < 1e-12);
    QVERIFY(std::abs(*result.meanMrr(1) - 2.0 / 3.0) < 1e-12);
    QCOMPARE(result.scoredRows(0), 3);

    const QString summary = batch->summaryLabel()->text();
    QVERIFY2(summary.contains(QStringLiteral("Labels read as graded relevance (detected")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("bm25: mean NDCG@3 0.6052, mean MRR 0.5833 over 3 labelled rows")), qPrintable(summary));
    QTableWidget *table = batch->resultsTable();
    QCOMPARE(table->rowCount(), 5); // four rows and the mean
    QCOMPARE(table->item(4, 0)->text(), QStringLiteral("Mean"));
    QCOMPARE(table->item(4, 3)->text(), QStringLiteral("0.6052"));
    QCOMPARE(table->item(1, 5)->text(), QStringLiteral("1.0000")); // NDCG of bm25-nostem on row 2
    QVERIFY(batch->progressBar()->value() == 4 && batch->progressBar()->maximum() == 4);
    saveScreenshot(m_page.get(), QStringLiteral("batch"));

    const QString csvPath = m_dir.filePath(QStringLiteral("batch.csv"));
    QVERIFY_RESULT(batch->exportCsv(csvPath));
    const QStringList lines = readLines(csvPath);
    QCOMPARE(lines.size(), 1 + 3 * 2 + 1 + 2); // header, 3 rows × 2 models, the bad row, 2 means
    QCOMPARE(lines.at(0), QStringLiteral("row,model,query,candidates,labels,k,ndcg_at_k,mrr,error"));
    QVERIFY2(lines.at(3).startsWith(QStringLiteral("1,bm25,cats,3,graded,3,0.81546487678572")), qPrintable(lines.at(3)));
    QVERIFY2(lines.at(lines.size() - 1).startsWith(QStringLiteral("mean,bm25-nostem,,,,3,0.666666")), qPrintable(lines.last()));

    const QString jsonPath = m_dir.filePath(QStringLiteral("batch.json"));
    QVERIFY_RESULT(batch->exportJson(jsonPath));
    const api::Json json = readJson(jsonPath);
    QCOMPARE(json["dataset"], api::Json(kDataset.toStdString()));
    QCOMPARE(json["k"], api::Json(3));
    QVERIFY(std::abs(json["models"][0]["mean_mrr"].get<double>() - 1.75 / 3.0) < 1e-12);
    QCOMPARE(json["labels_read_as"], api::Json("graded"));
    QCOMPARE(json["label_mode"], api::Json("auto"));
    QCOMPARE(json["rows"][1]["labels"], api::Json("graded"));
    QCOMPARE(json["rows"][1]["models"][0]["ranking"], api::Json::array({0, 1, 2}));
    QCOMPARE(json["rows"][1]["models"][0]["scores"].size(), size_t(3));
    QVERIFY(json["rows"][3]["error"].is_string());
    m_page->compareCheck()->setChecked(false);
}

void TestRerankPage::batchCancelKeepsRowsDone()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(false);
    batch->datasetPicker()->setDatasetId(kDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    m_api->hold();
    QTest::mouseClick(batch->runButton(), Qt::LeftButton);
    QTRY_COMPARE(m_api->heldCount(), 1); // the first row's request, held
    QVERIFY(batch->cancelButton()->isEnabled() && !batch->runButton()->isEnabled());
    QSignalSpy finished(batch->runner(), &ui::RerankBatchRunner::finished);
    QTest::mouseClick(batch->cancelButton(), Qt::LeftButton);
    QCOMPARE(finished.count(), 1);
    QVERIFY(m_api->heldTokens().back().isCancelled());
    QVERIFY(batch->runner()->result().cancelled);
    QVERIFY(!batch->runner()->isRunning());
    QVERIFY(batch->runButton()->isEnabled() && !batch->cancelButton()->isEnabled());
    QVERIFY2(batch->summaryLabel()->text().contains(QStringLiteral("Cancelled")), qPrintable(batch->summaryLabel()->text()));
    m_api->release();
    QTest::qWait(200);
    QCOMPARE(finished.count(), 1); // the late answer changes nothing
}

void TestRerankPage::pickerLeavesOutCrossEncoderFolders()
{
    // The engine lists the folder as a rerank model (so the check below means something) ...
    const auto models = api::await(m_engine->listModels());
    QVERIFY_RESULT(models);
    bool listed = false;
    for (const api::OpenAIModel &m : models->data) {
        const ui::ModelInfo info = ui::modelInfo(m);
        if (!info.id.contains(kCrossEncoder))
            continue;
        listed = true;
        QCOMPARE(info.modelType, QStringLiteral("rerank"));
        QVERIFY(info.isLocal() && !info.metadata.contains("reranker"));
        // This engine also marks the folder with metadata.error (unsupported architecture), which
        // the picker left out already; the rule on metadata.reranker holds without that.
        QVERIFY(!info.error.isEmpty());
    }
    QVERIFY(listed);
    // ... but neither picker offers it: the engine would refuse it with 400.
    for (ui::ModelPicker *picker : {m_page->modelPicker(), m_page->compareModelPicker()})
        for (int i = 0; i < picker->count(); ++i)
            QVERIFY2(!picker->itemText(i).contains(kCrossEncoder), qPrintable(picker->itemText(i)));
}

void TestRerankPage::pasteRefusesWhileJsonIsInvalid()
{
    ui::RerankItemsEditor editor(nullptr);
    editor.setItems({QStringLiteral("kept")});
    QVERIFY(editor.setJsonMode(true));
    const QString typed = QStringLiteral("[\"kept\", \"half typed");
    editor.jsonEdit()->setPlainText(typed);
    const QString error = editor.pasteText(QStringLiteral("pasted line"));
    QVERIFY2(error.contains(QStringLiteral("JSON")), qPrintable(error));
    QCOMPARE(editor.jsonEdit()->toPlainText(), typed); // nothing the user typed is overwritten
    // The Paste button shows why.
    QApplication::clipboard()->setText(QStringLiteral("from clipboard"));
    QTest::mouseClick(editor.pasteButton(), Qt::LeftButton);
    QCOMPARE(editor.jsonEdit()->toPlainText(), typed);
    QVERIFY(!editor.errorLabel()->isHidden());
    QVERIFY(editor.errorLabel()->text().contains(QStringLiteral("JSON")));
    // Valid JSON again: the paste is appended.
    editor.jsonEdit()->setPlainText(QStringLiteral("[\"kept\"]"));
    QCOMPARE(editor.pasteText(QStringLiteral("pasted line")), QString());
    QCOMPARE(editor.items(), (QStringList{"kept", "pasted line"}));
}

void TestRerankPage::batchReadsLabelsOneWayPerDataset()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->tabs()->setCurrentWidget(batch);
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(false);
    batch->datasetPicker()->setDatasetId(kIndicesDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    QCOMPARE(batch->labelsColumn()->currentText(), QStringLiteral("labels"));
    batch->kSpin()->setValue(3);
    QComboBox *mode = batch->labelModeCombo();
    QCOMPARE(mode->currentData().toInt(), int(ui::rerank::LabelMode::Auto));

    QSignalSpy finished(batch->runner(), &ui::RerankBatchRunner::finished);
    batch->run();
    QVERIFY(finished.count() > 0 || finished.wait(30000));
    {
        const ui::rerank::BatchResult &result = batch->runner()->result();
        QCOMPARE(int(*result.labelKind), int(ui::rerank::LabelKind::Indices));
        // [1] of three: the two cat items tie → (1 + 1/log2(3)) / 2 and MRR 0.75.
        QVERIFY(std::abs(*result.rows[0].models[0].ndcg - 0.8154648767857288) < 1e-12);
        QCOMPARE(*result.rows[0].models[0].mrr, 0.75);
        // [0, 1] of two, read as indices like the rest: both relevant → any order is ideal.
        QCOMPARE(int(*result.rows[1].labelKind), int(ui::rerank::LabelKind::Indices));
        QCOMPARE(*result.rows[1].models[0].ndcg, 1.0);
        QCOMPARE(*result.rows[1].models[0].mrr, 1.0);
        // [1, 1]: a row problem; the row is still ranked, without metrics.
        QVERIFY2(result.rows[2].error.contains(QStringLiteral("listed twice")), qPrintable(result.rows[2].error));
        QVERIFY(!result.rows[2].models.at(0).ndcg);
        const QString summary = batch->summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("Labels read as relevant indices (detected")), qPrintable(summary));
    }

    // Chosen as grades: [1] of three is wrong on its row; [0, 1] of two is graded: "Cats meow"
    // (grade 1) ranks 2nd after "Dogs bark" → NDCG = (1/log2(3)) / 1, MRR = 1/2.
    mode->setCurrentIndex(mode->findData(int(ui::rerank::LabelMode::Graded)));
    batch->run();
    QVERIFY(finished.count() > 1 || finished.wait(30000));
    {
        const ui::rerank::BatchResult &result = batch->runner()->result();
        QCOMPARE(int(*result.labelKind), int(ui::rerank::LabelKind::Graded));
        QVERIFY2(result.rows[0].error.contains(QStringLiteral("1 values for 3 candidates")), qPrintable(result.rows[0].error));
        QCOMPARE(result.rows[1].models[0].ranking, (std::vector<int>{0, 1}));
        QVERIFY(std::abs(*result.rows[1].models[0].ndcg - 0.6309297535714574) < 1e-12);
        QCOMPARE(*result.rows[1].models[0].mrr, 0.5);
        const QString summary = batch->summaryLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("Labels read as graded relevance (as chosen)")), qPrintable(summary));
    }
    mode->setCurrentIndex(mode->findData(int(ui::rerank::LabelMode::Auto)));
}

void TestRerankPage::batchKeepsColumnChoicesWhenShownAgain()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->tabs()->setCurrentWidget(batch);
    batch->datasetPicker()->setDatasetId(kDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    QCOMPARE(batch->labelsColumn()->currentText(), QStringLiteral("labels"));
    // The user chooses no labels and another query column.
    batch->labelsColumn()->setEditText(QString());
    batch->queryColumn()->setEditText(QStringLiteral("labels"));
    // Leaving the page and coming back refreshes the lists; the choices stay.
    QSignalSpy loaded(batch->datasetPicker(), &ui::DatasetPicker::loaded);
    m_page->hide();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QVERIFY(loaded.count() > 0 || loaded.wait(10000));
    QTRY_VERIFY(!batch->columnsLoading());
    QCOMPARE(batch->datasetPicker()->datasetId(), kDataset);
    QCOMPARE(batch->labelsColumn()->currentText(), QString());
    QCOMPARE(batch->queryColumn()->currentText(), QStringLiteral("labels"));
    // Another dataset with the same columns keeps a choice it has too; a real switch refills.
    batch->datasetPicker()->setDatasetId(kIndicesDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    QCOMPARE(batch->queryColumn()->currentText(), QStringLiteral("labels"));
    QCOMPARE(batch->labelsColumn()->currentText(), QStringLiteral("labels")); // none chosen: guessed
    batch->queryColumn()->setEditText(QStringLiteral("query"));
}

void TestRerankPage::batchFailedReadResetsProgress()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->tabs()->setCurrentWidget(batch);
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    batch->datasetPicker()->setDatasetId(QStringLiteral("no-such-dataset"));
    QTRY_VERIFY(!batch->columnsLoading());
    batch->queryColumn()->setEditText(QStringLiteral("query"));
    batch->candidatesColumn()->setEditText(QStringLiteral("candidates"));
    QSignalSpy failed(batch->runner(), &ui::RerankBatchRunner::failed);
    batch->run();
    QVERIFY(failed.count() > 0 || failed.wait(15000));
    QVERIFY(!batch->errorLabel()->isHidden());
    QVERIFY2(batch->errorLabel()->text().contains(QStringLiteral("no-such-dataset")), qPrintable(batch->errorLabel()->text()));
    QVERIFY(batch->progressBar()->maximum() > 0); // not left busy
    QVERIFY(batch->runButton()->isEnabled() && !batch->cancelButton()->isEnabled());
    batch->datasetPicker()->setDatasetId(kDataset);
    QTRY_VERIFY(!batch->columnsLoading());
}

void TestRerankPage::topButtonsActOnBatchTab()
{
    ui::RerankBatchPanel *batch = m_page->batchPanel();
    m_page->modelPicker()->setModelId(QStringLiteral("bm25"));
    m_page->compareCheck()->setChecked(false);
    m_page->tabs()->setCurrentWidget(batch);
    batch->datasetPicker()->setDatasetId(kDataset);
    QTRY_VERIFY(!batch->columnsLoading());
    batch->queryColumn()->setEditText(QStringLiteral("query"));
    batch->candidatesColumn()->setEditText(QStringLiteral("candidates"));
    m_api->hold();
    QTest::mouseClick(m_page->runButton(), Qt::LeftButton); // the page's Rerank runs the batch
    QTRY_COMPARE(m_api->heldCount(), 1);
    QVERIFY(batch->runner()->isRunning());
    QVERIFY(!m_page->isRunning());
    QVERIFY(m_page->cancelButton()->isEnabled() && !m_page->runButton()->isEnabled());
    QSignalSpy finished(batch->runner(), &ui::RerankBatchRunner::finished);
    QTest::mouseClick(m_page->cancelButton(), Qt::LeftButton); // and its Cancel cancels the batch
    QCOMPARE(finished.count(), 1);
    QVERIFY(batch->runner()->result().cancelled);
    QVERIFY(m_api->heldTokens().back().isCancelled());
    QVERIFY(m_page->runButton()->isEnabled() && !m_page->cancelButton()->isEnabled());
    m_api->release();
    QTest::qWait(200);
    // Back on the single-query tab, the buttons follow that tab's (idle) state.
    m_page->tabs()->setCurrentIndex(0);
    QVERIFY(m_page->runButton()->isEnabled() && !m_page->cancelButton()->isEnabled());
}

void TestRerankPage::rememberedModelIsChosenNextTime()
{
    // Running remembered the model; a new page (a new session) starts with it.
    QVERIFY(runPage(kNoStem, kQuery, kItems));
    QCOMPARE(QSettings().value(QStringLiteral("rerank/model")).toString(), kNoStem);
    ui::RerankPage page(*m_api, nullptr);
    QTRY_VERIFY(!page.modelPicker()->isLoading());
    QCOMPARE(page.modelPicker()->modelId(), kNoStem);
    // Choosing from the list is remembered too.
    const int bm25 = page.modelPicker()->findText(QStringLiteral("bm25"));
    QVERIFY(bm25 >= 0);
    page.modelPicker()->setCurrentIndex(bm25);
    Q_EMIT page.modelPicker()->activated(bm25);
    QCOMPARE(QSettings().value(QStringLiteral("rerank/model")).toString(), QStringLiteral("bm25"));
}

void TestRerankPage::mainWindowListsRerankAfterTraining()
{
    const auto window = ui::createMainWindow(*m_engine);
    auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    QVERIFY(navigation);
    QStringList titles;
    for (int i = 0; i < navigation->count(); ++i)
        titles << navigation->item(i)->text();
    const int training = int(titles.indexOf(QStringLiteral("Training")));
    QVERIFY2(training >= 0 && titles.value(training + 1) == QStringLiteral("Rerank"), qPrintable(titles.join(',')));
    navigation->setCurrentRow(training + 1);
    QVERIFY(qobject_cast<ui::RerankPage *>(window->currentPage()));
    const QString dir = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTest::qWait(300);
        window->grab().save(dir + QStringLiteral("/rerank_window.png"));
    }
}

QTEST_MAIN(TestRerankPage)
#include "tst_rerank_page.moc"
