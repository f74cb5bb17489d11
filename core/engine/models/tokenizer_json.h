#pragma once

// JSON access for tokenizer files. These use plain nlohmann::json rather than api::Json
// (ordered_json): an ordered object looks keys up linearly, which makes parsing a 150,000-entry
// vocabulary quadratic. Errors are api::JsonError with the path, like the API's readers.

#include "api/json_io.h"

#include <nlohmann/json.hpp>

#include <string>

namespace wb::engine {

using TokJson = nlohmann::json;

//! The fields of one JSON object with its path, as api::ObjectReader does for api::Json.
class JsonFields
{
public:
    JsonFields(const TokJson &j, std::string path) : m_j(j), m_path(std::move(path))
    {
        if (!m_j.is_object())
            throw api::JsonError(m_path, std::string("expected an object, got ") + m_j.type_name());
    }

    const std::string &path() const { return m_path; }
    const TokJson *find(const char *key) const
    {
        const auto it = m_j.find(key);
        return it == m_j.end() ? nullptr : &*it;
    }

    template<typename T>
    void required(const char *key, T &out) const
    {
        const TokJson *v = find(key);
        if (!v || v->is_null())
            throw api::JsonError(api::joinPath(m_path, key), "field required");
        get(*v, out, api::joinPath(m_path, key));
    }

    template<typename T>
    void optional(const char *key, T &out) const
    {
        const TokJson *v = find(key);
        if (v && !v->is_null())
            get(*v, out, api::joinPath(m_path, key));
    }

private:
    template<typename T>
    static void get(const TokJson &v, T &out, const std::string &path)
    {
        try {
            out = v.get<T>();
        } catch (const TokJson::exception &) {
            throw api::JsonError(path, std::string("unexpected ") + v.type_name());
        }
    }

    const TokJson &m_j;
    std::string m_path;
};

} // namespace wb::engine
