#include "remote_client.h"
#include "remote/remote_client_p.h"
#include "util/network_errors.h"

#include "remote/remote_inference.h"

#include "api/async.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#endif

#include <algorithm>
#include <functional>
#include <set>
#include <unordered_set>

namespace wb::remote {

using namespace wb::api;

namespace {

constexpr int kMaxRetryAfterMs = 10000;   //!< a Retry-After longer than this is capped
constexpr int kMaxBackoffMs = 30000;
constexpr int64_t kStatsPageSize = 1000;  //!< iterrows page size of the datasetStats fallback
constexpr int kErrorSnippetChars = 200;   //!< how much of a non-JSON error body goes in the detail
constexpr int kCancelPollMs = 20;         //!< how often a cancellable call looks at its CancelToken

using detail::Answer;
using detail::decode;
using detail::encodeId;
using detail::Verb;

const char *verbName(Verb v)
{
    switch (v) {
    case Verb::Get: return "GET";
    case Verb::Post: return "POST";
    case Verb::Delete: return "DELETE";
    }
    return "";
}

using AnswerHandler = std::function<void(const Answer &)>;

//! One logical request on the network thread (several attempts when retried).
struct Call
{
    Verb verb = Verb::Get;
    QByteArray pathAndQuery; //!< percent-encoded, starting with '/'
    QByteArray body;         //!< POST only
    AnswerHandler done;
    int attempt = 0; //!< 0 for the first try
    int timeoutMs = -1; //!< -1: RemoteOptions::timeoutMs; 0: none
    std::optional<CancelToken> cancel;
    QTimer *cancelPoll = nullptr; //!< watches `cancel` while the call runs
    QPointer<QNetworkReply> reply;
    QTimer *retryTimer = nullptr;
    QStringList tlsErrors;
    bool finished = false;
};

std::string snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body).trimmed();
    if (text.size() > kErrorSnippetChars)
        text = text.left(kErrorSnippetChars);
    return text.toStdString();
}

//! Upstream validation errors come as {"errors":[{"loc":["body","purpose"],"msg":"...",...}]}
//! (or FastAPI's plain list). Turn them into "purpose: msg; ..." like our own 400s.
std::string readableDetail(const std::string &detail)
{
    const Json j = Json::parse(detail, nullptr, false);
    if (j.is_discarded())
        return detail;
    const Json *errors = nullptr;
    if (j.is_object() && j.contains("errors") && j["errors"].is_array())
        errors = &j["errors"];
    else if (j.is_array())
        errors = &j;
    if (!errors || errors->empty())
        return detail;
    std::string out;
    for (const Json &e : *errors) {
        if (!e.is_object() || !e.contains("msg"))
            return detail;
        std::string path;
        if (e.contains("loc") && e["loc"].is_array()) {
            const Json &loc = e["loc"];
            for (size_t i = 0; i < loc.size(); ++i) {
                if (i == 0 && loc[i].is_string()) {
                    const auto first = loc[i].get<std::string>();
                    if (first == "body" || first == "query" || first == "path")
                        continue;
                }
                if (loc[i].is_number_integer())
                    path = indexPath(path, loc[i].get<size_t>());
                else if (loc[i].is_string())
                    path = joinPath(path, loc[i].get<std::string>());
            }
        }
        const std::string msg = e["msg"].is_string() ? e["msg"].get<std::string>() : e["msg"].dump();
        out += out.empty() ? "" : "; ";
        out += path.empty() ? msg : path + ": " + msg;
    }
    return out;
}

//! The body as an Error (spec or upstream shape); nullopt when it is not one. (parse<Error> does
//! not exist: Result<Error> would be ambiguous.)
std::optional<Error> errorBody(const QByteArray &body)
{
    const Json j = Json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return std::nullopt;
    try {
        Error e;
        fromJson(j, e, {});
        return e;
    } catch (const JsonError &) {
    } catch (const nlohmann::json::exception &) {
    }
    return std::nullopt;
}

//! Maps a non-2xx HTTP answer onto an Error carrying the HTTP status.
Error errorFromHttp(int status, const QByteArray &body)
{
    Error e = Error::make(status, {});
    if (const auto parsed = errorBody(body)) {
        if (parsed->status == status && !parsed->title.empty())
            e.title = parsed->title;
        e.detail = readableDetail(parsed->detail);
    }
    if (e.detail.empty()) {
        e.detail = body.trimmed().isEmpty()
                       ? "the server answered HTTP " + std::to_string(status) + " with an empty body"
                       : snippet(body);
    }
    return e;
}

} // namespace

std::optional<Error> detail::answerError(const Answer &a)
{
    if (a.transportError)
        return a.transportError;
    if (a.status >= 200 && a.status < 300)
        return std::nullopt;
    return errorFromHttp(a.status, a.body);
}

QByteArray detail::encodeId(const std::string &id)
{
    return QUrl::toPercentEncoding(QString::fromStdString(id), "/");
}

std::optional<Error> detail::checkId(const std::string &id, const char *what)
{
    if (id.empty())
        return Error::badRequest(std::string(what) + ": must not be empty");
    return std::nullopt;
}

namespace {

using detail::answerError;
using detail::checkId;

//! Any 2xx is success for a void call: 204, 200 with no body, 200 `null` (or anything else).
Result<void> decodeVoid(const Answer &a)
{
    if (auto e = answerError(a))
        return *e;
    return {};
}

template<typename T>
void fulfil(QPromise<Result<T>> &promise, Result<T> value)
{
    promise.addResult(std::move(value));
    promise.finish();
}

bool isRetryableStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

//! Retry-After in ms (seconds or an HTTP date), capped; -1 when absent or unreadable.
int retryAfterMs(const QNetworkReply *reply)
{
    if (!reply->hasRawHeader("Retry-After"))
        return -1;
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    bool ok = false;
    const qlonglong seconds = value.toLongLong(&ok);
    if (ok)
        return int(std::clamp<qlonglong>(seconds * 1000, 0, kMaxRetryAfterMs));
    // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); Qt's RFC 2822 parser wants "+0000".
    QString date = QString::fromLatin1(value);
    if (date.endsWith(QLatin1String(" GMT")))
        date = date.chopped(4) + QLatin1String(" +0000");
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (when.isValid())
        return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().msecsTo(when), 0,
                                      kMaxRetryAfterMs));
    return -1;
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

//! "csv", "jsonl", "rows", "huggingface", ... guessed from a source, for the stats fallback.
std::string formatOf(const DataSource &source)
{
    if (std::holds_alternative<RowsDataSource>(source))
        return "rows";
    const std::string &uri = std::get<UriDataSource>(source).uri;
    const QString u = QString::fromStdString(uri);
    if (u.startsWith(QLatin1String("huggingface"), Qt::CaseInsensitive))
        return "huggingface";
    if (u.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
        const QString mime = u.mid(5).section(QLatin1Char(','), 0, 0).section(QLatin1Char(';'), 0, 0);
        const QString sub = mime.section(QLatin1Char('/'), -1).toLower();
        return sub.isEmpty() ? std::string("data") : sub.toStdString();
    }
    QString path = u.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
    path = path.section(QLatin1Char('/'), -1);
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? std::string() : path.mid(dot + 1).toLower().toStdString();
}

// --- the network thread --------------------------------------------------------------------------

//! Owns the QNetworkAccessManager; every method runs on the network thread.
class Transport
{
public:
    Transport(QObject *context, QByteArray baseEncoded, const RemoteOptions &options)
        : m_context(context), m_base(std::move(baseEncoded)), m_options(options)
    {
        m_baseDisplay = displayUrl(QUrl::fromEncoded(m_base)).toStdString();
    }

#if QT_CONFIG(ssl)
    void setSslConfiguration(const QSslConfiguration &config)
    {
        m_ssl = config;
        m_hasSsl = true;
    }
#endif

    void init() { m_nam = new QNetworkAccessManager(m_context); }

    //! Starts a request; `done` runs exactly once, on this thread.
    void send(Verb verb, QByteArray pathAndQuery, QByteArray body, AnswerHandler done,
              detail::SendOptions options = {})
    {
        auto call = std::make_shared<Call>();
        call->verb = verb;
        call->pathAndQuery = std::move(pathAndQuery);
        call->body = std::move(body);
        call->done = std::move(done);
        call->timeoutMs = options.timeoutMs;
        call->cancel = std::move(options.cancel);
        m_calls.insert(call);
        if (m_shuttingDown || !m_nam) {
            complete(call, cancelled());
            return;
        }
        if (call->cancel) {
            // CancelToken is a flag: look at it while the call runs.
            call->cancelPoll = new QTimer(m_context);
            QObject::connect(call->cancelPoll, &QTimer::timeout, m_context, [this, call] {
                if (call->cancel->isCancelled())
                    abortCancelled(call);
            });
            call->cancelPoll->start(kCancelPollMs);
            if (call->cancel->isCancelled()) {
                abortCancelled(call);
                return;
            }
        }
        issue(call);
    }

    //! Aborts everything in flight; every pending call completes with a "cancelled" error.
    void shutdown()
    {
        m_shuttingDown = true;
        const auto calls = m_calls;
        for (const auto &call : calls) {
            if (call->retryTimer) {
                delete call->retryTimer;
                call->retryTimer = nullptr;
            }
            if (call->reply)
                call->reply->abort(); // finished → onFinished → complete(cancelled)
            complete(call, cancelled()); // no-op when already completed
        }
        delete m_nam;
        m_nam = nullptr;
    }

private:
    //! The caller cancelled: answer at once, then abort the request (its finished signal is then
    //! ignored, the call being complete).
    void abortCancelled(const std::shared_ptr<Call> &call)
    {
        Answer a;
        a.transportError = Error::cancelled("the request was cancelled");
        const QPointer<QNetworkReply> reply = call->reply;
        complete(call, std::move(a));
        if (reply)
            reply->abort();
    }

    Answer cancelled() const
    {
        Answer a;
        a.transportError = Error::internal("call was cancelled: the remote client for " + m_baseDisplay
                                           + " was closed");
        return a;
    }

    void issue(const std::shared_ptr<Call> &call)
    {
        QByteArray encoded = m_base;
        encoded += call->pathAndQuery;
        const QUrl url = QUrl::fromEncoded(encoded, QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setTransferTimeout(call->timeoutMs >= 0 ? call->timeoutMs : m_options.timeoutMs);
        request.setRawHeader("Accept", "application/json");
        request.setHeader(QNetworkRequest::UserAgentHeader,
                          QByteArrayLiteral("LlamaStackWorkbench/" WB_VERSION));
        if (!m_options.token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_options.token.toUtf8());
#if QT_CONFIG(ssl)
        if (m_hasSsl)
            request.setSslConfiguration(m_ssl);
#endif
        QNetworkReply *reply = nullptr;
        switch (call->verb) {
        case Verb::Get:
            reply = m_nam->get(request);
            break;
        case Verb::Delete:
            reply = m_nam->deleteResource(request);
            break;
        case Verb::Post:
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            reply = m_nam->post(request, call->body);
            break;
        }
        call->reply = reply;
        call->tlsErrors.clear();
#if QT_CONFIG(ssl)
        QObject::connect(reply, &QNetworkReply::sslErrors, m_context,
                         [call](const QList<QSslError> &errors) {
                             for (const QSslError &e : errors)
                                 call->tlsErrors << e.errorString();
                         });
#endif
        QObject::connect(reply, &QNetworkReply::finished, m_context,
                         [this, call, reply] { onFinished(call, reply); });
    }

    void onFinished(const std::shared_ptr<Call> &call, QNetworkReply *reply)
    {
        reply->deleteLater();
        if (call->reply == reply)
            call->reply = nullptr;
        if (call->finished)
            return;
        if (m_shuttingDown) {
            complete(call, cancelled());
            return;
        }

        const std::string where = std::string(verbName(call->verb)) + " "
                                  + displayUrl(reply->url()).toStdString();
        const QNetworkReply::NetworkError err = reply->error();
        const bool transportFailure = err != QNetworkReply::NoError && int(err) < 200;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();

        if (!transportFailure && status > 0) {
            if (isRetryableStatus(status) && canRetry(*call)) {
                scheduleRetry(call, retryAfterMs(reply));
                return;
            }
            Answer a;
            a.status = status;
            a.body = reply->readAll();
            complete(call, std::move(a));
            return;
        }

        Answer a;
        if (err == QNetworkReply::OperationCanceledError || err == QNetworkReply::TimeoutError) {
            // Our own aborts happen at shutdown (handled above) and on cancel (the call is then
            // complete already), so this is the transfer timeout. Not retried: see the header.
            a.transportError = Error::make(504, where + " timed out after "
                                                    + std::to_string(call->timeoutMs >= 0
                                                                         ? call->timeoutMs
                                                                         : m_options.timeoutMs)
                                                    + " ms");
        } else if (err == QNetworkReply::SslHandshakeFailedError || !call->tlsErrors.isEmpty()) {
            const QString text = call->tlsErrors.isEmpty() ? reply->errorString()
                                                           : call->tlsErrors.join(QLatin1String("; "));
            a.transportError = Error::badGateway("TLS error talking to " + where + ": "
                                                 + text.toStdString());
        } else if (util::isConnectionError(err)) {
            if (canRetry(*call)) {
                scheduleRetry(call, -1);
                return;
            }
            a.transportError = Error::badGateway("cannot reach " + displayUrl(reply->url()).toStdString()
                                                 + ": " + reply->errorString().toStdString());
        } else {
            a.transportError = Error::badGateway(where + " failed: " + reply->errorString().toStdString());
        }
        complete(call, std::move(a));
    }

    bool canRetry(const Call &call) const
    {
        return call.verb != Verb::Post && call.attempt < m_options.maxRetries && !m_shuttingDown;
    }

    void scheduleRetry(const std::shared_ptr<Call> &call, int retryAfter)
    {
        int delay = retryAfter;
        if (delay < 0) {
            const qint64 base = std::max(0, m_options.retryBaseDelayMs);
            const qint64 backoff = std::min<qint64>(base << std::min(call->attempt, 16), kMaxBackoffMs);
            delay = int(backoff + QRandomGenerator::global()->bounded(backoff / 2 + 1));
        }
        ++call->attempt;
        auto *timer = new QTimer(m_context);
        timer->setSingleShot(true);
        call->retryTimer = timer;
        QObject::connect(timer, &QTimer::timeout, m_context, [this, call, timer] {
            call->retryTimer = nullptr;
            timer->deleteLater();
            if (call->finished)
                return;
            if (m_shuttingDown || !m_nam)
                complete(call, cancelled());
            else
                issue(call);
        });
        timer->start(delay);
    }

    void complete(const std::shared_ptr<Call> &call, Answer answer)
    {
        if (call->finished)
            return;
        call->finished = true;
        m_calls.erase(call);
        if (call->cancelPoll) {
            call->cancelPoll->deleteLater(); // may be the sender of the signal we are in
            call->cancelPoll = nullptr;
        }
        if (call->retryTimer) {
            call->retryTimer->deleteLater();
            call->retryTimer = nullptr;
        }
        AnswerHandler done = std::move(call->done);
        done(answer);
    }

    QObject *m_context;
    QNetworkAccessManager *m_nam = nullptr;
    const QByteArray m_base; //!< encoded base URL without a trailing slash
    const RemoteOptions m_options;
    std::string m_baseDisplay;
#if QT_CONFIG(ssl)
    QSslConfiguration m_ssl;
    bool m_hasSsl = false;
#endif
    bool m_shuttingDown = false;
    std::set<std::shared_ptr<Call>> m_calls;
};

//! The datasetStats fallback for servers without the extension; runs on the network thread.
class StatsFallback : public std::enable_shared_from_this<StatsFallback>
{
public:
    StatsFallback(Transport *transport, std::string datasetId,
                  std::shared_ptr<QPromise<Result<DatasetStats>>> promise)
        : m_transport(transport), m_id(std::move(datasetId)), m_encoded(encodeId(m_id)),
          m_promise(std::move(promise))
    {
        m_stats.dataset_id = m_id;
    }

    void start()
    {
        auto self = shared_from_this();
        m_transport->send(Verb::Get, "/v1beta/x-workbench/dataset-stats/" + m_encoded, {},
                          [self](const Answer &a) { self->onExtension(a); });
    }

private:
    //! Our server answers an unknown id with an Error naming it; an upstream server without the
    //! route answers {"detail":"Not Found"} (and a proxy might answer anything else).
    bool namesDataset(const Answer &a) const
    {
        const auto e = errorBody(a.body);
        return e && e->detail != "Not Found" && e->detail.find(m_id) != std::string::npos;
    }

    void onExtension(const Answer &a)
    {
        if (!a.transportError && a.status == 404 && !namesDataset(a)) {
            fetchDataset();
            return;
        }
        fulfil(*m_promise, decode<DatasetStats>(a, "dataset stats"));
    }

    void fetchDataset()
    {
        auto self = shared_from_this();
        m_transport->send(Verb::Get, "/v1beta/datasets/" + m_encoded, {}, [self](const Answer &a) {
            Result<Dataset> dataset = decode<Dataset>(a, "dataset");
            if (!dataset) {
                fulfil(*self->m_promise, Result<DatasetStats>(dataset.error()));
                return;
            }
            self->m_stats.format = formatOf(dataset->source);
            self->fetchPage();
        });
    }

    void fetchPage()
    {
        auto self = shared_from_this();
        const QByteArray path = "/v1beta/datasetio/iterrows/" + m_encoded + "?start_index="
                                + QByteArray::number(qint64(m_next))
                                + "&limit=" + QByteArray::number(qint64(kStatsPageSize));
        m_transport->send(Verb::Get, path, {}, [self](const Answer &a) {
            Result<PaginatedResponse> page = decode<PaginatedResponse>(a, "iterrows");
            if (!page) {
                fulfil(*self->m_promise, Result<DatasetStats>(page.error()));
                return;
            }
            for (const JsonObject &row : page->data) {
                if (!row.value.is_object())
                    continue;
                for (auto it = row.value.begin(); it != row.value.end(); ++it) {
                    if (self->m_seen.insert(it.key()).second)
                        self->m_stats.columns.push_back(it.key());
                }
            }
            const auto n = int64_t(page->data.size());
            self->m_stats.row_count += n;
            self->m_next += n;
            if (page->has_more && n > 0)
                self->fetchPage();
            else
                fulfil(*self->m_promise, Result<DatasetStats>(std::move(self->m_stats)));
        });
    }

    Transport *m_transport;
    const std::string m_id;
    const QByteArray m_encoded;
    std::shared_ptr<QPromise<Result<DatasetStats>>> m_promise;
    DatasetStats m_stats;
    std::unordered_set<std::string> m_seen;
    int64_t m_next = 0;
};

} // namespace

// --- RemoteClient --------------------------------------------------------------------------------

class RemoteClient::Private
{
public:
    RemoteOptions options;
    std::optional<Error> configError; //!< every call fails with it (bad URL, unreadable CA file)
    std::string description;
    QThread thread;
    QObject *context = nullptr;        //!< lives on `thread`; parent of the QNAM
    std::unique_ptr<Transport> transport; //!< used on `thread` only
    std::unique_ptr<RemoteInference> inference; //!< chat/completions, on its own pool

    template<typename F>
    void post(F &&f)
    {
        QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
    }

    template<typename T>
    QFuture<Result<T>> call(Verb verb, QByteArray path, QByteArray body, const char *what)
    {
        if (configError)
            return readyResult<T>(*configError);
        auto promise = std::make_shared<QPromise<Result<T>>>();
        promise->start();
        QFuture<Result<T>> future = promise->future();
        Transport *t = transport.get();
        post([t, verb, path, body, promise, what] {
            t->send(verb, path, body, [promise, what](const Answer &a) {
                fulfil(*promise, decode<T>(a, what));
            });
        });
        return future;
    }

    QFuture<Result<void>> callVoid(Verb verb, QByteArray path, QByteArray body)
    {
        if (configError)
            return readyResult<void>(*configError);
        auto promise = std::make_shared<QPromise<Result<void>>>();
        promise->start();
        QFuture<Result<void>> future = promise->future();
        Transport *t = transport.get();
        post([t, verb, path, body, promise] {
            t->send(verb, path, body,
                    [promise](const Answer &a) { fulfil(*promise, decodeVoid(a)); });
        });
        return future;
    }
};

QFuture<Answer> detail::send(RemoteClient::Private &client, Verb verb, QByteArray pathAndQuery,
                             QByteArray body, SendOptions options)
{
    auto promise = std::make_shared<QPromise<Answer>>();
    promise->start();
    QFuture<Answer> future = promise->future();
    if (client.configError) {
        Answer a;
        a.transportError = client.configError;
        promise->addResult(std::move(a));
        promise->finish();
        return future;
    }
    Transport *t = client.transport.get();
    client.post([t, verb, pathAndQuery = std::move(pathAndQuery), body = std::move(body), promise,
                 options = std::move(options)]() mutable {
        t->send(
            verb, std::move(pathAndQuery), std::move(body),
            [promise](const Answer &a) {
                promise->addResult(a);
                promise->finish();
            },
            std::move(options));
    });
    return future;
}

namespace {

QByteArray jsonBody(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

} // namespace

RemoteClient::RemoteClient(RemoteOptions options) : d(std::make_unique<Private>())
{
    d->options = std::move(options);
    // The base without query, fragment and trailing slashes ("http://h:8321/" → "http://h:8321"),
    // so paths can be appended as they are.
    QUrl base = d->options.baseUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    QString basePath = base.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    base.setPath(basePath, QUrl::TolerantMode);
    d->description = base.adjusted(QUrl::RemoveUserInfo).toString().toStdString();
    const QString scheme = base.scheme().toLower();
    if (!base.isValid() || base.host().isEmpty() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        d->configError = Error::badRequest("server URL '" + d->options.baseUrl.toDisplayString().toStdString()
                                           + "' is not an http:// or https:// URL");
    }

    const QByteArray baseEncoded = base.toEncoded();

    d->thread.setObjectName(QStringLiteral("RemoteClient"));
    d->thread.start();
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    d->transport = std::make_unique<Transport>(d->context, baseEncoded, d->options);

#if QT_CONFIG(ssl)
    if (!d->options.caFile.isEmpty()) {
        const auto extra = QSslCertificate::fromPath(d->options.caFile, QSsl::Pem,
                                                     QSslCertificate::PatternSyntax::FixedString);
        if (extra.isEmpty()) {
            d->configError = Error::badRequest("CA file '" + d->options.caFile.toStdString()
                                               + "' cannot be read or holds no PEM certificate");
        } else {
            // setCaCertificates (not add...) so the system CAs are explicitly kept.
            QSslConfiguration config = QSslConfiguration::defaultConfiguration();
            config.setCaCertificates(QSslConfiguration::systemCaCertificates() + extra);
            d->transport->setSslConfiguration(config);
        }
    }
#else
    if (!d->options.caFile.isEmpty())
        d->configError = Error::notImplemented("this build of Qt has no TLS support");
#endif

    Transport *t = d->transport.get();
    d->post([t] { t->init(); });

    // The OpenAI-compatible endpoints of a Llama Stack server live under /v1.
    openai::Endpoint endpoint;
    endpoint.baseUrl = QUrl::fromEncoded(baseEncoded + "/v1");
    endpoint.apiKey = d->options.token.toStdString();
    endpoint.caFile = d->options.caFile;
    endpoint.timeoutMs = d->options.timeoutMs;
    d->inference = std::make_unique<RemoteInference>(std::move(endpoint), d->configError);
}

RemoteClient::~RemoteClient()
{
    d->inference.reset(); // cancels generations in flight and waits for them
    Transport *t = d->transport.get();
    QMetaObject::invokeMethod(d->context, [t] { t->shutdown(); }, Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
    // The thread has finished, so deleting its object from here is safe. Calls posted after the
    // shutdown are dropped with it; their promises are destroyed unfinished, which cancels them.
    delete d->context;
    d->context = nullptr;
}

const RemoteOptions &RemoteClient::options() const
{
    return d->options;
}

QFuture<Result<HealthInfo>> RemoteClient::health()
{
    return d->call<HealthInfo>(Verb::Get, "/v1/health", {}, "health");
}

QFuture<Result<VersionInfo>> RemoteClient::version()
{
    return d->call<VersionInfo>(Verb::Get, "/v1/version", {}, "version");
}

std::string RemoteClient::describe() const
{
    return d->description;
}

QFuture<Result<Dataset>> RemoteClient::registerDataset(RegisterDatasetRequest request)
{
    return d->call<Dataset>(Verb::Post, "/v1beta/datasets", jsonBody(toJson(request)), "dataset");
}

QFuture<Result<Dataset>> RemoteClient::getDataset(std::string datasetId)
{
    if (auto e = checkId(datasetId))
        return readyResult<Dataset>(*e);
    return d->call<Dataset>(Verb::Get, "/v1beta/datasets/" + encodeId(datasetId), {}, "dataset");
}

QFuture<Result<ListDatasetsResponse>> RemoteClient::listDatasets()
{
    return d->call<ListDatasetsResponse>(Verb::Get, "/v1beta/datasets", {}, "dataset list");
}

QFuture<Result<void>> RemoteClient::unregisterDataset(std::string datasetId)
{
    if (auto e = checkId(datasetId))
        return readyResult<void>(*e);
    return d->callVoid(Verb::Delete, "/v1beta/datasets/" + encodeId(datasetId), {});
}

QFuture<Result<PaginatedResponse>> RemoteClient::iterrows(std::string datasetId,
                                                          std::optional<int64_t> startIndex,
                                                          std::optional<int64_t> limit)
{
    if (auto e = checkId(datasetId))
        return readyResult<PaginatedResponse>(*e);
    QByteArray path = "/v1beta/datasetio/iterrows/" + encodeId(datasetId);
    char sep = '?';
    if (startIndex) {
        path += sep + QByteArray("start_index=") + QByteArray::number(qint64(*startIndex));
        sep = '&';
    }
    if (limit)
        path += sep + QByteArray("limit=") + QByteArray::number(qint64(*limit));
    return d->call<PaginatedResponse>(Verb::Get, std::move(path), {}, "iterrows");
}

QFuture<Result<void>> RemoteClient::appendRows(std::string datasetId, std::vector<JsonObject> rows)
{
    if (auto e = checkId(datasetId))
        return readyResult<void>(*e);
    AppendRowsRequest request;
    request.rows = std::move(rows);
    return d->callVoid(Verb::Post, "/v1beta/datasetio/append-rows/" + encodeId(datasetId),
                       jsonBody(toJson(request)));
}

QFuture<Result<DatasetStats>> RemoteClient::datasetStats(std::string datasetId)
{
    if (auto e = checkId(datasetId))
        return readyResult<DatasetStats>(*e);
    if (d->configError)
        return readyResult<DatasetStats>(*d->configError);
    auto promise = std::make_shared<QPromise<Result<DatasetStats>>>();
    promise->start();
    QFuture<Result<DatasetStats>> future = promise->future();
    Transport *t = d->transport.get();
    d->post([t, id = std::move(datasetId), promise] {
        std::make_shared<StatsFallback>(t, id, promise)->start();
    });
    return future;
}

} // namespace wb::remote

// --- models and inference ------------------------------------------------------------------------

namespace wb::remote {

QFuture<Result<OpenAIListModelsResponse>> RemoteClient::listModels()
{
    return d->call<OpenAIListModelsResponse>(Verb::Get, "/v1/models", {}, "model list");
}

QFuture<Result<Model>> RemoteClient::getModel(std::string modelId)
{
    if (auto e = checkId(modelId, "model_id"))
        return readyResult<Model>(*e);
    return d->call<Model>(Verb::Get, "/v1/models/" + encodeId(modelId), {}, "model");
}

QFuture<Result<Model>> RemoteClient::registerModel(RegisterModelRequest request)
{
    if (auto e = checkId(request.model_id, "model_id"))
        return readyResult<Model>(*e);
    return d->call<Model>(Verb::Post, "/v1/models", jsonBody(toJson(request)), "model");
}

QFuture<Result<void>> RemoteClient::unregisterModel(std::string modelId)
{
    if (auto e = checkId(modelId, "model_id"))
        return readyResult<void>(*e);
    return d->callVoid(Verb::Delete, "/v1/models/" + encodeId(modelId), {});
}

QFuture<Result<ChatCompletion>> RemoteClient::chatCompletion(ChatCompletionRequest request,
                                                            ChatChunkSink onChunk,
                                                            CancelToken cancel)
{
    return d->inference->chatCompletion(std::move(request), std::move(onChunk), std::move(cancel));
}

QFuture<Result<Completion>> RemoteClient::completion(CompletionRequest request,
                                                    CompletionChunkSink onChunk, CancelToken cancel)
{
    return d->inference->completion(std::move(request), std::move(onChunk), std::move(cancel));
}

} // namespace wb::remote
