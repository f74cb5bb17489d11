#pragma once

// The engine's one rule for exceptions: they stop where work crosses a thread or leaves a
// service, and become a 500 (libtorch, nlohmann and std::bad_alloc all throw).

#include "api/result.h"

#include <exception>
#include <string>

namespace wb::engine {

//! Runs `f` (returning api::Result<T>), turning anything thrown into a 500.
template<typename T, typename F>
api::Result<T> guarded(F &&f)
{
    try {
        return f();
    } catch (const std::exception &e) {
        return api::Error::internal(std::string("unexpected failure: ") + e.what());
    } catch (...) {
        return api::Error::internal("unexpected failure");
    }
}

} // namespace wb::engine
