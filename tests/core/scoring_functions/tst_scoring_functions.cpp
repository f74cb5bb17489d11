// The basic scoring functions and the aggregations, table-driven against upstream's behaviour
// (expected values computed with upstream's Python code where it runs without sympy).

#include "engine/scoring/aggregation.h"
#include "engine/scoring/basic_functions.h"
#include "engine/scoring/docvqa_normalize.h"
#include "engine/scoring/math_expression.h"
#include "engine/scoring/python_text.h"

#include <QTest>

#include <cmath>

using namespace wb;
using api::AggregationFunctionType;
using api::Json;
using api::JsonObject;

namespace {

std::shared_ptr<const engine::ScoringFunctionImpl> fn(const std::string &id)
{
    for (const auto &f : engine::basicScoringFunctions())
        if (f->definition().identifier == id)
            return f;
    return nullptr;
}

JsonObject row(const Json &expected, const Json &generated)
{
    JsonObject r;
    r.value["expected_answer"] = expected;
    r.value["generated_answer"] = generated;
    return r;
}

// Prepares `id` with its default params (or `params`) and scores one row; QFAILs on an error.
Json scoreOne(const std::string &id, const JsonObject &r,
              std::optional<api::ScoringFnParams> params = std::nullopt)
{
    auto f = fn(id);
    if (!f)
        return Json("no function " + id);
    auto scorer = f->prepare(params ? *params : *f->definition().params, "alice");
    if (!scorer)
        return Json("prepare failed: " + scorer.error().detail);
    auto s = (*scorer)->score(r, api::CancelToken());
    if (!s)
        return Json("score failed: " + s.error().detail);
    return s->value;
}

api::RegexParserScoringFnParams regexParams(std::vector<std::string> regexes)
{
    api::RegexParserScoringFnParams p;
    p.parsing_regexes = std::move(regexes);
    p.aggregation_functions = {AggregationFunctionType::Accuracy};
    return p;
}

} // namespace

class TestScoringFunctions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definitions();
    void pythonStr_data();
    void pythonStr();
    void upstreamEqualityExample();
    void aggregations_data();
    void aggregations();
    void aggregationErrors_data();
    void aggregationErrors();
    void equalityAndSubset_data();
    void equalityAndSubset();
    void missingColumn();
    void multipleChoice_data();
    void multipleChoice();
    void multipleChoiceParams();
    void latexNumbers_data();
    void latexNumbers();
    void sympyFormat_data();
    void sympyFormat();
    void pythonFloat();
    void mathResponse_data();
    void mathResponse();
    void mathParams();
    void docvqaNormalize_data();
    void docvqaNormalize();
    void docvqa();
};

void TestScoringFunctions::definitions()
{
    const auto list = engine::basicScoringFunctions();
    QStringList ids;
    for (const auto &f : list)
        ids << QString::fromStdString(f->definition().identifier);
    ids.removeAll(QStringLiteral("basic::ifeval")); // its own helper's; present once it lands
    QCOMPARE(ids,
             QStringList({"basic::equality", "basic::subset_of", "basic::regex_parser_multiple_choice_answer",
                          "basic::regex_parser_math_response", "basic::docvqa"}));
    const std::map<std::string, std::string> resourceIds{
        {"basic::equality", "equality"},
        {"basic::subset_of", "subset-of"},
        {"basic::regex_parser_multiple_choice_answer", "regex-parser-multiple-choice-answer"},
        {"basic::regex_parser_math_response", "regex-parser-math-response"},
        {"basic::docvqa", "docvqa"}};
    for (const auto &f : list) {
        const api::ScoringFn def = f->definition();
        if (def.identifier == "basic::ifeval")
            continue;
        QCOMPARE(def.provider_id, std::string("basic"));
        QCOMPARE(def.provider_resource_id.value_or(""), resourceIds.at(def.identifier));
        QVERIFY(def.description && !def.description->empty());
        QVERIFY(def.return_type.type == api::ParamTypeKind::Number);
        QVERIFY(def.params.has_value());
        QVERIFY(api::aggregationFunctions(*def.params)
                == std::vector<AggregationFunctionType>{AggregationFunctionType::Accuracy});
    }
    const auto mc = std::get<api::RegexParserScoringFnParams>(
        *fn("basic::regex_parser_multiple_choice_answer")->definition().params);
    QCOMPARE(int(mc.parsing_regexes.size()), 42);
    QCOMPARE(mc.parsing_regexes[0],
             std::string(R"((?i)The best answer is \s*([A-D]|[أ-د]|[অ]|[ব]|[ড]|[ঢ]|[Ａ]|[Ｂ]|[Ｃ]|[Ｄ]))"));
    const auto math = std::get<api::RegexParserScoringFnParams>(*fn("basic::regex_parser_math_response")
                                                                     ->definition().params);
    QCOMPARE(math.parsing_regexes,
             std::vector<std::string>{R"(.*final answer is:?\s*\$\\boxed{(?P<X>.*)}\$)"});
    QVERIFY(std::holds_alternative<api::BasicScoringFnParams>(*fn("basic::equality")->definition().params));
}

void TestScoringFunctions::pythonStr_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("1.0") << "1.0" << "1.0";
    QTest::newRow("0.5") << "0.5" << "0.5";
    QTest::newRow("0.0") << "0.0" << "0.0";
    QTest::newRow("-0.0") << "-0.0" << "-0.0";
    QTest::newRow("int") << "3" << "3";
    QTest::newRow("1e16") << "1e16" << "1e+16";
    QTest::newRow("1e15") << "1e15" << "1000000000000000.0";
    QTest::newRow("1e-5") << "0.00001" << "1e-05";
    QTest::newRow("1e-4") << "0.0001" << "0.0001";
    QTest::newRow("0.1+0.2") << "0.30000000000000004" << "0.30000000000000004";
    QTest::newRow("1.5e300") << "1.5e300" << "1.5e+300";
    QTest::newRow("123.456") << "123.456" << "123.456";
    QTest::newRow("null") << "null" << "None";
    QTest::newRow("true") << "true" << "True";
    QTest::newRow("string") << "\"A\"" << "A";
}

void TestScoringFunctions::pythonStr()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(engine::pythonStr(Json::parse(json.toStdString()))), expected);
}

// Semantics §4.4: basic::equality over upstream's tests/integration/datasets/test_dataset.csv.
void TestScoringFunctions::upstreamEqualityExample()
{
    const std::vector<std::pair<std::string, std::string>> csv{
        {"London", "Paris"}, {"Mark Zuckerberg", "Mark Zuckerberg"}, {"Jupiter", "Jupiter"},
        {"China", "Vatican City"}, {"Yen", "Yen"}};
    auto scorer = fn("basic::equality")->prepare(api::BasicScoringFnParams{}, "alice");
    QVERIFY(scorer);
    std::vector<JsonObject> scores;
    for (const auto &[generated, expected] : csv) {
        JsonObject r = row(expected, generated);
        r.value["input_query"] = "q";
        auto s = (*scorer)->score(r, api::CancelToken());
        QVERIFY(s);
        scores.push_back(*s);
    }
    QCOMPARE(QString::fromStdString(scores[0].value.dump()), QStringLiteral(R"({"score":0.0})"));
    auto agg = engine::aggregate(scores, {AggregationFunctionType::Accuracy, AggregationFunctionType::Median,
                                          AggregationFunctionType::CategoricalCount,
                                          AggregationFunctionType::Average});
    QVERIFY(agg);
    QCOMPARE(QString::fromStdString(agg->value.dump()),
             QStringLiteral(
                 R"({"accuracy":{"accuracy":0.6,"num_correct":3.0,"num_total":5},)"
                 R"("median":{"median":1.0},"categorical_count":{"categorical_count":{"0.0":2,"1.0":3}},)"
                 R"("average":{"average":0.6}})"));
    auto none = engine::aggregate(scores, {});
    QVERIFY(none);
    QCOMPARE(QString::fromStdString(none->value.dump()), QStringLiteral("{}"));
}

void TestScoringFunctions::aggregations_data()
{
    QTest::addColumn<QString>("rows");        // JSON array of score rows
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QString>("expected");    // dumped result
    QTest::newRow("accuracy ints") << R"([{"score":1},{"score":0},{"score":1},{"score":1}])" << "accuracy"
                                   << R"({"accuracy":{"accuracy":0.75,"num_correct":3,"num_total":4}})";
    QTest::newRow("accuracy bools") << R"([{"score":true},{"score":false}])" << "accuracy"
                                    << R"({"accuracy":{"accuracy":0.5,"num_correct":1,"num_total":2}})";
    QTest::newRow("accuracy empty") << "[]" << "accuracy"
                                    << R"({"accuracy":{"accuracy":null,"num_correct":0,"num_total":0}})";
    QTest::newRow("average skips null") << R"([{"score":1.0},{"score":null},{"score":0.5}])" << "average"
                                        << R"({"average":{"average":0.75}})";
    QTest::newRow("average all null") << R"([{"score":null}])"
                                      << "average"
                                      << R"({"average":{"average":null}})";
    QTest::newRow("weighted") << R"([{"score":0.5,"weight":2},{"score":1.0,"weight":2},)"
                                 R"({"score":null,"weight":1},{"score":1.0},{"score":1.0,"weight":null}])"
                              << "weighted_average"
                              << R"({"weighted_average":{"weighted_average":0.6666666666666666}})";
    QTest::newRow("weighted zero weight") << R"([{"score":0.0,"weight":0.0}])" << "weighted_average"
                                          << R"({"weighted_average":{"weighted_average":null}})";
    QTest::newRow("median even") << R"([{"score":4},{"score":1},{"score":3},{"score":2}])" << "median"
                                 << R"({"median":{"median":2.5}})";
    QTest::newRow("median odd keeps int") << R"([{"score":3},{"score":1},{"score":null},{"score":2}])"
                                          << "median"
                                          << R"({"median":{"median":2}})";
    QTest::newRow("median strings odd") << R"([{"score":"B"},{"score":"A"},{"score":"C"}])" << "median"
                                        << R"({"median":{"median":"B"}})";
    QTest::newRow("median none") << R"([{"score":null}])" << "median" << R"({"median":{"median":null}})";
    QTest::newRow("categorical")
        << R"([{"score":"B"},{"score":"A"},{"score":null},{"score":"A"},{"score":1.0},)"
           R"({"score":0.5},{"score":3},{"score":true},{"score":1.0}])"
        << "categorical_count"
        << R"({"categorical_count":{"categorical_count":)"
           R"({"0.5":1,"1.0":2,"3":1,"A":2,"B":1,"None":1,"True":1}}})";
    QTest::newRow("categorical empty") << "[]" << "categorical_count"
                                       << R"({"categorical_count":{"categorical_count":{}}})";
}

void TestScoringFunctions::aggregations()
{
    QFETCH(QString, rows);
    QFETCH(QString, aggregation);
    QFETCH(QString, expected);
    std::vector<JsonObject> scoreRows;
    for (const Json &r : Json::parse(rows.toStdString()))
        scoreRows.push_back(JsonObject{r});
    auto f = api::parse<AggregationFunctionType>(Json(aggregation.toStdString()));
    QVERIFY(f);
    auto agg = engine::aggregate(scoreRows, {*f});
    QVERIFY2(agg, agg ? "" : agg.error().detail.c_str());
    QCOMPARE(QString::fromStdString(agg->value.dump()), expected);
}

void TestScoringFunctions::aggregationErrors_data()
{
    QTest::addColumn<QString>("rows");
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QString>("message");
    QTest::newRow("accuracy null") << R"([{"score":1.0},{"score":null}])" << "accuracy"
                                   << "aggregation 'accuracy' cannot take a null score (score row 1)";
    QTest::newRow("accuracy string")
        << R"([{"score":"A"}])"
        << "accuracy"
        << "aggregation 'accuracy' cannot take a string score \"A\" (score row 0)";
    QTest::newRow("average string") << R"([{"score":1.0},{"score":"7"}])" << "average"
                                    << "aggregation 'average' cannot take a string score \"7\"";
    QTest::newRow("weighted string weight") << R"([{"score":1.0,"weight":"x"}])" << "weighted_average"
                                            << "cannot take the weight \"x\"";
    QTest::newRow("median even strings") << R"([{"score":"A"},{"score":"B"}])" << "median"
                                         << "even number of string scores";
    QTest::newRow("median mixed") << R"([{"score":"A"},{"score":1}])"
                                  << "median"
                                  << "mix of numeric and string";
}

void TestScoringFunctions::aggregationErrors()
{
    QFETCH(QString, rows);
    QFETCH(QString, aggregation);
    QFETCH(QString, message);
    std::vector<JsonObject> scoreRows;
    for (const Json &r : Json::parse(rows.toStdString()))
        scoreRows.push_back(JsonObject{r});
    auto f = api::parse<AggregationFunctionType>(Json(aggregation.toStdString()));
    QVERIFY(f);
    auto agg = engine::aggregate(scoreRows, {AggregationFunctionType::CategoricalCount, *f});
    QVERIFY(!agg);
    QCOMPARE(agg.error().status, 400);
    QVERIFY2(QString::fromStdString(agg.error().detail).contains(message), agg.error().detail.c_str());
}

void TestScoringFunctions::equalityAndSubset_data()
{
    QTest::addColumn<QString>("function");
    QTest::addColumn<QString>("expected"); // JSON
    QTest::addColumn<QString>("generated");
    QTest::addColumn<double>("score");
    QTest::newRow("eq same") << "basic::equality" << "\"Paris\"" << "\"Paris\"" << 1.0;
    QTest::newRow("eq case") << "basic::equality" << "\"Paris\"" << "\"paris\"" << 0.0;
    QTest::newRow("eq space") << "basic::equality" << "\"Paris\"" << "\"Paris \"" << 0.0;
    QTest::newRow("eq numbers") << "basic::equality" << "42" << "42.0" << 1.0;
    QTest::newRow("eq number text") << "basic::equality" << "42" << "\"42\"" << 1.0;
    QTest::newRow("eq unicode") << "basic::equality" << "\"答案\"" << "\"答案\"" << 1.0;
    QTest::newRow("subset in") << "basic::subset_of" << "\"Paris\"" << "\"It is Paris, France\"" << 1.0;
    QTest::newRow("subset out") << "basic::subset_of" << "\"Paris\"" << "\"paris\"" << 0.0;
    QTest::newRow("subset empty") << "basic::subset_of" << "\"\"" << "\"anything\"" << 1.0;
    QTest::newRow("subset number") << "basic::subset_of" << "7" << "\"The answer is 7.\"" << 1.0;
}

void TestScoringFunctions::equalityAndSubset()
{
    QFETCH(QString, function);
    QFETCH(QString, expected);
    QFETCH(QString, generated);
    QFETCH(double, score);
    const Json out = scoreOne(function.toStdString(),
                              row(Json::parse(expected.toStdString()), Json::parse(generated.toStdString())));
    QCOMPARE(QString::fromStdString(out.dump()), QString::fromStdString(Json{{"score", score}}.dump()));
}

void TestScoringFunctions::missingColumn()
{
    for (const auto &f : engine::basicScoringFunctions()) {
        const std::string id = f->definition().identifier;
        if (id == "basic::ifeval")
            continue;
        auto scorer = f->prepare(*f->definition().params, "alice");
        QVERIFY(scorer);
        JsonObject noGenerated;
        noGenerated.value["expected_answer"] = "A";
        auto r = (*scorer)->score(noGenerated, api::CancelToken());
        QVERIFY2(!r, id.c_str());
        QCOMPARE(r.error().status, 400);
        QCOMPARE(r.error().detail, std::string("row is missing 'generated_answer'"));
        JsonObject noExpected;
        noExpected.value["generated_answer"] = "A";
        r = (*scorer)->score(noExpected, api::CancelToken());
        QVERIFY2(!r, id.c_str());
        QCOMPARE(r.error().detail, std::string("row is missing 'expected_answer'"));
    }
}

void TestScoringFunctions::multipleChoice_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("generated");
    QTest::addColumn<QString>("extracted"); // "<null>" for none
    QTest::addColumn<double>("score");
    QTest::newRow("best answer") << "B" << "Let me think.\nThe best answer is B." << "B" << 1.0;
    QTest::newRow("wrong") << "B" << "Answer: C" << "C" << 0.0;
    QTest::newRow("case-insensitive prefix") << "A" << "ANSWER : A" << "A" << 1.0;
    QTest::newRow("lower-case letter") << "D" << "answer: d" << "d" << 0.0;
    QTest::newRow("german") << "C" << "Antwort: C" << "C" << 1.0;
    QTest::newRow("chinese full-width colon") << "A" << "答案：A" << "A" << 1.0;
    QTest::newRow("japanese") << "D" << "答え: D" << "D" << 1.0;
    QTest::newRow("korean") << "B" << "정답: B" << "B" << 1.0;
    QTest::newRow("french") << "B" << "Réponse : B" << "B" << 1.0;
    QTest::newRow("spanish") << "A" << "Respuesta: A" << "A" << 1.0;
    QTest::newRow("arabic letter") << "ب" << "الإجابة: ب" << "ب" << 1.0;
    QTest::newRow("bengali") << "অ" << "উত্তর: অ" << "অ" << 1.0;
    QTest::newRow("yoruba") << "C" << "Ìdáhùn: C" << "C" << 1.0;
    QTest::newRow("full-width letter") << "Ｂ" << "Answer: Ｂ" << "Ｂ" << 1.0;
    QTest::newRow("first regex wins") << "A" << "Answer: B. The best answer is A" << "A" << 1.0;
    QTest::newRow("no answer") << "A" << "I am not sure." << "<null>" << 0.0;
    QTest::newRow("letter out of range") << "E" << "Answer: E" << "<null>" << 0.0;
}

void TestScoringFunctions::multipleChoice()
{
    QFETCH(QString, expected);
    QFETCH(QString, generated);
    QFETCH(QString, extracted);
    QFETCH(double, score);
    const Json out = scoreOne("basic::regex_parser_multiple_choice_answer",
                              row(expected.toStdString(), generated.toStdString()));
    QVERIFY2(out.is_object(), out.dump().c_str());
    QCOMPARE(out["score"].get<double>(), score);
    QCOMPARE(out["extracted_answer"].is_null()
                 ? QStringLiteral("<null>")
                 : QString::fromStdString(out["extracted_answer"].get<std::string>()),
             extracted);
}

void TestScoringFunctions::multipleChoiceParams()
{
    const std::string id = "basic::regex_parser_multiple_choice_answer";
    // Request params replace the defaults: the default regexes do not read "Score: 7".
    QCOMPARE(scoreOne(id, row("7", "Score: 7"))["score"].get<double>(), 0.0);
    const Json custom = scoreOne(id, row("7", "Score: 7"), regexParams({R"(Score: (\d+))"}));
    QCOMPARE(custom["score"].get<double>(), 1.0);
    QCOMPARE(custom["extracted_answer"].get<std::string>(), std::string("7"));
    // An empty list means the defaults.
    QCOMPARE(scoreOne(id, row("B", "Answer: B"), regexParams({}))["score"].get<double>(), 1.0);
    // Python's named groups work.
    QCOMPARE(
        scoreOne(id, row("B", "pick B"), regexParams({R"(pick (?P<letter>[A-D]))"}))["score"].get<double>(),
        1.0);
    // An empty group(1) never scores.
    QCOMPARE(scoreOne(id, row("", "x"), regexParams({"(y*)x"}))["score"].get<double>(), 0.0);

    auto f = fn(id);
    auto bad = f->prepare(regexParams({"Answer: ([A-D]"}), "alice");
    QVERIFY(!bad);
    QCOMPARE(bad.error().status, 400);
    QVERIFY2(
        QString::fromStdString(bad.error().detail).startsWith("invalid parsing regex 'Answer: ([A-D]': "),
        bad.error().detail.c_str());
    auto noGroup = f->prepare(regexParams({"Answer: [A-D]"}), "alice");
    QVERIFY(!noGroup);
    QVERIFY(QString::fromStdString(noGroup.error().detail).contains("no capture group"));
    auto wrongType = f->prepare(api::BasicScoringFnParams{}, "alice");
    QVERIFY(!wrongType);
    QCOMPARE(wrongType.error().detail,
             std::string(
                 "basic::regex_parser_multiple_choice_answer takes params of type regex_parser, got basic"));
}

void TestScoringFunctions::latexNumbers_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<double>("value"); // NaN: not a number
    const double no = std::nan("");
    QTest::newRow("int") << "42" << 42.0;
    QTest::newRow("decimal") << "0.75" << 0.75;
    QTest::newRow("leading point") << ".5" << 0.5;
    QTest::newRow("thousands") << "1,234,567.5" << 1234567.5;
    QTest::newRow("frac") << "\\frac{1}{3}" << 1.0 / 3;
    QTest::newRow("dfrac") << "\\dfrac{3}{4}" << 0.75;
    QTest::newRow("frac digits") << "\\frac12" << 0.5;
    QTest::newRow("sqrt") << "\\sqrt{2}" << std::sqrt(2.0);
    QTest::newRow("cube root") << "\\sqrt[3]{-8}" << -2.0;
    QTest::newRow("implicit") << "2\\sqrt{2}" << 2 * std::sqrt(2.0);
    QTest::newRow("pi") << "3\\pi" << 3 * M_PI;
    QTest::newRow("power") << "2^{10}" << 1024.0;
    QTest::newRow("power right assoc") << "2^3^2" << 512.0;
    QTest::newRow("precedence") << "1+2*3-4/2" << 5.0;
    QTest::newRow("parens") << "(1+2)\\cdot3" << 9.0;
    QTest::newRow("times div") << "6\\times2\\div4" << 3.0;
    QTest::newRow("negative") << "-3" << -3.0;
    QTest::newRow("left right") << "\\left(2+3\\right)" << 5.0;
    QTest::newRow("percent") << "50%" << 50.0;
    QTest::newRow("zero") << "0" << no;
    QTest::newRow("variable") << "x+1" << no;
    QTest::newRow("division by zero") << "\\frac{1}{0}" << no;
    QTest::newRow("complex") << "\\sqrt{-4}" << no;
    QTest::newRow("tuple") << "(3,\\frac{\\pi}{2})" << no;
    QTest::newRow("text") << "B" << no;
    QTest::newRow("empty") << "" << no;
    QTest::newRow("unbalanced") << "(1+2" << no;
    QTest::newRow("deep") << QString(500, '(') + "1" + QString(500, ')') << no;
}

void TestScoringFunctions::latexNumbers()
{
    QFETCH(QString, expression);
    QFETCH(double, value);
    const auto v = engine::evaluateLatexNumber(expression.toStdString());
    if (std::isnan(value)) {
        QVERIFY2(!v, v ? std::to_string(*v).c_str() : "");
    } else {
        QVERIFY(v);
        QVERIFY2(std::fabs(*v - value) < 1e-12 * std::max(1.0, std::fabs(value)), std::to_string(*v).c_str());
    }
}

void TestScoringFunctions::sympyFormat_data()
{
    // format(sympy.Float(x), ".2e") as printed by sympy 1.11.
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0.5") << 0.5 << "5.00e-1";
    QTest::newRow("42") << 42.0 << "4.20e+1";
    QTest::newRow("2sqrt2") << 2 * std::sqrt(2.0) << "2.83e+0";
    QTest::newRow("-3") << -3.0 << "-3.00e+0";
    QTest::newRow("half even up") << 1.235 << "1.24e+0";
    QTest::newRow("half even down") << 1.225 << "1.22e+0";
    QTest::newRow("carry") << 9.995 << "1.00e+1";
    QTest::newRow("999500") << 999500.0 << "1.00e+6";
    QTest::newRow("1e20") << 1e20 << "1.00e+20";
    QTest::newRow("small negative") << -0.0001234 << "-1.23e-4";
    QTest::newRow("third") << 1.0 / 3 << "3.33e-1";
}

void TestScoringFunctions::sympyFormat()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(engine::formatSympyE2(value)), expected);
}

void TestScoringFunctions::pythonFloat()
{
    QCOMPARE(engine::pythonFloat(" 1.5 ").value_or(-1), 1.5);
    QCOMPARE(engine::pythonFloat("1_000").value_or(-1), 1000.0);
    QCOMPARE(engine::pythonFloat("-2e3").value_or(-1), -2000.0);
    QCOMPARE(engine::pythonFloat("5.").value_or(-1), 5.0);
    QVERIFY(std::isinf(engine::pythonFloat("Infinity").value_or(0)));
    QVERIFY(!engine::pythonFloat("abc"));
    QVERIFY(!engine::pythonFloat("0x10"));
    QVERIFY(!engine::pythonFloat("1__0"));
    QVERIFY(!engine::pythonFloat(""));
    QVERIFY(!engine::pythonFloat("\\pi"));
    QCOMPARE(QString::fromStdString(engine::formatPythonE2(0.5)), QStringLiteral("5.00e-01"));
}

void TestScoringFunctions::mathResponse_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("generated");
    QTest::addColumn<double>("score");
    QTest::addColumn<QString>("normGenerated");
    QTest::addColumn<QString>("normExpected");
    QTest::addColumn<QString>("extracted"); // "<null>" when nothing was extracted
    // Normalised strings before evaluation were checked against upstream's math_utils.py.
    QTest::newRow("half") << "\\frac{1}{2}" << "The final answer is $\\boxed{0.5}$" << 1.0 << "5.00e-1"
                          << "5.00e-1" << "0.5";
    QTest::newRow("integer") << "42"
                             << "So the final answer is: $\\boxed{42}$" << 1.0 << "4.20e+1"
                             << "4.20e+1"
                             << "42";
    QTest::newRow("boxed fallback dfrac") << "0.75"
                                          << "We get \\boxed{\\dfrac{3}{4}}. Done" << 1.0 << "7.50e-1"
                                          << "7.50e-1"
                                          << "\\dfrac{3}{4}";
    QTest::newRow("equation") << "12"
                              << "The final answer is $\\boxed{x = 12}$" << 1.0 << "1.20e+1"
                              << "1.20e+1"
                              << "x = 12";
    QTest::newRow("thousands") << "1,000" << "The final answer is $\\boxed{1000}$" << 1.0 << "1.00e+3"
                               << "1.00e+3" << "1000";
    QTest::newRow("percent") << "50\\%"
                             << "The final answer is $\\boxed{50\\%}$" << 1.0 << "5.00e+1"
                             << "5.00e+1"
                             << "50\\%";
    QTest::newRow("units") << "10" << "The final answer is $\\boxed{10 \\text{ inches}}$" << 1.0 << "1.00e+1"
                           << "1.00e+1" << "10 \\text{ inches}";
    QTest::newRow("sqrt shorthand") << "\\sqrt{2}"
                                    << "The final answer is $\\boxed{\\sqrt2}$" << 1.0 << "1.41e+0"
                                    << "1.41e+0"
                                    << "\\sqrt2";
    QTest::newRow("expression") << "2\\sqrt{2}"
                                << "The final answer is $\\boxed{\\sqrt{8}}$" << 1.0 << "2.83e+0"
                                << "2.83e+0"
                                << "\\sqrt{8}";
    QTest::newRow("slash") << "0.75" << "The final answer is $\\boxed{3/4}$" << 1.0 << "7.50e-1" << "7.50e-1"
                           << "3/4";
    QTest::newRow("degrees") << "90^\\circ" << "The final answer is $\\boxed{90^\\circ}$" << 1.0 << "9.00e+1"
                             << "9.00e+1" << "90^\\circ";
    QTest::newRow("letter choice") << "B" << "The final answer is $\\boxed{\\text{(B)}}$" << 1.0 << "B" << "B"
                                   << "\\text{(B)}";
    QTest::newRow("tuple") << "(3,\\frac{\\pi}{2})"
                           << "The final answer is $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$" << 1.0
                           << "(3,\\frac{\\pi}{2})"
                           << "(3,\\frac{\\pi}{2})"
                           << "\\left( 3, \\frac{\\pi}{2} \\right)";
    QTest::newRow("first answer only")
        << "7"
        << "The final answer is $\\boxed{7}$\nQ: next? The final answer is $\\boxed{8}$" << 1.0 << "7.00e+0"
        << "7.00e+0"
        << "7";
    QTest::newRow("wrong") << "3"
                           << "The final answer is $\\boxed{4}$" << 0.0 << "4.00e+0"
                           << "3.00e+0"
                           << "4";
    QTest::newRow("zero stays text") << "0" << "The final answer is $\\boxed{0}$" << 1.0 << "0" << "0" << "0";
    QTest::newRow("frac with variable") << "\\frac{1}{2}x" << "The final answer is $\\boxed{x/2}$" << 0.0
                                        << "x/2" << "5.00e-01x" << "x/2";
    QTest::newRow("nothing extracted") << "5"
                                       << "I don't know" << 0.0 << "I don't know"
                                       << "5.00e+0"
                                       << "<null>";
}

void TestScoringFunctions::mathResponse()
{
    QFETCH(QString, expected);
    QFETCH(QString, generated);
    QFETCH(double, score);
    QFETCH(QString, normGenerated);
    QFETCH(QString, normExpected);
    QFETCH(QString, extracted);
    const Json out
        = scoreOne("basic::regex_parser_math_response", row(expected.toStdString(), generated.toStdString()));
    QVERIFY2(out.is_object(), out.dump().c_str());
    QCOMPARE(QString::fromStdString(out["normalized_generated"].get<std::string>()), normGenerated);
    QCOMPARE(QString::fromStdString(out["normalized_expected"].get<std::string>()), normExpected);
    QCOMPARE(out["extracted_answer"].is_null()
                 ? QStringLiteral("<null>")
                 : QString::fromStdString(out["extracted_answer"].get<std::string>()),
             extracted);
    QCOMPARE(out["score"].get<double>(), score);
}

void TestScoringFunctions::mathParams()
{
    const std::string id = "basic::regex_parser_math_response";
    auto f = fn(id);
    auto several = f->prepare(regexParams({"(a)", "(b)"}), "alice");
    QVERIFY(!several);
    QCOMPARE(several.error().status, 400);
    QCOMPARE(several.error().detail,
             std::string("basic::regex_parser_math_response takes exactly one parsing regex, got 2"));
    auto bad = f->prepare(regexParams({"Result: (\\d+"}), "alice");
    QVERIFY(!bad);
    QVERIFY(QString::fromStdString(bad.error().detail).startsWith("invalid parsing regex 'Result: (\\d+': "));
    QVERIFY(!f->prepare(api::LlmAsJudgeScoringFnParams{}, "alice"));
    // A custom regex replaces the default; an empty list means the default.
    const Json custom = scoreOne(id, row("12", "Result: 12 apples"), regexParams({R"(Result: (\d+))"}));
    QCOMPARE(custom["score"].get<double>(), 1.0);
    QCOMPARE(custom["extracted_answer"].get<std::string>(), std::string("12"));
    QCOMPARE(scoreOne(id, row("12", "Result: 12 apples"))["score"].get<double>(), 0.0);
    QCOMPARE(
        scoreOne(id, row("12", "The final answer is $\\boxed{12}$"), regexParams({}))["score"].get<double>(),
        1.0);
    // Numbers from JSONL rows count by their JSON text.
    QCOMPARE(scoreOne(id, row(12, "The final answer is $\\boxed{12}$"))["score"].get<double>(), 1.0);
}

void TestScoringFunctions::docvqaNormalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    // Pairs computed with upstream's docvqa_scoring_fn.normalize_answer.
    const std::pair<const char *, const char *> pairs[] = {{"The Answer is Two!", "answer is 2"},
                                                           {"1,000 dollars.", "1000 dollars"},
                                                           {"U.S.A.", "usa"},
                                                           {"3.14", "3.14"},
                                                           {"Dont know", "don't know"},
                                                           {"Im here", "im here"},
                                                           {"the 3rd floor", "third floor"},
                                                           {"(a) yes", "yes"},
                                                           {"e-mail", "e mail"},
                                                           {"e - mail", "e mail"},
                                                           {"well-known, 1,5", "wellknown 15"},
                                                           {"  Paris  ", "paris"},
                                                           {"Five; six", "5 6"},
                                                           {"None of them", "0 of them"},
                                                           {"a.b.c", "abc"},
                                                           {"yall're", "yall're"}};
    for (const auto &[in, out] : pairs)
        QTest::newRow(in) << QString::fromUtf8(in) << QString::fromUtf8(out);
}

void TestScoringFunctions::docvqaNormalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(engine::docvqa::normalizeAnswer(input), expected);
}

void TestScoringFunctions::docvqa()
{
    const std::string id = "basic::docvqa";
    QCOMPARE(scoreOne(id, row(R"(["Paris", "paris, france"])", "The Paris."))["score"].get<double>(), 1.0);
    QCOMPARE(scoreOne(id, row(R"(["Paris", "paris, france"])", "Paris France"))["score"].get<double>(), 1.0);
    QCOMPARE(scoreOne(id, row(R"(["Paris"])", "London"))["score"].get<double>(), 0.0);
    QCOMPARE(scoreOne(id, row(R"(["two"])", "2"))["score"].get<double>(), 1.0);
    // A real JSON array and a plain string are taken too.
    QCOMPARE(scoreOne(id, row(Json::array({"Yen", "JPY"}), "jpy"))["score"].get<double>(), 1.0);
    QCOMPARE(scoreOne(id, row("Vatican City", "vatican city."))["score"].get<double>(), 1.0);
    const Json out = scoreOne(id, row(R"(["x"])", "The Answer!"));
    QCOMPARE(out["normalized_generated"].get<std::string>(), std::string("answer"));
}

QTEST_GUILESS_MAIN(TestScoringFunctions)
#include "tst_scoring_functions.moc"
