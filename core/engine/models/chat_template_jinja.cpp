// Evaluator for the Jinja subset (see chat_template_jinja.h). Semantics follow Python Jinja2 as
// transformers configures it: undefined values print as "", Python truthiness, str() of values.

#include "chat_template_jinja_ast.h"

#include "unicode.h"

#include <QString>

#include <cmath>
#include <cstdio>

namespace wb::engine::jinja {

Value Value::makeList(List l)
{
    Value v;
    v.type = ListT;
    v.list = std::make_shared<List>(std::move(l));
    return v;
}

Value Value::makeDict(Dict d)
{
    Value v;
    v.type = DictT;
    v.dict = std::make_shared<Dict>(std::move(d));
    return v;
}

Value Value::function(Function f)
{
    Value v;
    v.type = FunctionT;
    v.fn = std::make_shared<Function>(std::move(f));
    return v;
}

bool Value::truthy() const
{
    switch (type) {
    case Undefined: case None: return false;
    case Bool: return b;
    case Int: return i != 0;
    case Float: return f != 0.0;
    case String: return !s.empty();
    case ListT: return !list->empty();
    case DictT: return !dict->empty();
    case FunctionT: return true;
    }
    return false;
}

const Value *Value::get(const std::string &key) const
{
    if (type != DictT)
        return nullptr;
    for (const auto &kv : *dict)
        if (kv.first == key)
            return &kv.second;
    return nullptr;
}

void Value::set(const std::string &key, Value v)
{
    for (auto &kv : *dict)
        if (kv.first == key) {
            kv.second = std::move(v);
            return;
        }
    dict->emplace_back(key, std::move(v));
}

namespace {

std::string pyRepr(const Value &v)
{
    if (v.type == Value::String) {
        std::string out = "'";
        for (char c : v.s) {
            if (c == '\'' || c == '\\') out += '\\';
            if (c == '\n') { out += "\\n"; continue; }
            out += c;
        }
        return out + "'";
    }
    return toText(v);
}

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

std::string formatFloat(double f)
{
    // Python's repr: shortest round-trip form, always with a decimal point or exponent.
    if (std::isinf(f)) return f > 0 ? "inf" : "-inf";
    if (std::isnan(f)) return "nan";
    std::string s = QString::number(f, 'g', QLocale::FloatingPointShortest).toStdString();
    if (s.find_first_of(".en") == std::string::npos)
        s += ".0";
    return s;
}

} // namespace

std::string toText(const Value &v)
{
    switch (v.type) {
    case Value::Undefined: return {};
    case Value::None: return "None";
    case Value::Bool: return v.b ? "True" : "False";
    case Value::Int: return std::to_string(v.i);
    case Value::Float: return formatFloat(v.f);
    case Value::String: return v.s;
    case Value::ListT: {
        std::string out = "[";
        for (size_t k = 0; k < v.list->size(); ++k)
            out += (k ? ", " : "") + pyRepr((*v.list)[k]);
        return out + "]";
    }
    case Value::DictT: {
        std::string out = "{";
        for (size_t k = 0; k < v.dict->size(); ++k)
            out += (k ? ", " : "") + pyRepr(Value::string((*v.dict)[k].first)) + ": "
                + pyRepr((*v.dict)[k].second);
        return out + "}";
    }
    case Value::FunctionT: return "<function>";
    }
    return {};
}

std::string toJson(const Value &v, int indent, int level)
{
    const std::string nl = indent >= 0 ? "\n" + std::string(size_t(indent * (level + 1)), ' ') : "";
    const std::string nlEnd = indent >= 0 ? "\n" + std::string(size_t(indent * level), ' ') : "";
    const std::string comma = indent >= 0 ? "," : ", ";
    switch (v.type) {
    case Value::Undefined: case Value::None: return "null";
    case Value::Bool: return v.b ? "true" : "false";
    case Value::Int: return std::to_string(v.i);
    case Value::Float: return formatFloat(v.f);
    case Value::String: return jsonString(v.s);
    case Value::ListT: {
        if (v.list->empty()) return "[]";
        std::string out = "[";
        for (size_t k = 0; k < v.list->size(); ++k)
            out += (k ? comma : "") + nl + toJson((*v.list)[k], indent, level + 1);
        return out + nlEnd + "]";
    }
    case Value::DictT: {
        if (v.dict->empty()) return "{}";
        std::string out = "{";
        for (size_t k = 0; k < v.dict->size(); ++k)
            out += (k ? comma : "") + nl + jsonString((*v.dict)[k].first) + ": "
                + toJson((*v.dict)[k].second, indent, level + 1);
        return out + nlEnd + "}";
    }
    case Value::FunctionT: throw TemplateError("tojson: a function is not serializable");
    }
    return "null";
}

} // namespace wb::engine::jinja
