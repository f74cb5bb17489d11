#pragma once

// The training form's pickers, loaded through the API: the local models that can be trained
// (llms of the "local" provider without a load error; endpoints cannot be fine-tuned here) and
// the registered datasets, optionally with a "(none)" entry (the validation dataset). Both are
// editable, so an id not listed yet can be typed; the choice is kept across reloads.

#include "api/stack_api.h"

#include <QComboBox>

namespace wb::ui {

class LocalModelPicker : public QComboBox
{
    Q_OBJECT
public:
    LocalModelPicker(api::StackApi &api, QWidget *parent);

    void refresh();
    QString modelId() const;
    void setModelId(const QString &id);
    bool isLoading() const { return m_loading; }
    QString loadError() const { return m_error; }

Q_SIGNALS:
    void loaded();

private:
    api::StackApi &m_api;
    bool m_loading = false;
    int m_generation = 0;
    QString m_error;
};

class DatasetPicker : public QComboBox
{
    Q_OBJECT
public:
    //! `optional`: the first entry is "(none)", which datasetId() answers as empty.
    DatasetPicker(api::StackApi &api, bool optional, QWidget *parent);

    void refresh();
    QString datasetId() const;
    void setDatasetId(const QString &id); //!< empty: "(none)" (or nothing chosen)
    bool isLoading() const { return m_loading; }
    QString loadError() const { return m_error; }

Q_SIGNALS:
    void loaded();

private:
    api::StackApi &m_api;
    bool m_optional;
    bool m_loading = false;
    int m_generation = 0;
    QString m_error;
};

} // namespace wb::ui
