#pragma once

// The Jinja subset that Hugging Face chat templates use (Llama 2, Llama 3.x, SmolLM2/ChatML, Qwen2,
// 2.5 and 3, Mistral): {{ }}, {% if/elif/else %}, {% for %} with loop.*, {% set %} (including
// namespace attributes), whitespace control with - and the trim_blocks/lstrip_blocks settings that
// transformers renders templates with, the common filters (trim, length, tojson, ...), string and
// dict methods (strip, split, startswith, items, get, ...), tests (defined, none, string, ...),
// slicing and raise_exception(). Unsupported syntax is an error at parse time, never a silently
// different rendering.

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace wb::engine::jinja {

//! Thrown while parsing or rendering; the caller turns it into an api::Error.
class TemplateError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Value;
using List = std::vector<Value>;
using Dict = std::vector<std::pair<std::string, Value>>; //!< keeps insertion order (tojson)
using Args = std::vector<Value>;
using Kwargs = std::vector<std::pair<std::string, Value>>;
using Function = std::function<Value(const Args &, const Kwargs &)>;

struct Value
{
    enum Type { Undefined, None, Bool, Int, Float, String, ListT, DictT, FunctionT } type = Undefined;
    bool b = false;
    long long i = 0;
    double f = 0.0;
    std::string s;
    std::shared_ptr<List> list; //!< shared: lists and dicts (namespaces) have reference semantics
    std::shared_ptr<Dict> dict;
    std::shared_ptr<Function> fn;

    static Value none() { Value v; v.type = None; return v; }
    static Value boolean(bool x) { Value v; v.type = Bool; v.b = x; return v; }
    static Value integer(long long x) { Value v; v.type = Int; v.i = x; return v; }
    static Value real(double x) { Value v; v.type = Float; v.f = x; return v; }
    static Value string(std::string x) { Value v; v.type = String; v.s = std::move(x); return v; }
    static Value makeList(List l = {});
    static Value makeDict(Dict d = {});
    static Value function(Function f);

    bool truthy() const;
    const Value *get(const std::string &key) const; //!< dict member or nullptr
    void set(const std::string &key, Value v);       //!< dict member
};

struct Node;

class Template
{
public:
    //! Parses `source`; throws TemplateError with the line of the problem.
    explicit Template(const std::string &source);
    ~Template();
    Template(Template &&) noexcept;
    Template &operator=(Template &&) noexcept;

    //! Renders with the given global variables; throws TemplateError (raise_exception included).
    std::string render(const std::map<std::string, Value> &globals) const;

private:
    std::vector<std::shared_ptr<Node>> m_body;
};

//! Python-style str() of a value, as Jinja prints it.
std::string toText(const Value &v);
//! json.dumps(v, ensure_ascii=False, indent=indent) as transformers' tojson filter does.
std::string toJson(const Value &v, int indent = -1, int level = 0);

} // namespace wb::engine::jinja
