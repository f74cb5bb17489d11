#pragma once

// The Benchmarks API, synchronously: benchmarks are resources of kind "benchmark" in the store,
// owned like datasets. Registering checks that the dataset and every scoring function exist (as
// the caller sees them). Unregistering asks EvalService to cancel the benchmark's running jobs
// (through the callback set with setOnUnregister, to keep this class free of the eval jobs).
//
// Errors: core/api/error.h; see BenchmarksApi in api/stack_api.h.

#include "api/benchmarks.h"
#include "api/result.h"

#include <functional>
#include <string>

namespace wb::store {
class Store;
}

namespace wb::engine {

class DatasetService;
class ScoringService;

class BenchmarkService
{
public:
    BenchmarkService(store::Store &store, DatasetService &datasets, ScoringService &scoring);

    api::Result<api::ListBenchmarksResponse> list(const std::string &principal);
    api::Result<api::Benchmark> get(const std::string &principal, const std::string &id);
    api::Status registerBenchmark(const std::string &principal,
                                  const api::RegisterBenchmarkRequest &request);
    api::Status unregisterBenchmark(const std::string &principal, const std::string &id);

    //! Called after a benchmark was removed (the eval service cancels its jobs).
    void setOnUnregister(std::function<void(const std::string &benchmarkId)> callback);

    //! Registers the bundled sample benchmarks over the sample datasets once per store.
    api::Status seedSampleBenchmarks();

private:
    store::Store &m_store;
    DatasetService &m_datasets;
    ScoringService &m_scoring;
    std::function<void(const std::string &)> m_onUnregister;
};

} // namespace wb::engine
