#include "training_pickers.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QLineEdit>

namespace wb::ui {

DatasetPicker::DatasetPicker(api::StackApi &api, bool optional, QWidget *parent)
    : QComboBox(parent)
    , m_api(api)
    , m_optional(optional)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(12);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    lineEdit()->setPlaceholderText(tr("dataset id"));
    if (m_optional)
        addItem(tr("(none)"));
}

void DatasetPicker::refresh()
{
    const int generation = ++m_generation;
    m_loading = true;
    api::onResult(m_api.listDatasets(), this, [this, generation](const api::Result<api::ListDatasetsResponse> &r) {
        if (generation != m_generation)
            return;
        m_loading = false;
        if (!r) {
            m_error = errorMessage(tr("Could not load the list of datasets."), r.error());
            setToolTip(m_error);
            Q_EMIT loaded();
            return;
        }
        m_error.clear();
        setToolTip(QString());
        const QString kept = datasetId();
        QStringList ids;
        for (const api::Dataset &d : r->data)
            ids << toQString(d.identifier);
        ids.sort();
        QSignalBlocker blocker(this);
        clear();
        if (m_optional)
            addItem(tr("(none)"));
        addItems(ids);
        if (!kept.isEmpty())
            setDatasetId(kept);
        else if (m_optional)
            setCurrentIndex(0);
        else if (!ids.isEmpty())
            setCurrentIndex(0);
        blocker.unblock();
        Q_EMIT currentTextChanged(currentText());
        Q_EMIT loaded();
    });
}

QString DatasetPicker::datasetId() const
{
    const QString text = currentText().trimmed();
    if (m_optional && (text.isEmpty() || text == itemText(0)))
        return {};
    return text;
}

void DatasetPicker::setDatasetId(const QString &id)
{
    if (id.isEmpty()) {
        if (m_optional)
            setCurrentIndex(0);
        else
            setEditText(QString());
        return;
    }
    const int i = findText(id);
    if (i >= 0)
        setCurrentIndex(i);
    else
        setEditText(id);
}

} // namespace wb::ui
