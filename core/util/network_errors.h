#pragma once

// The one classification of QNetworkReply errors that both HTTP clients (core/remote and
// core/openai) need: "the server could not be reached" (a 502 to our callers, and worth a retry)
// as opposed to an answer that came back as an error.

#include <QNetworkReply>

namespace wb::util {

inline bool isConnectionError(QNetworkReply::NetworkError e)
{
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

} // namespace wb::util
