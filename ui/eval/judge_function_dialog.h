#pragma once

// Registers a user-defined LLM-as-judge scoring function: id, description, and the judge params
// (model, prompt template with placeholders, score regexes, aggregations). Checked before sending;
// a failure from the backend is shown in the dialog, which stays open.

#include "api/stack_api.h"

#include <QDialog>

#include <variant>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace wb::ui {

class BusyOverlay;
class ScoringParamsEditor;

class JudgeFunctionDialog : public QDialog
{
    Q_OBJECT
public:
    JudgeFunctionDialog(api::StackApi &api, QWidget *parent);

    ScoringParamsEditor *paramsEditor() const { return m_params; }
    void setFunctionId(const QString &id);
    void setDescription(const QString &text);

    std::variant<api::RegisterScoringFunctionRequest, QString> buildRequest() const;
    QString errorText() const;

    void accept() override;

Q_SIGNALS:
    void functionRegistered(const QString &scoringFnId);

private:
    void showError(const QString &message);

    api::StackApi &m_api;
    QLineEdit *m_id;
    QLineEdit *m_description;
    ScoringParamsEditor *m_params;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    BusyOverlay *m_busy;
};

} // namespace wb::ui
