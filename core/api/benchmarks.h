#pragma once

// Schemas of the Benchmarks API (experimental spec, /v1alpha/eval/benchmarks).

#include "json_io.h"

namespace wb::api {

//! A benchmark resource: {identifier, provider_resource_id?, provider_id, type:"benchmark",
//! dataset_id, scoring_functions, metadata}.
struct Benchmark
{
    std::string identifier;
    std::optional<std::string> provider_resource_id;
    std::string provider_id;
    std::string dataset_id;
    std::vector<std::string> scoring_functions;
    JsonObject metadata; //!< null or absent: {}

    bool operator==(const Benchmark &o) const
    {
        return identifier == o.identifier && provider_resource_id == o.provider_resource_id
            && provider_id == o.provider_id && dataset_id == o.dataset_id
            && scoring_functions == o.scoring_functions && metadata == o.metadata;
    }
};

struct ListBenchmarksResponse
{
    std::vector<Benchmark> data;
    bool operator==(const ListBenchmarksResponse &o) const { return data == o.data; }
};

//! Neither the dataset nor the scoring functions are checked to exist at registration (upstream).
struct RegisterBenchmarkRequest
{
    std::string benchmark_id;
    std::string dataset_id;
    std::vector<std::string> scoring_functions;
    std::optional<std::string> provider_benchmark_id; //!< absent: benchmark_id
    std::optional<std::string> provider_id;           //!< absent: the only eval provider
    JsonObject metadata;                              //!< null becomes {}

    bool operator==(const RegisterBenchmarkRequest &o) const
    {
        return benchmark_id == o.benchmark_id && dataset_id == o.dataset_id
            && scoring_functions == o.scoring_functions
            && provider_benchmark_id == o.provider_benchmark_id && provider_id == o.provider_id
            && metadata == o.metadata;
    }
};

void fromJson(const Json &j, Benchmark &out, const std::string &path);
void fromJson(const Json &j, ListBenchmarksResponse &out, const std::string &path);
void fromJson(const Json &j, RegisterBenchmarkRequest &out, const std::string &path);

Json toJson(const Benchmark &v);
Json toJson(const ListBenchmarksResponse &v);
Json toJson(const RegisterBenchmarkRequest &v);

} // namespace wb::api
