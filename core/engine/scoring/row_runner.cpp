#include "engine/scoring/row_runner.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace wb::engine {

namespace {

struct RunState
{
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable done;
    int running = 0; // started pool workers still working
    std::optional<RowFailure> failure;

    void fail(size_t row, api::Error error)
    {
        std::lock_guard lock(mutex);
        if (!failure || row < failure->row)
            failure = RowFailure{row, std::move(error)};
        stop = true;
    }
};

void work(RunState &state, size_t n, size_t chunk, const std::function<api::Status(size_t)> &scoreRow,
          const api::CancelToken &cancel)
{
    while (!state.stop) {
        const size_t begin = state.next.fetch_add(chunk);
        if (begin >= n)
            return;
        const size_t end = std::min(n, begin + chunk);
        for (size_t row = begin; row < end; ++row) {
            if (state.stop)
                return;
            if (cancel.isCancelled())
                return state.fail(row, api::Error::cancelled());
            if (auto ok = scoreRow(row); !ok)
                return state.fail(row, ok.error());
        }
    }
}

} // namespace

std::optional<RowFailure> forEachRow(QThreadPool &pool, size_t n, int workers, size_t chunk,
                                     const std::function<api::Status(size_t)> &scoreRow,
                                     const api::CancelToken &cancel)
{
    auto state = std::make_shared<RunState>();
    chunk = std::max<size_t>(1, chunk);
    const size_t chunks = (n + chunk - 1) / chunk;
    const int helpers = int(std::min<size_t>(chunks, size_t(std::max(1, workers)))) - 1;
    for (int i = 0; i < helpers; ++i) {
        {
            std::lock_guard lock(state->mutex);
            ++state->running;
        }
        // scoreRow and cancel outlive the helpers: this function waits for every started one.
        const bool started = pool.tryStart([state, n, chunk, &scoreRow, &cancel] {
            work(*state, n, chunk, scoreRow, cancel);
            std::lock_guard lock(state->mutex);
            --state->running;
            state->done.notify_all();
        });
        if (!started) {
            std::lock_guard lock(state->mutex);
            --state->running;
            break;
        }
    }
    work(*state, n, chunk, scoreRow, cancel);
    std::unique_lock lock(state->mutex);
    state->done.wait(lock, [&] { return state->running == 0; });
    if (state->failure && cancel.isCancelled())
        return RowFailure{state->failure->row, api::Error::cancelled()};
    return state->failure;
}

} // namespace wb::engine
