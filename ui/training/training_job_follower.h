#pragma once

// Follows the selected training job: reads trainingJobInfo, then the metrics stored since the last
// read (trainingJobMetrics with start_index = the steps already loaded, paging until has_more is
// false), every ~1 s while the job runs; one request in flight at a time. When the job has ended
// it reads the last metrics and stops. Paused while the page is hidden; dies with its owner, and
// answers for a job no longer followed are dropped, so nothing arrives late.
//
// The same works for a job started here, by another client or before a restart: following is by
// id, from step 0.

#include "api/stack_api.h"

#include <QObject>
#include <QString>

class QTimer;

namespace wb::ui {

class TrainingJobFollower : public QObject
{
    Q_OBJECT
public:
    TrainingJobFollower(api::StackApi &api, QObject *parent);

    //! Starts over on `jobId` (empty: follows nothing).
    void follow(const QString &jobId);
    void stop() { follow(QString()); }
    //! While paused nothing is asked; resuming asks at once.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    QString jobId() const { return m_jobId; }
    //! Steps received so far (the next start_index).
    int64_t metricsLoaded() const { return m_loaded; }
    //! The timer runs: the job is followed and not known to have ended.
    bool isPolling() const;
    //! The job was seen ended and its last metrics read.
    bool isDone() const { return m_done; }
    int interval() const;
    void setInterval(int ms);
    //! Asks now (when nothing is in flight); what the timer does.
    void poll();

Q_SIGNALS:
    void jobUpdated(const api::TrainingJobInfo &job);
    //! New steps in order, after those already sent.
    void metricsArrived(const std::vector<api::TrainingStepMetric> &metrics);
    //! The job has ended and every metric has been sent; polling stopped.
    void jobEnded(const api::TrainingJobInfo &job);
    void pollFailed(const QString &jobId, const QString &message);

private:
    void fetchMetrics(int generation, bool ended, const api::TrainingJobInfo &info);
    void updateTimer();

    api::StackApi &m_api;
    QTimer *m_timer;
    QString m_jobId;
    int64_t m_loaded = 0;
    int m_generation = 0;
    bool m_inFlight = false;
    bool m_paused = false;
    bool m_done = false;
};

} // namespace wb::ui
