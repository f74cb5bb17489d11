#pragma once

// Private to core/remote: the client's transport as the files beside remote_client.cpp use it
// (remote_eval.cpp). One request at a time: send() posts it to the client's network thread and
// yields the HTTP answer, whatever its status; decode<T>() turns an answer into a Result the way
// every call of the client does (see remote_client.h for the error mapping).

#include "remote/remote_client.h"

#include <QByteArray>
#include <QFuture>

#include <optional>
#include <string>

namespace wb::remote::detail {

enum class Verb { Get, Post, Delete };

//! What came back for one logical request, after any retries: an HTTP answer or a transport error.
struct Answer
{
    int status = 0; //!< HTTP status; 0 when transportError is set
    QByteArray body;
    std::optional<api::Error> transportError;
};

struct SendOptions
{
    //! Cancelling it aborts the request; the answer is then a transport error with status 499.
    std::optional<api::CancelToken> cancel;
    //! Transfer timeout (no bytes for this long → 504): -1 the client's timeoutMs, 0 none (for
    //! calls that compute for as long as their rows take).
    int timeoutMs = -1;
};

//! Sends one request through `client`'s network thread (GET and DELETE retried as the client's
//! other calls). The future always finishes, on the network thread.
QFuture<Answer> send(RemoteClient::Private &client, Verb verb, QByteArray pathAndQuery, QByteArray body,
                     SendOptions options = {});

//! nullopt for a 2xx answer; else the Error it carries (the HTTP status, the body's detail).
std::optional<api::Error> answerError(const Answer &a);

//! The id as a path segment: percent-encoded, '/' kept (upstream routes take `{id:path}`).
QByteArray encodeId(const std::string &id);

//! 400 "<what>: must not be empty" for an empty id.
std::optional<api::Error> checkId(const std::string &id, const char *what = "dataset_id");

//! A 2xx answer's JSON as T; 502 "the server sent an invalid <what> response: ..." when it is not
//! one; the error of any other answer.
template<typename T>
api::Result<T> decode(const Answer &a, const char *what)
{
    if (auto e = answerError(a))
        return *e;
    const api::Json j = api::Json::parse(a.body.begin(), a.body.end(), nullptr, false);
    if (j.is_discarded()) {
        QString text = QString::fromUtf8(a.body).trimmed().left(200);
        return api::Error::badGateway(std::string("the server sent an invalid ") + what
                                      + " response: not JSON: " + text.toStdString());
    }
    api::Result<T> r = api::parse<T>(j);
    if (!r) {
        return api::Error::badGateway(std::string("the server sent an invalid ") + what
                                      + " response: " + r.error().detail);
    }
    return r;
}

} // namespace wb::remote::detail
