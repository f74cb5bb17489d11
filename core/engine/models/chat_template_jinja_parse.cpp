// Parser for the Jinja subset (see chat_template_jinja.h): the template is cut into text and tags
// with Jinja's whitespace rules, then each tag's content is tokenized and parsed by precedence
// climbing in the same order as Jinja's own parser.

#include "chat_template_jinja_ast.h"

#include <cctype>

namespace wb::engine::jinja {

namespace {

struct Segment
{
    enum Kind { Text, Expr, Stmt } kind;
    std::string text;
    int line;
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Cuts the source into text/expression/statement segments, applying "-" whitespace control and
// transformers' trim_blocks=True (drop the newline after a block tag) and lstrip_blocks=True (drop
// spaces and tabs between the start of a line and a block tag).
size_t findTag(const std::string &src, size_t pos)
{
    for (size_t p = src.find('{', pos); p != std::string::npos; p = src.find('{', p + 1)) {
        const char k = p + 1 < src.size() ? src[p + 1] : '\0';
        if (k == '{' || k == '%' || k == '#')
            return p;
    }
    return std::string::npos;
}

std::vector<Segment> segment(const std::string &src)
{
    std::vector<Segment> out;
    size_t pos = 0;
    int line = 1;
    bool trimNext = false;    // "-" at the end of the previous tag
    bool newlineNext = false; // trim_blocks after a block tag
    while (pos < src.size()) {
        const size_t open = findTag(src, pos);
        const size_t textEnd = open == std::string::npos ? src.size() : open;
        std::string text = src.substr(pos, textEnd - pos);
        for (char c : text)
            line += c == '\n';
        if (trimNext) {
            size_t k = 0;
            while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k])))
                ++k;
            text.erase(0, k);
        } else if (newlineNext && !text.empty() && text[0] == '\n') {
            text.erase(0, 1);
        }
        if (open == std::string::npos) {
            if (!text.empty())
                out.push_back({Segment::Text, text, line});
            break;
        }
        const char kind = src[open + 1];
        const std::string close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
        const size_t end = src.find(close, open + 2);
        if (end == std::string::npos)
            throw TemplateError("line " + std::to_string(line) + ": unclosed tag");
        size_t innerBegin = open + 2, innerEnd = end;
        const bool stripLeft = innerBegin < innerEnd && src[innerBegin] == '-';
        const bool plusLeft = innerBegin < innerEnd && src[innerBegin] == '+';
        if (stripLeft || plusLeft)
            ++innerBegin;
        const bool stripRight = innerEnd > innerBegin && src[innerEnd - 1] == '-';
        if (stripRight)
            --innerEnd;
        if (stripLeft) {
            while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
                text.pop_back();
        } else if (kind != '{' && !plusLeft) {
            size_t blanks = 0;
            while (blanks < open - pos && isBlank(src[open - blanks - 1]))
                ++blanks;
            const bool lineStart = open - blanks == 0 || src[open - blanks - 1] == '\n';
            if (lineStart)
                text.resize(text.size() - std::min(blanks, text.size()));
        }
        if (!text.empty())
            out.push_back({Segment::Text, text, line});
        const int tagLine = line;
        for (size_t k = open; k < end; ++k)
            line += src[k] == '\n';
        if (kind != '#')
            out.push_back({kind == '{' ? Segment::Expr : Segment::Stmt,
                           src.substr(innerBegin, innerEnd - innerBegin), tagLine});
        trimNext = stripRight;
        newlineNext = kind != '{';
        pos = end + 2;
    }
    return out;
}

struct Token
{
    enum Kind { Name, Number, Str, Op, End } kind;
    std::string text;
};

std::vector<Token> lex(const std::string &s, int line)
{
    std::vector<Token> out;
    size_t i = 0;
    auto err = [&](const std::string &what) {
        return TemplateError("line " + std::to_string(line) + ": " + what);
    };
    while (i < s.size()) {
        const char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_'))
                ++j;
            out.push_back({Token::Name, s.substr(i, j - i)});
            i = j;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t j = i;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.'))
                ++j;
            out.push_back({Token::Number, s.substr(i, j - i)});
            i = j;
        } else if (c == '\'' || c == '"') {
            std::string v;
            size_t j = i + 1;
            for (; j < s.size() && s[j] != c; ++j) {
                if (s[j] == '\\' && j + 1 < s.size()) {
                    const char e = s[++j];
                    v += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
                } else {
                    v += s[j];
                }
            }
            if (j >= s.size())
                throw err("unterminated string");
            out.push_back({Token::Str, v});
            i = j + 1;
        } else {
            static const char *const ops[] = {"==", "!=", "<=", ">=", "//", "**", "+", "-", "*",
                                              "/", "%", "~", "<", ">", "(", ")", "[", "]", "{",
                                              "}", ",", ".", ":", "|", "="};
            bool found = false;
            for (const char *op : ops) {
                const size_t n = std::char_traits<char>::length(op);
                if (s.compare(i, n, op) == 0) {
                    out.push_back({Token::Op, op});
                    i += n;
                    found = true;
                    break;
                }
            }
            if (!found)
                throw err(std::string("unexpected character '") + c + "'");
        }
    }
    out.push_back({Token::End, ""});
    return out;
}

class ExprParser
{
public:
    ExprParser(std::vector<Token> toks, int line) : m_t(std::move(toks)), m_line(line) {}

    TemplateError error(const std::string &what) const
    {
        return TemplateError("line " + std::to_string(m_line) + ": " + what + " near '"
                             + m_t[m_p].text + "'");
    }
    bool isOp(const char *op) const { return m_t[m_p].kind == Token::Op && m_t[m_p].text == op; }
    bool isName(const char *n) const { return m_t[m_p].kind == Token::Name && m_t[m_p].text == n; }
    bool atEnd() const { return m_t[m_p].kind == Token::End; }
    bool accept(const char *op)
    {
        if (isOp(op) || isName(op)) { ++m_p; return true; }
        return false;
    }
    void expect(const char *op)
    {
        if (!accept(op))
            throw error(std::string("expected '") + op + "'");
    }
    std::string name()
    {
        if (m_t[m_p].kind != Token::Name)
            throw error("expected a name");
        return m_t[m_p++].text;
    }

    ExprPtr make(Expr::Kind k, std::string name = {}, std::vector<ExprPtr> children = {})
    {
        auto e = std::make_shared<Expr>();
        e->kind = k;
        e->name = std::move(name);
        e->children = std::move(children);
        e->line = m_line;
        return e;
    }

    ExprPtr expression()
    {
        ExprPtr e = orExpr();
        if (isName("if")) {
            ++m_p;
            ExprPtr cond = orExpr();
            ExprPtr other = accept("else") ? expression() : nullptr;
            if (!other) {
                other = make(Expr::Literal);
            }
            return make(Expr::Cond, {}, {cond, e, other});
        }
        return e;
    }
    ExprPtr orExpr()
    {
        ExprPtr e = andExpr();
        while (accept("or"))
            e = make(Expr::Binary, "or", {e, andExpr()});
        return e;
    }
    ExprPtr andExpr()
    {
        ExprPtr e = notExpr();
        while (accept("and"))
            e = make(Expr::Binary, "and", {e, notExpr()});
        return e;
    }
    ExprPtr notExpr()
    {
        if (accept("not"))
            return make(Expr::Unary, "not", {notExpr()});
        return compare();
    }
    ExprPtr compare()
    {
        ExprPtr e = math1();
        for (;;) {
            static const char *const ops[] = {"==", "!=", "<=", ">=", "<", ">"};
            bool done = true;
            for (const char *op : ops)
                if (accept(op)) {
                    e = make(Expr::Binary, op, {e, math1()});
                    done = false;
                    break;
                }
            if (!done)
                continue;
            if (accept("in")) {
                e = make(Expr::Binary, "in", {e, math1()});
            } else if (isName("not") && m_t[m_p + 1].kind == Token::Name && m_t[m_p + 1].text == "in") {
                m_p += 2;
                e = make(Expr::Unary, "not", {make(Expr::Binary, "in", {e, math1()})});
            } else {
                return e;
            }
        }
    }
    ExprPtr math1()
    {
        ExprPtr e = concat();
        while (isOp("+") || isOp("-")) {
            const std::string op = m_t[m_p++].text;
            e = make(Expr::Binary, op, {e, concat()});
        }
        return e;
    }
    ExprPtr concat()
    {
        ExprPtr e = math2();
        while (accept("~"))
            e = make(Expr::Binary, "~", {e, math2()});
        return e;
    }
    ExprPtr math2()
    {
        ExprPtr e = unary();
        while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
            const std::string op = m_t[m_p++].text;
            e = make(Expr::Binary, op, {e, unary()});
        }
        return e;
    }
    ExprPtr unary()
    {
        if (accept("-"))
            return filters(make(Expr::Unary, "-", {unary()}));
        if (accept("+"))
            return unary();
        return filters(postfix(primary()));
    }
    void callArgs(ExprPtr &call)
    {
        // After "(": positional then keyword arguments, up to ")".
        while (!accept(")")) {
            if (m_t[m_p].kind == Token::Name && m_t[m_p + 1].kind == Token::Op
                && m_t[m_p + 1].text == "=") {
                call->kwNames.push_back(m_t[m_p].text);
                m_p += 2;
            } else if (!call->kwNames.empty()) {
                throw error("positional argument after keyword argument");
            }
            call->children.push_back(expression());
            if (!accept(","))
                { expect(")"); break; }
        }
    }
    ExprPtr postfix(ExprPtr e)
    {
        for (;;) {
            if (accept(".")) {
                e = make(Expr::Attr, name(), {e});
            } else if (accept("[")) {
                ExprPtr parts[3];
                int n = 0;
                bool slice = false;
                while (!accept("]")) {
                    if (accept(":")) { slice = true; ++n; if (n > 2) throw error("bad slice"); continue; }
                    parts[n] = expression();
                }
                if (slice) {
                    e = make(Expr::Slice, {}, {e, parts[0], parts[1], parts[2]});
                } else {
                    if (!parts[0]) throw error("empty subscript");
                    e = make(Expr::Index, {}, {e, parts[0]});
                }
            } else if (accept("(")) {
                ExprPtr call = make(Expr::Call, {}, {e});
                callArgs(call);
                e = call;
            } else {
                return e;
            }
        }
    }
    ExprPtr filters(ExprPtr e)
    {
        for (;;) {
            if (accept("|")) {
                ExprPtr f = make(Expr::Filter, name(), {e});
                if (accept("("))
                    callArgs(f);
                e = f;
            } else if (accept("is")) {
                const bool negate = accept("not");
                std::string test = m_t[m_p].text;
                if (m_t[m_p].kind != Token::Name)
                    throw error("expected a test name");
                ++m_p;
                ExprPtr t = make(Expr::Test, test, {e});
                t->negate = negate;
                // A test may take one argument without parentheses ("is divisibleby 3") or with.
                if (accept("("))
                    callArgs(t);
                e = t;
            } else {
                return e;
            }
        }
    }
    ExprPtr primary()
    {
        const Token t = m_t[m_p];
        if (t.kind == Token::Str) {
            std::string s;
            while (m_t[m_p].kind == Token::Str) // adjacent literals concatenate
                s += m_t[m_p++].text;
            ExprPtr e = make(Expr::Literal);
            e->value = Value::string(s);
            return e;
        }
        if (t.kind == Token::Number) {
            ++m_p;
            ExprPtr e = make(Expr::Literal);
            e->value = t.text.find('.') != std::string::npos ? Value::real(std::stod(t.text))
                                                            : Value::integer(std::stoll(t.text));
            return e;
        }
        if (t.kind == Token::Name) {
            ++m_p;
            ExprPtr e = make(Expr::Literal);
            if (t.text == "true" || t.text == "True") e->value = Value::boolean(true);
            else if (t.text == "false" || t.text == "False") e->value = Value::boolean(false);
            else if (t.text == "none" || t.text == "None") e->value = Value::none();
            else return make(Expr::Name, t.text);
            return e;
        }
        if (accept("(")) {
            ExprPtr e = expression();
            if (accept(",")) { // a tuple: treated as a list
                ExprPtr l = make(Expr::ListLit, {}, {e});
                while (!isOp(")")) { l->children.push_back(expression()); if (!accept(",")) break; }
                e = l;
            }
            expect(")");
            return e;
        }
        if (accept("[")) {
            ExprPtr l = make(Expr::ListLit);
            while (!accept("]")) {
                l->children.push_back(expression());
                if (!accept(",")) { expect("]"); break; }
            }
            return l;
        }
        if (accept("{")) {
            ExprPtr d = make(Expr::DictLit);
            while (!accept("}")) {
                d->children.push_back(expression());
                expect(":");
                d->children.push_back(expression());
                if (!accept(",")) { expect("}"); break; }
            }
            return d;
        }
        throw error("unexpected token");
    }

    size_t m_p = 0;
    std::vector<Token> m_t;
    int m_line;
};

class StmtParser
{
public:
    explicit StmtParser(std::vector<Segment> segs) : m_s(std::move(segs)) {}

    // Parses nodes until a statement whose keyword is in `stops`; returns that keyword.
    std::string parseBody(std::vector<std::shared_ptr<Node>> &out,
                          const std::vector<std::string> &stops, ExprParser **stopParser)
    {
        while (m_i < m_s.size()) {
            const Segment &seg = m_s[m_i++];
            auto node = std::make_shared<Node>();
            node->line = seg.line;
            if (seg.kind == Segment::Text) {
                node->kind = Node::Text;
                node->text = seg.text;
                out.push_back(node);
                continue;
            }
            m_parsers.push_back(std::make_unique<ExprParser>(lex(seg.text, seg.line), seg.line));
            ExprParser &p = *m_parsers.back();
            if (seg.kind == Segment::Expr) {
                node->kind = Node::Output;
                node->expr = p.expression();
                if (!p.atEnd()) throw p.error("unexpected content");
                out.push_back(node);
                continue;
            }
            const std::string kw = p.name();
            for (const std::string &s : stops)
                if (kw == s) {
                    *stopParser = &p;
                    return kw;
                }
            if (kw == "if") {
                parseIf(p, *node);
            } else if (kw == "for") {
                node->kind = Node::For;
                node->targets.push_back(p.name());
                while (p.accept(","))
                    node->targets.push_back(p.name());
                p.expect("in");
                node->expr = p.orExpr();
                if (p.accept("if"))
                    node->filter = p.expression();
                if (!p.atEnd()) throw p.error("unexpected content");
                ExprParser *stop = nullptr;
                std::string end = parseBody(node->body, {"else", "endfor"}, &stop);
                if (end == "else")
                    end = parseBody(node->orElse, {"endfor"}, &stop);
                if (end != "endfor") throw p.error("missing endfor");
            } else if (kw == "set") {
                node->kind = Node::Set;
                node->targets.push_back(p.name());
                if (p.accept("."))
                    node->targets.push_back(p.name());
                p.expect("=");
                node->expr = p.expression();
                if (!p.atEnd()) throw p.error("unexpected content");
            } else if (kw == "generation" || kw == "endgeneration") {
                continue; // transformers' assistant-mask markers: no output of their own
            } else {
                throw p.error("unsupported statement '" + kw + "'");
            }
            out.push_back(node);
        }
        if (!stops.empty())
            throw TemplateError("unexpected end of template: missing {% " + stops.back() + " %}");
        return {};
    }

    void parseIf(ExprParser &p, Node &node)
    {
        node.kind = Node::If;
        node.expr = p.expression();
        if (!p.atEnd()) throw p.error("unexpected content");
        ExprParser *stop = nullptr;
        const std::string end = parseBody(node.body, {"elif", "else", "endif"}, &stop);
        if (end == "elif") {
            auto nested = std::make_shared<Node>();
            parseIf(*stop, *nested);
            node.orElse.push_back(nested);
        } else if (end == "else") {
            parseBody(node.orElse, {"endif"}, &stop);
        }
    }

private:
    std::vector<Segment> m_s;
    size_t m_i = 0;
    std::vector<std::unique_ptr<ExprParser>> m_parsers;
};

} // namespace

std::vector<std::shared_ptr<Node>> parseTemplate(const std::string &source)
{
    // Jinja drops one trailing newline of the template (keep_trailing_newline=False).
    std::string src = source;
    if (!src.empty() && src.back() == '\n') {
        src.pop_back();
        if (!src.empty() && src.back() == '\r')
            src.pop_back();
    }
    StmtParser parser(segment(src));
    std::vector<std::shared_ptr<Node>> body;
    ExprParser *stop = nullptr;
    parser.parseBody(body, {}, &stop);
    return body;
}

} // namespace wb::engine::jinja
