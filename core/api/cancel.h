#pragma once

// Cancelling a long call (a generation, later eval and training jobs) from another thread.
//
// The caller keeps a CancelToken and passes a copy with the request; the work checks it between
// steps (one token, one row) and finishes early with what it has. Cheap to copy, thread-safe.

#include <atomic>
#include <memory>

namespace wb::api {

class CancelToken
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace wb::api
