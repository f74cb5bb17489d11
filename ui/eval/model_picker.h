#pragma once

// A combo box of the models that can generate (llms without a load error), loaded through the
// API. Editable, so a model that is not listed yet (a judge added later, a remote name) can still
// be typed; the typed text is kept across reloads. The eval page lists every such model; the
// training form asks for local ones only (endpoints cannot be fine-tuned here) and sets its own
// placeholder and hint.

#include "api/stack_api.h"

#include <QComboBox>

namespace wb::ui {

class ModelPicker : public QComboBox
{
    Q_OBJECT
public:
    enum class Scope {
        AnyProvider, //!< every model that can generate
        LocalOnly,   //!< only those of the "local" provider
    };

    ModelPicker(api::StackApi &api, QWidget *parent, Scope scope = Scope::AnyProvider);

    //! The tooltip once the list has loaded; a failed load shows its error instead. Use this
    //! rather than setToolTip(), which the next load overwrites.
    void setHint(const QString &hint);

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
    Scope m_scope;
    bool m_loading = false;
    int m_generation = 0;
    QString m_error;
    QString m_hint;
};

} // namespace wb::ui
