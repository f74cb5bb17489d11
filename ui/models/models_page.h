#pragma once

// The Models page: the models the backend can run (local folders, the Hugging Face cache,
// registered folders and OpenAI-compatible endpoints), the selected one in detail, the actions
// (add a folder, add an endpoint, remove, refresh) and a prompt box to try the selected model.
// The page is the view: it opens the dialogs and the confirmation; the list model loads, the
// prompt panel runs generations.

#include "api/stack_api.h"

#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace wb::ui {

class AddEndpointDialog;
class AddModelFolderDialog;
class BusyOverlay;
class ModelDetailView;
class ModelListModel;
class PromptPanel;

class ModelsPage : public QWidget
{
    Q_OBJECT
public:
    ModelsPage(api::StackApi &api, QWidget *parent);

    ModelListModel *listModel() const { return m_listModel; }
    ModelDetailView *detailView() const { return m_detail; }
    PromptPanel *promptPanel() const { return m_prompt; }
    QString currentModelId() const;
    //! Selects the model in the list (no-op when it is not listed).
    void selectModel(const QString &modelId);
    //! The list's inline error (empty when the last load worked).
    QString listErrorText() const;

    //! The dialogs open window-modal without blocking and delete themselves when closed.
    AddModelFolderDialog *openAddFolderDialog();
    AddEndpointDialog *openAddEndpointDialog();

private:
    void createActions();
    void onListLoaded();
    void onSelectionChanged();
    void updateActions();
    void askRemove();

    api::StackApi &m_api;
    ModelListModel *m_listModel;
    QTableView *m_listView;
    QLabel *m_listError;
    ModelDetailView *m_detail;
    PromptPanel *m_prompt;
    BusyOverlay *m_listBusy;
    QAction *m_addFolderAction = nullptr;
    QAction *m_addEndpointAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QString m_wantedSelection; //!< id to select once the list has reloaded
};

} // namespace wb::ui
