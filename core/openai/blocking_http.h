#pragma once

// One HTTP exchange that blocks the calling thread: a local QEventLoop and a QNetworkAccessManager
// of its own, so it works on any worker thread (QThreadPool, QtConcurrent) without an event loop
// running there, and never on the GUI thread.
//
// The body of a 2xx answer can be consumed as it arrives (onData), which is how streamed
// completions reach their sink while the tokens are generated. Cancelling aborts the request
// (the server sees the connection close); what arrived until then has been delivered.

#include "api/cancel.h"
#include "api/error.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace wb::openai {

struct HttpRequest
{
    QByteArray verb = "GET"; //!< GET or POST (with a JSON body)
    QUrl url;
    QByteArray body;
    std::string bearer;      //!< Authorization: Bearer ... when not empty (never logged)
    QString caFile;          //!< extra trusted CA (PEM) besides the system's
    int timeoutMs = 300'000;
    //! false: timeoutMs bounds the whole exchange; true: the longest silence between two reads.
    bool idleTimeout = false;
    QByteArray accept = "application/json";
    api::CancelToken cancel;
    //! Called with the bytes of a 2xx body as they arrive. Return false to stop (the request is
    //! aborted, the answer is then `stopped`). Without it the body is collected in HttpAnswer.
    std::function<bool(const QByteArray &)> onData;
    //! onData is used only for a 2xx answer of this content type (empty: any); otherwise the body
    //! is collected (a server that ignores "stream": true answers plain JSON).
    QByteArray onDataContentType;
};

struct HttpAnswer
{
    int status = 0;          //!< HTTP status; 0 with a transport error
    QByteArray contentType;  //!< lower case, without parameters
    QByteArray body;         //!< everything not handed to onData (error bodies always)
    std::optional<api::Error> transportError; //!< 502 no connection/TLS, 504 timeout, 400 config
    bool cancelled = false;  //!< the CancelToken fired
    bool stopped = false;    //!< onData returned false
};

HttpAnswer runHttp(const HttpRequest &request);

} // namespace wb::openai
