#include "benchmark_params.h"

#include <QCoreApplication>

namespace wb::ui {

namespace {
struct BenchmarkParamsTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::BenchmarkParams)
};
} // namespace

BenchmarkParams benchmarkScoringParams(const api::Benchmark &benchmark)
{
    BenchmarkParams out;
    const api::Json &metadata = benchmark.metadata.value;
    if (!metadata.is_object() || !metadata.contains(kScoringParamsKey))
        return out;
    const api::Json &stored = metadata[kScoringParamsKey];
    if (!stored.is_object()) {
        out.error = BenchmarkParamsTr::tr("metadata.%1 is not an object; it is ignored.")
                        .arg(QString::fromLatin1(kScoringParamsKey));
        return out;
    }
    for (auto it = stored.begin(); it != stored.end(); ++it) {
        auto parsed = api::parse<api::ScoringFnParams>(it.value(), std::string("metadata.") + kScoringParamsKey + "."
                                                                       + it.key());
        if (parsed)
            out.params[it.key()] = std::move(parsed.value());
        else if (out.error.isEmpty())
            out.error = QString::fromStdString(parsed.error().detail);
    }
    return out;
}

void setBenchmarkScoringParams(api::JsonObject &metadata, const api::OrderedMap<api::ScoringFnParams> &params)
{
    if (!metadata.value.is_object())
        metadata.value = api::Json::object();
    if (params.empty())
        metadata.value.erase(kScoringParamsKey);
    else
        metadata.value[kScoringParamsKey] = api::toJson(params);
}

} // namespace wb::ui
