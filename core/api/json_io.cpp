#include "json_io.h"

#include <cmath>
#include <limits>

namespace wb::api {

std::string joinPath(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

std::string indexPath(const std::string &path, size_t index)
{
    return path + "[" + std::to_string(index) + "]";
}

const char *jsonTypeName(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "an integer";
    case Json::value_t::number_float: return "a number";
    case Json::value_t::binary: return "binary data";
    case Json::value_t::discarded: return "invalid JSON";
    }
    return "unknown";
}

static JsonError typeError(const Json &j, const std::string &path, const char *expected)
{
    return JsonError(path, std::string("expected ") + expected + ", got " + jsonTypeName(j));
}

void fromJson(const Json &j, std::string &out, const std::string &path)
{
    if (!j.is_string())
        throw typeError(j, path, "a string");
    out = j.get<std::string>();
}

void fromJson(const Json &j, bool &out, const std::string &path)
{
    if (!j.is_boolean())
        throw typeError(j, path, "a boolean");
    out = j.get<bool>();
}

void fromJson(const Json &j, int64_t &out, const std::string &path)
{
    if (j.is_number_integer()) {
        out = j.get<int64_t>();
        return;
    }
    if (j.is_number_unsigned()) {
        const auto u = j.get<uint64_t>();
        if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            throw JsonError(path, "integer out of range");
        out = static_cast<int64_t>(u);
        return;
    }
    if (j.is_number_float()) { // pydantic accepts 2.0 for an int, but not 2.5
        const double d = j.get<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e18) {
            out = static_cast<int64_t>(d);
            return;
        }
        throw JsonError(path, "expected an integer, got a number with a fractional part");
    }
    throw typeError(j, path, "an integer");
}

void fromJson(const Json &j, int &out, const std::string &path)
{
    int64_t v = 0;
    fromJson(j, v, path);
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw JsonError(path, "integer out of range");
    out = static_cast<int>(v);
}

void fromJson(const Json &j, double &out, const std::string &path)
{
    if (!j.is_number())
        throw typeError(j, path, "a number");
    out = j.get<double>();
}

void fromJson(const Json &j, Json &out, const std::string &)
{
    out = j;
}

void fromJson(const Json &j, JsonObject &out, const std::string &path)
{
    if (!j.is_object())
        throw typeError(j, path, "an object");
    out.value = j;
}

ObjectReader::ObjectReader(const Json &j, std::string path)
    : m_j(j), m_path(std::move(path))
{
    if (!j.is_object())
        throw typeError(j, m_path, "an object");
}

const Json *ObjectReader::find(const char *key) const
{
    auto it = m_j.find(key);
    return it == m_j.end() ? nullptr : &*it;
}

bool ObjectReader::has(const char *key) const
{
    const Json *v = find(key);
    return v && !v->is_null();
}

void ObjectReader::constant(const char *key, const char *expected) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        return;
    if (!v->is_string() || v->get<std::string>() != expected)
        throw JsonError(joinPath(m_path, key), std::string("must be '") + expected + "'");
}

} // namespace wb::api
