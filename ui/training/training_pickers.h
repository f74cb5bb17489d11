#pragma once

// The training form's dataset picker, loaded through the API: the registered datasets, optionally
// with a "(none)" entry (the validation dataset). Editable, so an id not listed yet can be typed;
// the choice is kept across reloads. (The model is picked with eval/model_picker.h's ModelPicker,
// limited to local models.)

#include "api/stack_api.h"

#include <QComboBox>

namespace wb::ui {

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
