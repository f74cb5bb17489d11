#pragma once

// A combo box of the models that can generate (llms without a load error), loaded through the
// API. Editable, so a model that is not listed yet (a judge added later, a remote name) can still
// be typed; the typed text is kept across reloads.

#include "api/stack_api.h"

#include <QComboBox>

namespace wb::ui {

class ModelPicker : public QComboBox
{
    Q_OBJECT
public:
    ModelPicker(api::StackApi &api, QWidget *parent);

    //! Reloads the list; modelsLoaded() follows (also on error, with the error as tooltip).
    void refresh();
    QString modelId() const;
    void setModelId(const QString &id);
    bool isLoading() const { return m_loading; }
    //! Empty when the last load worked.
    QString loadError() const { return m_error; }

Q_SIGNALS:
    void modelsLoaded();

private:
    api::StackApi &m_api;
    bool m_loading = false;
    int m_generation = 0;
    QString m_error;
};

} // namespace wb::ui
