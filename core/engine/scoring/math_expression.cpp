#include "engine/scoring/math_expression.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace wb::engine {

namespace {

constexpr int kMaxDepth = 200; // nesting guard: "((((..." is not worth a stack overflow

class Parser
{
public:
    explicit Parser(const std::string &s) : m_s(s) {}

    std::optional<double> parseAll()
    {
        auto v = expr();
        skipNoise();
        if (!v || m_pos != m_s.size())
            return std::nullopt;
        return v;
    }

private:
    const std::string &m_s;
    size_t m_pos = 0;
    int m_depth = 0;

    struct DepthGuard
    {
        int &d;
        explicit DepthGuard(int &depth) : d(depth) { ++d; }
        ~DepthGuard() { --d; }
    };

    bool startsWith(const char *word) const { return m_s.compare(m_pos, std::strlen(word), word) == 0; }

    // A command is a backslash and letters; `\frac` must not match `\fracture`.
    bool command(const char *name)
    {
        const size_t len = std::strlen(name);
        if (m_s.compare(m_pos, len, name) != 0)
            return false;
        if (m_pos + len < m_s.size() && std::isalpha(static_cast<unsigned char>(m_s[m_pos + len])))
            return false;
        m_pos += len;
        return true;
    }

    // Spacing and sizing that carries no value.
    void skipNoise()
    {
        for (;;) {
            while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\t'))
                ++m_pos;
            if (command("\\left") || command("\\right"))
                continue;
            if (startsWith("\\,") || startsWith("\\!") || startsWith("\\;") || startsWith("\\:")) {
                m_pos += 2;
                continue;
            }
            return;
        }
    }

    bool accept(char c)
    {
        skipNoise();
        if (m_pos < m_s.size() && m_s[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    std::optional<double> expr()
    {
        DepthGuard guard(m_depth);
        if (m_depth > kMaxDepth)
            return std::nullopt;
        auto left = term();
        if (!left)
            return std::nullopt;
        double v = *left;
        for (;;) {
            if (accept('+')) {
                auto r = term();
                if (!r)
                    return std::nullopt;
                v += *r;
            } else if (accept('-')) {
                auto r = term();
                if (!r)
                    return std::nullopt;
                v -= *r;
            } else {
                return v;
            }
        }
    }

    bool startsPrimary()
    {
        skipNoise();
        if (m_pos >= m_s.size())
            return false;
        const char c = m_s[m_pos];
        // not a digit: "2.5.3" or "(2)3" are no products sympy would read
        return c == '(' || c == '{' || c == '[' || startsWith("\\frac") || startsWith("\\dfrac")
            || startsWith("\\tfrac") || startsWith("\\cfrac") || startsWith("\\sqrt") || startsWith("\\pi");
    }

    std::optional<double> term()
    {
        auto left = unary();
        if (!left)
            return std::nullopt;
        double v = *left;
        for (;;) {
            skipNoise();
            if (accept('*') || command("\\cdot") || command("\\times")) {
                auto r = unary();
                if (!r)
                    return std::nullopt;
                v *= *r;
            } else if (accept('/') || command("\\div")) {
                auto r = unary();
                if (!r || *r == 0)
                    return std::nullopt;
                v /= *r;
            } else if (startsPrimary()) {
                auto r = power(); // implicit product: 2\sqrt{2}, 3\pi, 2(3+4)
                if (!r)
                    return std::nullopt;
                v *= *r;
            } else {
                return v;
            }
        }
    }

    std::optional<double> unary()
    {
        DepthGuard guard(m_depth);
        if (m_depth > kMaxDepth)
            return std::nullopt;
        if (accept('-')) {
            auto v = unary();
            return v ? std::optional<double>(-*v) : std::nullopt;
        }
        if (accept('+'))
            return unary();
        return power();
    }

    std::optional<double> power()
    {
        auto base = primary();
        if (!base)
            return std::nullopt;
        if (!accept('^'))
            return base;
        std::optional<double> exponent;
        if (accept('{')) {
            exponent = expr();
            if (!exponent || !accept('}'))
                return std::nullopt;
        } else if (accept('-')) {
            auto e = power();
            if (!e)
                return std::nullopt;
            exponent = -*e;
        } else {
            exponent = power(); // right-associative: 2^3^2 = 2^9
        }
        if (!exponent)
            return std::nullopt;
        if (*base < 0 && std::floor(*exponent) != *exponent)
            return std::nullopt; // complex
        if (*base == 0 && *exponent < 0)
            return std::nullopt;
        return std::pow(*base, *exponent);
    }

    std::optional<double> group()
    {
        if (accept('{')) {
            auto v = expr();
            if (!v || !accept('}'))
                return std::nullopt;
            return v;
        }
        // \frac12: a single digit stands for a group
        skipNoise();
        if (m_pos < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[m_pos])))
            return double(m_s[m_pos++] - '0');
        return std::nullopt;
    }

    std::optional<double> number()
    {
        const size_t start = m_pos;
        std::string digits;
        auto isDigit = [&](size_t i) {
            return i < m_s.size() && std::isdigit(static_cast<unsigned char>(m_s[i]));
        };
        while (isDigit(m_pos))
            digits.push_back(m_s[m_pos++]);
        // thousands separators: 1,234,567 (a comma followed by exactly three digits)
        while (!digits.empty() && m_pos < m_s.size() && m_s[m_pos] == ',' && isDigit(m_pos + 1)
               && isDigit(m_pos + 2) && isDigit(m_pos + 3) && !isDigit(m_pos + 4)) {
            digits.append(m_s, m_pos + 1, 3);
            m_pos += 4;
        }
        if (m_pos < m_s.size() && m_s[m_pos] == '.' && isDigit(m_pos + 1)) {
            digits.push_back('.');
            ++m_pos;
            while (isDigit(m_pos))
                digits.push_back(m_s[m_pos++]);
        }
        if (digits.empty() || digits == ".") {
            m_pos = start;
            return std::nullopt;
        }
        return std::strtod(digits.c_str(), nullptr);
    }

    std::optional<double> primary()
    {
        DepthGuard guard(m_depth);
        if (m_depth > kMaxDepth)
            return std::nullopt;
        skipNoise();
        if (m_pos >= m_s.size())
            return std::nullopt;
        std::optional<double> v;
        if (accept('(')) {
            v = expr();
            if (!v || !accept(')'))
                return std::nullopt;
        } else if (accept('{')) {
            v = expr();
            if (!v || !accept('}'))
                return std::nullopt;
        } else if (accept('[')) {
            v = expr();
            if (!v || !accept(']'))
                return std::nullopt;
        } else if (command("\\frac") || command("\\dfrac") || command("\\tfrac") || command("\\cfrac")) {
            auto num = group();
            auto den = num ? group() : std::nullopt;
            if (!num || !den || *den == 0)
                return std::nullopt;
            v = *num / *den;
        } else if (command("\\sqrt")) {
            double degree = 2;
            if (accept('[')) {
                auto d = expr();
                if (!d || !accept(']') || *d == 0)
                    return std::nullopt;
                degree = *d;
            }
            auto radicand = group();
            if (!radicand)
                return std::nullopt;
            if (*radicand < 0) {
                // an odd integer root of a negative number is real; everything else is complex
                const bool oddInteger = std::floor(degree) == degree && std::fmod(std::fabs(degree), 2) == 1;
                if (!oddInteger)
                    return std::nullopt;
                v = -std::pow(-*radicand, 1 / degree);
            } else {
                v = degree == 2 ? std::sqrt(*radicand) : std::pow(*radicand, 1 / degree);
            }
        } else if (command("\\pi")) {
            v = M_PI;
        } else {
            v = number();
            if (!v)
                return std::nullopt;
            (void)accept('%'); // upstream strips "\%"; a bare % after a number is read the same way
        }
        return v;
    }
};

} // namespace

std::optional<double> evaluateLatexNumber(const std::string &expression)
{
    for (unsigned char c : expression)
        if (c >= 0x80)
            return std::nullopt;
    Parser parser(expression);
    auto v = parser.parseAll();
    if (!v || !std::isfinite(*v) || *v == 0)
        return std::nullopt;
    return v;
}

std::string formatSympyE2(double value)
{
    // sympy's Float keeps 15 significant digits; Decimal then rounds them half-even to three.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.14e", std::fabs(value));
    std::string digits;
    const char *p = buf;
    for (; *p && *p != 'e'; ++p)
        if (*p != '.')
            digits.push_back(*p);
    int exponent = std::atoi(p + 1);
    int lead = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
    const std::string rest = digits.substr(3);
    const bool aboveHalf
        = rest[0] > '5' || (rest[0] == '5' && rest.find_first_not_of('0', 1) != std::string::npos);
    const bool exactlyHalf = rest[0] == '5' && rest.find_first_not_of('0', 1) == std::string::npos;
    if (aboveHalf || (exactlyHalf && lead % 2 == 1))
        ++lead;
    if (lead == 1000) {
        lead = 100;
        ++exponent;
    }
    std::snprintf(buf, sizeof buf, "%s%d.%02de%c%d", value < 0 ? "-" : "", lead / 100, lead % 100,
                  exponent < 0 ? '-' : '+', std::abs(exponent));
    return buf;
}

std::string formatPythonE2(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2e", value);
    return buf;
}

std::optional<double> pythonFloat(const std::string &text)
{
    size_t b = 0;
    size_t e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b])))
        ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1])))
        --e;
    std::string s = text.substr(b, e - b);
    if (s.empty())
        return std::nullopt;
    std::string lower;
    for (char c : s)
        lower.push_back(char(std::tolower(static_cast<unsigned char>(c))));
    const size_t signLen = (lower[0] == '+' || lower[0] == '-') ? 1 : 0;
    const std::string body = lower.substr(signLen);
    const double sign = signLen && lower[0] == '-' ? -1.0 : 1.0;
    if (body == "inf" || body == "infinity")
        return sign * HUGE_VAL;
    if (body == "nan")
        return std::nan("");
    // digits (single underscores between digits), optional point, optional exponent
    std::string clean = lower.substr(0, signLen);
    size_t i = 0;
    int mantissaDigits = 0;
    auto digitRun = [&](int &count) {
        while (i < body.size()) {
            if (std::isdigit(static_cast<unsigned char>(body[i]))) {
                clean.push_back(body[i++]);
                ++count;
            } else if (body[i] == '_' && count > 0 && i + 1 < body.size()
                       && std::isdigit(static_cast<unsigned char>(body[i + 1]))
                       && std::isdigit(static_cast<unsigned char>(body[i - 1]))) {
                ++i;
            } else {
                break;
            }
        }
    };
    digitRun(mantissaDigits);
    if (i < body.size() && body[i] == '.') {
        clean.push_back('.');
        ++i;
        int fraction = 0;
        digitRun(fraction);
        mantissaDigits += fraction;
    }
    if (mantissaDigits == 0)
        return std::nullopt;
    if (i < body.size() && body[i] == 'e') {
        clean.push_back('e');
        ++i;
        if (i < body.size() && (body[i] == '+' || body[i] == '-'))
            clean.push_back(body[i++]);
        int expDigits = 0;
        digitRun(expDigits);
        if (expDigits == 0)
            return std::nullopt;
    }
    if (i != body.size())
        return std::nullopt;
    return std::strtod(clean.c_str(), nullptr);
}

} // namespace wb::engine
