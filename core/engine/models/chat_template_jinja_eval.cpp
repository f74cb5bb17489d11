// Rendering: statements, expressions, filters, tests and the string/dict methods of the subset.

#include "chat_template_jinja_ast.h"

#include "unicode.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace wb::engine::jinja {

namespace {

using Scope = std::map<std::string, Value>;

[[noreturn]] void fail(const Expr &e, const std::string &what)
{
    throw TemplateError("line " + std::to_string(e.line) + ": " + what);
}

bool isNumber(const Value &v)
{
    return v.type == Value::Int || v.type == Value::Float || v.type == Value::Bool;
}
double num(const Value &v)
{
    return v.type == Value::Float ? v.f : v.type == Value::Bool ? double(v.b) : double(v.i);
}

bool equals(const Value &a, const Value &b)
{
    if (isNumber(a) && isNumber(b))
        return num(a) == num(b);
    if (a.type != b.type)
        return (a.type == Value::Undefined || a.type == Value::None)
            && (b.type == Value::Undefined || b.type == Value::None) && a.type == b.type;
    switch (a.type) {
    case Value::String: return a.s == b.s;
    case Value::ListT:
        if (a.list->size() != b.list->size()) return false;
        for (size_t k = 0; k < a.list->size(); ++k)
            if (!equals((*a.list)[k], (*b.list)[k])) return false;
        return true;
    case Value::DictT: return a.dict == b.dict;
    default: return true;
    }
}

bool isSpaceChar(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Python's str.strip/lstrip/rstrip with an optional character set (ASCII whitespace by default;
// chat content rarely has other Unicode spaces at its ends).
std::string strip(const std::string &s, bool left, bool right, const Value *chars)
{
    auto drop = [&](char c) {
        return chars && chars->type == Value::String ? chars->s.find(c) != std::string::npos
                                                      : isSpaceChar(c);
    };
    size_t b = 0, e = s.size();
    while (left && b < e && drop(s[b])) ++b;
    while (right && e > b && drop(s[e - 1])) --e;
    return s.substr(b, e - b);
}

Value split(const std::string &s, const Value *sep)
{
    List out;
    if (!sep || sep->type != Value::String) {
        size_t i = 0;
        while (i < s.size()) {
            while (i < s.size() && isSpaceChar(s[i])) ++i;
            size_t j = i;
            while (j < s.size() && !isSpaceChar(s[j])) ++j;
            if (j > i) out.push_back(Value::string(s.substr(i, j - i)));
            i = j;
        }
        return Value::makeList(std::move(out));
    }
    if (sep->s.empty())
        throw TemplateError("split: empty separator");
    size_t pos = 0;
    for (size_t p = s.find(sep->s); p != std::string::npos; p = s.find(sep->s, pos)) {
        out.push_back(Value::string(s.substr(pos, p - pos)));
        pos = p + sep->s.size();
    }
    out.push_back(Value::string(s.substr(pos)));
    return Value::makeList(std::move(out));
}

long long length(const Expr &e, const Value &v)
{
    switch (v.type) {
    case Value::String: return (long long)unicode::decodeUtf8(v.s).size();
    case Value::ListT: return (long long)v.list->size();
    case Value::DictT: return (long long)v.dict->size();
    case Value::Undefined: return 0;
    default: fail(e, "length of a value without one");
    }
}

class Renderer
{
public:
    explicit Renderer(const std::map<std::string, Value> &globals) { m_scopes.push_back(globals); }

    void exec(const std::vector<std::shared_ptr<Node>> &body, std::string &out)
    {
        for (const auto &n : body)
            exec(*n, out);
    }

    void exec(const Node &n, std::string &out)
    {
        switch (n.kind) {
        case Node::Text: out += n.text; break;
        case Node::Output: out += toText(eval(*n.expr)); break;
        case Node::If: exec(eval(*n.expr).truthy() ? n.body : n.orElse, out); break;
        case Node::Set: {
            Value v = eval(*n.expr);
            if (n.targets.size() == 1) {
                m_scopes.back()[n.targets[0]] = std::move(v);
            } else {
                Value ns = lookup(n.targets[0]);
                if (ns.type != Value::DictT)
                    throw TemplateError("line " + std::to_string(n.line)
                                        + ": set of an attribute of a non-namespace");
                ns.set(n.targets[1], std::move(v));
            }
            break;
        }
        case Node::For: execFor(n, out); break;
        }
    }

    void execFor(const Node &n, std::string &out)
    {
        const Value seq = eval(*n.expr);
        List items;
        if (seq.type == Value::ListT) items = *seq.list;
        else if (seq.type == Value::DictT)
            for (const auto &kv : *seq.dict) items.push_back(Value::string(kv.first));
        else if (seq.type == Value::String)
            for (auto ch : unicode::utf8Chars(seq.s)) items.push_back(Value::string(std::string(ch)));
        else if (seq.type != Value::Undefined && seq.type != Value::None)
            fail(*n.expr, "for over a value that is not iterable");
        std::vector<std::pair<Value, Scope>> kept;
        for (const Value &item : items) {
            Scope s;
            bind(n, item, s);
            if (n.filter) {
                m_scopes.push_back(s);
                const bool keep = eval(*n.filter).truthy();
                m_scopes.pop_back();
                if (!keep) continue;
            }
            kept.push_back({item, std::move(s)});
        }
        if (kept.empty()) {
            exec(n.orElse, out);
            return;
        }
        const long long len = (long long)kept.size();
        for (long long k = 0; k < len; ++k) {
            Scope s = kept[size_t(k)].second;
            s["loop"] = Value::makeDict({
                {"index0", Value::integer(k)}, {"index", Value::integer(k + 1)},
                {"revindex0", Value::integer(len - k - 1)}, {"revindex", Value::integer(len - k)},
                {"first", Value::boolean(k == 0)}, {"last", Value::boolean(k == len - 1)},
                {"length", Value::integer(len)},
                {"previtem", k > 0 ? kept[size_t(k - 1)].first : Value()},
                {"nextitem", k + 1 < len ? kept[size_t(k + 1)].first : Value()}});
            m_scopes.push_back(std::move(s));
            exec(n.body, out);
            m_scopes.pop_back();
        }
    }

    void bind(const Node &n, const Value &item, Scope &s)
    {
        if (n.targets.size() == 1) {
            s[n.targets[0]] = item;
            return;
        }
        if (item.type != Value::ListT || item.list->size() != n.targets.size())
            throw TemplateError("line " + std::to_string(n.line) + ": cannot unpack loop item");
        for (size_t k = 0; k < n.targets.size(); ++k)
            s[n.targets[k]] = (*item.list)[k];
    }

    Value lookup(const std::string &name) const
    {
        for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
            const auto f = it->find(name);
            if (f != it->end())
                return f->second;
        }
        return Value();
    }

    Value eval(const Expr &e)
    {
        switch (e.kind) {
        case Expr::Literal: return e.value;
        case Expr::Name: return lookup(e.name);
        case Expr::ListLit: {
            List l;
            for (const auto &c : e.children) l.push_back(eval(*c));
            return Value::makeList(std::move(l));
        }
        case Expr::DictLit: {
            Value d = Value::makeDict();
            for (size_t k = 0; k + 1 < e.children.size(); k += 2)
                d.set(toText(eval(*e.children[k])), eval(*e.children[k + 1]));
            return d;
        }
        case Expr::Attr: {
            const Value obj = eval(*e.children[0]);
            const Value *v = obj.get(e.name);
            return v ? *v : Value();
        }
        case Expr::Index: return index(e, eval(*e.children[0]), eval(*e.children[1]));
        case Expr::Slice: return slice(e);
        case Expr::Call: return call(e);
        case Expr::Filter: return filter(e);
        case Expr::Test: return Value::boolean(test(e) != e.negate);
        case Expr::Unary: {
            const Value v = eval(*e.children[0]);
            if (e.name == "not") return Value::boolean(!v.truthy());
            if (v.type == Value::Int) return Value::integer(-v.i);
            if (isNumber(v)) return Value::real(-num(v));
            fail(e, "unary minus on a non-number");
        }
        case Expr::Cond:
            return eval(*e.children[0]).truthy() ? eval(*e.children[1]) : eval(*e.children[2]);
        case Expr::Binary: return binary(e);
        }
        return Value();
    }

    Value index(const Expr &e, const Value &obj, const Value &key)
    {
        if (obj.type == Value::DictT) {
            const Value *v = obj.get(toText(key));
            return v ? *v : Value();
        }
        if ((obj.type == Value::ListT || obj.type == Value::String) && key.type == Value::Int) {
            if (obj.type == Value::String) {
                const std::u32string cps = unicode::decodeUtf8(obj.s);
                long long k = key.i < 0 ? key.i + (long long)cps.size() : key.i;
                if (k < 0 || k >= (long long)cps.size()) return Value();
                return Value::string(unicode::encodeUtf8(cps.substr(size_t(k), 1)));
            }
            long long k = key.i < 0 ? key.i + (long long)obj.list->size() : key.i;
            if (k < 0 || k >= (long long)obj.list->size()) return Value();
            return (*obj.list)[size_t(k)];
        }
        if (obj.type == Value::Undefined || obj.type == Value::None)
            return Value();
        fail(e, "cannot index this value");
    }

    Value slice(const Expr &e)
    {
        const Value obj = eval(*e.children[0]);
        List items;
        const bool isStr = obj.type == Value::String;
        std::u32string cps;
        if (isStr) {
            cps = unicode::decodeUtf8(obj.s);
            for (char32_t c : cps) items.push_back(Value::string(unicode::encodeUtf8({&c, 1})));
        } else if (obj.type == Value::ListT) {
            items = *obj.list;
        } else {
            fail(e, "cannot slice this value");
        }
        const long long n = (long long)items.size();
        auto opt = [&](size_t k, long long dflt) {
            if (!e.children[k]) return dflt;
            const Value v = eval(*e.children[k]);
            if (v.type == Value::None) return dflt;
            if (v.type != Value::Int) fail(e, "slice index must be an integer");
            return v.i;
        };
        const long long step = opt(3, 1);
        if (step == 0) fail(e, "slice step cannot be zero");
        // Python's slice.indices(): clamp according to the direction of the step.
        auto norm = [&](long long v, bool isStart) {
            if (v < 0) v += n;
            if (step > 0) return std::clamp(v, 0LL, n);
            (void)isStart;
            return std::clamp(v, -1LL, n - 1);
        };
        long long start = e.children[1] ? norm(opt(1, 0), true) : (step > 0 ? 0 : n - 1);
        long long stop = e.children[2] ? norm(opt(2, 0), false) : (step > 0 ? n : -1);
        List out;
        for (long long k = start; step > 0 ? k < stop : k > stop; k += step)
            out.push_back(items[size_t(k)]);
        if (!isStr) return Value::makeList(std::move(out));
        std::string s;
        for (const Value &v : out) s += v.s;
        return Value::string(s);
    }

    Value binary(const Expr &e)
    {
        const std::string &op = e.name;
        if (op == "and") {
            Value a = eval(*e.children[0]);
            return a.truthy() ? eval(*e.children[1]) : a;
        }
        if (op == "or") {
            Value a = eval(*e.children[0]);
            return a.truthy() ? a : eval(*e.children[1]);
        }
        const Value a = eval(*e.children[0]), b = eval(*e.children[1]);
        if (op == "==") return Value::boolean(equals(a, b));
        if (op == "!=") return Value::boolean(!equals(a, b));
        if (op == "~") return Value::string(toText(a) + toText(b));
        if (op == "in") {
            if (b.type == Value::String) return Value::boolean(b.s.find(toText(a)) != std::string::npos);
            if (b.type == Value::ListT)
                return Value::boolean(std::any_of(b.list->begin(), b.list->end(),
                                                  [&](const Value &x) { return equals(a, x); }));
            if (b.type == Value::DictT) return Value::boolean(b.get(toText(a)) != nullptr);
            if (b.type == Value::Undefined || b.type == Value::None) return Value::boolean(false);
            fail(e, "'in' on a value that is not a container");
        }
        if (op == "+" && a.type == Value::String && b.type == Value::String)
            return Value::string(a.s + b.s);
        if (op == "+" && a.type == Value::ListT && b.type == Value::ListT) {
            List l = *a.list;
            l.insert(l.end(), b.list->begin(), b.list->end());
            return Value::makeList(std::move(l));
        }
        if (a.type == Value::String && b.type == Value::String) {
            if (op == "<") return Value::boolean(a.s < b.s);
            if (op == ">") return Value::boolean(a.s > b.s);
            if (op == "<=") return Value::boolean(a.s <= b.s);
            if (op == ">=") return Value::boolean(a.s >= b.s);
        }
        if (!isNumber(a) || !isNumber(b))
            fail(e, "operator " + op + " needs numbers (got " + toText(a) + ", " + toText(b) + ")");
        const bool ints = a.type != Value::Float && b.type != Value::Float;
        const double x = num(a), y = num(b);
        if (op == "<") return Value::boolean(x < y);
        if (op == ">") return Value::boolean(x > y);
        if (op == "<=") return Value::boolean(x <= y);
        if (op == ">=") return Value::boolean(x >= y);
        if (op == "/") return Value::real(x / y);
        if (ints) {
            const long long p = (long long)x, q = (long long)y;
            if (op == "+") return Value::integer(p + q);
            if (op == "-") return Value::integer(p - q);
            if (op == "*") return Value::integer(p * q);
            if ((op == "//" || op == "%") && q == 0) fail(e, "division by zero");
            const long long fl = (long long)std::floor(double(p) / double(q));
            if (op == "//") return Value::integer(fl);
            if (op == "%") return Value::integer(p - fl * q);
        }
        if (op == "+") return Value::real(x + y);
        if (op == "-") return Value::real(x - y);
        if (op == "*") return Value::real(x * y);
        if (op == "//") return Value::real(std::floor(x / y));
        if (op == "%") return Value::real(x - std::floor(x / y) * y);
        fail(e, "unsupported operator " + op);
    }

    void args(const Expr &e, size_t first, Args &pos, Kwargs &kw)
    {
        const size_t nKw = e.kwNames.size();
        const size_t nPos = e.children.size() - first - nKw;
        for (size_t k = 0; k < nPos; ++k) pos.push_back(eval(*e.children[first + k]));
        for (size_t k = 0; k < nKw; ++k)
            kw.push_back({e.kwNames[k], eval(*e.children[first + nPos + k])});
    }

    Value call(const Expr &e)
    {
        Args pos;
        Kwargs kw;
        args(e, 1, pos, kw);
        const Expr &callee = *e.children[0];
        if (callee.kind == Expr::Attr) {
            const Value obj = eval(*callee.children[0]);
            if (obj.type == Value::String || obj.type == Value::DictT) {
                if (!obj.get(callee.name) || obj.type == Value::String)
                    return method(e, obj, callee.name, pos);
            }
        }
        const Value f = eval(callee);
        if (f.type != Value::FunctionT)
            fail(e, "call of something that is not a function");
        return (*f.fn)(pos, kw);
    }

    Value method(const Expr &e, const Value &obj, const std::string &name, const Args &a)
    {
        const Value *a0 = a.empty() ? nullptr : &a[0];
        if (obj.type == Value::String) {
            const std::string &s = obj.s;
            if (name == "strip") return Value::string(strip(s, true, true, a0));
            if (name == "lstrip") return Value::string(strip(s, true, false, a0));
            if (name == "rstrip") return Value::string(strip(s, false, true, a0));
            if (name == "split") return split(s, a0);
            if (name == "upper") return Value::string(QString::fromStdString(s).toUpper().toStdString());
            if (name == "lower") return Value::string(QString::fromStdString(s).toLower().toStdString());
            if ((name == "startswith" || name == "endswith") && a0 && a0->type == Value::String) {
                const std::string &p = a0->s;
                const bool ok = p.size() <= s.size()
                    && (name == "startswith" ? s.compare(0, p.size(), p) == 0
                                             : s.compare(s.size() - p.size(), p.size(), p) == 0);
                return Value::boolean(ok);
            }
            if (name == "replace" && a.size() == 2) {
                std::string r = s;
                const std::string &from = a[0].s, &to = a[1].s;
                if (!from.empty())
                    for (size_t p = r.find(from); p != std::string::npos; p = r.find(from, p + to.size()))
                        r.replace(p, from.size(), to);
                return Value::string(r);
            }
        } else if (obj.type == Value::DictT) {
            if (name == "items") {
                List l;
                for (const auto &kv : *obj.dict)
                    l.push_back(Value::makeList({Value::string(kv.first), kv.second}));
                return Value::makeList(std::move(l));
            }
            if (name == "keys" || name == "values") {
                List l;
                for (const auto &kv : *obj.dict)
                    l.push_back(name == "keys" ? Value::string(kv.first) : kv.second);
                return Value::makeList(std::move(l));
            }
            if (name == "get" && a0) {
                const Value *v = obj.get(toText(*a0));
                return v ? *v : (a.size() > 1 ? a[1] : Value::none());
            }
        }
        fail(e, "unsupported method '" + name + "'");
    }

    Value filter(const Expr &e)
    {
        const Value v = eval(*e.children[0]);
        Args a;
        Kwargs kw;
        args(e, 1, a, kw);
        const std::string &f = e.name;
        if (f == "trim") return Value::string(strip(toText(v), true, true, nullptr));
        if (f == "length" || f == "count") return Value::integer(length(e, v));
        if (f == "string") return Value::string(toText(v));
        if (f == "lower") return Value::string(QString::fromStdString(toText(v)).toLower().toStdString());
        if (f == "upper") return Value::string(QString::fromStdString(toText(v)).toUpper().toStdString());
        if (f == "safe") return v;
        if (f == "tojson") {
            int indent = -1;
            for (const auto &[k, val] : kw) if (k == "indent") indent = int(val.i);
            if (!a.empty()) indent = int(a[0].i);
            return Value::string(toJson(v, indent));
        }
        if (f == "default" || f == "d") {
            const bool boolean = (a.size() > 1 && a[1].truthy());
            const bool use = v.type == Value::Undefined || (boolean && !v.truthy());
            return use ? (a.empty() ? Value::string("") : a[0]) : v;
        }
        if (f == "first" || f == "last") {
            if (v.type == Value::ListT)
                return v.list->empty() ? Value() : (f == "first" ? v.list->front() : v.list->back());
            if (v.type == Value::String) return index(e, v, Value::integer(f == "first" ? 0 : -1));
        }
        if (f == "join" && v.type == Value::ListT) {
            std::string out;
            for (size_t k = 0; k < v.list->size(); ++k)
                out += (k ? (a.empty() ? "" : toText(a[0])) : "") + toText((*v.list)[k]);
            return Value::string(out);
        }
        if (f == "items" && v.type == Value::DictT) return method(e, v, "items", {});
        if (f == "list" && v.type == Value::ListT) return Value::makeList(*v.list);
        if (f == "reverse" && v.type == Value::ListT) {
            List l(v.list->rbegin(), v.list->rend());
            return Value::makeList(std::move(l));
        }
        if (f == "int") return Value::integer(v.type == Value::String ? std::atoll(v.s.c_str()) : (long long)num(v));
        if (f == "capitalize") {
            std::string s = QString::fromStdString(toText(v)).toLower().toStdString();
            if (!s.empty()) s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
            return Value::string(s);
        }
        if (f == "replace" && a.size() == 2) return method(e, Value::string(toText(v)), "replace", a);
        fail(e, "unsupported filter '" + f + "'");
    }

    bool test(const Expr &e)
    {
        const Value v = eval(*e.children[0]);
        const std::string &t = e.name;
        if (t == "defined") return v.type != Value::Undefined;
        if (t == "undefined") return v.type == Value::Undefined;
        if (t == "none") return v.type == Value::None;
        if (t == "string") return v.type == Value::String;
        if (t == "number") return v.type == Value::Int || v.type == Value::Float;
        if (t == "integer") return v.type == Value::Int;
        if (t == "boolean") return v.type == Value::Bool;
        if (t == "true") return v.type == Value::Bool && v.b;
        if (t == "false") return v.type == Value::Bool && !v.b;
        if (t == "mapping") return v.type == Value::DictT;
        if (t == "sequence" || t == "iterable")
            return v.type == Value::ListT || v.type == Value::String || v.type == Value::DictT;
        if (t == "callable") return v.type == Value::FunctionT;
        if (t == "even" || t == "odd") {
            if (v.type != Value::Int) fail(e, "test " + t + " needs an integer");
            return (v.i % 2 == 0) == (t == "even");
        }
        fail(e, "unsupported test '" + t + "'");
    }

private:
    std::vector<Scope> m_scopes;
};

} // namespace

Template::Template(const std::string &source) : m_body(parseTemplate(source)) {}
Template::~Template() = default;
Template::Template(Template &&) noexcept = default;
Template &Template::operator=(Template &&) noexcept = default;

std::string Template::render(const std::map<std::string, Value> &globals) const
{
    std::map<std::string, Value> g = globals;
    g.emplace("raise_exception", Value::function([](const Args &a, const Kwargs &) -> Value {
                  throw TemplateError("raise_exception: " + (a.empty() ? std::string() : toText(a[0])));
              }));
    g.emplace("namespace", Value::function([](const Args &, const Kwargs &kw) {
                  Dict d(kw.begin(), kw.end());
                  return Value::makeDict(std::move(d));
              }));
    g.emplace("range", Value::function([](const Args &a, const Kwargs &) {
                  long long start = 0, stop = 0, step = 1;
                  if (a.size() == 1) stop = a[0].i;
                  if (a.size() >= 2) { start = a[0].i; stop = a[1].i; }
                  if (a.size() >= 3) step = a[2].i;
                  if (step == 0) throw TemplateError("range: step 0");
                  List l;
                  for (long long k = start; step > 0 ? k < stop : k > stop; k += step)
                      l.push_back(Value::integer(k));
                  return Value::makeList(std::move(l));
              }));
    Renderer r(g);
    std::string out;
    r.exec(m_body, out);
    return out;
}

} // namespace wb::engine::jinja
