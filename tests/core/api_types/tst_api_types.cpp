// JSON in/out of the typed API: round trips, upstream defaults, leniency and error paths.

#include "api/benchmarks.h"
#include "api/common.h"
#include "api/datasets.h"
#include "api/eval.h"
#include "api/models.h"
#include "api/post_training.h"
#include "api/rerank.h"
#include "api/scoring.h"
#include "api/system.h"

#include <QtTest>

using namespace wb::api;

namespace {

Json J(const char *text)
{
    return Json::parse(text);
}

//! toJson(parse<T>(j)), or {"parse_error": detail} so a failure shows in the comparison.
template<typename T>
Json roundTrip(const Json &j)
{
    const auto r = parse<T>(j);
    if (!r)
        return Json{{"parse_error", r.error().toString()}};
    return toJson(r.value());
}

//! "400 <detail>" of a failed parse, or "parsed" if it did not fail.
template<typename T>
std::string parseError(const Json &j)
{
    const auto r = parse<T>(j);
    if (r)
        return "parsed";
    return std::to_string(r.error().status) + " " + r.error().detail;
}

template<typename T>
T parsed(const Json &j)
{
    auto r = parse<T>(j);
    if (!r)
        qFatal("unexpected parse failure: %s", r.error().toString().c_str());
    return std::move(r).value();
}

template<typename T, typename = void>
struct HasEqual : std::false_type {};
template<typename T>
struct HasEqual<T, std::void_t<decltype(std::declval<const T &>() == std::declval<const T &>())>>
    : std::true_type {};

//! Typed equality where the type has ==; some existing dataset/system types do not.
template<typename T>
bool typedEqual(const T &a, const T &b)
{
    if constexpr (HasEqual<T>::value)
        return a == b;
    else
        return toJson(a) == toJson(b);
}

//! Error bodies are read with fromJson directly: Result<Error> cannot exist.
Error readError(const Json &j)
{
    Error e;
    fromJson(j, e, "");
    return e;
}

std::string readErrorFailure(const Json &j)
{
    try {
        readError(j);
    } catch (const JsonError &e) {
        return e.what();
    }
    return "parsed";
}

} // namespace

// Exact JSON equality (key order included, ordered_json compares it) plus the typed == after a
// second parse.
#define CHECK_ROUND_TRIP(T, text)                                                                  \
    do {                                                                                           \
        const Json in_ = J(text);                                                                  \
        const Json out_ = roundTrip<T>(in_);                                                       \
        QVERIFY2(out_ == in_, ("\n  in:  " + in_.dump() + "\n  out: " + out_.dump()).c_str());     \
        QVERIFY(typedEqual(parsed<T>(out_), parsed<T>(in_)));                                                \
    } while (false)

// Exact JSON equality, showing both documents on failure.
#define CHECK_JSON(actual, expected)                                                               \
    do {                                                                                           \
        const Json a_ = (actual);                                                                  \
        const Json e_ = (expected);                                                                \
        QVERIFY2(a_ == e_, ("\n  got:  " + a_.dump() + "\n  want: " + e_.dump()).c_str());       \
    } while (false)

// A 400 whose detail starts with `prefix` (the field path, then the message).
#define CHECK_ERROR(T, text, prefix)                                                               \
    do {                                                                                           \
        const std::string e_ = parseError<T>(J(text));                                             \
        const std::string want_ = std::string("400 ") + (prefix);                                  \
        QVERIFY2(e_.rfind(want_, 0) == 0, ("\n  got:  " + e_ + "\n  want: " + want_).c_str());     \
    } while (false)

class TstApiTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void datasets();
    void datasetErrors();
    void errorBodies();
    void system();
    void orderedMap();
    void samplingParams();
    void samplingErrors();
    void content();
    void job();
    void benchmarks();
    void scoringParams();
    void scoringFunctions();
    void scoreRequests();
    void eval();
    void evalErrors();
    void rerank();
    void postTrainingJobs();
    void postTrainingConfigs();
    void postTrainingErrors();
    void models();
};

// moc's preprocessor does not understand raw string literals inside macro arguments.
#ifndef Q_MOC_RUN

void TstApiTypes::datasets()
{
    CHECK_ROUND_TRIP(Dataset, R"({"identifier":"qa","provider_resource_id":"qa","provider_id":"localfs",
        "type":"dataset","purpose":"eval/question-answer",
        "source":{"type":"uri","uri":"huggingface://datasets/llamastack/simpleqa?split=train"},
        "metadata":{"b":1,"a":[true,null]}})");
    CHECK_ROUND_TRIP(Dataset, R"({"identifier":"rows","provider_id":"localfs","type":"dataset",
        "purpose":"post-training/messages",
        "source":{"type":"rows","rows":[{"messages":[{"role":"user","content":"hi"}]},{"z":1,"a":2}]},
        "metadata":{}})");
    CHECK_ROUND_TRIP(ListDatasetsResponse, R"({"data":[]})");
    CHECK_ROUND_TRIP(RegisterDatasetRequest, R"({"purpose":"eval/messages-answer",
        "source":{"type":"uri","uri":"file:///tmp/x.csv"},"metadata":{"k":"v"},"dataset_id":"x"})");
    CHECK_ROUND_TRIP(AppendRowsRequest, R"({"rows":[{"q":"1+1","a":"2"}]})");
    CHECK_ROUND_TRIP(PaginatedResponse, R"({"data":[{"a":1}],"has_more":true,"url":"/v1beta/x"})");

    // Defaults: metadata {} (also for null), `type` constants optional, has_more false.
    const auto d = parsed<Dataset>(J(R"({"identifier":"a","provider_id":"p",
        "purpose":"eval/question-answer","source":{"type":"rows","rows":[]}})"));
    CHECK_JSON(d.metadata.value, Json::object());
    QVERIFY(std::holds_alternative<RowsDataSource>(d.source));
    QVERIFY(!d.provider_resource_id);
    const auto reg = parsed<RegisterDatasetRequest>(J(R"({"purpose":"eval/question-answer",
        "source":{"type":"uri","uri":"a.csv"},"metadata":null,"dataset_id":null,"unknown":1})"));
    CHECK_JSON(reg.metadata.value, Json::object());
    QVERIFY(!reg.dataset_id);
    CHECK_JSON(toJson(reg), J(R"({"purpose":"eval/question-answer",
        "source":{"type":"uri","uri":"a.csv"},"metadata":{}})"));
    const auto page = parsed<PaginatedResponse>(J(R"({"data":[]})"));
    QVERIFY(!page.has_more);
    CHECK_JSON(toJson(page), J(R"({"data":[],"has_more":false})"));
    QCOMPARE(expectedColumns(DatasetPurpose::EvalQuestionAnswer),
             (std::vector<std::string>{"question", "answer"}));
}

void TstApiTypes::datasetErrors()
{
    CHECK_ERROR(Dataset, R"({"identifier":"a","provider_id":"p","purpose":"eval/question-answer",
        "source":{"type":"ftp","uri":"x"}})", "source.type: 'ftp' is not one of 'uri', 'rows'");
    CHECK_ERROR(Dataset, R"({"identifier":"a","provider_id":"p","purpose":"eval/other",
        "source":{"type":"uri","uri":"x"}})", "purpose: 'eval/other' is not one of");
    CHECK_ERROR(Dataset, R"({"identifier":"a","provider_id":"p","type":"model",
        "purpose":"eval/question-answer","source":{"type":"uri","uri":"x"}})",
                "type: must be 'dataset'");
    CHECK_ERROR(RegisterDatasetRequest, R"({"purpose":"eval/question-answer","source":{"type":"uri"}})",
                "source.uri: field required");
    CHECK_ERROR(RegisterDatasetRequest, R"({"purpose":"eval/question-answer"})",
                "source: field required");
    CHECK_ERROR(RegisterDatasetRequest, R"({"purpose":"eval/question-answer",
        "source":{"type":"rows","rows":[{"a":1},"x"]}})", "source.rows[1]: expected an object");
    CHECK_ERROR(RegisterDatasetRequest, R"({"purpose":"eval/question-answer",
        "source":{"uri":"x"}})", "source.type: field required");
    CHECK_ERROR(RegisterDatasetRequest, R"({"purpose":"eval/question-answer",
        "source":{"type":"uri","uri":"x"},"metadata":[1]})", "metadata: expected an object");
    CHECK_ERROR(AppendRowsRequest, R"([])", "expected an object, got an array");
    CHECK_ERROR(PaginatedResponse, R"({"data":[],"has_more":"yes"})", "has_more: expected a boolean");
    const auto text = parseText<Dataset>("{not json");
    QVERIFY(!text);
    QCOMPARE(text.error().status, 400);
}

void TstApiTypes::errorBodies()
{
    const auto spec = readError(J(R"({"status":404,"title":"Not Found","detail":"Dataset 'x' not found"})"));
    QCOMPARE(spec, Error::notFound("Dataset 'x' not found"));
    CHECK_JSON(toJson(spec), J(R"({"status":404,"title":"Not Found","detail":"Dataset 'x' not found"})"));
    const auto noTitle = readError(J(R"({"status":409,"detail":"same id"})"));
    QCOMPARE(noTitle.title, std::string("Conflict"));
    // Upstream FastAPI: {"detail": "..."}; the status comes from the HTTP response, not the body.
    const auto upstream = readError(J(R"({"detail":"Invalid value: Benchmark 'x' not found"})"));
    QCOMPARE(upstream.detail, std::string("Invalid value: Benchmark 'x' not found"));
    const auto nested = readError(J(R"({"error":{"detail":{"errors":[1]}}})"));
    QCOMPARE(nested.detail, std::string(R"({"errors":[1]})"));
    QCOMPARE(readErrorFailure(J(R"({"message":"x"})")), std::string("not an error body"));
    QCOMPARE(readErrorFailure(J(R"({"status":"404","detail":"x"})")),
             std::string("status: expected an integer, got a string"));
}

void TstApiTypes::system()
{
    CHECK_ROUND_TRIP(VersionInfo, R"({"version":"0.3.0"})");
    CHECK_JSON(toJson(parsed<HealthInfo>(J(R"({"status":"Not Implemented"})"))),
             J(R"({"status":"Not Implemented"})"));
    CHECK_ERROR(HealthInfo, R"({"status":"ok"})", "status: 'ok' is not one of 'OK', 'Error'");
}

void TstApiTypes::orderedMap()
{
    OrderedMap<int> m;
    m["z"] = 1;
    m["a"] = 2;
    m["z"] = 3;
    QCOMPARE(m.size(), size_t(2));
    QCOMPARE(*m.find("z"), 3);
    QVERIFY(!m.find("b"));
    QCOMPARE(toJson(m).dump(), std::string(R"({"z":3,"a":2})"));
    OrderedMap<int> back;
    fromJson(J(R"({"z":3,"a":2})"), back, "");
    QCOMPARE(back, m);
    CHECK_ERROR(BenchmarkConfig, R"({"eval_candidate":{"model":"m","sampling_params":{}},
        "scoring_params":{"f":{"type":"basic"},"g":7}})", "scoring_params.g: expected an object");
}

void TstApiTypes::samplingParams()
{
    CHECK_ROUND_TRIP(SamplingParams, R"({"strategy":{"type":"greedy"},"repetition_penalty":1.0})");
    CHECK_ROUND_TRIP(SamplingParams, R"({"strategy":{"type":"top_p","temperature":0.7,"top_p":0.9},
        "max_tokens":512,"repetition_penalty":1.1,"stop":["</s>","\n\n"]})");
    CHECK_ROUND_TRIP(SamplingParams, R"({"strategy":{"type":"top_k","top_k":40},"max_tokens":16,
        "repetition_penalty":1.0})");

    // The upstream eval tests' body: no strategy, unknown `temperature`.
    const auto p = parsed<SamplingParams>(J(R"({"temperature":0.0,"max_tokens":512})"));
    QVERIFY(std::holds_alternative<GreedySamplingStrategy>(p.strategy));
    QCOMPARE(p.max_tokens, std::optional<int>(512));
    QCOMPARE(p.repetition_penalty, 1.0);
    QVERIFY(!p.stop);
    CHECK_JSON(toJson(p), J(R"({"strategy":{"type":"greedy"},"max_tokens":512,"repetition_penalty":1.0})"));

    const auto nulls = parsed<SamplingParams>(
        J(R"({"strategy":null,"max_tokens":null,"repetition_penalty":null,"stop":null})"));
    QCOMPARE(nulls, SamplingParams{});
    const auto topP = parsed<SamplingParams>(J(R"({"strategy":{"type":"top_p","temperature":0.5}})"));
    QCOMPARE(std::get<TopPSamplingStrategy>(topP.strategy).top_p, 0.95);
    const auto noTemp = parsed<SamplingParams>(J(R"({"strategy":{"type":"top_p"}})"));
    QVERIFY(!std::get<TopPSamplingStrategy>(noTemp.strategy).temperature);
    CHECK_JSON(toJson(noTemp.strategy), J(R"({"type":"top_p","top_p":0.95})"));
    const auto integral = parsed<SamplingParams>(J(R"({"max_tokens":64.0,"repetition_penalty":2})"));
    QCOMPARE(integral.max_tokens, std::optional<int>(64));
    QCOMPARE(integral.repetition_penalty, 2.0);
}

void TstApiTypes::samplingErrors()
{
    CHECK_ERROR(SamplingParams, R"({"strategy":{"type":"beam"}})",
                "strategy.type: 'beam' is not one of 'greedy', 'top_p', 'top_k'");
    CHECK_ERROR(SamplingParams, R"({"strategy":{"top_k":3}})", "strategy.type: field required");
    CHECK_ERROR(SamplingParams, R"({"strategy":"greedy"})", "strategy: expected an object, got a string");
    CHECK_ERROR(SamplingParams, R"({"strategy":{"type":"top_k"}})", "strategy.top_k: field required");
    CHECK_ERROR(SamplingParams, R"({"strategy":{"type":"top_k","top_k":0}})",
                "strategy.top_k: must be at least 1");
    CHECK_ERROR(SamplingParams, R"({"strategy":{"type":"top_p","temperature":0}})",
                "strategy.temperature: must be greater than 0");
    CHECK_ERROR(SamplingParams, R"({"strategy":{"type":"top_p","top_p":"high"}})",
                "strategy.top_p: expected a number, got a string");
    CHECK_ERROR(SamplingParams, R"({"max_tokens":"512"})", "max_tokens: expected an integer");
    CHECK_ERROR(SamplingParams, R"({"max_tokens":1.5})", "max_tokens: expected an integer");
    CHECK_ERROR(SamplingParams, R"({"stop":"\n"})", "stop: expected an array");
    CHECK_ERROR(SamplingParams, R"({"stop":["a",1]})", "stop[1]: expected a string");
}

void TstApiTypes::content()
{
    CHECK_ROUND_TRIP(SystemMessage, R"({"role":"system","content":"Answer briefly."})");
    CHECK_ROUND_TRIP(SystemMessage, R"({"role":"system","content":{"type":"text","text":"hi"}})");
    CHECK_ROUND_TRIP(SystemMessage, R"({"role":"system","content":[{"type":"text","text":"a"},
        {"type":"image","image":{"url":{"uri":"https://x/y.png"}}},
        {"type":"image","image":{"data":"aGVsbG8="}},{"type":"text","text":"b"}]})");
    const auto noRole = parsed<SystemMessage>(J(R"({"content":"x"})"));
    CHECK_JSON(toJson(noRole), J(R"({"role":"system","content":"x"})"));
    const auto list = parsed<SystemMessage>(J(R"({"content":[{"type":"text","text":"a"},
        {"type":"image","image":{}},{"type":"text","text":"b"}]})"));
    QCOMPARE(contentText(list.content), std::string("ab"));
    QCOMPARE(contentText(InterleavedContent{std::string("plain")}), std::string("plain"));

    CHECK_ERROR(SystemMessage, R"({"role":"user","content":"x"})", "role: must be 'system'");
    CHECK_ERROR(SystemMessage, R"({"role":"system"})", "content: field required");
    CHECK_ERROR(SystemMessage, R"({"content":42})",
                "content: expected a string, a content item or an array of content items");
    CHECK_ERROR(SystemMessage, R"({"content":[{"type":"text","text":"a"},{"type":"video"}]})",
                "content[1].type: 'video' is not one of 'image', 'text'");
    CHECK_ERROR(SystemMessage, R"({"content":{"type":"image"}})", "content.image: field required");
    CHECK_ERROR(SystemMessage, R"({"content":{"type":"image","image":{"url":"https://x"}}})",
                "content.image.url: expected an object");
    CHECK_ERROR(SystemMessage, R"({"content":{"type":"text"}})", "content.text: field required");
}

void TstApiTypes::job()
{
    for (const char *status : {"completed", "in_progress", "failed", "scheduled", "cancelled"}) {
        const Json j{{"job_id", "0"}, {"status", status}};
        CHECK_JSON(roundTrip<Job>(j), j);
    }
    QCOMPARE(parsed<Job>(J(R"({"job_id":"1","status":"in_progress"})")).status, JobStatus::InProgress);
    CHECK_ERROR(Job, R"({"job_id":"1","status":"running"})",
                "status: 'running' is not one of 'completed', 'in_progress'");
    CHECK_ERROR(Job, R"({"job_id":1,"status":"failed"})", "job_id: expected a string, got an integer");
    CHECK_ERROR(Job, R"({"status":"failed"})", "job_id: field required");
}

void TstApiTypes::benchmarks()
{
    CHECK_ROUND_TRIP(Benchmark, R"({"identifier":"meta-reference-simpleqa","provider_resource_id":"simpleqa",
        "provider_id":"meta-reference","type":"benchmark","dataset_id":"simpleqa",
        "scoring_functions":["llm-as-judge::405b-simpleqa","basic::equality"],"metadata":{"x":{"y":1}}})");
    CHECK_ROUND_TRIP(ListBenchmarksResponse, R"({"data":[{"identifier":"b","provider_id":"meta-reference",
        "type":"benchmark","dataset_id":"d","scoring_functions":[],"metadata":{}}]})");
    CHECK_ROUND_TRIP(RegisterBenchmarkRequest, R"({"benchmark_id":"b","dataset_id":"d",
        "scoring_functions":["basic::equality"],"provider_benchmark_id":"pb","provider_id":"meta-reference",
        "metadata":{"k":1}})");

    const auto b = parsed<Benchmark>(J(R"({"identifier":"b","provider_id":"p","dataset_id":"d",
        "scoring_functions":["f"],"metadata":null})"));
    CHECK_JSON(b.metadata.value, Json::object());
    const auto reg = parsed<RegisterBenchmarkRequest>(J(R"({"benchmark_id":"b","dataset_id":"d",
        "scoring_functions":[],"metadata":null,"provider_id":null,"extra":true})"));
    CHECK_JSON(toJson(reg), J(R"({"benchmark_id":"b","dataset_id":"d","scoring_functions":[],"metadata":{}})"));

    CHECK_ERROR(RegisterBenchmarkRequest, R"({"benchmark_id":"b","scoring_functions":[]})",
                "dataset_id: field required");
    CHECK_ERROR(RegisterBenchmarkRequest, R"({"benchmark_id":"b","dataset_id":"d","scoring_functions":"f"})",
                "scoring_functions: expected an array");
    CHECK_ERROR(Benchmark, R"({"identifier":"b","provider_id":"p","type":"dataset","dataset_id":"d",
        "scoring_functions":[]})", "type: must be 'benchmark'");
    CHECK_ERROR(ListBenchmarksResponse, R"({"data":[{"identifier":"b","provider_id":"p",
        "dataset_id":"d"}]})", "data[0].scoring_functions: field required");
}

void TstApiTypes::scoringParams()
{
    const char *judge = R"({"type":"llm_as_judge","judge_model":"meta-llama/Llama-3.1-8B-Instruct",
        "prompt_template":"Rate {generated_answer}","judge_score_regexes":["Total rating: ([0-9]+)\t"],
        "aggregation_functions":["categorical_count","median"]})";
    const auto j = parsed<ScoringFnParams>(J(judge));
    QVERIFY(std::holds_alternative<LlmAsJudgeScoringFnParams>(j));
    CHECK_ROUND_TRIP(ScoringFnParams, judge);
    CHECK_ROUND_TRIP(ScoringFnParams, R"({"type":"regex_parser","parsing_regexes":["Answer: (A|B) *"],
        "aggregation_functions":["accuracy"]})");
    CHECK_ROUND_TRIP(ScoringFnParams, R"({"type":"basic","aggregation_functions":
        ["average","weighted_average","median","categorical_count","accuracy"]})");

    // Lists default to empty, prompt_template stays absent.
    const auto minimal = parsed<ScoringFnParams>(J(R"({"type":"llm_as_judge","judge_model":"m"})"));
    CHECK_JSON(toJson(minimal), J(R"({"type":"llm_as_judge","judge_model":"m","judge_score_regexes":[],
        "aggregation_functions":[]})"));
    QVERIFY(aggregationFunctions(minimal).empty());
    const auto basic = parsed<ScoringFnParams>(J(R"({"type":"basic","aggregation_functions":null})"));
    CHECK_JSON(toJson(basic), J(R"({"type":"basic","aggregation_functions":[]})"));
    QCOMPARE(aggregationFunctions(parsed<ScoringFnParams>(
                 J(R"({"type":"regex_parser","aggregation_functions":["median"]})"))),
             std::vector<AggregationFunctionType>{AggregationFunctionType::Median});

    CHECK_ERROR(ScoringFnParams, R"({"type":"exact"})",
                "type: 'exact' is not one of 'llm_as_judge', 'regex_parser', 'basic'");
    CHECK_ERROR(ScoringFnParams, R"({"aggregation_functions":[]})", "type: field required");
    CHECK_ERROR(ScoringFnParams, R"({"type":"basic","aggregation_functions":["accuracy","mean"]})",
                "aggregation_functions[1]: 'mean' is not one of 'average', 'weighted_average'");
    CHECK_ERROR(ScoringFnParams, R"({"type":"llm_as_judge","judge_score_regexes":[]})",
                "judge_model: field required");
    CHECK_ERROR(ScoringFnParams, R"({"type":"regex_parser","parsing_regexes":"x"})",
                "parsing_regexes: expected an array");
}

void TstApiTypes::scoringFunctions()
{
    CHECK_ROUND_TRIP(ScoringFn, R"({"identifier":"basic::equality","provider_resource_id":"equality",
        "provider_id":"basic","type":"scoring_function","description":"Returns 1.0 if equal",
        "metadata":{},"return_type":{"type":"number"},
        "params":{"type":"basic","aggregation_functions":["accuracy"]}})");
    CHECK_ROUND_TRIP(ListScoringFunctionsResponse, R"({"data":[{"identifier":"llm-as-judge::base",
        "provider_id":"llm-as-judge","type":"scoring_function","metadata":{"a":1},
        "return_type":{"type":"string"}}]})");
    for (const char *kind : {"string", "number", "boolean", "array", "object", "json", "union",
                             "chat_completion_input", "completion_input"}) {
        const Json j{{"type", kind}};
        CHECK_JSON(roundTrip<ParamType>(j), j);
    }
    QCOMPARE(parsed<ParamType>(J(R"({"type":"chat_completion_input"})")).type,
             ParamTypeKind::ChatCompletionInput);
    const auto fn = parsed<ScoringFn>(J(R"({"identifier":"f","provider_id":"p","metadata":null,
        "return_type":{"type":"number"}})"));
    CHECK_JSON(fn.metadata.value, Json::object());
    QVERIFY(!fn.params && !fn.description);

    CHECK_ERROR(ScoringFn, R"({"identifier":"f","provider_id":"p","return_type":{"type":"float"}})",
                "return_type.type: 'float' is not one of 'string', 'number'");
    CHECK_ERROR(ScoringFn, R"({"identifier":"f","provider_id":"p"})", "return_type: field required");
    CHECK_ERROR(ScoringFn, R"({"identifier":"f","provider_id":"p","return_type":{"type":"number"},
        "params":{"type":"nope"}})", "params.type: 'nope' is not one of");
    CHECK_ERROR(ScoringFn, R"({"identifier":"f","provider_id":"p","type":"benchmark",
        "return_type":{"type":"number"}})", "type: must be 'scoring_function'");
}

void TstApiTypes::scoreRequests()
{
    // Key order is kept (z before a) and a null entry means "the function's default params".
    CHECK_ROUND_TRIP(ScoreRequest, R"({"input_rows":[{"input_query":"q","expected_answer":"a",
        "generated_answer":"a"}],"scoring_functions":{"z::fn":null,
        "basic::equality":{"type":"basic","aggregation_functions":["accuracy"]}}})");
    const auto req = parsed<ScoreRequest>(J(R"({"input_rows":[],"scoring_functions":{"f":null,
        "g":{"type":"basic"}}})"));
    QCOMPARE(req.scoring_functions.size(), size_t(2));
    QVERIFY(!*req.scoring_functions.find("f"));
    QVERIFY(req.scoring_functions.find("g")->has_value());

    const char *result = R"({"score_rows":[{"score":1.0},{"score":0.0}],
        "aggregated_results":{"accuracy":{"accuracy":0.5,"num_correct":1.0,"num_total":2}}})";
    CHECK_ROUND_TRIP(ScoringResult, result);
    CHECK_ROUND_TRIP(ScoreResponse, (std::string(R"({"results":{"basic::subset_of":)") + result
                                     + R"(,"basic::equality":)" + result + "}}").c_str());
    CHECK_ROUND_TRIP(ScoreBatchRequest, R"({"dataset_id":"d","scoring_functions":{"f":null},
        "save_results_dataset":true})");
    CHECK_ROUND_TRIP(ScoreBatchResponse, R"({"dataset_id":"scored","results":{}})");
    CHECK_ROUND_TRIP(ScoreBatchResponse, R"({"results":{"f":{"score_rows":[],"aggregated_results":{}}}})");
    const auto batch = parsed<ScoreBatchRequest>(J(R"({"dataset_id":"d","scoring_functions":{}})"));
    QVERIFY(!batch.save_results_dataset);

    CHECK_ERROR(ScoreRequest, R"({"scoring_functions":{}})", "input_rows: field required");
    CHECK_ERROR(ScoreRequest, R"({"input_rows":[]})", "scoring_functions: field required");
    CHECK_ERROR(ScoreRequest, R"({"input_rows":[],"scoring_functions":["basic::equality"]})",
                "scoring_functions: expected an object, got an array");
    CHECK_ERROR(ScoreRequest, R"({"input_rows":[],"scoring_functions":{"f":{"type":"x"}}})",
                "scoring_functions.f.type: 'x' is not one of");
    CHECK_ERROR(ScoringResult, R"({"score_rows":[]})", "aggregated_results: field required");
    CHECK_ERROR(ScoreBatchRequest, R"({"dataset_id":"d","scoring_functions":{},
        "save_results_dataset":"no"})", "save_results_dataset: expected a boolean");
}

void TstApiTypes::eval()
{
    const char *config = R"({"eval_candidate":{"type":"model","model":"meta-llama/Llama-3.2-3B-Instruct",
        "sampling_params":{"strategy":{"type":"top_p","temperature":0.2,"top_p":0.9},"max_tokens":512,
        "repetition_penalty":1.0},"system_message":{"role":"system","content":"Be terse."}},
        "scoring_params":{"llm-as-judge::base":{"type":"llm_as_judge","judge_model":"m",
        "prompt_template":"{input_query}","judge_score_regexes":["([0-9]) "],
        "aggregation_functions":["categorical_count"]},
        "basic::equality":{"type":"basic","aggregation_functions":["accuracy"]}},"num_examples":3})";
    CHECK_ROUND_TRIP(BenchmarkConfig, config);
    CHECK_ROUND_TRIP(RunEvalRequest, (std::string(R"({"benchmark_config":)") + config + "}").c_str());
    CHECK_ROUND_TRIP(EvaluateRowsRequest, (std::string(R"({"input_rows":[{"input_query":"1+1?",
        "chat_completion_input":"[{\"role\":\"user\",\"content\":\"1+1?\"}]","expected_answer":"2"}],
        "scoring_functions":["basic::equality"],"benchmark_config":)") + config + "}").c_str());
    CHECK_ROUND_TRIP(EvaluateResponse, R"({"generations":[{"generated_answer":"2"}],
        "scores":{"basic::equality":{"score_rows":[{"score":1.0}],
        "aggregated_results":{"accuracy":{"accuracy":1.0,"num_correct":1.0,"num_total":1}}}}})");

    // The upstream eval tests' request: no scoring_params, sampling params without a strategy.
    const auto req = parsed<RunEvalRequest>(J(R"({"benchmark_config":{"eval_candidate":{"type":"model",
        "model":"m","sampling_params":{"temperature":0.0,"max_tokens":512}},"num_examples":null}})"));
    const auto &cfg = req.benchmark_config;
    QVERIFY(cfg.scoring_params.empty());
    QVERIFY(!cfg.num_examples);
    QVERIFY(!cfg.eval_candidate.system_message);
    QVERIFY(std::holds_alternative<GreedySamplingStrategy>(cfg.eval_candidate.sampling_params.strategy));
    CHECK_JSON(toJson(req), J(R"({"benchmark_config":{"eval_candidate":{"type":"model","model":"m",
        "sampling_params":{"strategy":{"type":"greedy"},"max_tokens":512,"repetition_penalty":1.0}},
        "scoring_params":{}}})"));
    const auto nullParams = parsed<BenchmarkConfig>(J(R"({"eval_candidate":{"model":"m",
        "sampling_params":{}},"scoring_params":null})"));
    QVERIFY(nullParams.scoring_params.empty());
    QVERIFY(std::holds_alternative<BasicScoringFnParams>(
        *parsed<BenchmarkConfig>(J(config)).scoring_params.find("basic::equality")));
}

void TstApiTypes::evalErrors()
{
    const Json missingModel = J(R"({"input_rows":[{"a":1}],"scoring_functions":["basic::equality"],
        "benchmark_config":{"eval_candidate":{"type":"model","sampling_params":{}}}})");
    const auto r = parse<EvaluateRowsRequest>(missingModel);
    QVERIFY(!r);
    QCOMPARE(r.error().status, 400);
    QCOMPARE(r.error().title, std::string("Bad Request"));
    QCOMPARE(r.error().detail, std::string("benchmark_config.eval_candidate.model: field required"));

    CHECK_ERROR(EvaluateRowsRequest, R"({"scoring_functions":[],"benchmark_config":{}})",
                "input_rows: field required");
    CHECK_ERROR(EvaluateRowsRequest, R"({"input_rows":[],"benchmark_config":{}})",
                "scoring_functions: field required");
    CHECK_ERROR(EvaluateRowsRequest, R"({"input_rows":[],"scoring_functions":[]})",
                "benchmark_config: field required");
    CHECK_ERROR(EvaluateRowsRequest, R"({"input_rows":[],"scoring_functions":[],"benchmark_config":{}})",
                "benchmark_config.eval_candidate: field required");
    CHECK_ERROR(EvaluateRowsRequest, R"({"input_rows":[{"a":1},[1]],"scoring_functions":[],
        "benchmark_config":{}})", "input_rows[1]: expected an object, got an array");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"model":"m"}}})",
                "benchmark_config.eval_candidate.sampling_params: field required");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"type":"agent","model":"m",
        "sampling_params":{}}}})", "benchmark_config.eval_candidate.type: must be 'model'");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"model":"m",
        "sampling_params":{"strategy":{"type":"beam"}}}}})",
                "benchmark_config.eval_candidate.sampling_params.strategy.type: 'beam' is not one of");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"model":"m",
        "sampling_params":{}},"scoring_params":{"f":{"type":"basic","aggregation_functions":["sum"]}}}})",
                "benchmark_config.scoring_params.f.aggregation_functions[0]: 'sum' is not one of");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"model":"m",
        "sampling_params":{}},"num_examples":"3"}})",
                "benchmark_config.num_examples: expected an integer, got a string");
    CHECK_ERROR(RunEvalRequest, R"({"benchmark_config":{"eval_candidate":{"model":"m",
        "sampling_params":{},"system_message":{"content":1}}}})",
                "benchmark_config.eval_candidate.system_message.content: expected a string");
    CHECK_ERROR(EvaluateResponse, R"({"generations":[]})", "scores: field required");
}

void TstApiTypes::rerank()
{
    CHECK_ROUND_TRIP(RerankRequest, R"({"model":"nvidia/llama-3.2-nv-rerankqa-1b-v2",
        "query":"What is a llama?","items":["An animal.",{"type":"text","text":"A model."},
        {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA","detail":"low"}}],
        "max_num_results":2})");
    CHECK_ROUND_TRIP(RerankRequest, R"({"model":"m","query":{"type":"text","text":"q"},"items":[]})");
    CHECK_ROUND_TRIP(RerankRequest, R"({"model":"m","query":{"type":"image_url",
        "image_url":{"url":"https://x/y.png"}},"items":["a"]})");
    CHECK_ROUND_TRIP(RerankResponse, R"({"data":[{"index":2,"relevance_score":3.5},
        {"index":0,"relevance_score":-1.25}]})");

    // Parts without `type` are recognised by their fields (pydantic's plain union does the same).
    const auto untyped = parsed<RerankRequest>(J(R"({"model":"m","query":{"text":"q"},
        "items":[{"image_url":{"url":"u"}}],"max_num_results":null})"));
    QVERIFY(std::holds_alternative<TextContentPart>(untyped.query));
    QVERIFY(std::holds_alternative<ImageUrlContentPart>(untyped.items[0]));
    QVERIFY(!untyped.max_num_results);
    QCOMPARE(rerankText(untyped.query), std::optional<std::string>("q"));
    QVERIFY(!rerankText(untyped.items[0]));
    QCOMPARE(rerankText(RerankInput{std::string("s")}), std::optional<std::string>("s"));
    const auto data = parsed<RerankData>(J(R"({"index":1,"relevance_score":2})"));
    QCOMPARE(data.relevance_score, 2.0);

    CHECK_ERROR(RerankRequest, R"({"query":"q","items":[]})", "model: field required");
    CHECK_ERROR(RerankRequest, R"({"model":"m","items":[]})", "query: field required");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":"q"})", "items: field required");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":7,"items":[]})",
                "query: expected a string, a text part or an image_url part, got an integer");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":"q","items":["a",{"type":"image","image":{}}]})",
                "items[1].type: 'image' is not one of 'text', 'image_url'");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":"q","items":[{"content":"x"}]})",
                "items[0]: expected a string, a text part or an image_url part");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":{"type":"image_url","image_url":{}},"items":[]})",
                "query.image_url.url: field required");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":"q","items":"a"})", "items: expected an array");
    CHECK_ERROR(RerankRequest, R"({"model":"m","query":"q","items":[],"max_num_results":2.5})",
                "max_num_results: expected an integer");
    CHECK_ERROR(RerankResponse, R"({"data":[{"index":0}]})", "data[0].relevance_score: field required");
}

void TstApiTypes::postTrainingJobs()
{
    const char *checkpoint = R"({"identifier":"Llama-3.2-1B-sft-0","created_at":"2025-01-02T03:04:05Z",
        "epoch":0,"post_training_job_id":"job-1","path":"/ckpt/0",
        "training_metrics":{"epoch":0,"train_loss":1.5,"validation_loss":1.75,"perplexity":5.75}})";
    CHECK_ROUND_TRIP(Checkpoint, checkpoint);
    CHECK_ROUND_TRIP(PostTrainingJobStatusResponse, (std::string(R"({"job_uuid":"job-1",
        "status":"completed","scheduled_at":"2025-01-02T03:00:00Z","started_at":"2025-01-02T03:00:01Z",
        "completed_at":"2025-01-02T03:04:05Z","resources_allocated":{"cpu":2},"checkpoints":[)")
                                                     + checkpoint + "]}").c_str());
    CHECK_ROUND_TRIP(PostTrainingJobStatusResponse, R"({"job_uuid":"j","status":"scheduled","checkpoints":[]})");
    CHECK_ROUND_TRIP(PostTrainingJobArtifactsResponse, (std::string(R"({"job_uuid":"job-1","checkpoints":[)")
                                                        + checkpoint + "]}").c_str());
    CHECK_ROUND_TRIP(Checkpoint, R"({"identifier":"c","created_at":"2025-01-02T03:04:05.123456",
        "epoch":2,"post_training_job_id":"j","path":"p"})");
    CHECK_ROUND_TRIP(ListPostTrainingJobsResponse, R"({"data":[{"job_uuid":"a"},{"job_uuid":"b"}]})");
    CHECK_ROUND_TRIP(PostTrainingJob, R"({"job_uuid":"a"})");
    CHECK_ROUND_TRIP(CancelTrainingJobRequest, R"({"job_uuid":"a"})");

    const auto status = parsed<PostTrainingJobStatusResponse>(J(R"({"job_uuid":"j","status":"in_progress",
        "started_at":null,"checkpoints":null})"));
    QVERIFY(status.checkpoints.empty() && !status.started_at);
    CHECK_JSON(toJson(status), J(R"({"job_uuid":"j","status":"in_progress","checkpoints":[]})"));
    QVERIFY(parsed<PostTrainingJobArtifactsResponse>(J(R"({"job_uuid":"j"})")).checkpoints.empty());

    CHECK_ERROR(PostTrainingJobStatusResponse, R"({"job_uuid":"j","status":"done"})",
                "status: 'done' is not one of");
    CHECK_ERROR(PostTrainingJobArtifactsResponse, R"({"job_uuid":"j","checkpoints":[{"identifier":"c",
        "created_at":"t","epoch":"1","post_training_job_id":"j","path":"p"}]})",
                "checkpoints[0].epoch: expected an integer");
    CHECK_ERROR(Checkpoint, R"({"identifier":"c","created_at":"t","epoch":1,"post_training_job_id":"j",
        "path":"p","training_metrics":{"epoch":1,"train_loss":1,"validation_loss":1}})",
                "training_metrics.perplexity: field required");
    CHECK_ERROR(CancelTrainingJobRequest, R"({})", "job_uuid: field required");
}

void TstApiTypes::postTrainingConfigs()
{
    const char *training = R"({"n_epochs":2,"max_steps_per_epoch":10,"gradient_accumulation_steps":4,
        "max_validation_steps":3,"data_config":{"dataset_id":"alpaca","batch_size":8,"shuffle":true,
        "data_format":"dialog","validation_dataset_id":"alpaca-val","packed":true,"train_on_input":true},
        "optimizer_config":{"optimizer_type":"adamw","lr":0.0003,"weight_decay":0.1,"num_warmup_steps":100},
        "efficiency_config":{"enable_activation_checkpointing":true,"enable_activation_offloading":false,
        "memory_efficient_fsdp_wrap":true,"fsdp_cpu_offload":false},"dtype":"fp32"})";
    CHECK_ROUND_TRIP(TrainingConfig, training);
    CHECK_ROUND_TRIP(SupervisedFineTuneRequest, (std::string(R"({"job_uuid":"sft-1","training_config":)")
        + training + R"(,"hyperparam_search_config":{},"logger_config":{"wandb":false},
        "model":"meta-llama/Llama-3.2-1B-Instruct","checkpoint_dir":"/ckpt",
        "algorithm_config":{"type":"LoRA","lora_attn_modules":["q_proj","v_proj"],"apply_lora_to_mlp":true,
        "apply_lora_to_output":false,"rank":8,"alpha":16,"use_dora":true,"quantize_base":true}})").c_str());
    CHECK_ROUND_TRIP(SupervisedFineTuneRequest, R"({"job_uuid":"qat","training_config":{"n_epochs":1,
        "max_steps_per_epoch":1,"gradient_accumulation_steps":1,"max_validation_steps":1,"dtype":"bf16"},
        "hyperparam_search_config":{},"logger_config":{},
        "algorithm_config":{"type":"QAT","quantizer_name":"int8","group_size":32}})");
    CHECK_ROUND_TRIP(PreferenceOptimizeRequest, (std::string(R"({"job_uuid":"dpo-1","finetuned_model":"m",
        "algorithm_config":{"beta":0.1,"loss_type":"kto_pair"},"training_config":)")
        + training + R"(,"hyperparam_search_config":{"lr":[1,2]},"logger_config":{}})").c_str());

    // Upstream defaults for fields the spec marks required.
    const auto t = parsed<TrainingConfig>(J(R"({"n_epochs":1,"max_validation_steps":null,"dtype":null,
        "data_config":{"dataset_id":"d","batch_size":1,"shuffle":false,"data_format":"instruct"},
        "efficiency_config":{}})"));
    QCOMPARE(t.max_steps_per_epoch, 1);
    QCOMPARE(t.gradient_accumulation_steps, 1);
    QCOMPARE(t.max_validation_steps, 1);
    QCOMPARE(t.dtype, std::string("bf16"));
    QVERIFY(!t.data_config->packed && !t.data_config->train_on_input);
    QVERIFY(!t.data_config->validation_dataset_id);
    QCOMPARE(*t.efficiency_config, EfficiencyConfig{});
    QVERIFY(!t.optimizer_config);
    CHECK_JSON(toJson(t), J(R"({"n_epochs":1,"max_steps_per_epoch":1,"gradient_accumulation_steps":1,
        "max_validation_steps":1,"data_config":{"dataset_id":"d","batch_size":1,"shuffle":false,
        "data_format":"instruct","packed":false,"train_on_input":false},
        "efficiency_config":{"enable_activation_checkpointing":false,"enable_activation_offloading":false,
        "memory_efficient_fsdp_wrap":false,"fsdp_cpu_offload":false},"dtype":"bf16"})"));

    const auto lora = parsed<AlgorithmConfig>(J(R"({"type":"LoRA","lora_attn_modules":[],
        "apply_lora_to_mlp":false,"apply_lora_to_output":false,"rank":4,"alpha":8,"use_dora":null})"));
    QVERIFY(!std::get<LoraFinetuningConfig>(lora).use_dora);
    QVERIFY(!std::get<LoraFinetuningConfig>(lora).quantize_base);
    const auto dpo = parsed<DPOAlignmentConfig>(J(R"({"beta":0.5})"));
    QCOMPARE(dpo.loss_type, DPOLossType::Sigmoid);
    CHECK_JSON(toJson(dpo), J(R"({"beta":0.5,"loss_type":"sigmoid"})"));
    const auto sft = parsed<SupervisedFineTuneRequest>(J(R"({"job_uuid":"j","training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{},"model":null,"algorithm_config":null,"x":1})"));
    QVERIFY(!sft.model && !sft.algorithm_config);
}

void TstApiTypes::postTrainingErrors()
{
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{},"algorithm_config":{"type":"full"}})",
                "algorithm_config.type: 'full' is not one of 'LoRA', 'QAT'");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1},
        "logger_config":{}})", "hyperparam_search_config: field required");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{},
        "hyperparam_search_config":{},"logger_config":{}})", "training_config.n_epochs: field required");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":"2"},
        "hyperparam_search_config":{},"logger_config":{}})",
                "training_config.n_epochs: expected an integer, got a string");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1,
        "data_config":{"dataset_id":"d","batch_size":1,"shuffle":true,"data_format":"chat"}},
        "hyperparam_search_config":{},"logger_config":{}})",
                "training_config.data_config.data_format: 'chat' is not one of 'instruct', 'dialog'");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1,
        "optimizer_config":{"optimizer_type":"lion","lr":1,"weight_decay":0,"num_warmup_steps":0}},
        "hyperparam_search_config":{},"logger_config":{}})",
                "training_config.optimizer_config.optimizer_type: 'lion' is not one of 'adam'");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{},"algorithm_config":{"type":"LoRA",
        "lora_attn_modules":["q"],"apply_lora_to_mlp":true,"apply_lora_to_output":true,"alpha":1}})",
                "algorithm_config.rank: field required");
    CHECK_ERROR(SupervisedFineTuneRequest, R"({"job_uuid":"j","training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{},"algorithm_config":{"quantizer_name":"q"}})",
                "algorithm_config.type: field required");
    CHECK_ERROR(PreferenceOptimizeRequest, R"({"job_uuid":"j","finetuned_model":"m",
        "algorithm_config":{"beta":0.1,"loss_type":"logistic"},"training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{}})",
                "algorithm_config.loss_type: 'logistic' is not one of 'sigmoid', 'hinge', 'ipo', 'kto_pair'");
    CHECK_ERROR(PreferenceOptimizeRequest, R"({"job_uuid":"j","finetuned_model":"m",
        "algorithm_config":{"loss_type":"ipo"},"training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":{}})", "algorithm_config.beta: field required");
    CHECK_ERROR(PreferenceOptimizeRequest, R"({"job_uuid":"j","finetuned_model":"m",
        "algorithm_config":{"beta":0.1},"training_config":{"n_epochs":1},
        "hyperparam_search_config":{},"logger_config":[]})", "logger_config: expected an object");
    CHECK_ERROR(TrainingConfig, R"({"n_epochs":1,"efficiency_config":{"fsdp_cpu_offload":1}})",
                "efficiency_config.fsdp_cpu_offload: expected a boolean, got an integer");
}

void TstApiTypes::models()
{
    CHECK_ROUND_TRIP(Model, R"({"identifier":"ollama/llama3.2:3b","provider_resource_id":"llama3.2:3b",
        "provider_id":"ollama","type":"model","metadata":{"context_length":8192},"model_type":"llm"})");
    CHECK_ROUND_TRIP(Model, R"({"identifier":"e","provider_id":"p","type":"model","metadata":{},
        "model_type":"embedding"})");
    CHECK_ROUND_TRIP(OpenAIModel, R"({"id":"m","object":"model","created":1735689600,"owned_by":"llama_stack",
        "custom_metadata":{"model_type":"rerank"}})");
    CHECK_ROUND_TRIP(OpenAIListModelsResponse, R"({"data":[{"id":"m","object":"model","created":0,
        "owned_by":"o"}]})");

    const auto m = parsed<Model>(J(R"({"identifier":"x","provider_id":"p","metadata":null,"model_type":null})"));
    QCOMPARE(m.model_type, ModelType::Llm);
    CHECK_JSON(toJson(m), J(R"({"identifier":"x","provider_id":"p","type":"model","metadata":{},
        "model_type":"llm"})"));
    QCOMPARE(parsed<Model>(J(R"({"identifier":"r","provider_id":"p","model_type":"rerank"})")).model_type,
             ModelType::Rerank);
    QVERIFY(!parsed<OpenAIModel>(J(R"({"id":"m","created":1,"owned_by":"o"})")).custom_metadata);

    CHECK_ERROR(Model, R"({"identifier":"x","provider_id":"p","model_type":"vision"})",
                "model_type: 'vision' is not one of 'llm', 'embedding', 'rerank'");
    CHECK_ERROR(Model, R"({"identifier":"x","provider_id":"p","type":"shield"})", "type: must be 'model'");
    CHECK_ERROR(OpenAIModel, R"({"id":"m","object":"list","created":1,"owned_by":"o"})",
                "object: must be 'model'");
    CHECK_ERROR(OpenAIModel, R"({"id":"m","created":"yesterday","owned_by":"o"})",
                "created: expected an integer");
    CHECK_ERROR(OpenAIListModelsResponse, R"({"data":[{"id":"m","created":1}]})",
                "data[0].owned_by: field required");
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(TstApiTypes)
#include "tst_api_types.moc"
