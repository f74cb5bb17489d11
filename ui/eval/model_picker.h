#pragma once

// A combo box of the models that can generate (llms without a load error), loaded through the
// API. Editable, so a model that is not listed yet (a judge added later, a remote name) can still
// be typed; the typed text is kept across reloads. The eval page lists every such model; the
// training form asks for local ones only (endpoints cannot be fine-tuned here) and sets its own
// placeholder and hint. The rerank page lists rerank models instead, and remembers the last choice
// (QSettings, per picker key) as rerank playgrounds do, so the next session starts with it.

#include "api/stack_api.h"
#include "models/model_info.h"

#include <QComboBox>
#include <QHash>

namespace wb::ui {

class ModelPicker : public QComboBox
{
    Q_OBJECT
public:
    enum class Scope {
        AnyProvider, //!< every model that can generate
        LocalOnly,   //!< only those of the "local" provider
        RerankOnly,  //!< models of type rerank (any provider) instead of generating ones
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
    //! Keeps the chosen model under QSettings `key`: a load with nothing typed or chosen yet picks
    //! the remembered one (if listed), and choosing from the list or rememberChoice() stores it.
    void setRememberKey(const QString &key);
    //! Stores the current id under the remember key (when set and not empty).
    void rememberChoice();
    //! What the last load said about a listed model (its metadata, e.g. what a rerank score
    //! means); nullptr for a typed id that is not listed.
    const ModelInfo *info(const QString &id) const;
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
    QString m_rememberKey;
    QHash<QString, ModelInfo> m_infos;
};

} // namespace wb::ui
