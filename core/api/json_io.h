#pragma once

// JSON in and out for the typed API.
//
// Every schema type T has, in its area's header:
//   void fromJson(const Json &j, T &out, const std::string &path);   // throws JsonError
//   Json toJson(const T &v);
// and callers use parse<T>(json) which returns Result<T> (a 400 naming the field path on failure).
//
// Parsing is lenient the way the upstream server is (pydantic): keys with defaults get them even
// where the spec marks them required, unknown keys are ignored, null counts as absent for optional
// fields. A wrong type or a missing truly required field is an error naming the path, e.g.
// "benchmark_config.eval_candidate.model: field required".

#include "result.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace wb::api {

//! Objects keep their key order, so a row's columns come out in the order they came in.
using Json = nlohmann::ordered_json;

//! Thrown inside fromJson only; parse<T>() turns it into an Error. Never crosses an API call.
class JsonError : public std::runtime_error
{
public:
    JsonError(std::string path, std::string message)
        : std::runtime_error(path.empty() ? message : path + ": " + message)
        , m_path(std::move(path)), m_message(std::move(message)) {}
    const std::string &path() const { return m_path; }
    const std::string &message() const { return m_message; }

private:
    std::string m_path;
    std::string m_message;
};

std::string joinPath(const std::string &path, const std::string &key);
std::string indexPath(const std::string &path, size_t index);
const char *jsonTypeName(const Json &j);

// --- readers for the building blocks ------------------------------------------------------------
void fromJson(const Json &j, std::string &out, const std::string &path);
void fromJson(const Json &j, bool &out, const std::string &path);
void fromJson(const Json &j, int64_t &out, const std::string &path);  //!< rejects 1.5, accepts 2.0
void fromJson(const Json &j, int &out, const std::string &path);
void fromJson(const Json &j, double &out, const std::string &path);
void fromJson(const Json &j, Json &out, const std::string &path);     //!< any value

//! A JSON object (`{...}`): metadata, rows.
struct JsonObject
{
    Json value = Json::object();
    bool operator==(const JsonObject &o) const { return value == o.value; }
};
void fromJson(const Json &j, JsonObject &out, const std::string &path);
inline Json toJson(const JsonObject &o) { return o.value; }

template<typename T>
void fromJson(const Json &j, std::vector<T> &out, const std::string &path)
{
    if (!j.is_array())
        throw JsonError(path, std::string("expected an array, got ") + jsonTypeName(j));
    out.clear();
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        T item{};
        fromJson(j[i], item, indexPath(path, i));
        out.push_back(std::move(item));
    }
}

template<typename T>
void fromJson(const Json &j, std::map<std::string, T> &out, const std::string &path)
{
    if (!j.is_object())
        throw JsonError(path, std::string("expected an object, got ") + jsonTypeName(j));
    out.clear();
    for (auto it = j.begin(); it != j.end(); ++it) {
        T item{};
        fromJson(it.value(), item, joinPath(path, it.key()));
        out.emplace(it.key(), std::move(item));
    }
}

template<typename T>
void fromJson(const Json &j, std::optional<T> &out, const std::string &path)
{
    if (j.is_null()) {
        out.reset();
        return;
    }
    T v{};
    fromJson(j, v, path);
    out = std::move(v);
}

// --- writers for the building blocks -------------------------------------------------------------
inline Json toJson(const std::string &v) { return v; }
inline Json toJson(bool v) { return v; }
inline Json toJson(int64_t v) { return v; }
inline Json toJson(int v) { return v; }
inline Json toJson(double v) { return v; }
inline Json toJson(const Json &v) { return v; }

template<typename T>
Json toJson(const std::vector<T> &v)
{
    Json a = Json::array();
    for (const auto &item : v)
        a.push_back(toJson(item));
    return a;
}

template<typename T>
Json toJson(const std::map<std::string, T> &m)
{
    Json o = Json::object();
    for (const auto &[k, item] : m)
        o[k] = toJson(item);
    return o;
}

// --- object cursor -------------------------------------------------------------------------------

//! Reads the fields of one JSON object, keeping the path for error messages.
class ObjectReader
{
public:
    ObjectReader(const Json &j, std::string path);

    const Json &json() const { return m_j; }
    const std::string &path() const { return m_path; }
    bool has(const char *key) const; //!< present and not null
    const Json *find(const char *key) const;

    //! Missing or null → "field required".
    template<typename T>
    void required(const char *key, T &out) const
    {
        const Json *v = find(key);
        if (!v || v->is_null())
            throw JsonError(joinPath(m_path, key), "field required");
        fromJson(*v, out, joinPath(m_path, key));
    }

    //! Missing or null → keep `out` as it is (its default).
    template<typename T>
    void optional(const char *key, T &out) const
    {
        const Json *v = find(key);
        if (v && !v->is_null())
            fromJson(*v, out, joinPath(m_path, key));
    }

    //! A `type` discriminator that must equal `expected` when present (spec `const` with default).
    void constant(const char *key, const char *expected) const;

private:
    const Json &m_j;
    std::string m_path;
};

//! Writes optional fields only when set, as the spec's responses omit absent optionals.
template<typename T>
void putOptional(Json &o, const char *key, const std::optional<T> &v)
{
    if (v)
        o[key] = toJson(*v);
}

// --- string enums --------------------------------------------------------------------------------

//! Table-driven enum <-> string mapping; declare one per enum with WB_JSON_ENUM below.
template<typename E>
struct EnumNames;

template<typename E>
void fromJsonEnum(const Json &j, E &out, const std::string &path)
{
    if (!j.is_string())
        throw JsonError(path, std::string("expected a string, got ") + jsonTypeName(j));
    const auto s = j.get<std::string>();
    std::string allowed;
    for (const auto &[value, name] : EnumNames<E>::table) {
        if (s == name) {
            out = value;
            return;
        }
        allowed += allowed.empty() ? "" : ", ";
        allowed += std::string("'") + name + "'";
    }
    throw JsonError(path, "'" + s + "' is not one of " + allowed);
}

template<typename E>
const char *enumName(E v)
{
    for (const auto &[value, name] : EnumNames<E>::table)
        if (value == v)
            return name;
    return "";
}

//! Declares fromJson/toJson for an enum with a `static constexpr std::pair<E, const char *> table[]`.
#define WB_JSON_ENUM(E)                                                                            \
    inline void fromJson(const Json &j, E &out, const std::string &path)                           \
    {                                                                                              \
        fromJsonEnum(j, out, path);                                                                \
    }                                                                                              \
    inline Json toJson(E v) { return enumName(v); }

// --- entry points --------------------------------------------------------------------------------

//! Parses a typed value; a JsonError becomes a 400 whose detail names the field path.
template<typename T>
Result<T> parse(const Json &j, const std::string &rootPath = {})
{
    try {
        T out{};
        fromJson(j, out, rootPath);
        return out;
    } catch (const JsonError &e) {
        return Error::badRequest(e.what());
    } catch (const nlohmann::json::exception &e) {
        return Error::badRequest(std::string("invalid JSON value: ") + e.what());
    }
}

//! Parses text, then the typed value; malformed text is a 400 with nlohmann's position message.
template<typename T>
Result<T> parseText(const std::string &text, const std::string &rootPath = {})
{
    Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded())
        return Error::badRequest("request body is not valid JSON");
    return parse<T>(j, rootPath);
}

} // namespace wb::api
