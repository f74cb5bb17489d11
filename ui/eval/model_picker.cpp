#include "model_picker.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "models/model_info.h"

#include "api/async.h"

#include <QLineEdit>

namespace wb::ui {

ModelPicker::ModelPicker(api::StackApi &api, QWidget *parent)
    : QComboBox(parent)
    , m_api(api)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(18);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    lineEdit()->setPlaceholderText(tr("model id"));
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
        setToolTip(QString());
        const QString kept = modelId();
        QStringList ids;
        for (const api::OpenAIModel &m : r->data) {
            const ModelInfo info = modelInfo(m);
            if (info.canGenerate())
                ids << info.id;
        }
        ids.sort();
        clear();
        addItems(ids);
        if (!kept.isEmpty())
            setModelId(kept);
        else if (!ids.isEmpty())
            setCurrentIndex(0);
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
