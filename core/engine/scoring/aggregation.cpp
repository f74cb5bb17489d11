#include "engine/scoring/aggregation.h"

#include "engine/scoring/python_text.h"

#include <algorithm>
#include <map>

namespace wb::engine {

using api::AggregationFunctionType;
using api::Error;
using api::Json;
using api::JsonObject;
using api::Result;

namespace {

const char *aggregationName(AggregationFunctionType f)
{
    for (const auto &[value, name] : api::EnumNames<AggregationFunctionType>::table)
        if (value == f)
            return name;
    return "?";
}

const Json &scoreOf(const JsonObject &row)
{
    static const Json null;
    auto it = row.value.find("score");
    return it == row.value.end() ? null : *it;
}

// Python treats bools as the ints 0 and 1 in sums and comparisons; so do we.
bool isNumeric(const Json &v) { return v.is_number() || v.is_boolean(); }
double numeric(const Json &v) { return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>(); }

Error cannotTake(AggregationFunctionType f, const Json &score, size_t row)
{
    const std::string what = score.is_null()
        ? std::string("a null score")
        : std::string(api::jsonTypeName(score)) + " score " + score.dump();
    return Error::badRequest(std::string("aggregation '") + aggregationName(f) + "' cannot take "
                             + what + " (score row " + std::to_string(row)
                             + "); it needs numeric scores");
}

Result<Json> accuracy(const std::vector<JsonObject> &rows)
{
    double sum = 0;
    bool anyFloat = false;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Json &s = scoreOf(rows[i]);
        if (!isNumeric(s))
            return cannotTake(AggregationFunctionType::Accuracy, s, i);
        anyFloat = anyFloat || s.is_number_float();
        sum += numeric(s);
    }
    Json o = Json::object();
    // Upstream divides by zero on an empty set; we answer null.
    o["accuracy"] = rows.empty() ? Json() : Json(sum / double(rows.size()));
    // Python's sum() keeps ints as ints (0 for an empty set) and floats as floats (3.0).
    o["num_correct"] = anyFloat ? Json(sum) : Json(int64_t(sum));
    o["num_total"] = int64_t(rows.size());
    return o;
}

Result<Json> average(const std::vector<JsonObject> &rows)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Json &s = scoreOf(rows[i]);
        if (s.is_null())
            continue;
        if (!isNumeric(s))
            return cannotTake(AggregationFunctionType::Average, s, i);
        sum += numeric(s);
        ++n;
    }
    Json o = Json::object();
    o["average"] = n == 0 ? Json() : Json(sum / double(n));
    return o;
}

Result<Json> weightedAverage(const std::vector<JsonObject> &rows)
{
    double num = 0;
    double den = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Json &s = scoreOf(rows[i]);
        auto wIt = rows[i].value.find("weight");
        // Upstream needs a weight in every row (KeyError); a row without one counts once.
        const Json w = wIt == rows[i].value.end() ? Json(1.0) : *wIt;
        if (!s.is_null() && !isNumeric(s))
            return cannotTake(AggregationFunctionType::WeightedAverage, s, i);
        if (!w.is_null() && !isNumeric(w))
            return Error::badRequest("aggregation 'weighted_average' cannot take the weight " + w.dump()
                                     + " (score row " + std::to_string(i) + "); it needs a number");
        if (w.is_null())
            continue;
        den += numeric(w); // upstream's denominator skips only null weights
        if (!s.is_null())
            num += numeric(s) * numeric(w);
    }
    Json o = Json::object();
    o["weighted_average"] = den == 0 ? Json() : Json(num / den);
    return o;
}

Result<Json> median(const std::vector<JsonObject> &rows)
{
    std::vector<Json> numbers;
    std::vector<std::string> strings;
    for (size_t i = 0; i < rows.size(); ++i) {
        const Json &s = scoreOf(rows[i]);
        if (s.is_null())
            continue;
        if (isNumeric(s))
            numbers.push_back(s);
        else if (s.is_string())
            strings.push_back(s.get<std::string>());
        else
            return cannotTake(AggregationFunctionType::Median, s, i);
    }
    Json o = Json::object();
    if (!numbers.empty() && !strings.empty())
        return Error::badRequest("aggregation 'median' cannot take a mix of numeric and string scores");
    if (!strings.empty()) {
        // statistics.median sorts strings fine; the middle of an odd count is an answer, the mean
        // of two middle strings (an even count) is where upstream raises TypeError.
        if (strings.size() % 2 == 0)
            return Error::badRequest("aggregation 'median' cannot take an even number of string scores ("
                                     + std::to_string(strings.size())
                                     + "): the mean of two strings is undefined");
        std::sort(strings.begin(), strings.end());
        o["median"] = strings[strings.size() / 2];
        return o;
    }
    if (numbers.empty()) {
        o["median"] = nullptr;
        return o;
    }
    std::stable_sort(numbers.begin(), numbers.end(),
                     [](const Json &a, const Json &b) { return numeric(a) < numeric(b); });
    const size_t n = numbers.size();
    if (n % 2 == 1)
        o["median"] = numbers[n / 2]; // statistics.median returns the element itself (3 stays 3)
    else
        o["median"] = (numeric(numbers[n / 2 - 1]) + numeric(numbers[n / 2])) / 2.0;
    return o;
}

Result<Json> categoricalCount(const std::vector<JsonObject> &rows)
{
    std::map<std::string, int64_t> counts; // byte order of UTF-8 = Python's code point order
    for (const JsonObject &row : rows)
        ++counts[pythonStr(scoreOf(row))];
    Json inner = Json::object();
    for (const auto &[key, count] : counts)
        inner[key] = count;
    Json o = Json::object();
    o["categorical_count"] = std::move(inner);
    return o;
}

} // namespace

Result<JsonObject> aggregate(const std::vector<JsonObject> &scoreRows,
                             const std::vector<AggregationFunctionType> &functions)
{
    JsonObject out;
    for (AggregationFunctionType f : functions) {
        Result<Json> r;
        switch (f) {
        case AggregationFunctionType::Accuracy: r = accuracy(scoreRows); break;
        case AggregationFunctionType::Average: r = average(scoreRows); break;
        case AggregationFunctionType::WeightedAverage: r = weightedAverage(scoreRows); break;
        case AggregationFunctionType::Median: r = median(scoreRows); break;
        case AggregationFunctionType::CategoricalCount: r = categoricalCount(scoreRows); break;
        }
        if (!r)
            return r.error();
        out.value[aggregationName(f)] = std::move(r).value();
    }
    return out;
}

} // namespace wb::engine
