#include "model_picker.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "models/model_info.h"

#include "api/async.h"

#include <QLineEdit>
#include <QSettings>

namespace wb::ui {

ModelPicker::ModelPicker(api::StackApi &api, QWidget *parent, Scope scope)
    : QComboBox(parent)
    , m_api(api)
    , m_scope(scope)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(18);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    lineEdit()->setPlaceholderText(tr("model id"));
}

void ModelPicker::setHint(const QString &hint)
{
    m_hint = hint;
    if (m_error.isEmpty())
        setToolTip(m_hint);
}

void ModelPicker::refresh()
{
    const int generation = ++m_generation;
    m_loading = true;
    api::onResult(m_api.listModels(), this, [this, generation](const api::Result<api::OpenAIListModelsResponse> &r) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!r) {
            m_error = errorMessage(tr("Could not load the list of models."), r.error());
            setToolTip(m_error);
            Q_EMIT modelsLoaded();
            return;
        }
        m_error.clear();
        setToolTip(m_hint);
        const QString kept = modelId();
        QStringList ids;
        QHash<QString, ModelInfo> infos;
        for (const api::OpenAIModel &m : r->data) {
            const ModelInfo info = modelInfo(m);
            // A local rerank model runs in process only when it says which reranker
            // (metadata.reranker); cross-encoder folders found on disk have none and are refused.
            const bool listed = m_scope == Scope::RerankOnly
                                    ? info.modelType == QLatin1String("rerank") && info.error.isEmpty()
                                          && (!info.isLocal() || info.metadata.contains("reranker"))
                                    : info.canGenerate() && (m_scope == Scope::AnyProvider || info.isLocal());
            if (listed) {
                ids << info.id;
                infos.insert(info.id, info);
            }
        }
        m_infos = std::move(infos);
        ids.sort();
        // Refilling passes through an empty list; watchers (a form that revalidates on every
        // change) should see only the outcome, so the change is announced once at the end.
        QSignalBlocker blocker(this);
        clear();
        addItems(ids);
        // A remembered model that is gone is not brought back as typed text.
        const QString remembered = m_rememberKey.isEmpty() ? QString() : QSettings().value(m_rememberKey).toString();
        if (!kept.isEmpty())
            setModelId(kept);
        else if (!remembered.isEmpty() && ids.contains(remembered))
            setModelId(remembered);
        else if (!ids.isEmpty())
            setCurrentIndex(0);
        blocker.unblock();
        Q_EMIT currentTextChanged(currentText());
        Q_EMIT modelsLoaded();
    });
}

QString ModelPicker::modelId() const
{
    return currentText().trimmed();
}

void ModelPicker::setModelId(const QString &id)
{
    const int i = findText(id);
    if (i >= 0)
        setCurrentIndex(i);
    else
        setEditText(id);
}

} // namespace wb::ui

namespace wb::ui {

void ModelPicker::setRememberKey(const QString &key)
{
    m_rememberKey = key;
    if (!key.isEmpty())
        connect(this, &QComboBox::activated, this, &ModelPicker::rememberChoice, Qt::UniqueConnection);
}

const ModelInfo *ModelPicker::info(const QString &id) const
{
    const auto it = m_infos.constFind(id);
    return it == m_infos.cend() ? nullptr : &it.value();
}

void ModelPicker::rememberChoice()
{
    if (!m_rememberKey.isEmpty() && !modelId().isEmpty())
        QSettings().setValue(m_rememberKey, modelId());
}

} // namespace wb::ui
