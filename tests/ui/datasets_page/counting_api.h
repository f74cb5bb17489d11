#pragma once

// A StackApi that forwards to another one and records the iterrows() calls, so the test can check
// which pages the rows model asked for (sparse paging, no repeated in-flight requests).

#include "api/async.h"
#include "forwarding_api.h"

#include <QMutex>
#include <QMutexLocker>

#include <atomic>
#include <utility>
#include <vector>

class CountingApi : public ForwardingApi
{
public:
    explicit CountingApi(wb::api::StackApi &inner) : ForwardingApi(inner) {}

    //! Makes datasetStats() fail, to drive the rows model into its fetchMore fallback.
    void setStatsFail(bool fail) { m_failStats = fail; }

    //! (start, limit) of every iterrows() call so far.
    std::vector<std::pair<int64_t, int64_t>> iterrowsCalls() const
    {
        QMutexLocker lock(&m_mutex);
        return m_calls;
    }
    int callsStartingAt(int64_t start) const
    {
        int n = 0;
        for (const auto &c : iterrowsCalls())
            n += c.first == start ? 1 : 0;
        return n;
    }

    QFuture<wb::api::Result<wb::api::PaginatedResponse>> iterrows(std::string id, std::optional<int64_t> start,
                                                                  std::optional<int64_t> limit) override
    {
        {
            QMutexLocker lock(&m_mutex);
            m_calls.emplace_back(start.value_or(-1), limit.value_or(-1));
        }
        return m_inner.iterrows(std::move(id), start, limit);
    }
    QFuture<wb::api::Result<wb::api::DatasetStats>> datasetStats(std::string id) override
    {
        if (m_failStats)
            return wb::api::readyResult(wb::api::Result<wb::api::DatasetStats>(
                wb::api::Error::notImplemented("stats switched off by the test")));
        return m_inner.datasetStats(std::move(id));
    }

private:
    mutable QMutex m_mutex;
    std::vector<std::pair<int64_t, int64_t>> m_calls;
    std::atomic_bool m_failStats{false};
};
