#pragma once

// Follows running eval jobs: every ~500 ms asks evalJobInfo for each watched job (one call in
// flight per job), reports every answer, and stops watching a job once it has ended. Works the
// same for a job started here, in another window or by another client: the page watches whatever
// the runs list says is still active.

#include "api/stack_api.h"

#include <QObject>
#include <QString>

#include <map>

class QTimer;

namespace wb::ui {

class EvalJobPoller : public QObject
{
    Q_OBJECT
public:
    EvalJobPoller(api::StackApi &api, QObject *parent);

    void watch(const QString &benchmarkId, const QString &jobId);
    void unwatch(const QString &jobId);
    void clear();
    bool isWatching(const QString &jobId) const { return m_jobs.count(jobId) > 0; }
    int interval() const;
    void setInterval(int ms);

Q_SIGNALS:
    //! Every answer, while the job runs and once more when it has ended.
    void jobUpdated(const api::EvalJobInfo &job);
    //! The job has ended (completed, failed or cancelled); it is no longer watched.
    void jobEnded(const api::EvalJobInfo &job);
    //! The job could not be read; a 404 also stops watching it.
    void pollFailed(const QString &jobId, const QString &message);

private:
    struct Watched
    {
        QString benchmarkId;
        bool inFlight = false;
        int generation = 0;
    };
    void poll();

    api::StackApi &m_api;
    QTimer *m_timer;
    std::map<QString, Watched> m_jobs;
    int m_generation = 0;
};

} // namespace wb::ui
