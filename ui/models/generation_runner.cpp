#include "generation_runner.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>

namespace wb::ui {

//! Where the worker-thread sink leaves pieces for the runner. Posting happens under the lock and
//! the destructor clears `target` under the same lock, so nothing is posted to a runner that is
//! being destroyed; events already queued for it are discarded by Qt when it is deleted.
struct GenerationRunner::Mailbox
{
    QMutex mutex;
    GenerationRunner *target = nullptr;

    void postPiece(int run, std::string piece, bool counted)
    {
        QMutexLocker lock(&mutex);
        if (!target)
            return;
        GenerationRunner *runner = target;
        QMetaObject::invokeMethod(
            runner, [runner, run, piece = std::move(piece), counted] { runner->onPiece(run, piece, counted); },
            Qt::QueuedConnection);
    }
};

GenerationRunner::GenerationRunner(api::StackApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_mailbox(std::make_shared<Mailbox>())
{
    m_mailbox->target = this;
}

GenerationRunner::~GenerationRunner()
{
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->target = nullptr;
    }
    // Nobody will read the rest: let the backend stop working on it.
    m_cancel.cancel();
}

void GenerationRunner::begin()
{
    ++m_run;
    m_running = true;
    m_stopRequested = false;
    m_cancel = api::CancelToken();
    m_tokens = 0;
    m_elapsedMs = 0;
    m_text.clear();
    m_finishReason.clear();
    m_decoder.resetState();
    m_clock.start();
    Q_EMIT started();
    Q_EMIT progress(0, 0.0);
}

bool GenerationRunner::startChat(api::ChatCompletionRequest request)
{
    if (m_running)
        return false;
    begin();
    const int run = m_run;
    api::ChatChunkSink sink = [mailbox = m_mailbox, run](const api::ChatCompletionChunk &chunk) {
        for (const api::ChatCompletionChunkChoice &choice : chunk.choices)
            if (choice.index == 0 && choice.content && !choice.content->empty())
                mailbox->postPiece(run, *choice.content, true);
    };
    request.stream = true; // a remote backend streams only when asked
    request.include_usage = true;
    api::onResult(m_api.chatCompletion(std::move(request), std::move(sink), m_cancel), this,
                  [this, run](const api::Result<api::ChatCompletion> &r) {
                      if (!r) {
                          end(run, r.error(), std::nullopt);
                          return;
                      }
                      std::pair<std::string, std::string> answer;
                      if (!r->choices.empty())
                          answer = {r->choices.front().message.content, r->choices.front().finish_reason};
                      end(run, answer, r->usage);
                  });
    return true;
}

bool GenerationRunner::startCompletion(api::CompletionRequest request)
{
    if (m_running)
        return false;
    begin();
    const int run = m_run;
    api::CompletionChunkSink sink = [mailbox = m_mailbox, run](const api::Completion &chunk) {
        for (const api::CompletionChoice &choice : chunk.choices)
            if (choice.index == 0 && !choice.text.empty())
                mailbox->postPiece(run, choice.text, true);
    };
    request.stream = true;
    request.include_usage = true;
    api::onResult(m_api.completion(std::move(request), std::move(sink), m_cancel), this,
                  [this, run](const api::Result<api::Completion> &r) {
                      if (!r) {
                          end(run, r.error(), std::nullopt);
                          return;
                      }
                      std::pair<std::string, std::string> answer;
                      if (!r->choices.empty())
                          answer = {r->choices.front().text, r->choices.front().finish_reason};
                      end(run, answer, r->usage);
                  });
    return true;
}

void GenerationRunner::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_cancel.cancel();
}

double GenerationRunner::tokensPerSecond() const
{
    const qint64 ms = elapsedMs();
    return ms > 0 ? double(m_tokens) * 1000.0 / double(ms) : 0.0;
}

qint64 GenerationRunner::elapsedMs() const
{
    return m_running ? m_clock.elapsed() : m_elapsedMs;
}

void GenerationRunner::onPiece(int run, const std::string &piece, bool counted)
{
    if (run != m_run || !m_running)
        return;
    if (counted)
        ++m_tokens;
    // Stateful: a backend that splits a character across chunks still reads right.
    const QString text = m_decoder.decode(QByteArrayView(piece.data(), qsizetype(piece.size())));
    if (!text.isEmpty()) {
        m_text += text;
        Q_EMIT textReceived(text);
    }
    Q_EMIT progress(m_tokens, tokensPerSecond());
}

void GenerationRunner::end(int run, const api::Result<std::pair<std::string, std::string>> &answer,
                           std::optional<api::CompletionUsage> usage)
{
    if (run != m_run || !m_running)
        return;
    // The sink posted its pieces before the future finished, so they were delivered already.
    m_elapsedMs = m_clock.elapsed();
    m_running = false;
    if (!answer) {
        const QString message = errorMessage(answer.error());
        Q_EMIT progress(m_tokens, tokensPerSecond());
        // A remote backend may report a cancelled stream as a failed call.
        Q_EMIT finished(m_stopRequested ? Outcome::Stopped : Outcome::Failed, message);
        return;
    }
    if (m_text.isEmpty() && !answer->first.empty()) {
        // A backend that does not stream: the whole answer at once.
        m_text = toQString(answer->first);
        Q_EMIT textReceived(m_text);
    }
    if (usage && usage->completion_tokens > 0)
        m_tokens = usage->completion_tokens;
    m_finishReason = toQString(answer->second);
    Q_EMIT progress(m_tokens, tokensPerSecond());
    const bool stopped = m_finishReason == QLatin1String("cancelled") || (m_stopRequested && m_finishReason.isEmpty());
    Q_EMIT finished(stopped ? Outcome::Stopped : Outcome::Finished, QString());
}

} // namespace wb::ui
