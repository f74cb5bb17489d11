#include "models_page.h"

#include "add_endpoint_dialog.h"
#include "add_model_folder_dialog.h"
#include "model_detail_view.h"
#include "model_list_model.h"
#include "prompt_panel.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/table_setup.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace wb::ui {

ModelsPage::ModelsPage(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_listModel(new ModelListModel(api, this))
    , m_listView(new QTableView(this))
    , m_listError(new QLabel(this))
    , m_detail(new ModelDetailView(this))
    , m_prompt(new PromptPanel(api, this))
{
    setObjectName(QStringLiteral("modelsPage"));
    m_listModel->setObjectName(QStringLiteral("modelListModel"));

    m_listView->setObjectName(QStringLiteral("modelListView"));
    m_listView->setModel(m_listModel);
    setUpRecordList(m_listView);
    m_listView->setColumnWidth(ModelListModel::IdColumn, 170);
    m_listView->setColumnWidth(ModelListModel::TypeColumn, 50);
    m_listView->setColumnWidth(ModelListModel::ProviderColumn, 60);
    m_listView->setColumnWidth(ModelListModel::ArchitectureColumn, 140);
    m_listView->setColumnWidth(ModelListModel::ParametersColumn, 85);
    m_listView->setColumnWidth(ModelListModel::ContextColumn, 65);
    m_listView->setColumnWidth(ModelListModel::TokenizerColumn, 150);
    m_listBusy = new BusyOverlay(m_listView);

    // Inline, not a message box: a backend without models (an older server) says so once, here.
    m_listError->setObjectName(QStringLiteral("modelListError"));
    m_listError->setWordWrap(true);
    m_listError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_listError->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_listError->hide();

    createActions();
    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("modelsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(m_addFolderAction);
    toolbar->addAction(m_addEndpointAction);
    toolbar->addAction(m_removeAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);

    auto *listBox = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_listError);
    listLayout->addWidget(m_listView);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(listBox);
    top->addWidget(m_detail);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 1);
    top->setSizes({760, 440});
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(top);
    main->addWidget(m_prompt);
    main->setStretchFactor(0, 2);
    main->setStretchFactor(1, 3);
    main->setSizes({320, 480});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(main);

    connect(m_listModel, &ModelListModel::loadingChanged, this,
            [this](bool loading) { loading ? m_listBusy->start() : m_listBusy->stop(); });
    connect(m_listModel, &ModelListModel::listLoaded, this, &ModelsPage::onListLoaded);
    connect(m_listModel, &ModelListModel::errorOccurred, this, [this](const QString &message) {
        m_listError->setText(message);
        m_listError->show();
    });
    connect(m_listView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ModelsPage::onSelectionChanged);

    updateActions();
    m_listModel->refresh();
}

void ModelsPage::createActions()
{
    m_addFolderAction = new QAction(tr("Add model folder…"), this);
    m_addFolderAction->setObjectName(QStringLiteral("addModelFolderAction"));
    m_addFolderAction->setToolTip(tr("Add a Hugging Face model folder (config.json, model.safetensors, tokenizer.json)"));
    connect(m_addFolderAction, &QAction::triggered, this, &ModelsPage::openAddFolderDialog);

    m_addEndpointAction = new QAction(tr("Add OpenAI-compatible endpoint…"), this);
    m_addEndpointAction->setObjectName(QStringLiteral("addEndpointAction"));
    m_addEndpointAction->setToolTip(tr("A model served by llama.cpp, vLLM, Ollama or another Llama Stack server"));
    connect(m_addEndpointAction, &QAction::triggered, this, &ModelsPage::openAddEndpointDialog);

    m_removeAction = new QAction(tr("Remove…"), this);
    m_removeAction->setObjectName(QStringLiteral("removeModelAction"));
    connect(m_removeAction, &QAction::triggered, this, &ModelsPage::askRemove);

    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("refreshModelsAction"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        m_wantedSelection = currentModelId();
        m_listError->hide();
        m_listModel->refresh();
    });
    addAction(m_refreshAction);
}

QString ModelsPage::currentModelId() const
{
    const QModelIndexList rows = m_listView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ModelListModel::ModelIdRole).toString();
}

QString ModelsPage::listErrorText() const
{
    return m_listError->isHidden() ? QString() : m_listError->text();
}

void ModelsPage::selectModel(const QString &modelId)
{
    const int row = m_listModel->rowOf(modelId);
    if (row < 0)
        return;
    m_listView->selectionModel()->select(m_listModel->index(row, 0),
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_listView->scrollTo(m_listModel->index(row, 0));
}

void ModelsPage::onListLoaded()
{
    m_listError->hide();
    // The reset dropped the selection; put it back (or on the model just added).
    const QString wanted = m_wantedSelection.isEmpty() ? m_prompt->modelId() : m_wantedSelection;
    m_wantedSelection.clear();
    if (!wanted.isEmpty() && m_listModel->rowOf(wanted) >= 0) {
        selectModel(wanted);
        return;
    }
    // Otherwise the first model that can run, so the prompt box is ready to use.
    for (int row = 0; row < m_listModel->rowCount(); ++row) {
        if (m_listModel->model(row)->canGenerate()) {
            selectModel(m_listModel->model(row)->id);
            return;
        }
    }
    onSelectionChanged();
}

void ModelsPage::onSelectionChanged()
{
    updateActions();
    const QString id = currentModelId();
    const ModelInfo *listed = m_listModel->model(id);
    if (!listed) {
        m_detail->clear();
        m_prompt->setModel(std::nullopt);
        return;
    }
    m_detail->setModel(*listed);
    m_prompt->setModel(*listed);
    // The list may abbreviate; the model itself has every metadata key.
    api::onResult(m_api.getModel(toStdString(id)), this, [this, id](const api::Result<api::Model> &r) {
        if (!r || currentModelId() != id)
            return; // keep what the list said
        const ModelInfo full = modelInfo(r.value());
        m_detail->setModel(full);
    });
}

void ModelsPage::updateActions()
{
    const ModelInfo *m = m_listModel->model(currentModelId());
    m_removeAction->setEnabled(m && m->isRegistered());
    m_removeAction->setToolTip(!m || m->isRegistered()
                                   ? tr("Remove the selected model from the list (its files are not touched)")
                                   : tr("Found models cannot be removed here; remove or move their folder"));
}

AddModelFolderDialog *ModelsPage::openAddFolderDialog()
{
    auto *dialog = new AddModelFolderDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterModelDialog::modelRegistered, this, [this](const QString &id) {
        m_wantedSelection = id;
        m_listModel->refresh();
    });
    dialog->open();
    return dialog;
}

AddEndpointDialog *ModelsPage::openAddEndpointDialog()
{
    auto *dialog = new AddEndpointDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterModelDialog::modelRegistered, this, [this](const QString &id) {
        m_wantedSelection = id;
        m_listModel->refresh();
    });
    dialog->open();
    return dialog;
}

void ModelsPage::askRemove()
{
    const ModelInfo *m = m_listModel->model(currentModelId());
    if (!m || !m->isRegistered())
        return;
    const QString id = m->id;
    const QString text = m->isLocal()
        ? tr("Remove the model “%1” from the list? The folder %2 is not touched.").arg(id, m->location)
        : tr("Remove the endpoint model “%1” (%2)? Its API key is forgotten.").arg(id, m->location);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Model"), text, QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeModelConfirmation"));
    auto *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() != remove)
            return;
        api::onResult(m_api.unregisterModel(toStdString(id)), this, [this, id](const api::Result<void> &r) {
            if (!r)
                showError(this, tr("Could not remove %1.").arg(id), r.error());
            m_listModel->refresh();
        });
    });
    box->open();
}

} // namespace wb::ui
