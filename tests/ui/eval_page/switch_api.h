#pragma once

// The real engine behind a switch: when `failBenchmarks` is on, listBenchmarks answers a 503 as an
// unreachable server would, so the page's inline error can be checked; everything else forwards.

#include "forwarding_api.h"

#include "api/async.h"

#include <atomic>

class SwitchApi : public ForwardingApi
{
public:
    explicit SwitchApi(wb::api::StackApi &inner) : ForwardingApi(inner) {}

    std::atomic_bool failBenchmarks{false};

    QFuture<wb::api::Result<wb::api::ListBenchmarksResponse>> listBenchmarks() override
    {
        if (failBenchmarks)
            return wb::api::readyResult<wb::api::ListBenchmarksResponse>(
                wb::api::Error::make(503, "the server is restarting"));
        return ForwardingApi::listBenchmarks();
    }
};
