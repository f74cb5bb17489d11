#include "register_benchmark_dialog.h"

#include "benchmark_params.h"
#include "judge_function_dialog.h"
#include "scoring_params_editor.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "datasets/rows_text_parser.h"

#include "api/async.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSet>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace wb::ui {

namespace {
constexpr int FnIdRole = Qt::UserRole + 1;
}

RegisterBenchmarkDialog::RegisterBenchmarkDialog(api::StackApi &api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_id(new QLineEdit(this))
    , m_dataset(new QComboBox(this))
    , m_functions(new QListWidget(this))
    , m_description(new QLabel(this))
    , m_paramsTitle(new QLabel(this))
    , m_ownParams(new QCheckBox(tr("Use parameters of its own in this benchmark"), this))
    , m_paramsPages(new QStackedWidget(this))
    , m_metadata(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("registerBenchmarkDialog"));
    setWindowTitle(tr("Register Benchmark"));
    m_id->setObjectName(QStringLiteral("benchmarkIdEdit"));
    m_id->setPlaceholderText(tr("e.g. my-qa-benchmark"));
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_functions->setObjectName(QStringLiteral("scoringFunctionList"));
    m_functions->setMinimumHeight(140);
    m_description->setObjectName(QStringLiteral("functionDescriptionLabel"));
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setStyleSheet(QStringLiteral("color: palette(mid);"));
    connect(m_functions, &QListWidget::currentItemChanged, this, &RegisterBenchmarkDialog::onCurrentFunctionChanged);

    auto *newJudge = new QPushButton(tr("New judge function…"), this);
    newJudge->setObjectName(QStringLiteral("newJudgeFunctionButton"));
    newJudge->setToolTip(tr("Register an LLM-as-judge scoring function of your own"));
    connect(newJudge, &QPushButton::clicked, this, &RegisterBenchmarkDialog::openJudgeFunctionDialog);

    m_ownParams->setObjectName(QStringLiteral("ownParamsCheck"));
    m_ownParams->setEnabled(false);
    connect(m_ownParams, &QCheckBox::toggled, this, [this](bool own) {
        const QListWidgetItem *item = m_functions->currentItem();
        if (item)
            setOwnParams(item->data(FnIdRole).toString(), own);
    });
    auto *none = new QLabel(tr("Select a scoring function to see its parameters."), m_paramsPages);
    none->setAlignment(Qt::AlignCenter);
    m_paramsPages->addWidget(none);
    auto *paramsScroll = new QScrollArea(this);
    paramsScroll->setWidgetResizable(true);
    paramsScroll->setFrameShape(QFrame::NoFrame);
    paramsScroll->setWidget(m_paramsPages);
    auto *paramsBox = new QGroupBox(tr("Parameters"), this);
    auto *paramsLayout = new QVBoxLayout(paramsBox);
    m_paramsTitle->setObjectName(QStringLiteral("paramsTitleLabel"));
    paramsLayout->addWidget(m_paramsTitle);
    paramsLayout->addWidget(m_ownParams);
    paramsLayout->addWidget(paramsScroll);

    m_metadata->setObjectName(QStringLiteral("benchmarkMetadataEdit"));
    m_metadata->setPlaceholderText(tr("optional JSON object, e.g. {\"description\": \"capital cities\"}"));
    m_metadata->setMaximumHeight(70);

    m_error->setObjectName(QStringLiteral("registerBenchmarkError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px;"));
    m_error->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RegisterBenchmarkDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RegisterBenchmarkDialog::reject);

    auto *functionsBox = new QWidget(this);
    auto *functionsLayout = new QVBoxLayout(functionsBox);
    functionsLayout->setContentsMargins(0, 0, 0, 0);
    functionsLayout->addWidget(m_functions);
    functionsLayout->addWidget(m_description);
    auto *functionsButtons = new QHBoxLayout;
    functionsButtons->addStretch();
    functionsButtons->addWidget(newJudge);
    functionsLayout->addLayout(functionsButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("Benchmark id:"), m_id);
    form->addRow(tr("Dataset:"), m_dataset);
    form->addRow(tr("Scoring functions:"), functionsBox);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(paramsBox, 1);
    auto *metadataForm = new QFormLayout;
    metadataForm->addRow(tr("Metadata:"), m_metadata);
    layout->addLayout(metadataForm);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_busy = new BusyOverlay(this);
    resize(640, 760);
    reload();
}

void RegisterBenchmarkDialog::reload()
{
    m_loadError.clear();
    m_pending = 2;
    m_busy->setText(tr("Loading…"));
    m_busy->start();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    loadDatasets();
    loadFunctions(QString());
}

void RegisterBenchmarkDialog::loadDatasets()
{
    api::onResult(m_api.listDatasets(), this, [this](const api::Result<api::ListDatasetsResponse> &r) {
        if (!r) {
            m_loadError = errorMessage(tr("Could not load the datasets."), r.error());
        } else {
            const QString kept = m_dataset->currentText();
            m_dataset->clear();
            QStringList ids;
            for (const api::Dataset &d : r->data)
                ids << toQString(d.identifier);
            ids.sort();
            m_dataset->addItems(ids);
            if (!kept.isEmpty())
                m_dataset->setCurrentText(kept);
        }
        finishLoad();
    });
}

void RegisterBenchmarkDialog::loadFunctions(const QString &checkAlso)
{
    api::onResult(m_api.listScoringFunctions(), this,
                  [this, checkAlso](const api::Result<api::ListScoringFunctionsResponse> &r) {
        if (!r) {
            m_loadError = errorMessage(tr("Could not load the scoring functions."), r.error());
            finishLoad();
            return;
        }
        QSet<QString> checked;
        for (int i = 0; i < m_functions->count(); ++i)
            if (m_functions->item(i)->checkState() == Qt::Checked)
                checked << m_functions->item(i)->data(FnIdRole).toString();
        if (!checkAlso.isEmpty())
            checked << checkAlso;
        const QString current = m_functions->currentItem() ? m_functions->currentItem()->data(FnIdRole).toString()
                                                           : checkAlso;
        m_functionDefs = r->data;
        const QSignalBlocker block(m_functions);
        m_functions->clear();
        for (const api::ScoringFn &fn : m_functionDefs) {
            const QString id = toQString(fn.identifier);
            auto *item = new QListWidgetItem(id, m_functions);
            item->setData(FnIdRole, id);
            item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            item->setCheckState(checked.contains(id) ? Qt::Checked : Qt::Unchecked);
            if (fn.description)
                item->setToolTip(toQString(*fn.description));
            if (id == current)
                m_functions->setCurrentItem(item);
        }
        onCurrentFunctionChanged();
        finishLoad();
    });
}

void RegisterBenchmarkDialog::finishLoad()
{
    if (m_pending > 0 && --m_pending > 0)
        return;
    m_busy->stop();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    if (!m_loadError.isEmpty())
        showError(m_loadError);
    Q_EMIT loaded();
}

const api::ScoringFn *RegisterBenchmarkDialog::function(const QString &fnId) const
{
    for (const api::ScoringFn &fn : m_functionDefs)
        if (toQString(fn.identifier) == fnId)
            return &fn;
    return nullptr;
}

void RegisterBenchmarkDialog::onCurrentFunctionChanged()
{
    const QListWidgetItem *item = m_functions->currentItem();
    if (!item) {
        m_description->clear();
        m_paramsTitle->clear();
        m_ownParams->setEnabled(false);
        m_paramsPages->setCurrentIndex(0);
        return;
    }
    showFunctionParams(item->data(FnIdRole).toString());
}

ScoringParamsEditor *RegisterBenchmarkDialog::showFunctionParams(const QString &fnId)
{
    const api::ScoringFn *fn = function(fnId);
    if (!fn)
        return nullptr;
    for (int i = 0; i < m_functions->count(); ++i)
        if (m_functions->item(i)->data(FnIdRole).toString() == fnId && m_functions->currentRow() != i) {
            const QSignalBlocker block(m_functions);
            m_functions->setCurrentRow(i);
        }
    m_description->setText(fn->description ? toQString(*fn->description) : tr("(no description)"));
    m_paramsTitle->setText(tr("Parameters of %1").arg(fnId));
    ScoringParamsEditor *&editor = m_editors[fnId];
    if (!editor) {
        editor = new ScoringParamsEditor(m_api, m_paramsPages);
        editor->setObjectName(QStringLiteral("paramsEditor:") + fnId);
        editor->setDefaults(fn->params);
        editor->setEnabled(m_own[fnId]);
        m_paramsPages->addWidget(editor);
    }
    m_paramsPages->setCurrentWidget(editor);
    const QSignalBlocker block(m_ownParams);
    m_ownParams->setEnabled(true);
    m_ownParams->setChecked(m_own[fnId]);
    return editor;
}

void RegisterBenchmarkDialog::setOwnParams(const QString &fnId, bool own)
{
    ScoringParamsEditor *editor = showFunctionParams(fnId);
    if (!editor)
        return;
    m_own[fnId] = own;
    editor->setEnabled(own);
    const QSignalBlocker block(m_ownParams);
    m_ownParams->setChecked(own);
}

void RegisterBenchmarkDialog::setBenchmarkId(const QString &id)
{
    m_id->setText(id);
}

bool RegisterBenchmarkDialog::setDatasetId(const QString &id)
{
    const int i = m_dataset->findText(id);
    if (i < 0)
        return false;
    m_dataset->setCurrentIndex(i);
    return true;
}

bool RegisterBenchmarkDialog::setFunctionChecked(const QString &fnId, bool checked)
{
    for (int i = 0; i < m_functions->count(); ++i) {
        QListWidgetItem *item = m_functions->item(i);
        if (item->data(FnIdRole).toString() == fnId) {
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            return true;
        }
    }
    return false;
}

QStringList RegisterBenchmarkDialog::listedFunctions() const
{
    QStringList out;
    for (int i = 0; i < m_functions->count(); ++i)
        out << m_functions->item(i)->data(FnIdRole).toString();
    return out;
}

QStringList RegisterBenchmarkDialog::datasetIds() const
{
    QStringList out;
    for (int i = 0; i < m_dataset->count(); ++i)
        out << m_dataset->itemText(i);
    return out;
}

void RegisterBenchmarkDialog::setMetadataText(const QString &text)
{
    m_metadata->setPlainText(text);
}

QString RegisterBenchmarkDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

std::variant<api::RegisterBenchmarkRequest, QString> RegisterBenchmarkDialog::buildRequest() const
{
    static const QRegularExpression space(QStringLiteral("\\s"));
    const QString id = m_id->text().trimmed();
    if (id.isEmpty())
        return tr("Enter an id for the benchmark.");
    if (id.contains(space))
        return tr("The benchmark id must not contain spaces.");
    if (m_dataset->currentText().isEmpty())
        return m_dataset->count() == 0 ? tr("There is no dataset to evaluate on: register one on the Datasets page.")
                                       : tr("Choose a dataset.");
    api::RegisterBenchmarkRequest request;
    request.benchmark_id = toStdString(id);
    request.dataset_id = toStdString(m_dataset->currentText());
    api::OrderedMap<api::ScoringFnParams> own;
    for (int i = 0; i < m_functions->count(); ++i) {
        const QListWidgetItem *item = m_functions->item(i);
        if (item->checkState() != Qt::Checked)
            continue;
        const QString fnId = item->data(FnIdRole).toString();
        request.scoring_functions.push_back(toStdString(fnId));
        const auto ownIt = m_own.find(fnId);
        const auto editorIt = m_editors.find(fnId);
        if (ownIt == m_own.end() || !ownIt->second || editorIt == m_editors.end())
            continue;
        auto params = editorIt->second->params();
        if (const auto *problem = std::get_if<QString>(&params))
            return tr("%1: %2").arg(fnId, *problem);
        own[toStdString(fnId)] = std::get<api::ScoringFnParams>(std::move(params));
    }
    if (request.scoring_functions.empty())
        return tr("Check at least one scoring function.");

    const ParsedRows metadata = parseObjectText(m_metadata->toPlainText());
    if (!metadata.ok())
        return tr("Metadata: %1").arg(metadata.error);
    request.metadata = metadata.rows.front();
    if (!own.empty())
        setBenchmarkScoringParams(request.metadata, own);
    return request;
}

JudgeFunctionDialog *RegisterBenchmarkDialog::openJudgeFunctionDialog()
{
    auto *dialog = new JudgeFunctionDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &JudgeFunctionDialog::functionRegistered, this, [this](const QString &fnId) {
        Q_EMIT functionRegistered(fnId);
        m_pending = 1;
        m_busy->start();
        loadFunctions(fnId); // listed and checked, ready to use
    });
    dialog->open();
    return dialog;
}

void RegisterBenchmarkDialog::accept()
{
    if (!isLoaded())
        return;
    auto built = buildRequest();
    if (const auto *problem = std::get_if<QString>(&built)) {
        showError(*problem);
        return;
    }
    m_error->hide();
    m_buttons->setEnabled(false);
    m_busy->setText(tr("Registering…"));
    m_busy->start();
    auto request = std::get<api::RegisterBenchmarkRequest>(std::move(built));
    const QString id = toQString(request.benchmark_id);
    api::onResult(m_api.registerBenchmark(std::move(request)), this, [this, id](const api::Result<void> &r) {
        m_buttons->setEnabled(true);
        m_busy->stop();
        if (!r) {
            showError(errorMessage(tr("The benchmark was not registered."), r.error()));
            return;
        }
        Q_EMIT benchmarkRegistered(id);
        QDialog::accept();
    });
}

void RegisterBenchmarkDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace wb::ui
