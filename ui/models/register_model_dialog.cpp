#include "register_model_dialog.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb::ui {

RegisterModelDialog::RegisterModelDialog(api::StackApi &api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_form(new QFormLayout)
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_error->setObjectName(QStringLiteral("registerModelError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px;"));
    m_error->hide();

    m_buttons->setObjectName(QStringLiteral("registerModelButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RegisterModelDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RegisterModelDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addStretch();
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_busy = new BusyOverlay(this);
    m_busy->setText(tr("Adding the model…"));
}

QString RegisterModelDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text(); // isHidden: also before show()
}

void RegisterModelDialog::accept()
{
    auto built = buildRequest();
    if (const auto *message = std::get_if<QString>(&built)) {
        showError(*message);
        return;
    }
    m_error->hide();
    setBusy(true);
    api::onResult(m_api.registerModel(std::get<api::RegisterModelRequest>(std::move(built))), this,
                  [this](const api::Result<api::Model> &r) {
                      setBusy(false);
                      if (!r) {
                          showError(errorMessage(tr("The model was not added."), r.error()));
                          return;
                      }
                      m_registered = r.value();
                      Q_EMIT modelRegistered(toQString(r->identifier));
                      QDialog::accept();
                  });
}

void RegisterModelDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void RegisterModelDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    busy ? m_busy->start() : m_busy->stop();
}

} // namespace wb::ui
