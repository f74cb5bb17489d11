// GUI test of the Datasets page against a real in-process engine (offscreen): register through the
// dialog, sparse paging, append through the dialog, the purpose warning, the detail pane, export,
// unregister, and the main window shell and embedded translations.

#include "counting_api.h"

#include "common/json_text.h"
#include "common/language_manager.h"
#include "datasets/append_rows_dialog.h"
#include "datasets/dataset_exporter.h"
#include "datasets/dataset_list_model.h"
#include "datasets/dataset_rows_model.h"
#include "datasets/dataset_text.h"
#include "datasets/datasets_page.h"
#include "datasets/export_format.h"
#include "datasets/register_dataset_dialog.h"
#include "datasets/row_detail_view.h"
#include "datasets/rows_text_parser.h"
#include "shell/main_window.h"
#include "shell/workbench.h"

#include "api/async.h"
#include "engine/engine.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace wb;
using wb::ui::DatasetListModel;
using wb::ui::DatasetRowsModel;

namespace {
const QString kLoading = QString(QChar(0x2026));
constexpr int kCsvRows = 250;
} // namespace

class TestDatasetsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parsesPastedRowsWithLineNumbers();
    void formatsCsvPerRfc4180();
    void summarizesSources();
    void registersThroughDialog();
    void pagesRowsOnDemand();
    void showsRowDetail();
    void appendsThroughDialog();
    void warnsWhenColumnsDoNotFitPurpose();
    void keepsAtMost64PagesAndScrollsToTheMiddle();
    void fallsBackToFetchMoreWithoutStats();
    void exportsCsvPageByPage();
    void unregistersAfterConfirmation();
    void mainWindowIsAShellWithConnection();
    void translationsAreEmbedded();
    void chatMessageCellsReadAsConversation();
    void cleanupTestCase();

private:
    int column(const QString &name) const;
    QString cell(int row, const QString &columnName) const;
    void registerPastedRows(const QString &id, const QString &rows);
    void saveScreenshot(const QString &name) const;

    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<CountingApi> m_api;
    std::unique_ptr<ui::DatasetsPage> m_page;
    QString m_csvPath;
};

void TestDatasetsPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    engine::EngineConfig config;
    config.dataDir = m_dir.filePath(QStringLiteral("data"));
    config.seedSamples = false;
    m_engine = std::make_unique<engine::Engine>(config);
    const api::Status opened = m_engine->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());
    m_api = std::make_unique<CountingApi>(*m_engine);

    m_csvPath = m_dir.filePath(QStringLiteral("qa.csv"));
    QFile csv(m_csvPath);
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("id,question,answer\n");
    for (int i = 0; i < kCsvRows; ++i)
        csv.write(QStringLiteral("%1,question %1,\"answer, %1\"\n").arg(i).toUtf8());
    csv.close();

    m_page = std::make_unique<ui::DatasetsPage>(*m_api, nullptr);
    m_page->resize(1000, 700);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(!m_page->listModel()->isLoading());
    QCOMPARE(m_page->listModel()->rowCount(), 0); // seedSamples=false: an empty store
}

int TestDatasetsPage::column(const QString &name) const
{
    const auto &columns = m_page->rowsModel()->columns();
    const auto it = std::find(columns.begin(), columns.end(), name.toStdString());
    return it == columns.end() ? -1 : int(it - columns.begin());
}

QString TestDatasetsPage::cell(int row, const QString &columnName) const
{
    const DatasetRowsModel *model = m_page->rowsModel();
    return model->data(model->index(row, column(columnName))).toString();
}

//! With WB_UI_SCREENSHOT_DIR set, keeps a picture of the page for a human to look at.
void TestDatasetsPage::saveScreenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_page->grab().save(dir + QStringLiteral("/datasets_") + name + QStringLiteral(".png"));
}

void TestDatasetsPage::parsesPastedRowsWithLineNumbers()
{
    const ui::ParsedRows good = ui::parseRowsText(QStringLiteral("{\"a\": 1}\n\n{\"a\": 2}\n"));
    QVERIFY(good.ok());
    QCOMPARE(good.rows.size(), size_t(2));
    QCOMPARE(good.rows[1].value["a"].get<int>(), 2);

    const ui::ParsedRows bad = ui::parseRowsText(QStringLiteral("{\"a\": 1}\n{\"a\": oops}\n"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.errorLine, 2);
    QVERIFY2(bad.error.contains(QStringLiteral("Line 2")), qPrintable(bad.error));

    const ui::ParsedRows array = ui::parseRowsText(QStringLiteral("[\n {\"a\": 1},\n {\"a\": }\n]"));
    QVERIFY(!array.ok());
    QCOMPARE(array.errorLine, 3);

    QVERIFY(!ui::parseRowsText(QStringLiteral("[1, 2]")).ok()); // items must be objects
}

void TestDatasetsPage::formatsCsvPerRfc4180()
{
    QCOMPARE(ui::csvField("plain"), std::string("plain"));
    QCOMPARE(ui::csvField("a,b"), std::string("\"a,b\""));
    QCOMPARE(ui::csvField("say \"hi\""), std::string("\"say \"\"hi\"\"\""));
    QCOMPARE(ui::csvField("two\nlines"), std::string("\"two\nlines\""));
    const api::Json row = {{"q", "x,y"}, {"n", 3}, {"l", {1, 2}}};
    QCOMPARE(ui::csvRecord(row, {"q", "n", "missing", "l"}), std::string("\"x,y\",3,,\"[1,2]\"\r\n"));
}

void TestDatasetsPage::summarizesSources()
{
    const QString hf = ui::huggingFaceUri(QStringLiteral("org/name"), QStringLiteral("test"), QStringLiteral("cfg"));
    QCOMPARE(hf, QStringLiteral("huggingface://datasets/org/name?split=test&name=cfg"));
    QCOMPARE(ui::sourceSummary(api::UriDataSource{hf.toStdString()}), QStringLiteral("hf: org/name:test"));
    QCOMPARE(ui::sourceSummary(api::UriDataSource{"https://example.org/a/b.jsonl"}), QStringLiteral("example.org"));
    QCOMPARE(ui::sourceSummary(api::UriDataSource{"file:///tmp/x/data.csv"}), QStringLiteral("data.csv"));
    QCOMPARE(ui::sourceSummary(api::UriDataSource{"/tmp/x/data.csv"}), QStringLiteral("data.csv"));
    QCOMPARE(ui::sourceSummary(api::RowsDataSource{{api::JsonObject{}, api::JsonObject{}}}),
             QStringLiteral("inline rows (2)"));
    QCOMPARE(ui::missingColumns(api::DatasetPurpose::EvalQuestionAnswer, {"question"}),
             QStringList{QStringLiteral("answer")});
}

void TestDatasetsPage::registersThroughDialog()
{
    m_page->findChild<QAction *>(QStringLiteral("registerAction"))->trigger();
    QPointer<ui::RegisterDatasetDialog> dialog = m_page->findChild<ui::RegisterDatasetDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());

    auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("sourceKindCombo"));
    auto *path = dialog->findChild<QLineEdit *>(QStringLiteral("filePathEdit"));
    auto *purpose = dialog->findChild<QComboBox *>(QStringLiteral("purposeCombo"));
    auto *id = dialog->findChild<QLineEdit *>(QStringLiteral("datasetIdEdit"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("registerButtons"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("registerErrorLabel"));
    QVERIFY(kind && path && purpose && id && buttons && error);

    // A missing file is refused in the dialog, which stays open.
    kind->setCurrentIndex(ui::RegisterDatasetDialog::LocalFile);
    path->setText(m_dir.filePath(QStringLiteral("nope.csv")));
    buttons->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(error->isVisible());

    path->setText(m_csvPath);
    purpose->setCurrentIndex(purpose->findText(QStringLiteral("eval/question-answer")));
    QVERIFY(purpose->currentIndex() >= 0);
    id->setText(QStringLiteral("qa250"));
    buttons->button(QDialogButtonBox::Ok)->click();

    QTRY_VERIFY(dialog.isNull()); // accepted and deleted on close
    DatasetListModel *list = m_page->listModel();
    QTRY_VERIFY(list->rowOf(QStringLiteral("qa250")) >= 0);
    const int row = list->rowOf(QStringLiteral("qa250"));
    QCOMPARE(list->data(list->index(row, DatasetListModel::SourceColumn)).toString(), QStringLiteral("qa.csv"));
    QCOMPARE(list->data(list->index(row, DatasetListModel::PurposeColumn)).toString(),
             QStringLiteral("eval/question-answer"));
    QTRY_COMPARE(list->data(list->index(row, DatasetListModel::RowsColumn)).toString(), QStringLiteral("250"));
    // The page selects what was just registered.
    QTRY_COMPARE(m_page->currentDatasetId(), QStringLiteral("qa250"));
}

void TestDatasetsPage::pagesRowsOnDemand()
{
    DatasetRowsModel *rows = m_page->rowsModel();
    QTRY_COMPARE(rows->rowCount(), kCsvRows); // the full total, before any row was read
    QVERIFY(rows->isPaged());
    QVERIFY(column(QStringLiteral("question")) >= 0);
    QVERIFY(column(QStringLiteral("answer")) >= 0);
    auto *warning = m_page->findChild<QLabel *>(QStringLiteral("purposeWarning"));
    QVERIFY(!warning->isVisible()); // question + answer present

    // The view shows the first rows only: page 0 is read, pages 1 and 2 are not.
    QTRY_COMPARE(cell(0, QStringLiteral("question")), QStringLiteral("question 0"));
    QCOMPARE(m_api->callsStartingAt(100), 0);
    QCOMPARE(m_api->callsStartingAt(200), 0);

    // Row 230 is not here yet: "…" now, one request for its page (not repeated for row 231), then the value.
    QCOMPARE(cell(230, QStringLiteral("question")), kLoading);
    QCOMPARE(cell(231, QStringLiteral("question")), kLoading);
    QCOMPARE(m_api->callsStartingAt(200), 1);
    QTRY_COMPARE(cell(230, QStringLiteral("question")), QStringLiteral("question 230"));
    QCOMPARE(cell(230, QStringLiteral("answer")), QStringLiteral("answer, 230"));
    QCOMPARE(m_api->callsStartingAt(200), 1);
    QCOMPARE(m_api->callsStartingAt(100), 0); // rows 100-199 were never needed
    for (const auto &[start, limit] : m_api->iterrowsCalls()) {
        QCOMPARE(limit, int64_t(DatasetRowsModel::PageSize));
        QCOMPARE(start % DatasetRowsModel::PageSize, int64_t(0));
    }
}

void TestDatasetsPage::showsRowDetail()
{
    auto *view = m_page->findChild<QTableView *>(QStringLiteral("rowsView"));
    auto *detail = m_page->findChild<ui::RowDetailView *>(QStringLiteral("rowDetailView"));
    QVERIFY(view && detail);
    view->setCurrentIndex(m_page->rowsModel()->index(230, 0));
    QTRY_VERIFY2(detail->formattedText().contains(QStringLiteral("question 230")),
                 qPrintable(detail->formattedText()));
    QVERIFY(detail->formattedText().contains(QStringLiteral("answer, 230")));
    saveScreenshot(QStringLiteral("row_detail"));

    // A string cell holding chat messages is shown role by role, not as escaped JSON.
    const api::Json row = {{"messages", R"([{"role":"user","content":"Hello there"},{"role":"assistant","content":"Hi!"}])"}};
    const QString html = ui::RowDetailView::rowToHtml(row);
    QVERIFY(html.contains(QStringLiteral("<b>user</b>")));
    QVERIFY(html.contains(QStringLiteral("<b>assistant</b>")));
    QVERIFY(html.contains(QStringLiteral("Hello there")));
    QVERIFY(!html.contains(QStringLiteral("&quot;role&quot;")));
}

void TestDatasetsPage::appendsThroughDialog()
{
    m_page->findChild<QAction *>(QStringLiteral("appendAction"))->trigger();
    QPointer<ui::AppendRowsDialog> dialog = m_page->findChild<ui::AppendRowsDialog *>();
    QVERIFY(dialog);
    auto *question = dialog->findChild<QLineEdit *>(QStringLiteral("field_question"));
    auto *answer = dialog->findChild<QLineEdit *>(QStringLiteral("field_answer"));
    auto *id = dialog->findChild<QLineEdit *>(QStringLiteral("field_id"));
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("appendButtons"));
    QVERIFY(question && answer && id && buttons);

    // Nothing filled in: refused in the dialog.
    buttons->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog && dialog->findChild<QLabel *>(QStringLiteral("appendErrorLabel"))->isVisible());

    id->setText(QStringLiteral("250"));
    question->setText(QStringLiteral("What is 2+2?"));
    answer->setText(QStringLiteral("4, of course"));
    buttons->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(dialog.isNull());

    DatasetRowsModel *rows = m_page->rowsModel();
    QTRY_COMPARE(rows->rowCount(), kCsvRows + 1);
    QTRY_COMPARE(cell(kCsvRows, QStringLiteral("question")), QStringLiteral("What is 2+2?"));
    QCOMPARE(cell(kCsvRows, QStringLiteral("answer")), QStringLiteral("4, of course"));
    QCOMPARE(cell(kCsvRows - 1, QStringLiteral("question")), QStringLiteral("question 249"));

    DatasetListModel *list = m_page->listModel();
    const int row = list->rowOf(QStringLiteral("qa250"));
    QTRY_COMPARE(list->data(list->index(row, DatasetListModel::RowsColumn)).toString(), QStringLiteral("251"));
}

void TestDatasetsPage::registerPastedRows(const QString &id, const QString &rowsText)
{
    QPointer<ui::RegisterDatasetDialog> dialog = m_page->openRegisterDialog();
    QVERIFY(dialog);
    dialog->findChild<QComboBox *>(QStringLiteral("sourceKindCombo"))->setCurrentIndex(ui::RegisterDatasetDialog::PastedRows);
    auto *purpose = dialog->findChild<QComboBox *>(QStringLiteral("purposeCombo"));
    purpose->setCurrentIndex(purpose->findText(QStringLiteral("eval/question-answer")));
    dialog->findChild<QLineEdit *>(QStringLiteral("datasetIdEdit"))->setText(id);
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("rowsTextEdit"))->setPlainText(rowsText);
    dialog->findChild<QDialogButtonBox *>(QStringLiteral("registerButtons"))->button(QDialogButtonBox::Ok)->click();
    QTRY_VERIFY(dialog.isNull());
    QTRY_COMPARE(m_page->currentDatasetId(), id);
}

void TestDatasetsPage::warnsWhenColumnsDoNotFitPurpose()
{
    // First a paste with a broken line 2: the dialog names the line and does not send anything.
    QPointer<ui::RegisterDatasetDialog> dialog = m_page->openRegisterDialog();
    dialog->findChild<QComboBox *>(QStringLiteral("sourceKindCombo"))->setCurrentIndex(ui::RegisterDatasetDialog::PastedRows);
    dialog->findChild<QPlainTextEdit *>(QStringLiteral("rowsTextEdit"))
        ->setPlainText(QStringLiteral("{\"prompt\": \"hi\"}\n{\"prompt\": oops}"));
    dialog->findChild<QDialogButtonBox *>(QStringLiteral("registerButtons"))->button(QDialogButtonBox::Ok)->click();
    QVERIFY(dialog && dialog->isVisible());
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("registerErrorLabel"));
    QVERIFY2(error->isVisible() && error->text().contains(QStringLiteral("Line 2")), qPrintable(error->text()));
    dialog->reject();

    registerPastedRows(QStringLiteral("no-qa"),
                       QStringLiteral("{\"prompt\": \"hi\", \"completion\": \"there\"}\n"
                                      "{\"prompt\": \"2+2\", \"completion\": \"4\"}"));
    auto *warning = m_page->findChild<QLabel *>(QStringLiteral("purposeWarning"));
    QTRY_VERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(QStringLiteral("question")) && warning->text().contains(QStringLiteral("answer")),
             qPrintable(warning->text()));
    QTRY_COMPARE(m_page->rowsModel()->rowCount(), 2);
    saveScreenshot(QStringLiteral("purpose_warning"));
    const DatasetListModel *list = m_page->listModel();
    QCOMPARE(list->data(list->index(list->rowOf(QStringLiteral("no-qa")), DatasetListModel::SourceColumn)).toString(),
             QStringLiteral("inline rows (2)"));

    // Back to the dataset that fits: the warning goes away.
    m_page->selectDataset(QStringLiteral("qa250"));
    QTRY_COMPARE(m_page->rowsModel()->rowCount(), kCsvRows + 1);
    QTRY_VERIFY(!warning->isVisible());
}

void TestDatasetsPage::keepsAtMost64PagesAndScrollsToTheMiddle()
{
    constexpr int total = 7000; // 70 pages
    QString text;
    for (int i = 0; i < total; ++i)
        text += QStringLiteral("{\"question\": \"q%1\", \"answer\": \"a%1\"}\n").arg(i);
    registerPastedRows(QStringLiteral("big"), text);

    DatasetRowsModel *model = m_page->rowsModel();
    QTRY_COMPARE(model->rowCount(), total);
    // Dragging the scroll bar to the middle loads the middle, not what lies before it.
    auto *view = m_page->findChild<QTableView *>(QStringLiteral("rowsView"));
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
    const int middle = view->rowAt(view->viewport()->height() / 2);
    QVERIFY(middle > 3000 && middle < 4000);
    QTRY_COMPARE(cell(middle, QStringLiteral("question")), QStringLiteral("q%1").arg(middle));
    QVERIFY(model->cachedPageCount() <= 3);

    for (int page = 0; page < total / DatasetRowsModel::PageSize; ++page) {
        const int row = page * DatasetRowsModel::PageSize;
        QTRY_COMPARE(cell(row, QStringLiteral("question")), QStringLiteral("q%1").arg(row));
        QVERIFY(model->cachedPageCount() <= DatasetRowsModel::MaxPages);
    }
    QCOMPARE(model->cachedPageCount(), DatasetRowsModel::MaxPages);
    // Page 0 was evicted long ago and comes back on demand.
    QCOMPARE(cell(5, QStringLiteral("question")), kLoading);
    QTRY_COMPARE(cell(5, QStringLiteral("question")), QStringLiteral("q5"));
}

void TestDatasetsPage::fallsBackToFetchMoreWithoutStats()
{
    // A model of its own, so the page's model is not disturbed.
    DatasetRowsModel model(*m_api, nullptr);
    m_api->setStatsFail(true);
    QSignalSpy errors(&model, &DatasetRowsModel::errorOccurred);
    model.setDataset(QStringLiteral("qa250"));
    QTRY_COMPARE(errors.count(), 1);
    m_api->setStatsFail(false);
    QVERIFY(!model.isPaged());
    // The first page is asked for at once, then one page per fetchMore until has_more is false.
    QTRY_COMPARE(model.rowCount(), 100);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // in flight: not asked twice
    QTRY_COMPARE(model.rowCount(), 200);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), kCsvRows + 1);
    QVERIFY(!model.canFetchMore({}));
    QVERIFY(model.columnCount() >= 3); // columns learnt from the rows
    const auto row = model.rowJson(kCsvRows);
    QVERIFY(row);
    QCOMPARE(QString::fromStdString((*row)["question"].get<std::string>()), QStringLiteral("What is 2+2?"));
}

void TestDatasetsPage::exportsCsvPageByPage()
{
    m_page->selectDataset(QStringLiteral("qa250"));
    QTRY_COMPARE(m_page->rowsModel()->rowCount(), kCsvRows + 1);
    const QString out = m_dir.filePath(QStringLiteral("export.csv"));
    m_page->exportCurrentTo(out, ui::ExportFormat::Csv);
    auto *exporter = m_page->findChild<ui::DatasetExporter *>(QStringLiteral("datasetExporter"));
    QVERIFY(exporter);
    QSignalSpy finished(exporter, &ui::DatasetExporter::finished);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);

    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + kCsvRows + 1);
    QCOMPARE(lines.first(), QStringLiteral("id,question,answer"));
    QCOMPARE(lines.at(1 + 7), QStringLiteral("7,question 7,\"answer, 7\""));
    QCOMPARE(lines.last(), QStringLiteral("250,What is 2+2?,\"4, of course\""));
}

void TestDatasetsPage::unregistersAfterConfirmation()
{
    m_page->selectDataset(QStringLiteral("no-qa"));
    QTRY_COMPARE(m_page->currentDatasetId(), QStringLiteral("no-qa"));
    m_page->findChild<QAction *>(QStringLiteral("unregisterAction"))->trigger();
    QPointer<QMessageBox> box = m_page->findChild<QMessageBox *>(QStringLiteral("unregisterConfirmation"));
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("no-qa"))); // names the dataset
    QAbstractButton *remove = nullptr;
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole)
            remove = b;
    QVERIFY(remove);
    remove->click();
    QTRY_COMPARE(m_page->listModel()->rowOf(QStringLiteral("no-qa")), -1);
    QVERIFY(m_page->listModel()->rowOf(QStringLiteral("qa250")) >= 0);
    QTRY_VERIFY(m_page->rowsModel()->datasetId().isEmpty());
}

void TestDatasetsPage::mainWindowIsAShellWithConnection()
{
    const auto window = ui::createMainWindow(*m_api);
    auto *label = window->findChild<QLabel *>(QStringLiteral("connectionLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QString::fromStdString(m_engine->describe())), qPrintable(label->text()));
    auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    QCOMPARE(navigation->count(), 5); // Datasets, Models, Benchmarks & Eval, Training, Rerank
    QVERIFY(qobject_cast<ui::DatasetsPage *>(window->currentPage()));
    QVERIFY(window->findChild<QAction *>(QStringLiteral("languageAction")));
}

void TestDatasetsPage::translationsAreEmbedded()
{
    const QStringList languages = ui::LanguageManager::availableLanguages();
    QVERIFY2(languages.contains(QStringLiteral("de")) && languages.contains(QStringLiteral("zh_CN")),
             qPrintable(languages.join(QLatin1Char(','))));
    for (const QString &locale : {QStringLiteral("de"), QStringLiteral("zh_CN")}) {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/llama-workbench_%1.qm").arg(locale)));
        const QString refresh = translator.translate("wb::ui::DatasetsPage", "Refresh");
        QVERIFY2(!refresh.isEmpty() && refresh != QStringLiteral("Refresh"), qPrintable(locale));
    }
}

void TestDatasetsPage::chatMessageCellsReadAsConversation()
{
    const api::Json messages = api::Json::parse(
        R"([{"role":"system","content":"Be brief."},{"role":"user","content":"2+2?"},)"
        R"({"role":"assistant","content":"4"}])");
    const QString expected = QStringLiteral("user: 2+2? \u00B7 assistant: 4");
    QCOMPARE(ui::cellText(messages), expected);
    QCOMPARE(ui::cellText(api::Json(messages.dump())), expected); // a CSV column holding JSON
    QCOMPARE(ui::cellText(api::Json::parse(R"([{"role":"system","content":"only"}])")),
             QStringLiteral("system: only"));
    QCOMPARE(ui::cellText(api::Json::parse("[1,2]")), QStringLiteral("[1,2]")); // not messages
    QCOMPARE(ui::cellText(api::Json("[not json")), QStringLiteral("[not json"));
}

void TestDatasetsPage::cleanupTestCase()
{
    m_page.reset(); // before the engine it talks to
    m_api.reset();
    m_engine.reset();
}

QTEST_MAIN(TestDatasetsPage)
#include "tst_datasets_page.moc"
