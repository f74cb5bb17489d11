#pragma once

// One streamed answer (`"stream": true` on /v1/chat/completions and /v1/completions): the chunks
// of the generation written as server-sent events while they are produced.
//
//   HTTP/1.1 200 OK, Content-Type: text/event-stream, Transfer-Encoding: chunked
//   data: {chunk}\n\n  ...  data: [DONE]\n\n
//
// The generation runs on a worker thread and hands each chunk to the sink; the sink posts it to
// this object on the server thread, which writes it to the socket at once (the HTTP thread never
// waits). How the stream ends:
//   - an error before the first chunk: nothing has been written, so the caller answers with the
//     ordinary Error body and its status (finished() yields that error);
//   - an error after it: a `data: {"error": {status, title, detail, message}}` event, then the
//     stream is closed;
//   - the client disconnects: the CancelToken is cancelled, so the generation stops within a token.
//
// Lifetime: a child of the server's QObject (so no write outlives the server); it deletes itself
// once the generation has finished. Sinks hold only a Channel, never a pointer they could use
// after the stream is gone.

#include "api/stack_api.h"

#include <QByteArray>
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QPromise>

#include <memory>
#include <mutex>
#include <optional>

class QHttpServerResponder;
class QTcpSocket;

namespace wb::server {

class SseStream : public QObject
{
public:
    SseStream(std::shared_ptr<QHttpServerResponder> responder, QPointer<QTcpSocket> socket,
              bool includeUsage, QObject *parent);
    ~SseStream() override;

    //! The token to pass to the generation; cancelled when the client goes away.
    api::CancelToken cancelToken() const { return m_cancel; }

    api::ChatChunkSink chatSink();
    api::CompletionChunkSink completionSink();

    //! Follows the generation's future. The returned future yields the error to answer normally
    //! (nothing was streamed yet), or nullopt when the answer has been streamed (or the client
    //! left). Call once.
    QFuture<std::optional<api::Error>> follow(QFuture<api::Result<api::ChatCompletion>> future);
    QFuture<std::optional<api::Error>> follow(QFuture<api::Result<api::Completion>> future);

    //! How many chunk events were written (0: the stream has not started).
    int chunksWritten() const { return m_chunks; }

private:
    //! The worker threads' way in: posts a call to the stream while it exists.
    struct Channel
    {
        std::mutex mutex;
        SseStream *target = nullptr; //!< cleared by the stream's destructor (server thread)

        template<typename F>
        void post(F &&f)
        {
            std::lock_guard lock(mutex);
            if (target)
                QMetaObject::invokeMethod(
                    target, [t = target, f = std::forward<F>(f)]() mutable { f(*t); },
                    Qt::QueuedConnection);
        }
    };

    void onChunk(api::Json chunk, bool hasUsage, bool noChoices);
    void finishChat(const api::Result<api::ChatCompletion> &r);
    void finishCompletion(const api::Result<api::Completion> &r);
    void startIfNeeded();
    void writeEvent(const QByteArray &event);
    void writeData(const api::Json &j);
    void endBody();
    bool clientGone() const;
    //! An error: the error event when streaming started, else handed back for a normal answer.
    void fail(const api::Error &error);
    void done(std::optional<api::Error> result);

    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    const bool m_includeUsage;
    api::CancelToken m_cancel;
    std::shared_ptr<Channel> m_channel;
    QPromise<std::optional<api::Error>> m_promise;
    bool m_started = false;   //!< status line and headers written
    bool m_usageSent = false;
    bool m_finished = false;
    int m_chunks = 0;
};

} // namespace wb::server
