#pragma once

// A test double over the real StackApi interface: every call goes to the inner StackApi (a real
// engine), except the three eval-job read calls the results view makes, which answer from jobs and
// rows the test puts here. The engine's eval jobs need a model and take their time; these answers
// let a test decide exactly when a running job's rows and status change (rows arriving in two
// polls) without mocking anything the view does itself.

#include "api/async.h"
#include "forwarding_api.h"

#include <QMutex>
#include <QMutexLocker>

#include <map>
#include <utility>
#include <vector>

class MemoryEvalApi : public ForwardingApi
{
public:
    explicit MemoryEvalApi(wb::api::StackApi &inner) : ForwardingApi(inner) {}

    void putJob(const wb::api::EvalJobInfo &info, std::vector<wb::api::EvalRowResult> rows = {})
    {
        QMutexLocker lock(&m_mutex);
        m_jobs[info.job_id] = Job{info, std::move(rows)};
    }
    //! Appends rows to a job (as the engine does while it runs) and updates its info.
    void addRows(const std::string &jobId, const std::vector<wb::api::EvalRowResult> &rows)
    {
        QMutexLocker lock(&m_mutex);
        Job &job = m_jobs.at(jobId);
        job.rows.insert(job.rows.end(), rows.begin(), rows.end());
        job.info.rows_done = int64_t(job.rows.size());
    }
    void setInfo(const wb::api::EvalJobInfo &info)
    {
        QMutexLocker lock(&m_mutex);
        m_jobs.at(info.job_id).info = info;
    }
    int rowsCalls() const { return m_rowsCalls; }
    int infoCalls() const { return m_infoCalls; }

    QFuture<wb::api::Result<wb::api::ListEvalJobsResponse>> listEvalJobs(std::optional<std::string> benchmarkId) override
    {
        QMutexLocker lock(&m_mutex);
        wb::api::ListEvalJobsResponse response;
        for (const auto &[id, job] : m_jobs)
            if (!benchmarkId || job.info.benchmark_id == *benchmarkId)
                response.data.push_back(job.info);
        return wb::api::readyResult(wb::api::Result<wb::api::ListEvalJobsResponse>(response));
    }
    QFuture<wb::api::Result<wb::api::EvalJobInfo>> evalJobInfo(std::string, std::string jobId) override
    {
        QMutexLocker lock(&m_mutex);
        ++m_infoCalls;
        const auto it = m_jobs.find(jobId);
        if (it == m_jobs.end())
            return wb::api::readyResult(wb::api::Result<wb::api::EvalJobInfo>(
                wb::api::Error::notFound("Job '" + jobId + "' not found")));
        return wb::api::readyResult(wb::api::Result<wb::api::EvalJobInfo>(it->second.info));
    }
    QFuture<wb::api::Result<wb::api::EvalRowsPage>> evalJobRows(std::string, std::string jobId,
                                                                std::optional<int64_t> startIndex,
                                                                std::optional<int64_t> limit) override
    {
        QMutexLocker lock(&m_mutex);
        ++m_rowsCalls;
        const auto it = m_jobs.find(jobId);
        if (it == m_jobs.end())
            return wb::api::readyResult(wb::api::Result<wb::api::EvalRowsPage>(
                wb::api::Error::notFound("Job '" + jobId + "' not found")));
        const auto &rows = it->second.rows;
        const size_t start = size_t(std::max<int64_t>(0, startIndex.value_or(0)));
        const size_t end = limit && *limit >= 0 ? std::min(rows.size(), start + size_t(*limit)) : rows.size();
        wb::api::EvalRowsPage page;
        for (size_t i = start; i < end; ++i)
            page.data.push_back(rows[i]);
        page.total = int64_t(rows.size());
        page.has_more = end < rows.size();
        return wb::api::readyResult(wb::api::Result<wb::api::EvalRowsPage>(page));
    }

private:
    struct Job
    {
        wb::api::EvalJobInfo info;
        std::vector<wb::api::EvalRowResult> rows;
    };
    mutable QMutex m_mutex;
    std::map<std::string, Job> m_jobs;
    int m_rowsCalls = 0;
    int m_infoCalls = 0;
};
