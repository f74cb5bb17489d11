#pragma once

// What the two "add a model" dialogs share: the fields are checked before anything is sent, the
// registration runs asynchronously under a busy cover, and a failure is shown inside the dialog,
// which stays open so the user can correct the input. Subclasses only build the request.

#include "api/stack_api.h"

#include <QDialog>

#include <variant>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

namespace wb::ui {

class BusyOverlay;

class RegisterModelDialog : public QDialog
{
    Q_OBJECT
public:
    //! The request the fields describe, or a message saying what to correct.
    virtual std::variant<api::RegisterModelRequest, QString> buildRequest() const = 0;
    //! The registered model, after the dialog was accepted.
    const std::optional<api::Model> &registered() const { return m_registered; }
    //! The inline error (empty when none is shown).
    QString errorText() const;

    void accept() override;

Q_SIGNALS:
    void modelRegistered(const QString &modelId);

protected:
    RegisterModelDialog(api::StackApi &api, QWidget *parent);
    //! Subclasses add their rows here; the error line and the buttons follow it.
    QFormLayout *form() const { return m_form; }
    void showError(const QString &message);

private:
    void setBusy(bool busy);

    api::StackApi &m_api;
    QFormLayout *m_form;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    BusyOverlay *m_busy;
    std::optional<api::Model> m_registered;
};

} // namespace wb::ui
