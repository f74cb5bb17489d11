#include "openai/blocking_http.h"
#include "util/network_errors.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

namespace wb::openai {

namespace {

constexpr int kCancelPollMs = 20; //!< how often a running request looks at its CancelToken

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

QByteArray mediaType(const QNetworkReply *reply)
{
    const QByteArray header = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    return header.split(';').first().trimmed().toLower();
}

} // namespace

HttpAnswer runHttp(const HttpRequest &request)
{
    HttpAnswer answer;
    const QString where = QString::fromLatin1(request.verb) + QLatin1Char(' ')
                          + displayUrl(request.url);
    const QString scheme = request.url.scheme().toLower();
    if (!request.url.isValid() || request.url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        answer.transportError = api::Error::badRequest(
            "'" + displayUrl(request.url).toStdString() + "' is not an http:// or https:// URL");
        return answer;
    }

    QNetworkRequest nr(request.url);
    nr.setRawHeader("Accept", request.accept);
    nr.setHeader(QNetworkRequest::UserAgentHeader,
                 QByteArrayLiteral("LlamaStackWorkbench/" WB_VERSION));
    if (!request.bearer.empty())
        nr.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(request.bearer));
    if (!request.caFile.isEmpty()) {
#if QT_CONFIG(ssl)
        const auto extra = QSslCertificate::fromPath(request.caFile, QSsl::Pem,
                                                     QSslCertificate::PatternSyntax::FixedString);
        if (extra.isEmpty()) {
            answer.transportError = api::Error::badRequest(
                "CA file '" + request.caFile.toStdString()
                + "' cannot be read or holds no PEM certificate");
            return answer;
        }
        // setCaCertificates (not add...) so the system CAs are explicitly kept.
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
        nr.setSslConfiguration(config);
#else
        answer.transportError = api::Error::notImplemented("this build of Qt has no TLS support");
        return answer;
#endif
    }

    if (request.cancel.isCancelled()) {
        answer.cancelled = true;
        return answer;
    }

    // Everything below lives on this thread and dies with this call.
    QNetworkAccessManager nam;
    QEventLoop loop;
    QNetworkReply *reply = nullptr;
    if (request.verb == "POST") {
        nr.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply = nam.post(nr, request.body);
    } else {
        reply = nam.get(nr);
    }

    bool timedOut = false;
    QStringList tlsErrors;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, reply, [&] {
        timedOut = true;
        reply->abort();
    });
    QTimer cancelPoll;
    QObject::connect(&cancelPoll, &QTimer::timeout, reply, [&] {
        if (request.cancel.isCancelled()) {
            answer.cancelled = true;
            reply->abort();
        }
    });

    // Streams: 2xx bytes go to onData as they arrive (when the content type fits).
    auto streaming = [&] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return request.onData && status >= 200 && status < 300
               && (request.onDataContentType.isEmpty()
                   || mediaType(reply) == request.onDataContentType);
    };
    auto deliver = [&] {
        if (answer.stopped || answer.cancelled || !streaming())
            return;
        const QByteArray bytes = reply->readAll();
        if (!bytes.isEmpty() && !request.onData(bytes)) {
            answer.stopped = true;
            reply->abort();
        }
    };
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        if (request.idleTimeout)
            timeout.start(request.timeoutMs);
        deliver();
    });
#if QT_CONFIG(ssl)
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            tlsErrors << e.errorString();
    });
#endif
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);

    timeout.start(request.timeoutMs);
    cancelPoll.start(kCancelPollMs);
    if (!reply->isFinished())
        loop.exec();
    timeout.stop();
    cancelPoll.stop();

    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.contentType = mediaType(reply);
    if (!answer.stopped && !answer.cancelled && !timedOut) {
        if (streaming())
            deliver(); // whatever came with the end of the body
        else
            answer.body = reply->readAll();
    }

    const QNetworkReply::NetworkError err = reply->error();
    const bool transportFailure = err != QNetworkReply::NoError && int(err) < 200;
    if (timedOut) {
        answer.transportError = api::Error::make(
            504, where.toStdString() + " timed out after " + std::to_string(request.timeoutMs) + " ms"
                     + (request.idleTimeout ? " without data" : ""));
    } else if (answer.cancelled || answer.stopped) {
        // Our own abort: not an error.
    } else if (transportFailure || answer.status == 0) {
        if (err == QNetworkReply::SslHandshakeFailedError || !tlsErrors.isEmpty()) {
            const QString text = tlsErrors.isEmpty() ? reply->errorString()
                                                     : tlsErrors.join(QLatin1String("; "));
            answer.transportError = api::Error::badGateway("TLS error talking to "
                                                           + where.toStdString() + ": "
                                                           + text.toStdString());
        } else if (util::isConnectionError(err) && answer.status == 0) {
            answer.transportError = api::Error::badGateway(
                "cannot reach " + displayUrl(request.url).toStdString() + ": "
                + reply->errorString().toStdString());
        } else {
            answer.transportError = api::Error::badGateway(where.toStdString() + " failed: "
                                                           + reply->errorString().toStdString());
        }
    }
    delete reply;
    return answer;
}

} // namespace wb::openai
