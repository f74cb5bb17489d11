#pragma once

// Private to core/server: what a route handler is and the helpers handlers share, so routes can
// live in files of their own (api_server.cpp: datasets, models, inference; eval_routes.cpp:
// scoring, benchmarks, eval). ApiServer::Private::dispatch() does authentication, routing, 404/405,
// body size and content type, then calls the handler; ApiServer writes the Reply when its future
// finishes.

#include "api/stack_api.h"
#include "server/public_error.h"

#include <QByteArray>
#include <QFuture>
#include <QHttpServerRequest>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpSocket>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

class QHttpServerResponder;

namespace wb::server::detail {

using Method = QHttpServerRequest::Method;

//! What a handler answers. Copyable (unlike QHttpServerResponse) so it travels through QFuture
//! continuations freely; written to the socket in one place, ApiServer::Private::finish().
struct Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType; //!< empty with an empty body: no Content-Type header
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    bool streamed = false; //!< already written to the socket as a stream (SseStream); log only
};

//! One request, everything a handler needs, copied out of the QHttpServerRequest (which Qt reuses
//! for the next request on the connection).
struct Call
{
    QString path; //!< percent-encoded, without the query
    QUrlQuery query;
    QByteArray body;
    std::string id; //!< {dataset_id} / {model_id}, percent-decoded: the rest of a prefix route
    std::shared_ptr<api::StackApi> api;
    //! For streamed answers, which write to the connection themselves (server thread only).
    std::shared_ptr<QHttpServerResponder> responder;
    QPointer<QTcpSocket> socket;
    Method method = Method::Get;
};

using Handler = std::function<QFuture<Reply>(const Call &)>;

struct Route
{
    QString path;   //!< the exact path, or with `hasId` the prefix before the id (ends in '/')
    bool hasId = false;
    std::vector<std::pair<Method, Handler>> handlers;
};

QString methodName(Method method);

inline QByteArray dumpJson(const api::Json &j)
{
    return QByteArray::fromStdString(j.dump(-1, ' ', false, api::Json::error_handler_t::replace));
}

inline Reply jsonReply(const api::Json &j, int status = 200)
{
    return Reply{status, dumpJson(j), QByteArrayLiteral("application/json"), {}, false};
}

//! The spec's bare 200 for operations that return nothing.
inline Reply emptyReply()
{
    return Reply{200, {}, {}, {}, false};
}

//! The one place an api::Error becomes an HTTP answer. A 500's detail stays in the log.
inline Reply errorReply(api::Error e)
{
    e = publicError(std::move(e));
    return jsonReply(api::toJson(e), e.status);
}

inline QFuture<Reply> ready(Reply reply)
{
    return QtFuture::makeReadyFuture(std::move(reply));
}

inline QFuture<Reply> readyError(api::Error e)
{
    return ready(errorReply(std::move(e)));
}

//! Maps an API future to a reply on the thread that finishes it (Launch::Sync): the JSON is built
//! off the HTTP thread and nothing waits.
template<typename T, typename F>
QFuture<Reply> then(QFuture<api::Result<T>> future, F toReply)
{
    return future.then(QtFuture::Launch::Sync, [toReply](api::Result<T> r) -> Reply {
        if (!r)
            return errorReply(r.error());
        try {
            if constexpr (std::is_void_v<T>)
                return toReply();
            else
                return toReply(std::move(r).value());
        } catch (const std::exception &e) {
            return errorReply(api::Error::internal(std::string("building the response: ") + e.what()));
        }
    });
}

template<typename T>
QFuture<Reply> thenJson(QFuture<api::Result<T>> future)
{
    return then(std::move(future), [](T value) { return jsonReply(api::toJson(value)); });
}

//! An optional integer query parameter; a value that is not an integer is a 400 naming it.
api::Result<std::optional<int64_t>> intQueryParam(const QUrlQuery &query, const QString &name);

//! A token cancelled when the client closes the connection before the answer is written, so an
//! abandoned call (a generation, a scoring run) stops instead of running to its end. The caller
//! disconnects `link` once the answer is there (the connection may serve further requests).
struct DisconnectCancel
{
    api::CancelToken token;
    QMetaObject::Connection link;

    explicit DisconnectCancel(const QPointer<QTcpSocket> &socket)
    {
        // Gone already (the client hung up before its request was handled): nothing will answer.
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            token.cancel();
            return;
        }
        const api::CancelToken t = token;
        link = QObject::connect(socket, &QTcpSocket::disconnected, socket, [t] { t.cancel(); });
    }
};

} // namespace wb::server::detail
