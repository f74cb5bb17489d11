#include "engine/sources/http_request.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>

namespace wb::engine::http {
namespace {

constexpr int kMaxErrorBody = 64 * 1024;

int statusOf(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

GetResult blockingGet(const QByteArray &url, const GetOptions &options, const BodySink &sink)
{
    GetResult result;

    // Created here, on the calling thread, and destroyed before returning: QNetworkAccessManager
    // and its replies are bound to the thread that made them.
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl::fromEncoded(url));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    // We validate ourselves (ETag/Last-Modified); Qt's own cache is not configured anyway.
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    for (const auto &[name, value] : options.headers)
        request.setRawHeader(name, value);

    QEventLoop loop;
    QTimer idleTimer;
    idleTimer.setSingleShot(true);

    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    bool decided = false; // outcome fixed by us (timeout, size, sink) before the reply finished
    int64_t received = 0;

    auto fail = [&](GetResult::Outcome outcome) {
        if (decided)
            return;
        decided = true;
        result.outcome = outcome;
        reply->abort(); // emits finished, which quits the loop
    };

    auto checkLength = [&] {
        const int status = statusOf(reply.get());
        if (status < 200 || status >= 300)
            return;
        bool ok = false;
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&ok);
        if (ok && length > options.maxBytes)
            fail(GetResult::Outcome::TooLarge);
    };

    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, checkLength);
    auto drain = [&] {
        if (decided)
            return;
        const int status = statusOf(reply.get());
        if (status >= 300 && status < 400)
            return; // a redirect's body: Qt follows the redirect and drops it
        const QByteArray chunk = reply->readAll();
        if (status >= 200 && status < 300) {
            received += chunk.size();
            if (received > options.maxBytes)
                return fail(GetResult::Outcome::TooLarge);
            if (sink && !sink(chunk))
                return fail(GetResult::Outcome::SinkFailed);
        } else if (status >= 400 && result.errorBody.size() < kMaxErrorBody) {
            result.errorBody += chunk.left(kMaxErrorBody - result.errorBody.size());
        }
    };
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, [&] {
        idleTimer.start(options.timeoutMs);
        drain();
    });
    QObject::connect(reply.get(), &QNetworkReply::downloadProgress, &loop,
                     [&] { idleTimer.start(options.timeoutMs); });
    QObject::connect(reply.get(), &QNetworkReply::uploadProgress, &loop,
                     [&] { idleTimer.start(options.timeoutMs); });
    QObject::connect(&idleTimer, &QTimer::timeout, &loop,
                     [&] { fail(GetResult::Outcome::TimedOut); });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);

    if (!reply->isFinished()) {
        idleTimer.start(options.timeoutMs);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    idleTimer.stop();

    // Data that arrived together with `finished` may not have been through readyRead yet.
    if (!decided && reply->bytesAvailable() > 0)
        drain();
    if (decided) {
        result.httpStatus = statusOf(reply.get());
        result.errorString = reply->errorString();
        return result;
    }

    result.httpStatus = statusOf(reply.get());
    result.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    result.etag = reply->rawHeader("ETag");
    result.lastModified = reply->rawHeader("Last-Modified");
    result.contentType = reply->rawHeader("Content-Type");
    result.errorString = reply->errorString();
    // Any HTTP status counts as an answer, even with reply->error() set (Qt maps 404 to an
    // error), except a 2xx whose body broke off (connection reset mid-transfer): that body is
    // truncated and must not be taken for the whole.
    const bool success = result.httpStatus >= 200 && result.httpStatus < 300;
    const bool broken = success && reply->error() != QNetworkReply::NoError;
    result.outcome = result.httpStatus > 0 && !broken ? GetResult::Outcome::Finished
                                                      : GetResult::Outcome::NetworkError;
    return result;
}

QString statusText(const GetResult &r)
{
    QString s = QStringLiteral("HTTP %1").arg(r.httpStatus);
    if (!r.reasonPhrase.isEmpty())
        s += QLatin1Char(' ') + QString::fromLatin1(r.reasonPhrase);
    return s;
}

} // namespace wb::engine::http
