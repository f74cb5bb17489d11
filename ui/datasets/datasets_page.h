#pragma once

// The Datasets page: the registered datasets, a paged browser of the selected one's rows, the
// selected row in detail, and the actions (register, append, export, unregister, refresh). The page
// is the view: it opens the dialogs and message boxes; the models only load data and report errors.

#include "api/stack_api.h"
#include "export_format.h"

#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace wb::ui {

class AppendRowsDialog;
class BusyOverlay;
class DatasetListModel;
class DatasetRowsModel;
class RegisterDatasetDialog;
class RowDetailView;

class DatasetsPage : public QWidget
{
    Q_OBJECT
public:
    DatasetsPage(api::StackApi &api, QWidget *parent);

    DatasetListModel *listModel() const { return m_listModel; }
    DatasetRowsModel *rowsModel() const { return m_rowsModel; }
    QString currentDatasetId() const;
    //! Selects the dataset in the list (no-op when it is not listed).
    void selectDataset(const QString &datasetId);

    //! The dialogs open window-modal without blocking and delete themselves when closed.
    RegisterDatasetDialog *openRegisterDialog();
    AppendRowsDialog *openAppendDialog();
    //! Exports the selected dataset to `filePath` (asks nothing; the action asks for the file).
    void exportCurrentTo(const QString &filePath, ExportFormat format);

private:
    void createActions();
    void onDatasetSelectionChanged();
    void onListLoaded();
    void onStatsLoaded();
    void showCurrentRow();
    void updateActions();
    void askExport(ExportFormat format);
    void askUnregister();
    const api::Dataset *currentDataset() const;

    api::StackApi &m_api;
    DatasetListModel *m_listModel;
    DatasetRowsModel *m_rowsModel;
    QTableView *m_listView;
    QTableView *m_rowsView;
    QLabel *m_purposeWarning;
    QLabel *m_rowsStatus;
    RowDetailView *m_detail;
    BusyOverlay *m_listBusy;
    QAction *m_registerAction = nullptr;
    QAction *m_appendAction = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportJsonlAction = nullptr;
    QAction *m_unregisterAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QString m_wantedSelection; //!< id to select once the list has reloaded
};

} // namespace wb::ui
