#pragma once

// One blocking HTTP GET for engine worker threads, shared by HttpCache and the Hugging Face source.
//
// Worker threads have no running event loop, so each call creates its own QNetworkAccessManager
// and spins a local QEventLoop until the reply finishes. A QNetworkAccessManager belongs to the
// thread that created it, so sharing one across pool threads would be wrong; one per call costs a
// connection set-up, which is small next to a download or a page of rows.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <functional>

namespace wb::engine::http {

struct GetOptions
{
    //! Inactivity timeout: the request fails when no bytes arrive for this long. An overall limit
    //! would cut off large but healthy downloads.
    int timeoutMs = 30000;
    int64_t maxBytes = int64_t(4) << 30; //!< body limit, from Content-Length and while streaming
    QList<QPair<QByteArray, QByteArray>> headers; //!< extra request headers
};

struct GetResult
{
    enum class Outcome {
        Finished,   //!< an HTTP response arrived (any status); see httpStatus
        NetworkError, //!< no usable response: refused, DNS, TLS, reset...
        TimedOut,
        TooLarge,   //!< the body exceeded maxBytes (the body sink got a truncated stream)
        SinkFailed, //!< the body callback refused the data (disk full...)
    };
    Outcome outcome = Outcome::NetworkError;
    int httpStatus = 0;      //!< final status after redirects, 0 when none
    QByteArray reasonPhrase; //!< "Not Found"
    QString errorString;     //!< QNetworkReply's text for network errors
    QByteArray etag;
    QByteArray lastModified;
    QByteArray contentType;  //!< raw Content-Type header
    QByteArray errorBody;    //!< first bytes of a non-2xx body (for upstream error messages)

    bool isSuccess() const { return outcome == Outcome::Finished && httpStatus >= 200 && httpStatus < 300; }
};

//! Sink for a 2xx body, called as bytes arrive; return false to abort (→ Outcome::SinkFailed).
using BodySink = std::function<bool(const QByteArray &chunk)>;

//! Blocking GET with redirects (no less safe: never https → http). Non-2xx bodies are not passed
//! to the sink; up to 64 KiB of them land in errorBody.
GetResult blockingGet(const QByteArray &url, const GetOptions &options, const BodySink &sink);

//! "HTTP 404 Not Found" (reason phrase omitted when the server sent none).
QString statusText(const GetResult &r);

} // namespace wb::engine::http
