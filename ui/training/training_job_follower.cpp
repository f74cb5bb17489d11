#include "training_job_follower.h"

#include "common/error_display.h"
#include "common/json_text.h"
#include "eval/eval_text.h"

#include "api/async.h"

#include <QTimer>

namespace wb::ui {

namespace {
//! Steps per metrics request: a 100,000-step run loads in a few requests without one huge answer.
constexpr int64_t kMetricsPage = 20000;
} // namespace

TrainingJobFollower::TrainingJobFollower(api::StackApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &TrainingJobFollower::poll);
}

int TrainingJobFollower::interval() const
{
    return m_timer->interval();
}

void TrainingJobFollower::setInterval(int ms)
{
    m_timer->setInterval(ms);
}

bool TrainingJobFollower::isPolling() const
{
    return m_timer->isActive();
}

void TrainingJobFollower::follow(const QString &jobId)
{
    ++m_generation; // answers for the previous job are dropped
    m_jobId = jobId;
    m_loaded = 0;
    m_inFlight = false;
    m_done = false;
    updateTimer();
    if (!m_jobId.isEmpty() && !m_paused)
        poll();
}

void TrainingJobFollower::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    updateTimer();
    if (!m_paused && !m_jobId.isEmpty() && !m_done)
        poll();
}

void TrainingJobFollower::updateTimer()
{
    if (m_jobId.isEmpty() || m_paused || m_done)
        m_timer->stop();
    else if (!m_timer->isActive())
        m_timer->start();
}

void TrainingJobFollower::poll()
{
    if (m_jobId.isEmpty() || m_inFlight || m_done || m_paused)
        return;
    m_inFlight = true;
    const int generation = m_generation;
    const QString id = m_jobId;
    // Info first, then metrics: once the info says "ended", the metrics read after it are all.
    api::onResult(m_api.trainingJobInfo(toStdString(id)), this,
                  [this, generation, id](const api::Result<api::TrainingJobInfo> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            m_inFlight = false;
            if (r.error().status == 404) {
                m_done = true;
                updateTimer();
            }
            Q_EMIT pollFailed(id, errorMessage(tr("Could not follow training job %1.").arg(id), r.error()));
            return;
        }
        Q_EMIT jobUpdated(*r);
        fetchMetrics(generation, !isActive(r->status), *r);
    });
}

void TrainingJobFollower::fetchMetrics(int generation, bool ended, const api::TrainingJobInfo &info)
{
    const QString id = m_jobId;
    api::onResult(m_api.trainingJobMetrics(toStdString(id), m_loaded, kMetricsPage), this,
                  [this, generation, ended, info, id](const api::Result<api::TrainingMetricsPage> &r) {
        if (generation != m_generation)
            return;
        if (!r) {
            m_inFlight = false;
            Q_EMIT pollFailed(id, errorMessage(tr("Could not read the metrics of training job %1.").arg(id), r.error()));
            if (ended) {
                m_done = true;
                updateTimer();
                Q_EMIT jobEnded(info);
            }
            return;
        }
        if (!r->data.empty()) {
            m_loaded += int64_t(r->data.size());
            Q_EMIT metricsArrived(r->data);
            if (generation != m_generation)
                return; // a slot followed another job
        }
        if (r->has_more && !r->data.empty()) {
            fetchMetrics(generation, ended, info);
            return;
        }
        m_inFlight = false;
        if (ended) {
            m_done = true;
            updateTimer();
            Q_EMIT jobEnded(info);
        }
    });
}

} // namespace wb::ui
