#include "server/api_server.h"

#include "server/access_policy.h"
#include "server/eval_routes.h"
#include "server/post_training_routes.h"
#include "server/public_error.h"
#include "server/route_p.h"
#include "server/sse_stream.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <type_traits>

namespace wb::server {

Q_LOGGING_CATEGORY(lcServer, "wb.server")

namespace detail {

QString methodName(Method method)
{
    switch (method) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Delete: return QStringLiteral("DELETE");
    case Method::Post: return QStringLiteral("POST");
    case Method::Head: return QStringLiteral("HEAD");
    case Method::Options: return QStringLiteral("OPTIONS");
    case Method::Patch: return QStringLiteral("PATCH");
    case Method::Connect: return QStringLiteral("CONNECT");
    case Method::Trace: return QStringLiteral("TRACE");
    default: return QStringLiteral("UNKNOWN");
    }
}

api::Result<std::optional<int64_t>> intQueryParam(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return std::optional<int64_t>{};
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded).trimmed();
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok)
        return api::Error::badRequest(name.toStdString() + ": expected an integer, got '"
                                      + text.left(64).toStdString() + "'");
    return std::optional<int64_t>(int64_t(value));
}

} // namespace detail

namespace {

using namespace detail;
using StatusCode = QHttpServerResponder::StatusCode;

constexpr const char *kIterrowsRoute = "/v1beta/datasetio/iterrows/{dataset_id}";

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool constantTimeEquals(const std::string &a, const QByteArray &b)
{
    unsigned char diff = a.size() == size_t(b.size()) ? 0 : 1;
    const size_t n = std::min(a.size(), size_t(b.size()));
    for (size_t i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// --- handlers ------------------------------------------------------------------------------------

QFuture<Reply> health(const Call &c) { return thenJson(c.api->health()); }
QFuture<Reply> version(const Call &c) { return thenJson(c.api->version()); }
QFuture<Reply> listDatasets(const Call &c) { return thenJson(c.api->listDatasets()); }
QFuture<Reply> getDataset(const Call &c) { return thenJson(c.api->getDataset(c.id)); }
QFuture<Reply> datasetStats(const Call &c) { return thenJson(c.api->datasetStats(c.id)); }

QFuture<Reply> unregisterDataset(const Call &c)
{
    return then(c.api->unregisterDataset(c.id), [] { return emptyReply(); });
}

QFuture<Reply> iterrows(const Call &c)
{
    auto start = intQueryParam(c.query, QStringLiteral("start_index"));
    if (!start)
        return readyError(start.error());
    auto limit = intQueryParam(c.query, QStringLiteral("limit"));
    if (!limit)
        return readyError(limit.error());
    return then(c.api->iterrows(c.id, *start, *limit), [](api::PaginatedResponse page) {
        if (!page.url)
            page.url = kIterrowsRoute; // as upstream: the route template when the provider set none
        return jsonReply(api::toJson(page));
    });
}

QFuture<Reply> listModels(const Call &c) { return thenJson(c.api->listModels()); }
QFuture<Reply> getModel(const Call &c) { return thenJson(c.api->getModel(c.id)); }

QFuture<Reply> unregisterModel(const Call &c)
{
    return then(c.api->unregisterModel(c.id), [] { return emptyReply(); });
}

template<typename F>
struct FutureValue;
template<typename T>
struct FutureValue<QFuture<T>>
{
    using type = T;
};

//! POST /v1/chat/completions and /v1/completions: JSON, or with "stream": true server-sent events
//! (see sse_stream.h). `run(request, sink, token)` starts the generation.
template<typename Request, typename Run>
QFuture<Reply> generate(const Call &c, QObject *streamParent, Run run)
{
    auto request = api::parseText<Request>(c.body.toStdString());
    if (!request)
        return readyError(request.error());
    if (!request->stream) {
        DisconnectCancel cancel(c.socket);
        auto future = run(std::move(request.value()), nullptr, cancel.token);
        using Answer = typename FutureValue<decltype(future)>::type;
        return thenJson(future.then(QtFuture::Launch::Sync, [link = cancel.link](Answer answer) {
            QObject::disconnect(link); // thread-safe; the connection may serve further requests
            return answer;
        }));
    }
    auto *stream = new SseStream(c.responder, c.socket, request->include_usage, streamParent);
    auto future = run(std::move(request.value()), stream, stream->cancelToken());
    return stream->follow(std::move(future))
        .then(QtFuture::Launch::Sync, [](std::optional<api::Error> error) {
            if (error)
                return errorReply(std::move(*error));
            Reply streamed;
            streamed.streamed = true;
            return streamed;
        });
}

//! POST /v1alpha/inference/rerank. An LLM reranker can take a while for many items: a client
//! that hangs up cancels it.
QFuture<Reply> rerank(const Call &c)
{
    auto request = api::parseText<api::RerankRequest>(c.body.toStdString());
    if (!request)
        return readyError(request.error());
    DisconnectCancel cancel(c.socket);
    return thenJson(c.api->rerank(std::move(request.value()), cancel.token)
                        .then(QtFuture::Launch::Sync,
                              [link = cancel.link](api::Result<api::RerankResponse> answer) {
                                  QObject::disconnect(link);
                                  return answer;
                              }));
}

QFuture<Reply> appendRows(const Call &c)
{
    auto request = api::parseText<api::AppendRowsRequest>(c.body.toStdString());
    if (!request)
        return readyError(request.error());
    return then(c.api->appendRows(c.id, std::move(request.value().rows)), [] { return emptyReply(); });
}

} // namespace

// --- the server ----------------------------------------------------------------------------------

struct ApiServer::Private
{
    ApiServer *q = nullptr;
    StackApiProvider provider;
    ServerOptions options;
    AccessPolicy policy;
    QHttpServer *http = nullptr; //!< child of q
    quint16 port = 0;
    std::vector<Route> routes;
    std::map<std::string, std::shared_ptr<api::StackApi>> apis; //!< per principal, server thread only

    void addRoutes();
    QFuture<Reply> dispatch(const QHttpServerRequest &request,
                            const std::shared_ptr<QHttpServerResponder> &responder,
                            const QPointer<QTcpSocket> &socket);
    std::shared_ptr<api::StackApi> apiFor(const std::string &principal);
    std::optional<std::string> principalForToken(const QByteArray &token) const;
    void finish(const std::shared_ptr<QHttpServerResponder> &responder,
                const QPointer<QTcpSocket> &socket, const QString &method, const QString &path,
                const QElapsedTimer &timer, const Reply &reply);

    QFuture<Reply> registerDataset(const Call &c) const
    {
        auto request = api::parseText<api::RegisterDatasetRequest>(c.body.toStdString());
        if (!request)
            return readyError(request.error());
        if (auto allowed = checkDataSource(request->source, policy); !allowed)
            return readyError(allowed.error());
        return thenJson(c.api->registerDataset(std::move(request.value())));
    }

    QFuture<Reply> registerModel(const Call &c) const
    {
        auto request = api::parseText<api::RegisterModelRequest>(c.body.toStdString());
        if (!request)
            return readyError(request.error());
        if (auto allowed = checkModelRegistration(request.value(), policy); !allowed)
            return readyError(allowed.error());
        return thenJson(c.api->registerModel(std::move(request.value())));
    }

    QFuture<Reply> chatCompletions(const Call &c) const
    {
        return generate<api::ChatCompletionRequest>(
            c, q, [api = c.api](api::ChatCompletionRequest r, SseStream *stream, api::CancelToken t) {
                return api->chatCompletion(std::move(r), stream ? stream->chatSink() : api::ChatChunkSink(),
                                           std::move(t));
            });
    }

    QFuture<Reply> completions(const Call &c) const
    {
        return generate<api::CompletionRequest>(
            c, q, [api = c.api](api::CompletionRequest r, SseStream *stream, api::CancelToken t) {
                return api->completion(std::move(r),
                                       stream ? stream->completionSink() : api::CompletionChunkSink(),
                                       std::move(t));
            });
    }
};

void ApiServer::Private::addRoutes()
{
    // Prefix routes (hasId) are tried in order, so no prefix may shadow a longer one; none here
    // overlaps ("/v1beta/datasets/" and "/v1beta/datasetio/" differ before the id).
    routes = {
        {QStringLiteral("/v1/health"), false, {{Method::Get, health}}},
        {QStringLiteral("/v1/version"), false, {{Method::Get, version}}},
        {QStringLiteral("/v1beta/datasets"), false,
         {{Method::Get, listDatasets},
          {Method::Post, [this](const Call &c) { return registerDataset(c); }}}},
        {QStringLiteral("/v1beta/datasets/"), true,
         {{Method::Get, getDataset}, {Method::Delete, unregisterDataset}}},
        {QStringLiteral("/v1beta/datasetio/iterrows/"), true, {{Method::Get, iterrows}}},
        {QStringLiteral("/v1beta/datasetio/append-rows/"), true, {{Method::Post, appendRows}}},
        {QStringLiteral("/v1beta/x-workbench/dataset-stats/"), true, {{Method::Get, datasetStats}}},
        {QStringLiteral("/v1/models"), false,
         {{Method::Get, listModels},
          {Method::Post, [this](const Call &c) { return registerModel(c); }}}},
        // Model ids contain '/' ("org/name"): the id is the whole rest of the path.
        {QStringLiteral("/v1/models/"), true,
         {{Method::Get, getModel}, {Method::Delete, unregisterModel}}},
        {QStringLiteral("/v1/chat/completions"), false,
         {{Method::Post, [this](const Call &c) { return chatCompletions(c); }}}},
        {QStringLiteral("/v1/completions"), false,
         {{Method::Post, [this](const Call &c) { return completions(c); }}}},
        {QStringLiteral("/v1alpha/inference/rerank"), false, {{Method::Post, rerank}}},
    };
    // Scoring, benchmarks and eval (eval_routes.h); none of their prefixes overlaps those above.
    for (Route &route : evalRoutes())
        routes.push_back(std::move(route));
    // Post-training (post_training_routes.h): exact paths only, under their own prefix.
    for (Route &route : postTrainingRoutes(policy))
        routes.push_back(std::move(route));
}

std::optional<std::string> ApiServer::Private::principalForToken(const QByteArray &token) const
{
    std::optional<std::string> found;
    for (const auto &[candidate, principal] : options.authTokens) // no early exit: constant time
        if (constantTimeEquals(candidate, token))
            found = principal;
    return found;
}

std::shared_ptr<api::StackApi> ApiServer::Private::apiFor(const std::string &principal)
{
    auto it = apis.find(principal);
    if (it != apis.end())
        return it->second;
    auto api = provider ? provider(principal) : nullptr;
    if (api)
        apis.emplace(principal, api);
    return api;
}

QFuture<Reply> ApiServer::Private::dispatch(const QHttpServerRequest &request,
                                            const std::shared_ptr<QHttpServerResponder> &responder,
                                            const QPointer<QTcpSocket> &socket)
{
    const QString path = request.url().path(QUrl::FullyEncoded);
    const Method method = request.method();

    // 1. Authentication (everything but the health check).
    std::string principal;
    if (!options.authTokens.empty()
        && !(method == Method::Get && path == QLatin1String("/v1/health"))) {
        const QByteArray authorization = header(request, "Authorization").trimmed();
        std::optional<std::string> found;
        std::string detail;
        if (authorization.isEmpty()) {
            detail = "Authentication required: send 'Authorization: Bearer <token>'";
        } else if (!authorization.toLower().startsWith("bearer ")) {
            detail = "Authentication required: the Authorization header must be 'Bearer <token>'";
        } else {
            found = principalForToken(authorization.mid(7).trimmed());
            if (!found)
                detail = "Authentication required: invalid token";
        }
        if (!found) {
            Reply reply = errorReply(api::Error::make(401, detail));
            reply.headers.emplace_back("WWW-Authenticate", "Bearer");
            return ready(std::move(reply));
        }
        principal = *found;
    }

    // 2. Route and method.
    const Route *route = nullptr;
    std::string id;
    for (const Route &r : routes) {
        if (!r.hasId) {
            if (path == r.path) {
                route = &r;
                break;
            }
        } else if (path.size() > r.path.size() && path.startsWith(r.path)) {
            id = QUrl::fromPercentEncoding(path.mid(r.path.size()).toUtf8()).toStdString();
            route = &r;
            break;
        }
    }
    if (!route)
        return readyError(api::Error::notFound("No route for " + path.left(200).toStdString()));
    const Handler *handler = nullptr;
    QStringList allowed;
    for (const auto &[m, h] : route->handlers) {
        allowed << methodName(m);
        if (m == method)
            handler = &h;
    }
    if (!handler) {
        Reply reply = errorReply(api::Error::make(
            405, "Method " + methodName(method).toStdString() + " not allowed on "
                     + path.left(200).toStdString() + "; allowed: "
                     + allowed.join(QStringLiteral(", ")).toStdString()));
        reply.headers.emplace_back("Allow", allowed.join(QStringLiteral(", ")).toLatin1());
        return ready(std::move(reply));
    }

    // 3. Body: size, then media type.
    const QByteArray body = request.body();
    bool lengthOk = false;
    const qint64 contentLength = header(request, "Content-Length").trimmed().toLongLong(&lengthOk);
    if ((lengthOk && contentLength > options.maxBodyBytes) || body.size() > options.maxBodyBytes)
        return readyError(api::Error::tooLarge(
            "The request body is larger than this server accepts ("
            + std::to_string(options.maxBodyBytes) + " bytes, --max-body-mb)"));
    if (method == Method::Post) {
        const QByteArray contentType = header(request, "Content-Type");
        const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
        if (!contentType.isEmpty() && mediaType != "application/json")
            return readyError(api::Error::make(
                415, "Content-Type must be application/json, got '"
                         + QString::fromLatin1(contentType.left(100)).toStdString() + "'"));
    }

    // 4. The principal's API, then the handler.
    auto api = apiFor(principal);
    if (!api)
        return readyError(api::Error::internal("no StackApi for principal '" + principal + "'"));
    Call call{path, request.query(), body, std::move(id), std::move(api), responder, socket, method};
    return (*handler)(call);
}

void ApiServer::Private::finish(const std::shared_ptr<QHttpServerResponder> &responder,
                                const QPointer<QTcpSocket> &socket, const QString &method,
                                const QString &path, const QElapsedTimer &timer, const Reply &reply)
{
    // Never the query string (it may carry secrets) nor the Authorization header.
    if (reply.streamed) { // SseStream wrote it
        qCInfo(lcServer).noquote() << method << path << reply.status
                                   << QStringLiteral("%1 ms").arg(timer.elapsed()) << "(streamed)";
        return;
    }
    qCInfo(lcServer).noquote() << method << path << reply.status
                               << QStringLiteral("%1 ms").arg(timer.elapsed());
    if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
        qCInfo(lcServer).noquote() << method << path << "client went away before the reply";
        return;
    }
    responder->writeStatusLine(StatusCode(reply.status));
    if (!reply.contentType.isEmpty())
        responder->writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    for (const auto &[name, value] : reply.headers)
        responder->writeHeader(name, value);
    if (reply.status != 204) // a 204 has no body and must not say how long it is (RFC 9110)
        responder->writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(reply.body.size()));
    responder->writeBody(reply.body);
}

ApiServer::ApiServer(StackApiProvider provider, ServerOptions options, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->provider = std::move(provider);
    d->options = std::move(options);
    d->policy = AccessPolicy{d->options.allowFiles, d->options.allowRemoteUris};
    d->addRoutes();
    d->http = new QHttpServer(this);
    // No QHttpServer routes: every request lands here, so routing (ids with '/'), 404 and 405 are
    // decided in one place, and the reply can be written whenever its future finishes.
    d->http->setMissingHandler([this](const QHttpServerRequest &request,
                                      QHttpServerResponder &&responder) {
        QElapsedTimer timer;
        timer.start();
        auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
        const QPointer<QTcpSocket> socket = shared->socket();
        const QString method = methodName(request.method());
        const QString path = request.url().path(QUrl::FullyEncoded);
        QFuture<Reply> future;
        try {
            future = d->dispatch(request, shared, socket);
        } catch (const std::exception &e) {
            future = readyError(api::Error::internal(std::string("dispatch: ") + e.what()));
        }
        auto take = [](const QFuture<Reply> &f) {
            try {
                if (f.isValid() && f.resultCount() > 0)
                    return f.result();
                return errorReply(api::Error::internal("the call was cancelled"));
            } catch (const std::exception &e) {
                return errorReply(api::Error::internal(e.what()));
            } catch (...) {
                return errorReply(api::Error::internal("unknown exception"));
            }
        };
        if (future.isFinished()) {
            d->finish(shared, socket, method, path, timer, take(future));
            return;
        }
        auto *watcher = new QFutureWatcher<Reply>(this); // dies with the server: no late writes
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, shared, socket, method, path, timer, take] {
                    watcher->deleteLater();
                    d->finish(shared, socket, method, path, timer, take(watcher->future()));
                });
        watcher->setFuture(future);
    });
}

ApiServer::~ApiServer() = default;

bool ApiServer::listen(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (d->port != 0)
        return fail(QStringLiteral("The server is already listening on port %1").arg(d->port));
    QHostAddress address;
    const QString host = d->options.host.trimmed();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return fail(QStringLiteral("'%1' is not an IP address (use e.g. 127.0.0.1 or 0.0.0.0)").arg(host));
    if (d->options.authTokens.empty() && !address.isLoopback() && !d->options.insecure)
        return fail(QStringLiteral(
                        "Refusing to serve on %1 without authentication: anyone on the network could "
                        "use it. Pass --auth-file FILE, or --insecure if you really mean it.")
                        .arg(host));
    auto *tcp = new QTcpServer(d->http);
    if (!tcp->listen(address, d->options.port)) {
        const QString message = QStringLiteral("Cannot listen on %1:%2: %3")
                                    .arg(host)
                                    .arg(d->options.port)
                                    .arg(tcp->errorString());
        delete tcp;
        return fail(message);
    }
    d->http->bind(tcp);
    d->port = tcp->serverPort();
    return true;
}

quint16 ApiServer::port() const
{
    return d->port;
}

QString ApiServer::baseUrl() const
{
    QString host = d->options.host.trimmed();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(d->port);
}

const ServerOptions &ApiServer::options() const
{
    return d->options;
}

} // namespace wb::server
