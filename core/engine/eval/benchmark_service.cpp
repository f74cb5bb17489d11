#include "engine/eval/benchmark_service.h"

#include "engine/datasets/dataset_service.h"
#include "engine/scoring/scoring_service.h"
#include "store/store.h"

#include <set>

namespace wb::engine {

namespace {

constexpr const char *kKind = "benchmark";
constexpr const char *kProvider = "meta-reference";
constexpr const char *kSeededKey = "sample_benchmarks_seeded";

bool visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

api::Error benchmarkNotFound(const std::string &id)
{
    return api::Error::notFound("Benchmark '" + id
                                + "' not found. Use the benchmarks list to see the registered benchmarks.");
}

api::Result<api::Benchmark> parseStored(const store::Resource &r)
{
    auto benchmark = api::parse<api::Benchmark>(r.body);
    if (!benchmark)
        return api::Error::internal("stored benchmark '" + r.id
                                    + "' is corrupt: " + benchmark.error().detail);
    return benchmark;
}

} // namespace

BenchmarkService::BenchmarkService(store::Store &store, DatasetService &datasets, ScoringService &scoring)
    : m_store(store), m_datasets(datasets), m_scoring(scoring)
{}

api::Result<api::ListBenchmarksResponse> BenchmarkService::list(const std::string &principal)
{
    auto all = m_store.listResources(kKind);
    if (!all)
        return all.error();
    api::ListBenchmarksResponse out;
    for (const auto &r : all.value()) {
        if (!visibleTo(r.owner, principal))
            continue;
        if (auto benchmark = api::parse<api::Benchmark>(r.body)) // a corrupt entry must not hide the others
            out.data.push_back(std::move(benchmark).value());
    }
    return out;
}

api::Result<api::Benchmark> BenchmarkService::get(const std::string &principal, const std::string &id)
{
    auto found = m_store.getResource(kKind, id);
    if (!found)
        return found.error();
    if (!found.value() || !visibleTo(found.value()->owner, principal))
        return benchmarkNotFound(id);
    return parseStored(*found.value());
}

api::Status BenchmarkService::registerBenchmark(const std::string &principal,
                                                const api::RegisterBenchmarkRequest &request)
{
    const std::string &id = request.benchmark_id;
    if (id.empty())
        return api::Error::badRequest("benchmark_id: must not be empty");
    if (request.provider_id && *request.provider_id != kProvider)
        return api::Error::badRequest("provider_id: provider `" + *request.provider_id
                                      + "` not found (this server's eval provider is meta-reference)");
    if (request.dataset_id.empty())
        return api::Error::badRequest("dataset_id: must not be empty");
    if (request.scoring_functions.empty())
        return api::Error::badRequest("scoring_functions: give at least one scoring function");
    std::set<std::string> seen;
    for (size_t i = 0; i < request.scoring_functions.size(); ++i)
        if (!seen.insert(request.scoring_functions[i]).second)
            return api::Error::badRequest("scoring_functions[" + std::to_string(i) + "]: '"
                                          + request.scoring_functions[i] + "' is listed twice");
    // As the caller sees them: another principal's dataset or function is not there for them.
    if (auto dataset = m_datasets.getDataset(principal, request.dataset_id); !dataset)
        return dataset.error();
    for (const std::string &fn : request.scoring_functions)
        if (auto known = m_scoring.get(principal, fn); !known)
            return known.error();

    api::Benchmark benchmark;
    benchmark.identifier = id;
    benchmark.provider_resource_id = request.provider_benchmark_id.value_or(id);
    benchmark.provider_id = kProvider;
    benchmark.dataset_id = request.dataset_id;
    benchmark.scoring_functions = request.scoring_functions;
    benchmark.metadata = request.metadata;
    if (!benchmark.metadata.value.is_object())
        benchmark.metadata.value = api::Json::object();

    auto conflict = [&] {
        return api::Error::conflict("Benchmark '" + id
                                    + "' is already registered with different settings; unregister it "
                                      "first or choose another id");
    };
    auto existing = m_store.getResource(kKind, id);
    if (!existing)
        return existing.error();
    if (existing.value()) {
        if (!visibleTo(existing.value()->owner, principal))
            return api::Error::make(403,
                                    "Benchmark '" + id + "' belongs to another principal; choose another id");
        auto old = api::parse<api::Benchmark>(existing.value()->body);
        if (old && old.value() == benchmark)
            return {};
        return conflict();
    }
    auto stored = m_store.registerResource(store::Resource{kKind, id, api::toJson(benchmark), principal});
    if (!stored)
        return stored.error().status == 409 ? conflict() : stored.error();
    return {};
}

api::Status BenchmarkService::unregisterBenchmark(const std::string &principal, const std::string &id)
{
    if (auto visible = get(principal, id); !visible)
        return visible.error();
    auto removed = m_store.deleteResource(kKind, id);
    if (!removed)
        return removed.error().status == 404 ? benchmarkNotFound(id) : removed.error();
    if (m_onUnregister)
        m_onUnregister(id);
    return {};
}

void BenchmarkService::setOnUnregister(std::function<void(const std::string &)> callback)
{
    m_onUnregister = std::move(callback);
}

api::Status BenchmarkService::seedSampleBenchmarks()
{
    // Once per store: a sample benchmark the user unregistered stays gone.
    auto seeded = m_store.getMeta(kSeededKey);
    if (!seeded)
        return seeded.error();
    if (seeded.value())
        return {};
    struct Sample
    {
        const char *id;
        const char *dataset;
        const char *function;
        const char *description;
    };
    static const Sample samples[] = {
        {"sample/capitals-qa", "sample/capitals-and-facts-qa", "basic::subset_of",
         "Bundled sample benchmark: capitals and facts questions, scored by whether the answer "
         "contains the expected one."},
        {"sample/arithmetic", "sample/arithmetic-messages-answer", "basic::equality",
         "Bundled sample benchmark: arithmetic chat prompts, scored by exact equality with the "
         "expected answer."},
    };
    bool complete = true;
    for (const Sample &s : samples) {
        auto dataset = m_datasets.getDataset(std::string(), s.dataset);
        if (!dataset) {
            if (dataset.error().status == 404)
                continue; // the sample dataset was removed: no benchmark over it
            return dataset.error();
        }
        api::RegisterBenchmarkRequest request;
        request.benchmark_id = s.id;
        request.dataset_id = s.dataset;
        request.scoring_functions = {s.function};
        request.metadata.value = api::Json{{"description", s.description}, {"sample", true}};
        auto registered = registerBenchmark(std::string(), request);
        // A benchmark the user already registered under that id is theirs to keep. A missing
        // scoring function (404) must not stop the engine from opening; we try again next start.
        if (!registered && registered.error().status == 404)
            complete = false;
        else if (!registered && registered.error().status != 409)
            return registered.error();
    }
    return complete ? m_store.setMeta(kSeededKey, "1") : api::Status{};
}

} // namespace wb::engine
