#pragma once

// Scores rows [0, n) on several threads: the calling thread plus up to `workers - 1` threads of
// `pool` that are free right now (tryStart, never queued: a busy pool only makes the call slower,
// never blocks it behind other requests). Rows are taken in chunks of `chunk`. The first failure
// or a cancel stops every worker before its next row; the answer is the failure of the lowest row
// index (so the same bad input always names the same row), Error::cancelled() for a cancel.

#include "api/cancel.h"
#include "api/result.h"

#include <QThreadPool>

#include <cstddef>
#include <functional>
#include <optional>

namespace wb::engine {

struct RowFailure
{
    size_t row = 0;
    api::Error error;
};

//! Empty optional when every row succeeded.
std::optional<RowFailure> forEachRow(QThreadPool &pool, size_t n, int workers, size_t chunk,
                                     const std::function<api::Status(size_t row)> &scoreRow,
                                     const api::CancelToken &cancel);

} // namespace wb::engine
