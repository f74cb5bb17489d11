#include "datasets_page.h"

#include "append_rows_dialog.h"
#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/table_setup.h"
#include "common/json_text.h"
#include "dataset_exporter.h"
#include "dataset_list_model.h"
#include "dataset_rows_model.h"
#include "dataset_text.h"
#include "register_dataset_dialog.h"
#include "row_detail_view.h"

#include "api/async.h"

#include <QAction>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace wb::ui {

DatasetsPage::DatasetsPage(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_listModel(new DatasetListModel(api, this))
    , m_rowsModel(new DatasetRowsModel(api, this))
    , m_listView(new QTableView(this))
    , m_rowsView(new QTableView(this))
    , m_purposeWarning(new QLabel(this))
    , m_rowsStatus(new QLabel(this))
    , m_detail(new RowDetailView(this))
{
    setObjectName(QStringLiteral("datasetsPage"));
    m_listModel->setObjectName(QStringLiteral("datasetListModel"));
    m_rowsModel->setObjectName(QStringLiteral("datasetRowsModel"));

    m_listView->setObjectName(QStringLiteral("datasetListView"));
    m_listView->setModel(m_listModel);
    setUpRecordList(m_listView);
    m_listView->setColumnWidth(DatasetListModel::IdColumn, 300);
    m_listView->setColumnWidth(DatasetListModel::PurposeColumn, 190);
    m_listView->setColumnWidth(DatasetListModel::SourceColumn, 240);
    m_listView->setColumnWidth(DatasetListModel::RowsColumn, 90);
    m_listBusy = new BusyOverlay(m_listView);

    m_rowsView->setObjectName(QStringLiteral("rowsView"));
    m_rowsView->setModel(m_rowsModel);
    m_rowsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rowsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rowsView->setWordWrap(false);
    m_rowsView->setTextElideMode(Qt::ElideRight);
    // Fixed row heights: the view must not measure a million rows to lay them out.
    m_rowsView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rowsView->verticalHeader()->setDefaultSectionSize(m_rowsView->fontMetrics().height() + 8);
    m_rowsView->horizontalHeader()->setDefaultSectionSize(200);
    m_rowsView->horizontalHeader()->setStretchLastSection(true); // no dead grey area on the right

    m_purposeWarning->setObjectName(QStringLiteral("purposeWarning"));
    m_purposeWarning->setWordWrap(true);
    m_purposeWarning->setStyleSheet(
        QStringLiteral("background: #fff4ce; color: #4d3a00; border: 1px solid #e0c060; padding: 6px;"));
    m_purposeWarning->hide();
    m_rowsStatus->setObjectName(QStringLiteral("rowsStatusLabel"));
    m_rowsStatus->setWordWrap(true);
    m_rowsStatus->setText(tr("Select a dataset to browse its rows."));

    createActions();
    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("datasetsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_registerAction);
    toolbar->addAction(m_appendAction);
    auto *exportButton = new QToolButton(toolbar);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(m_exportCsvAction);
    exportMenu->addAction(m_exportJsonlAction);
    exportButton->setMenu(exportMenu);
    toolbar->addWidget(exportButton);
    toolbar->addAction(m_unregisterAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);

    auto *browser = new QWidget(this);
    auto *browserLayout = new QVBoxLayout(browser);
    browserLayout->setContentsMargins(0, 0, 0, 0);
    browserLayout->addWidget(m_purposeWarning);
    browserLayout->addWidget(m_rowsStatus);
    browserLayout->addWidget(m_rowsView);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(browser);
    bottom->addWidget(m_detail);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(m_listView);
    main->addWidget(bottom);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(main);

    connect(m_listModel, &DatasetListModel::loadingChanged, this,
            [this](bool loading) { loading ? m_listBusy->start() : m_listBusy->stop(); });
    connect(m_listModel, &DatasetListModel::listLoaded, this, &DatasetsPage::onListLoaded);
    connect(m_listModel, &DatasetListModel::errorOccurred, this,
            [this](const QString &message) { showError(this, message); });
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DatasetsPage::onDatasetSelectionChanged);
    connect(m_rowsModel, &DatasetRowsModel::statsLoaded, this, &DatasetsPage::onStatsLoaded);
    // Page errors go to the status line: a dialog per failed page would bury the user in boxes.
    connect(m_rowsModel, &DatasetRowsModel::errorOccurred, m_rowsStatus, &QLabel::setText);
    connect(m_rowsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DatasetsPage::showCurrentRow);
    connect(m_rowsModel, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_rowsView->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    showCurrentRow();
            });

    updateActions();
    m_listModel->refresh();
}

void DatasetsPage::createActions()
{
    m_registerAction = new QAction(tr("Register…"), this);
    m_registerAction->setObjectName(QStringLiteral("registerAction"));
    m_registerAction->setToolTip(tr("Register a dataset from a file, a URL, Hugging Face or pasted rows"));
    connect(m_registerAction, &QAction::triggered, this, &DatasetsPage::openRegisterDialog);

    m_appendAction = new QAction(tr("Append rows…"), this);
    m_appendAction->setObjectName(QStringLiteral("appendAction"));
    connect(m_appendAction, &QAction::triggered, this, &DatasetsPage::openAppendDialog);

    m_exportCsvAction = new QAction(tr("Export as CSV…"), this);
    m_exportCsvAction->setObjectName(QStringLiteral("exportCsvAction"));
    connect(m_exportCsvAction, &QAction::triggered, this, [this] { askExport(ExportFormat::Csv); });
    m_exportJsonlAction = new QAction(tr("Export as JSONL…"), this);
    m_exportJsonlAction->setObjectName(QStringLiteral("exportJsonlAction"));
    connect(m_exportJsonlAction, &QAction::triggered, this, [this] { askExport(ExportFormat::Jsonl); });

    m_unregisterAction = new QAction(tr("Unregister…"), this);
    m_unregisterAction->setObjectName(QStringLiteral("unregisterAction"));
    connect(m_unregisterAction, &QAction::triggered, this, &DatasetsPage::askUnregister);

    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_wantedSelection = currentDatasetId();
        m_listModel->refresh();
        m_rowsModel->reload();
    });
    addAction(m_refreshAction);
}

QString DatasetsPage::currentDatasetId() const
{
    const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DatasetListModel::DatasetIdRole).toString();
}

const api::Dataset *DatasetsPage::currentDataset() const
{
    const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_listModel->dataset(rows.first().row());
}

void DatasetsPage::selectDataset(const QString &datasetId)
{
    const int row = m_listModel->rowOf(datasetId);
    if (row < 0)
        return;
    m_listView->selectionModel()->select(m_listModel->index(row, 0),
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_listView->scrollTo(m_listModel->index(row, 0));
}

void DatasetsPage::onListLoaded()
{
    // The reset dropped the selection; put it back (or on the dataset just registered).
    const QString wanted = m_wantedSelection.isEmpty() ? m_rowsModel->datasetId() : m_wantedSelection;
    m_wantedSelection.clear();
    if (!wanted.isEmpty() && m_listModel->rowOf(wanted) >= 0)
        selectDataset(wanted);
    else if (m_listModel->rowCount() > 0 && wanted.isEmpty())
        selectDataset(m_listModel->data(m_listModel->index(0, 0), DatasetListModel::DatasetIdRole).toString());
    else
        onDatasetSelectionChanged();
}

void DatasetsPage::onDatasetSelectionChanged()
{
    const QString id = currentDatasetId();
    updateActions();
    if (id == m_rowsModel->datasetId())
        return; // re-selected after a list refresh: keep the loaded pages
    m_purposeWarning->hide();
    m_detail->clear();
    m_rowsStatus->setText(id.isEmpty() ? tr("Select a dataset to browse its rows.") : tr("Loading…"));
    m_rowsModel->setDataset(id);
}

void DatasetsPage::onStatsLoaded()
{
    updateActions();
    const auto &stats = m_rowsModel->stats();
    const api::Dataset *dataset = currentDataset();
    if (!stats || !dataset)
        return; // the model reported the error itself
    m_rowsStatus->setText(tr("%1 rows · %2 columns · %3")
                              .arg(QLocale().toString(qlonglong(stats->row_count)))
                              .arg(stats->columns.size())
                              .arg(toQString(stats->format)));
    const QStringList missing = missingColumns(dataset->purpose, stats->columns);
    if (missing.isEmpty()) {
        m_purposeWarning->hide();
        return;
    }
    QStringList expected;
    for (const std::string &c : api::expectedColumns(dataset->purpose))
        expected << toQString(c);
    m_purposeWarning->setText(tr("The purpose %1 expects the columns %2; this dataset is missing: %3. "
                                 "Evaluation or training with it will fail.")
                                  .arg(purposeName(dataset->purpose), expected.join(QStringLiteral(", ")),
                                       missing.join(QStringLiteral(", "))));
    m_purposeWarning->show();
}

void DatasetsPage::showCurrentRow()
{
    const int row = m_rowsView->currentIndex().row();
    if (row < 0) {
        m_detail->clear();
        return;
    }
    if (const auto json = m_rowsModel->rowJson(row))
        m_detail->setRow(row, *json);
    else
        m_detail->showLoading(row); // dataChanged brings us back when the page arrives
}

void DatasetsPage::updateActions()
{
    const bool selected = !currentDatasetId().isEmpty();
    m_appendAction->setEnabled(selected);
    m_exportCsvAction->setEnabled(selected);
    m_exportJsonlAction->setEnabled(selected);
    m_unregisterAction->setEnabled(selected);
}

RegisterDatasetDialog *DatasetsPage::openRegisterDialog()
{
    auto *dialog = new RegisterDatasetDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterDatasetDialog::datasetRegistered, this, [this](const QString &id) {
        m_wantedSelection = id;
        m_listModel->refresh();
    });
    dialog->open();
    return dialog;
}

AppendRowsDialog *DatasetsPage::openAppendDialog()
{
    const QString id = currentDatasetId();
    if (id.isEmpty())
        return nullptr;
    auto *dialog = new AppendRowsDialog(m_api, id, m_rowsModel->columns(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AppendRowsDialog::rowsAppended, this, [this](const QString &datasetId) {
        if (m_rowsModel->datasetId() == datasetId)
            m_rowsModel->reload();
        m_listModel->refreshStats(datasetId);
    });
    dialog->open();
    return dialog;
}

void DatasetsPage::askExport(ExportFormat format)
{
    const QString id = currentDatasetId();
    if (id.isEmpty())
        return;
    const bool csv = format == ExportFormat::Csv;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(id), id + (csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl")),
        csv ? tr("CSV files (*.csv)") : tr("JSON Lines files (*.jsonl)"));
    if (!path.isEmpty())
        exportCurrentTo(path, format);
}

void DatasetsPage::exportCurrentTo(const QString &filePath, ExportFormat format)
{
    const QString id = currentDatasetId();
    if (id.isEmpty())
        return;
    const auto stats = m_listModel->stats(id);
    auto *exporter = new DatasetExporter(m_api, this);
    exporter->setObjectName(QStringLiteral("datasetExporter"));
    auto *progress = new QProgressDialog(tr("Exporting %1…").arg(id), tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("exportProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, exporter, &DatasetExporter::cancel);
    connect(exporter, &DatasetExporter::progress, progress, [progress](qint64 written, qint64 total) {
        if (total > 0) {
            // QProgressDialog takes int; scale big datasets to per-mille.
            progress->setMaximum(1000);
            progress->setValue(int(std::min<qint64>(1000, written * 1000 / total)));
        }
    });
    connect(exporter, &DatasetExporter::finished, this,
            [this, exporter, progress, filePath](bool ok, bool cancelled, const QString &message) {
                progress->deleteLater();
                exporter->deleteLater();
                if (ok)
                    m_rowsStatus->setText(tr("Exported to %1.").arg(filePath));
                else if (!cancelled)
                    showError(this, message);
            });
    std::vector<std::string> columns;
    if (stats)
        columns = stats->columns;
    else if (m_rowsModel->datasetId() == id)
        columns = m_rowsModel->columns();
    exporter->start(id, filePath, format, std::move(columns), stats ? stats->row_count : -1);
}

void DatasetsPage::askUnregister()
{
    const QString id = currentDatasetId();
    if (id.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unregister Dataset"),
                                tr("Unregister the dataset “%1”? Its appended rows are deleted too. "
                                   "The source file or URL is not touched.").arg(id),
                                QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unregisterConfirmation"));
    auto *remove = box->addButton(tr("Unregister"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() != remove)
            return;
        api::onResult(m_api.unregisterDataset(toStdString(id)), this, [this, id](const api::Result<void> &r) {
            if (!r)
                showError(this, tr("Could not unregister %1.").arg(id), r.error());
            m_listModel->refresh();
        });
    });
    box->open();
}

} // namespace wb::ui
