#include "eval_job_poller.h"

#include "eval_text.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QTimer>

namespace wb::ui {

EvalJobPoller::EvalJobPoller(api::StackApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &EvalJobPoller::poll);
}

int EvalJobPoller::interval() const
{
    return m_timer->interval();
}

void EvalJobPoller::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

void EvalJobPoller::watch(const QString &benchmarkId, const QString &jobId)
{
    if (m_jobs.count(jobId))
        return;
    m_jobs[jobId] = Watched{benchmarkId, false, ++m_generation};
    if (!m_timer->isActive())
        m_timer->start();
    poll(); // the first answer at once, not after a tick
}

void EvalJobPoller::unwatch(const QString &jobId)
{
    m_jobs.erase(jobId);
    if (m_jobs.empty())
        m_timer->stop();
}

void EvalJobPoller::clear()
{
    m_jobs.clear();
    m_timer->stop();
}

void EvalJobPoller::poll()
{
    for (auto &[jobId, watched] : m_jobs) {
        if (watched.inFlight)
            continue; // a slow backend gets one question at a time per job
        watched.inFlight = true;
        const QString id = jobId;
        const int generation = watched.generation;
        api::onResult(m_api.evalJobInfo(toStdString(watched.benchmarkId), toStdString(jobId)), this,
                      [this, id, generation](const api::Result<api::EvalJobInfo> &r) {
            const auto it = m_jobs.find(id);
            if (it == m_jobs.end() || it->second.generation != generation)
                return; // unwatched meanwhile
            it->second.inFlight = false;
            if (!r) {
                if (r.error().status == 404)
                    unwatch(id);
                Q_EMIT pollFailed(id, errorMessage(tr("Could not follow run %1.").arg(id), r.error()));
                return;
            }
            const api::EvalJobInfo info = r.value();
            const bool ended = !isActive(info.status);
            if (ended)
                unwatch(id);
            Q_EMIT jobUpdated(info);
            if (ended)
                Q_EMIT jobEnded(info);
        });
    }
}

} // namespace wb::ui
