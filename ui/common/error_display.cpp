#include "error_display.h"

#include <QCoreApplication>
#include <QMessageBox>

namespace wb::ui {

namespace {

//! Translation context for the free functions of this file.
struct ErrorDisplayTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::ErrorDisplay)
};

//! The usual cause per status, so the user knows where to look (their input, the network, a bug).
QString hintFor(int status)
{
    switch (status) {
    case 400: return ErrorDisplayTr::tr("Check the input and try again.");
    case 404: return ErrorDisplayTr::tr("It may have been removed; try Refresh.");
    case 409: return ErrorDisplayTr::tr("Something with this id already exists with different content; choose another id.");
    case 413: return ErrorDisplayTr::tr("The input is too large.");
    case 501: return ErrorDisplayTr::tr("This backend does not support the operation.");
    case 502: return ErrorDisplayTr::tr("An upstream source (HTTP or Hugging Face) failed; check the address and the network.");
    case 504: return ErrorDisplayTr::tr("An upstream source did not answer in time; try again later.");
    default: return {};
    }
}

} // namespace

QString errorMessage(const api::Error &error)
{
    const QString title = error.title.empty() ? ErrorDisplayTr::tr("Error") : QString::fromStdString(error.title);
    QString text = ErrorDisplayTr::tr("%1 (%2): %3").arg(title).arg(error.status).arg(QString::fromStdString(error.detail));
    const QString hint = hintFor(error.status);
    if (!hint.isEmpty())
        text += QLatin1Char('\n') + hint;
    return text;
}

QString errorMessage(const QString &what, const api::Error &error)
{
    return what + QLatin1Char('\n') + errorMessage(error);
}

void showError(QWidget *parent, const QString &what, const api::Error &error)
{
    showError(parent, errorMessage(what, error));
}

void showError(QWidget *parent, const QString &message)
{
    // Window-modal and non-blocking: an error arriving from a finished future must not nest an
    // event loop inside the callback that reports it.
    auto *box = new QMessageBox(QMessageBox::Warning, ErrorDisplayTr::tr("Llama Stack Workbench"), message,
                                QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("errorMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace wb::ui
