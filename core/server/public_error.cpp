#include "server/public_error.h"

#include <QLoggingCategory>
#include <QString>

namespace wb::server {

Q_LOGGING_CATEGORY(lcServerErrors, "wb.server")

api::Error publicError(api::Error e)
{
    if (e.status < 400 || e.status > 599)
        e.status = 500;
    if (e.status == 500) {
        qCWarning(lcServerErrors).noquote() << "internal error:" << QString::fromStdString(e.detail);
        e = api::Error::internal("Internal server error");
    }
    if (e.title.empty() || e.title == "Error")
        e.title = e.status == 405 ? "Method Not Allowed" : api::Error::titleForStatus(e.status);
    return e;
}

} // namespace wb::server
