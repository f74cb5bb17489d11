#include "benchmarks.h"

namespace wb::api {

void fromJson(const Json &j, Benchmark &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "benchmark");
    r.required("identifier", out.identifier);
    r.optional("provider_resource_id", out.provider_resource_id);
    r.required("provider_id", out.provider_id);
    r.required("dataset_id", out.dataset_id);
    r.required("scoring_functions", out.scoring_functions);
    r.optional("metadata", out.metadata);
}

Json toJson(const Benchmark &v)
{
    Json o = Json::object();
    o["identifier"] = v.identifier;
    putOptional(o, "provider_resource_id", v.provider_resource_id);
    o["provider_id"] = v.provider_id;
    o["type"] = "benchmark";
    o["dataset_id"] = v.dataset_id;
    o["scoring_functions"] = toJson(v.scoring_functions);
    o["metadata"] = v.metadata.value;
    return o;
}

void fromJson(const Json &j, ListBenchmarksResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

Json toJson(const ListBenchmarksResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

void fromJson(const Json &j, RegisterBenchmarkRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("benchmark_id", out.benchmark_id);
    r.required("dataset_id", out.dataset_id);
    r.required("scoring_functions", out.scoring_functions);
    r.optional("provider_benchmark_id", out.provider_benchmark_id);
    r.optional("provider_id", out.provider_id);
    r.optional("metadata", out.metadata);
}

Json toJson(const RegisterBenchmarkRequest &v)
{
    Json o = Json::object();
    o["benchmark_id"] = v.benchmark_id;
    o["dataset_id"] = v.dataset_id;
    o["scoring_functions"] = toJson(v.scoring_functions);
    putOptional(o, "provider_benchmark_id", v.provider_benchmark_id);
    putOptional(o, "provider_id", v.provider_id);
    o["metadata"] = v.metadata.value;
    return o;
}

} // namespace wb::api
