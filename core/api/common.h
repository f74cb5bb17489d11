#pragma once

// Schemas shared by several API areas (experimental spec): sampling parameters, interleaved
// content, the system message of an eval candidate, and the async Job of eval. Also the small
// building blocks the typed areas share: an order-keeping string map and variant-dispatch helpers.

#include "json_io.h"

#include <initializer_list>
#include <variant>

namespace wb::api {

// --- building blocks -----------------------------------------------------------------------------

//! A JSON object read into typed values, keeping key order. std::map would sort the keys, but
//! upstream answers per-function scores in the order the request named the functions, and a
//! round trip must give back the same document.
template<typename T>
struct OrderedMap
{
    std::vector<std::pair<std::string, T>> entries;

    const T *find(const std::string &key) const
    {
        for (const auto &e : entries)
            if (e.first == key)
                return &e.second;
        return nullptr;
    }
    T *find(const std::string &key)
    {
        return const_cast<T *>(static_cast<const OrderedMap *>(this)->find(key));
    }
    bool contains(const std::string &key) const { return find(key) != nullptr; }
    //! Existing value, or a default one appended at the end.
    T &operator[](const std::string &key)
    {
        if (T *v = find(key))
            return *v;
        entries.emplace_back(key, T{});
        return entries.back().second;
    }
    size_t size() const { return entries.size(); }
    bool empty() const { return entries.empty(); }
    auto begin() const { return entries.begin(); }
    auto end() const { return entries.end(); }
    auto begin() { return entries.begin(); }
    auto end() { return entries.end(); }

    bool operator==(const OrderedMap &o) const { return entries == o.entries; }
};

template<typename T>
void fromJson(const Json &j, OrderedMap<T> &out, const std::string &path)
{
    if (!j.is_object())
        throw JsonError(path, std::string("expected an object, got ") + jsonTypeName(j));
    out.entries.clear();
    for (auto it = j.begin(); it != j.end(); ++it) {
        T item{};
        fromJson(it.value(), item, joinPath(path, it.key()));
        out.entries.emplace_back(it.key(), std::move(item));
    }
}

//! An unset optional inside a map or array is written as null (ScoreRequest's `{fn: null}`).
template<typename T>
Json toJson(const std::optional<T> &v)
{
    return v ? toJson(*v) : Json(nullptr);
}

template<typename T>
Json toJson(const OrderedMap<T> &m)
{
    Json o = Json::object();
    for (const auto &[k, item] : m.entries)
        o[k] = toJson(item);
    return o;
}

//! The discriminator of a oneOf (`type` unless told): required, since upstream's discriminated
//! unions cannot pick an alternative without it.
std::string readDiscriminator(const ObjectReader &r, const char *key = "type");

//! Throws "<path>.<key>: 'x' is not one of 'a', 'b'" for an unknown discriminator value.
[[noreturn]] void throwUnknownVariant(const std::string &path, const char *key,
                                      const std::string &value,
                                      std::initializer_list<const char *> allowed);

// --- jobs ----------------------------------------------------------------------------------------

enum class JobStatus { Completed, InProgress, Failed, Scheduled, Cancelled };
template<>
struct EnumNames<JobStatus>
{
    static constexpr std::pair<JobStatus, const char *> table[] = {
        {JobStatus::Completed, "completed"},
        {JobStatus::InProgress, "in_progress"},
        {JobStatus::Failed, "failed"},
        {JobStatus::Scheduled, "scheduled"},
        {JobStatus::Cancelled, "cancelled"},
    };
};
WB_JSON_ENUM(JobStatus)

struct Job
{
    std::string job_id;
    JobStatus status = JobStatus::Scheduled;
    bool operator==(const Job &o) const { return job_id == o.job_id && status == o.status; }
};

// --- sampling ------------------------------------------------------------------------------------

struct GreedySamplingStrategy
{
    bool operator==(const GreedySamplingStrategy &) const { return true; }
};

struct TopPSamplingStrategy
{
    std::optional<double> temperature; //!< > 0 when given (upstream's Field(gt=0))
    double top_p = 0.95;
    bool operator==(const TopPSamplingStrategy &o) const
    {
        return temperature == o.temperature && top_p == o.top_p;
    }
};

struct TopKSamplingStrategy
{
    int top_k = 1; //!< >= 1
    bool operator==(const TopKSamplingStrategy &o) const { return top_k == o.top_k; }
};

//! Discriminated on `type`: greedy | top_p | top_k.
using SamplingStrategy = std::variant<GreedySamplingStrategy, TopPSamplingStrategy, TopKSamplingStrategy>;

//! `strategy` defaults to greedy although the spec marks it required: the upstream eval tests send
//! `{"temperature": 0.0, "max_tokens": 512}` and expect it to be accepted.
struct SamplingParams
{
    SamplingStrategy strategy;
    std::optional<int> max_tokens;
    double repetition_penalty = 1.0;
    std::optional<std::vector<std::string>> stop;

    bool operator==(const SamplingParams &o) const
    {
        return strategy == o.strategy && max_tokens == o.max_tokens
            && repetition_penalty == o.repetition_penalty && stop == o.stop;
    }
};

// --- content -------------------------------------------------------------------------------------

struct URL
{
    std::string uri;
    bool operator==(const URL &o) const { return uri == o.uri; }
};

//! {type:"image", image:{url?, data?}}; `data` is base64.
struct ImageContentItem
{
    std::optional<URL> url;
    std::optional<std::string> data;
    bool operator==(const ImageContentItem &o) const { return url == o.url && data == o.data; }
};

struct TextContentItem
{
    std::string text;
    bool operator==(const TextContentItem &o) const { return text == o.text; }
};

//! Discriminated on `type`: image | text.
using InterleavedContentItem = std::variant<ImageContentItem, TextContentItem>;

//! A plain string, one item, or a list of items.
using InterleavedContent =
    std::variant<std::string, InterleavedContentItem, std::vector<InterleavedContentItem>>;

//! {role:"system", content}
struct SystemMessage
{
    InterleavedContent content;
    bool operator==(const SystemMessage &o) const { return content == o.content; }
};

//! The text of a content value, items joined in order; image items contribute nothing.
std::string contentText(const InterleavedContent &content);

void fromJson(const Json &j, Job &out, const std::string &path);
void fromJson(const Json &j, GreedySamplingStrategy &out, const std::string &path);
void fromJson(const Json &j, TopPSamplingStrategy &out, const std::string &path);
void fromJson(const Json &j, TopKSamplingStrategy &out, const std::string &path);
void fromJson(const Json &j, SamplingStrategy &out, const std::string &path);
void fromJson(const Json &j, SamplingParams &out, const std::string &path);
void fromJson(const Json &j, URL &out, const std::string &path);
void fromJson(const Json &j, ImageContentItem &out, const std::string &path);
void fromJson(const Json &j, TextContentItem &out, const std::string &path);
void fromJson(const Json &j, InterleavedContentItem &out, const std::string &path);
void fromJson(const Json &j, InterleavedContent &out, const std::string &path);
void fromJson(const Json &j, SystemMessage &out, const std::string &path);

Json toJson(const Job &v);
Json toJson(const GreedySamplingStrategy &v);
Json toJson(const TopPSamplingStrategy &v);
Json toJson(const TopKSamplingStrategy &v);
Json toJson(const SamplingStrategy &v);
Json toJson(const SamplingParams &v);
Json toJson(const URL &v);
Json toJson(const ImageContentItem &v);
Json toJson(const TextContentItem &v);
Json toJson(const InterleavedContentItem &v);
Json toJson(const InterleavedContent &v);
Json toJson(const SystemMessage &v);

} // namespace wb::api
