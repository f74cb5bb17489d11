#include "engine/scoring/scoring_service.h"

#include "engine/datasets/dataset_service.h"
#include "engine/scoring/aggregation.h"
#include "engine/scoring/basic_functions.h"
#include "engine/scoring/judge_prompt.h"
#include "engine/scoring/llm_judge_function.h"
#include "engine/scoring/row_runner.h"
#include "store/store.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace wb::engine {

namespace {

constexpr const char *kKind = "scoring_function";
constexpr const char *kJudgeProvider = "llm-as-judge";
//! Judge rows in flight per request: each waits seconds on a model, so a few at once, not a core each.
constexpr int kJudgeRowsAtOnce = 4;

bool visibleTo(const std::string &owner, const std::string &principal)
{
    return principal.empty() || owner.empty() || owner == principal;
}

api::Error functionNotFound(const std::string &id)
{
    return api::Error::notFound("Scoring function '" + id
                                + "' not found. Use the scoring functions list to see the available ones.");
}

const char *paramsTypeName(const api::ScoringFnParams &p)
{
    switch (p.index()) {
    case 0:
        return "llm_as_judge";
    case 1:
        return "regex_parser";
    default:
        return "basic";
    }
}

//! The request's params as the function takes them, or a 400: basic functions take basic params,
//! regex functions regex_parser or basic (their default regexes with those aggregations), judges
//! llm_as_judge only.
api::Result<api::ScoringFnParams> acceptParams(const api::ScoringFn &def, const api::ScoringFnParams &given)
{
    if (!def.params || def.params->index() == given.index())
        return given;
    if (std::holds_alternative<api::RegexParserScoringFnParams>(*def.params))
        if (const auto *basic = std::get_if<api::BasicScoringFnParams>(&given))
            return api::ScoringFnParams(api::RegexParserScoringFnParams{{}, basic->aggregation_functions});
    const std::string takes = std::holds_alternative<api::RegexParserScoringFnParams>(*def.params)
                                  ? "regex_parser or basic"
                                  : paramsTypeName(*def.params);
    return api::Error::badRequest("'" + def.identifier + "' takes params of type " + takes + ", not "
                                  + paramsTypeName(given));
}

bool isJudge(const api::ScoringFnParams &params)
{
    return std::holds_alternative<api::LlmAsJudgeScoringFnParams>(params);
}

} // namespace

struct ScoringService::Private
{
    store::Store &store;
    DatasetService &datasets;
    JudgeCall judge;
    ScoringFunctionList builtins; //!< basic first, then the judges; never stored
    std::vector<std::string> builtinIds; //!< same order; definition() copies a long template
    //! CPU-bound scoring helpers: one per core, shared by every request (tryStart, never queued).
    QThreadPool cpuPool;
    //! Judge rows wait on a model: separate threads, so they never hold the CPU helpers.
    QThreadPool judgePool;

    Private(store::Store &s, DatasetService &d, JudgeCall j) : store(s), datasets(d), judge(std::move(j))
    {
        builtins = basicScoringFunctions();
        for (auto &fn : builtinJudgeFunctions(judge))
            builtins.push_back(std::move(fn));
        builtins.erase(std::remove(builtins.begin(), builtins.end(), nullptr), builtins.end());
        for (const auto &fn : builtins)
            builtinIds.push_back(fn->definition().identifier);
        cpuPool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        judgePool.setMaxThreadCount(4 * kJudgeRowsAtOnce);
    }

    std::shared_ptr<const ScoringFunctionImpl> builtin(const std::string &id) const
    {
        for (size_t i = 0; i < builtins.size(); ++i)
            if (builtinIds[i] == id)
                return builtins[i];
        return nullptr;
    }

    //! A user-defined function visible to `principal`: nullptr when there is none.
    api::Result<std::optional<std::pair<api::ScoringFn, std::string>>> stored(const std::string &principal,
                                                                           const std::string &id)
    {
        auto found = store.getResource(kKind, id);
        if (!found)
            return found.error();
        if (!found.value() || !visibleTo(found.value()->owner, principal))
            return std::optional<std::pair<api::ScoringFn, std::string>>();
        auto fn = api::parse<api::ScoringFn>(found.value()->body);
        if (!fn)
            return api::Error::internal("stored scoring function '" + id
                                        + "' is corrupt: " + fn.error().detail);
        return std::optional(std::make_pair(std::move(fn).value(), found.value()->owner));
    }

    api::Result<std::shared_ptr<const ScoringFunctionImpl>> lookup(const std::string &principal,
                                                                  const std::string &id)
    {
        if (auto fn = builtin(id))
            return fn;
        auto user = stored(principal, id);
        if (!user)
            return user.error();
        if (!user.value())
            return functionNotFound(id);
        return makeJudgeFunction(user.value()->first, judge);
    }
};

ScoringService::ScoringService(store::Store &store, DatasetService &datasets, JudgeCall judge)
    : d(std::make_unique<Private>(store, datasets, std::move(judge)))
{}

ScoringService::~ScoringService()
{
    d->cpuPool.waitForDone();
    d->judgePool.waitForDone();
}

api::Result<api::ListScoringFunctionsResponse> ScoringService::list(const std::string &principal)
{
    api::ListScoringFunctionsResponse out;
    for (const auto &fn : d->builtins)
        out.data.push_back(fn->definition());
    auto all = d->store.listResources(kKind);
    if (!all)
        return all.error();
    for (const auto &r : all.value()) {
        if (!visibleTo(r.owner, principal))
            continue;
        if (auto fn = api::parse<api::ScoringFn>(r.body)) // a corrupt entry must not hide the others
            out.data.push_back(std::move(fn).value());
    }
    return out;
}

api::Result<api::ScoringFn> ScoringService::get(const std::string &principal, const std::string &id)
{
    auto fn = d->lookup(principal, id);
    if (!fn)
        return fn.error();
    return fn.value()->definition();
}

api::Status ScoringService::registerFunction(const std::string &principal,
                                             const api::RegisterScoringFunctionRequest &request)
{
    const std::string &id = request.scoring_fn_id;
    if (id.empty())
        return api::Error::badRequest("scoring_fn_id: must not be empty");
    const std::string onlyJudges = "Only LLM-as-judge functions can be user-defined: give params of type "
                                   "llm_as_judge with a judge_model and a prompt_template";
    if (request.provider_id && *request.provider_id != kJudgeProvider)
        return api::Error::badRequest("provider_id: '" + *request.provider_id
                                      + "' cannot register functions. " + onlyJudges
                                      + " (provider_id 'llm-as-judge')");
    if (!request.params)
        return api::Error::badRequest("params: field required. " + onlyJudges);
    const auto *judgeParams = std::get_if<api::LlmAsJudgeScoringFnParams>(&*request.params);
    if (!judgeParams)
        return api::Error::badRequest(std::string("params.type: '") + paramsTypeName(*request.params)
                                      + "' is not allowed. " + onlyJudges);
    if (judgeParams->judge_model.empty())
        return api::Error::badRequest("params.judge_model: field required");
    if (!judgeParams->prompt_template || judgeParams->prompt_template->empty())
        return api::Error::badRequest("params.prompt_template: field required");
    if (d->builtin(id))
        return api::Error::conflict("Scoring function '" + id
                                    + "' is a built-in function; choose another id");

    api::ScoringFn fn;
    fn.identifier = id;
    fn.provider_resource_id = request.provider_scoring_fn_id.value_or(id);
    fn.provider_id = kJudgeProvider;
    if (!request.description.empty())
        fn.description = request.description;
    fn.return_type = request.return_type;
    fn.params = request.params;
    // Validates the template and the regexes the way scoring will use them. The judge model is
    // not looked up: it may be registered later, and scoring names it when it is missing.
    if (auto prepared = makeJudgeFunction(fn, d->judge)->prepare(*fn.params, principal); !prepared)
        return api::Error::badRequest("params." + prepared.error().detail);

    auto conflict = [&] {
        return api::Error::conflict("Scoring function '" + id
                                    + "' is already registered with different settings; unregister it "
                                      "first or choose another id");
    };
    auto existing = d->store.getResource(kKind, id);
    if (!existing)
        return existing.error();
    if (existing.value()) {
        if (!visibleTo(existing.value()->owner, principal))
            return api::Error::make(403, "Scoring function '" + id
                                             + "' belongs to another principal; choose another id");
        auto old = api::parse<api::ScoringFn>(existing.value()->body);
        if (old && old.value() == fn)
            return {};
        return conflict();
    }
    auto stored = d->store.registerResource(store::Resource{kKind, id, api::toJson(fn), principal});
    if (!stored)
        return stored.error().status == 409 ? conflict() : stored.error();
    return {};
}

api::Status ScoringService::unregisterFunction(const std::string &principal, const std::string &id)
{
    if (d->builtin(id))
        return api::Error::badRequest("Scoring function '" + id
                                      + "' is built in and cannot be unregistered");
    auto user = d->stored(principal, id);
    if (!user)
        return user.error();
    if (!user.value())
        return functionNotFound(id);
    auto removed = d->store.deleteResource(kKind, id);
    if (!removed)
        return removed.error().status == 404 ? functionNotFound(id) : removed.error();
    return {};
}

api::Result<std::vector<PreparedFunction>> ScoringService::prepare(
    const std::string &principal, const api::ScoringFunctionsParams &functions)
{
    std::vector<PreparedFunction> out;
    out.reserve(functions.size());
    for (const auto &[id, requested] : functions) {
        auto impl = d->lookup(principal, id);
        if (!impl)
            return impl.error();
        const api::ScoringFn def = impl.value()->definition();
        api::ScoringFnParams effective
            = def.params.value_or(api::ScoringFnParams(api::BasicScoringFnParams{}));
        if (requested) {
            auto accepted = acceptParams(def, *requested);
            if (!accepted)
                return api::Error::badRequest("scoring_functions." + id + ": " + accepted.error().detail);
            effective = std::move(accepted).value();
        }
        auto scorer = impl.value()->prepare(effective, principal);
        if (!scorer) {
            api::Error e = scorer.error();
            e.detail = "scoring_functions." + id + ": " + e.detail;
            return e;
        }
        out.push_back(PreparedFunction{id, std::move(effective), std::move(scorer).value()});
    }
    return out;
}

api::Result<api::ScoreResponse> ScoringService::score(const std::string &principal,
                                                      const api::ScoreRequest &request,
                                                      const api::CancelToken &cancel)
{
    if (request.scoring_functions.empty())
        return api::Error::badRequest("scoring_functions: name at least one scoring function");
    auto prepared = prepare(principal, request.scoring_functions);
    if (!prepared)
        return prepared.error();
    const std::vector<api::JsonObject> &rows = request.input_rows;
    api::ScoreResponse response;
    for (const PreparedFunction &fn : prepared.value()) {
        std::vector<api::JsonObject> scores(rows.size());
        const bool judge = isJudge(fn.params);
        // A judge call costs seconds (and money): find a row it cannot fill before paying for any.
        if (judge)
            for (size_t i = 0; i < rows.size(); ++i)
                for (const std::string &column : JudgePrompt::fieldNames())
                    if (!rows[i].value.contains(column))
                        return api::Error::badRequest("input_rows[" + std::to_string(i)
                                                      + "]: row is missing '" + column + "'"
                                                      + (prepared->size() > 1 ? " (" + fn.id + ")" : ""));
        const int cores = d->cpuPool.maxThreadCount() + 1;
        // Small CPU jobs are not worth waking threads for.
        const int workers = judge ? kJudgeRowsAtOnce : (rows.size() < 512 ? 1 : cores);
        const size_t chunk = judge ? 1 : std::max<size_t>(256, rows.size() / (size_t(cores) * 8));
        auto failure = forEachRow(
            judge ? d->judgePool : d->cpuPool, rows.size(), workers, chunk,
            [&](size_t i) -> api::Status {
                auto scored = fn.scorer->score(rows[i], cancel);
                if (!scored)
                    return scored.error();
                scores[i] = std::move(scored).value();
                return {};
            },
            cancel);
        if (failure) {
            api::Error e = std::move(failure->error);
            // A row's own fault (400) or what its judge call met (5xx) names the row; an unknown
            // judge model (404) or a cancel is about the whole request.
            if (e.status == 400 || e.status >= 500)
                e.detail = "input_rows[" + std::to_string(failure->row) + "]: " + e.detail
                           + (prepared->size() > 1 ? " (" + fn.id + ")" : "");
            return e;
        }
        api::ScoringResult result;
        const auto &aggregations = api::aggregationFunctions(fn.params);
        if (!aggregations.empty()) {
            auto aggregated = aggregate(scores, aggregations);
            if (!aggregated) {
                api::Error e = aggregated.error();
                e.detail = fn.id + ": " + e.detail;
                return e;
            }
            result.aggregated_results = std::move(aggregated).value();
        }
        result.score_rows = std::move(scores);
        response.results.entries.emplace_back(fn.id, std::move(result));
    }
    return response;
}

api::Result<api::ScoreBatchResponse> ScoringService::scoreBatch(const std::string &principal,
                                                                const api::ScoreBatchRequest &request,
                                                                const api::CancelToken &cancel)
{
    auto dataset = d->datasets.getDataset(principal, request.dataset_id);
    if (!dataset)
        return dataset.error();
    auto page = d->datasets.iterrows(principal, request.dataset_id, std::nullopt, -1);
    if (!page)
        return page.error();
    api::ScoreRequest scoreRequest;
    scoreRequest.input_rows = std::move(page->data);
    scoreRequest.scoring_functions = request.scoring_functions;
    auto scored = score(principal, scoreRequest, cancel);
    if (!scored)
        return scored.error();
    api::ScoreBatchResponse response;
    response.results = std::move(scored->results);
    if (!request.save_results_dataset)
        return response;
    if (cancel.isCancelled())
        return api::Error::cancelled();

    // The scored rows: every input column plus "<fn>.score" per function.
    api::RegisterDatasetRequest save;
    save.purpose = dataset->purpose;
    api::RowsDataSource rows;
    rows.rows = std::move(scoreRequest.input_rows);
    api::Json functionIds = api::Json::array();
    for (const auto &[fnId, result] : response.results) {
        functionIds.push_back(fnId);
        for (size_t i = 0; i < rows.rows.size() && i < result.score_rows.size(); ++i) {
            const api::Json &row = result.score_rows[i].value;
            auto it = row.find("score");
            rows.rows[i].value[fnId + ".score"] = it != row.end() ? *it : api::Json(nullptr);
        }
    }
    save.source = std::move(rows);
    save.metadata.value = api::Json::object();
    save.metadata.value["scored_from"] = request.dataset_id;
    save.metadata.value["scoring_functions"] = std::move(functionIds);
    // The first free "<dataset>-scored-<n>"; a concurrent save of the same dataset takes the next.
    for (int n = 1, attempts = 0; attempts < 20; ++n) {
        const std::string id = request.dataset_id + "-scored-" + std::to_string(n);
        auto taken = d->store.getResource("dataset", id);
        if (!taken)
            return taken.error();
        if (taken.value())
            continue;
        ++attempts;
        save.dataset_id = id;
        auto registered = d->datasets.registerDataset(principal, save);
        if (registered) {
            response.dataset_id = registered->identifier;
            return response;
        }
        if (registered.error().status != 409 && registered.error().status != 403)
            return registered.error();
    }
    return api::Error::conflict("could not find a free id to save the scored rows of '" + request.dataset_id
                                + "'");
}

api::Result<api::OrderedMap<api::JsonObject>> ScoringService::scoreRow(
    const std::vector<PreparedFunction> &functions, const api::JsonObject &row,
    const api::CancelToken &cancel)
{
    api::OrderedMap<api::JsonObject> out;
    for (const PreparedFunction &fn : functions) {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        auto scored = fn.scorer->score(row, cancel);
        if (!scored)
            return scored.error();
        out.entries.emplace_back(fn.id, std::move(scored).value());
    }
    return out;
}

} // namespace wb::engine
