#include "server/sse_stream.h"

#include "server/public_error.h"

#include <QHttpServerResponder>
#include <QTcpSocket>

namespace wb::server {

namespace {

QByteArray dump(const api::Json &j)
{
    return QByteArray::fromStdString(j.dump(-1, ' ', false, api::Json::error_handler_t::replace));
}

//! The one chunk a generation that streamed nothing would have sent (an implementation without
//! chunks, or an answer that was complete at once).
api::ChatCompletionChunk chunkOf(const api::ChatCompletion &c)
{
    api::ChatCompletionChunk chunk;
    chunk.id = c.id;
    chunk.created = c.created;
    chunk.model = c.model;
    for (const auto &choice : c.choices) {
        api::ChatCompletionChunkChoice out;
        out.index = choice.index;
        out.role = choice.message.role;
        out.content = choice.message.content;
        out.finish_reason = choice.finish_reason;
        chunk.choices.push_back(std::move(out));
    }
    return chunk;
}

} // namespace

SseStream::SseStream(std::shared_ptr<QHttpServerResponder> responder, QPointer<QTcpSocket> socket,
                     bool includeUsage, QObject *parent)
    : QObject(parent), m_responder(std::move(responder)), m_socket(std::move(socket)),
      m_includeUsage(includeUsage), m_channel(std::make_shared<Channel>())
{
    m_channel->target = this;
    m_promise.start();
    if (!m_socket) {
        m_cancel.cancel();
        return;
    }
    // The client closing the connection is the only "stop" an HTTP client can send.
    const api::CancelToken cancel = m_cancel;
    connect(m_socket, &QTcpSocket::disconnected, this, [cancel] { cancel.cancel(); });
    connect(m_socket, &QObject::destroyed, this, [cancel] { cancel.cancel(); });
}

SseStream::~SseStream()
{
    {
        std::lock_guard lock(m_channel->mutex);
        m_channel->target = nullptr;
    }
    // The server is going away mid-generation: stop it. The unfinished promise is cancelled by
    // its destructor, which skips the continuations (no reply is written any more).
    if (!m_finished)
        m_cancel.cancel();
}

api::ChatChunkSink SseStream::chatSink()
{
    auto channel = m_channel;
    return [channel](const api::ChatCompletionChunk &chunk) {
        // Serialised here, on the generation's thread; the server thread only writes.
        channel->post([j = api::toJson(chunk), usage = chunk.usage.has_value(),
                       empty = chunk.choices.empty()](SseStream &s) mutable {
            s.onChunk(std::move(j), usage, empty);
        });
    };
}

api::CompletionChunkSink SseStream::completionSink()
{
    auto channel = m_channel;
    return [channel](const api::Completion &chunk) {
        // toJson(Completion) never writes usage (not in the spec's schema), so neither do we.
        channel->post([j = api::toJson(chunk), empty = chunk.choices.empty()](SseStream &s) mutable {
            s.onChunk(std::move(j), false, empty);
        });
    };
}

QFuture<std::optional<api::Error>> SseStream::follow(QFuture<api::Result<api::ChatCompletion>> future)
{
    auto channel = m_channel;
    // Launch::Sync: posted from the thread that finished the generation, after every chunk it
    // posted, so the end is written after the last chunk.
    future.then(QtFuture::Launch::Sync, [channel](api::Result<api::ChatCompletion> r) {
        channel->post([r = std::move(r)](SseStream &s) { s.finishChat(r); });
    });
    return m_promise.future();
}

QFuture<std::optional<api::Error>> SseStream::follow(QFuture<api::Result<api::Completion>> future)
{
    auto channel = m_channel;
    future.then(QtFuture::Launch::Sync, [channel](api::Result<api::Completion> r) {
        channel->post([r = std::move(r)](SseStream &s) { s.finishCompletion(r); });
    });
    return m_promise.future();
}

void SseStream::onChunk(api::Json chunk, bool hasUsage, bool noChoices)
{
    if (m_finished || clientGone())
        return;
    if (hasUsage) {
        if (!m_includeUsage) {
            if (noChoices)
                return; // a usage-only chunk nobody asked for
            chunk.erase("usage");
        } else {
            m_usageSent = true;
        }
    } else if (noChoices) {
        return;
    }
    writeData(chunk);
    ++m_chunks;
}

void SseStream::finishChat(const api::Result<api::ChatCompletion> &r)
{
    if (m_finished)
        return;
    if (!r) {
        fail(r.error());
        return;
    }
    if (clientGone()) {
        done(std::nullopt);
        return;
    }
    const api::ChatCompletion &answer = r.value();
    if (m_chunks == 0)
        writeData(api::toJson(chunkOf(answer)));
    if (m_includeUsage && !m_usageSent && answer.usage) {
        // OpenAI's shape: a last chunk with no choices that carries the usage.
        api::ChatCompletionChunk usage;
        usage.id = answer.id;
        usage.created = answer.created;
        usage.model = answer.model;
        usage.usage = answer.usage;
        writeData(api::toJson(usage));
    }
    writeEvent(QByteArrayLiteral("data: [DONE]\n\n"));
    endBody();
    done(std::nullopt);
}

void SseStream::finishCompletion(const api::Result<api::Completion> &r)
{
    if (m_finished)
        return;
    if (!r) {
        fail(r.error());
        return;
    }
    if (clientGone()) {
        done(std::nullopt);
        return;
    }
    if (m_chunks == 0)
        writeData(api::toJson(r.value()));
    writeEvent(QByteArrayLiteral("data: [DONE]\n\n"));
    endBody();
    done(std::nullopt);
}

void SseStream::fail(const api::Error &error)
{
    if (!m_started) {
        done(error); // nothing written yet: an ordinary error answer
        return;
    }
    if (!clientGone()) {
        const api::Error e = publicError(error);
        // Our Error fields, plus `message` where OpenAI clients look for the text.
        writeData(api::Json{{"error",
                             {{"status", e.status},
                              {"title", e.title},
                              {"detail", e.detail},
                              {"message", e.detail}}}});
        endBody();
        m_socket->disconnectFromHost(); // after the pending bytes are written
    }
    done(std::nullopt);
}

void SseStream::startIfNeeded()
{
    if (m_started)
        return;
    m_started = true;
    m_responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    m_responder->writeHeader(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("text/event-stream; charset=utf-8"));
    m_responder->writeHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache"));
    // Chunked, so the connection stays usable after the stream (no Content-Length is known).
    m_responder->writeHeader(QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("chunked"));
    // Tells nginx-style reverse proxies not to buffer the stream.
    m_responder->writeHeader(QByteArrayLiteral("X-Accel-Buffering"), QByteArrayLiteral("no"));
}

void SseStream::writeEvent(const QByteArray &event)
{
    if (clientGone())
        return;
    startIfNeeded();
    // One HTTP chunk per event: size in hex, CRLF, the bytes, CRLF.
    QByteArray framed = QByteArray::number(event.size(), 16);
    framed += "\r\n";
    framed += event;
    framed += "\r\n";
    m_responder->writeBody(framed);
    m_socket->flush(); // now, not when the event loop gets to it: the token should show at once
}

void SseStream::writeData(const api::Json &j)
{
    writeEvent("data: " + dump(j) + "\n\n");
}

void SseStream::endBody()
{
    if (clientGone() || !m_started)
        return;
    m_responder->writeBody(QByteArrayLiteral("0\r\n\r\n"));
    m_socket->flush();
}

bool SseStream::clientGone() const
{
    return !m_socket || m_socket->state() != QAbstractSocket::ConnectedState;
}

void SseStream::done(std::optional<api::Error> result)
{
    m_finished = true;
    m_promise.addResult(std::move(result));
    m_promise.finish();
    deleteLater();
}

} // namespace wb::server
