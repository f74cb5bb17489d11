#include "engine/scoring/math_normalize.h"

#include "engine/scoring/math_expression.h"
#include "engine/scoring/python_regex.h"

#include <utility>

namespace wb::engine::math {

namespace {

// Python's str.split(sep)[-1]: the text after the last separator.
QString afterLast(const QString &s, QStringView sep)
{
    const qsizetype i = s.lastIndexOf(sep);
    return i < 0 ? s : s.mid(i + sep.size());
}

// One Python "character" (code point) of a QString at i: 2 UTF-16 units for a surrogate pair.
qsizetype charLen(const QString &s, qsizetype i)
{
    return i + 1 < s.size() && s[i].isHighSurrogate() && s[i + 1].isLowSurrogate() ? 2 : 1;
}

const std::pair<const char *, const char *> kSubstitutions[] = {
    {"an ", ""},   {"a ", ""},   {".$", "$"},  {"\\$", ""},
    {"\\ ", ""},   {" ", ""},    {"mbox", "text"},
    {",\\text{and}", ","},       {"\\text{and}", ","},
    {"\\text{m}", "\\text{}"},
};

const char *const kRemovedExpressions[] = {
    "square", "ways", "integers", "dollars", "mph", "inches", "ft", "hours", "km", "units",
    "\\ldots", "sue", "points", "feet", "minutes", "digits", "cents", "degrees", "cm", "gm",
    "pounds", "meters", "meals", "edges", "students", "childrentickets", "multiples",
    "\\text{s}", "\\text{.}", "\\text{\ns}", "\\text{}^2", "\\text{}^3", "\\text{\n}", "\\text{}",
    "\\mathrm{th}", "^\\circ", "^{\\circ}", "\\;", ",\\!", "{,}", "\"", "\\dots",
};

const QRegularExpression &staticRegex(const char *pattern)
{
    // The patterns below are fixed and valid; compiled once per pattern.
    thread_local std::vector<std::pair<const char *, QRegularExpression>> cache;
    for (const auto &[p, re] : cache)
        if (p == pattern)
            return re;
    QRegularExpression re(QString::fromUtf8(pattern), QRegularExpression::UseUnicodePropertiesOption);
    re.optimize();
    cache.emplace_back(pattern, std::move(re));
    return cache.back().second;
}

QString fixSqrt(const QString &string)
{
    if (!string.contains(QStringLiteral("\\sqrt")))
        return string;
    const QStringList splits = string.split(QStringLiteral("\\sqrt"));
    QString out = splits[0];
    for (qsizetype k = 1; k < splits.size(); ++k) {
        const QString &split = splits[k];
        if (split.isEmpty())
            return string;
        if (split[0] != u'{') {
            const qsizetype n = charLen(split, 0);
            out += QStringLiteral("\\sqrt{") + split.left(n) + QStringLiteral("}") + split.mid(n);
        } else {
            out += QStringLiteral("\\sqrt") + split;
        }
    }
    return out;
}

QString fixFracs(const QString &string)
{
    const QStringList substrs = string.split(QStringLiteral("\\frac"));
    QString out = substrs[0];
    for (qsizetype k = 1; k < substrs.size(); ++k) {
        const QString &substr = substrs[k];
        out += QStringLiteral("\\frac");
        if (substr.isEmpty())
            return string;
        if (substr[0] == u'{') {
            out += substr;
            continue;
        }
        const qsizetype na = charLen(substr, 0);
        if (substr.size() <= na)
            return string; // upstream: assert len(substr) >= 2
        const qsizetype nb = charLen(substr, na);
        const QString a = substr.left(na);
        const QString b = substr.mid(na, nb);
        const QString post = substr.mid(na + nb);
        if (b != QStringLiteral("{"))
            out += QStringLiteral("{") + a + QStringLiteral("}{") + b + QStringLiteral("}") + post;
        else
            out += QStringLiteral("{") + a + QStringLiteral("}") + b + post;
    }
    return out;
}

// Python int(): optional sign and ASCII digits here (spaces are gone by now); str(int) back.
std::optional<QString> pythonIntText(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[+-]?[0-9]+(?:_[0-9]+)*$"));
    if (!re.match(s).hasMatch())
        return std::nullopt;
    QString digits = s;
    digits.remove(u'_');
    const bool negative = digits.startsWith(u'-');
    if (digits.startsWith(u'+') || negative)
        digits.remove(0, 1);
    while (digits.size() > 1 && digits[0] == u'0')
        digits.remove(0, 1);
    return (negative && digits != QStringLiteral("0") ? QStringLiteral("-") : QStringLiteral("")) + digits;
}

QString fixASlashB(const QString &string)
{
    const QStringList parts = string.split(u'/');
    if (parts.size() != 2)
        return string;
    auto a = pythonIntText(parts[0]);
    auto b = pythonIntText(parts[1]);
    if (!a || !b || string != *a + QStringLiteral("/") + *b)
        return string;
    return QStringLiteral("\\frac{") + *a + QStringLiteral("}{") + *b + QStringLiteral("}");
}

QString removeRightUnits(const QString &string)
{
    if (!string.contains(QStringLiteral("\\text{ ")))
        return string;
    const QStringList splits = string.split(QStringLiteral("\\text{ "));
    return splits.size() == 2 ? splits[0] : string;
}

QString normaliseResult(QString s)
{
    s.replace(QStringLiteral("\n"), QStringLiteral(""));
    s.replace(QStringLiteral("\\!"), QStringLiteral(""));
    s.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
    s.replace(QStringLiteral("cfrac"), QStringLiteral("frac"));
    s.replace(QStringLiteral("tfrac"), QStringLiteral("frac"));
    s.replace(QStringLiteral("dfrac"), QStringLiteral("frac"));
    s.replace(QStringLiteral("\\left"), QStringLiteral(""));
    s.replace(QStringLiteral("\\le"), QStringLiteral(""));
    s.replace(QStringLiteral("\\right"), QStringLiteral(""));
    s.replace(QStringLiteral("^{\\circ}"), QStringLiteral(""));
    s.replace(QStringLiteral("^\\circ"), QStringLiteral(""));
    s.replace(QStringLiteral("\\$"), QStringLiteral(""));
    s = removeRightUnits(s);
    s.replace(QStringLiteral("\\%"), QStringLiteral(""));
    s.replace(QStringLiteral(" ."), QStringLiteral(" 0."));
    s.replace(QStringLiteral("{."), QStringLiteral("{0."));
    if (s.isEmpty())
        return s;
    if (s[0] == u'.')
        s.prepend(u'0');
    s = afterLast(s, QStringLiteral("="));
    s = fixSqrt(s);
    s.remove(u' ');
    s = fixFracs(s);
    if (s == QStringLiteral("0.5"))
        s = QStringLiteral("\\frac{1}{2}");
    return fixASlashB(s);
}

bool isDigits(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (c.digitValue() < 0) // str.isdigit(): Unicode digits, superscripts included
            return false;
    return true;
}

QString groupText(const QRegularExpressionMatch &m, int group)
{
    return m.capturedStart(group) < 0 ? QString() : m.captured(group);
}

} // namespace

QString firstAnswer(const QString &text)
{
    QString t = text;
    for (QStringView marker : {QStringView(u"Q:"), QStringView(u"A:")}) {
        const qsizetype i = t.indexOf(marker);
        if (i >= 0)
            t.truncate(i);
    }
    return t;
}

QString extractResultFromBoxed(const QString &input)
{
    const QString boxStart = QStringLiteral("\\boxed");
    const qsizetype start = input.lastIndexOf(boxStart);
    if (start < 0)
        return QString();
    QString answer = input.mid(start + boxStart.size()).trimmed();
    const bool endsWithCurly = answer.startsWith(u'{');
    int openBraces = 0;
    qsizetype i = 0;
    bool found = false;
    for (; i < answer.size(); ++i) {
        if (answer[i] == u'{')
            ++openBraces;
        else if (answer[i] == u'}')
            --openBraces;
        if (openBraces == 0) {
            if (endsWithCurly) {
                answer = answer.left(i + 1).trimmed();
                found = true;
                break;
            }
            if (answer[i] == u'$') {
                answer = answer.left(i).trimmed();
                found = true;
                break;
            }
        }
    }
    if (!found)
        return QString();
    while (answer.startsWith(u'{') && answer.endsWith(u'}'))
        answer = answer.mid(1, answer.size() - 2).trimmed();
    return answer;
}

Normalized normalizeFinalAnswer(const QString &text, const QRegularExpression &regex)
{
    Normalized out;
    QString extraction;
    const QRegularExpressionMatch m = regex.match(text);
    if (m.hasMatch()) {
        extraction = groupText(m, regex.captureCount() >= 1 ? 1 : 0);
        out.extracted = extraction;
    } else {
        extraction = extractResultFromBoxed(text);
        if (!extraction.isEmpty())
            out.extracted = extraction;
    }
    if (extraction.isEmpty()) {
        out.value = text;
        return out;
    }
    QString s = afterLast(extraction, QStringLiteral("="));
    for (const auto &[before, after] : kSubstitutions)
        s.replace(QString::fromUtf8(before), QString::fromUtf8(after));
    for (const char *expr : kRemovedExpressions)
        s.remove(QString::fromUtf8(expr));

    using M = QRegularExpressionMatch;
    s = substituteAll(staticRegex(R"((.*?)(\$)(.*?)(\$)(.*))"), s, [](const M &m) -> QString {
        return QStringLiteral("$") + groupText(m, 3) + QStringLiteral("$");
    });
    for (const char *pattern : {R"((\\text\{)(.*?)(\}))", R"((\\textbf\{)(.*?)(\}))",
                                R"((\\overline\{)(.*?)(\}))", R"((\\boxed\{)(.*)(\}))"})
        s = substituteAll(staticRegex(pattern), s, [](const M &m) -> QString { return groupText(m, 2); });
    s = substituteAll(staticRegex(R"((frac)([^{])(.))"), s, [](const M &m) -> QString {
        return QStringLiteral("frac{") + groupText(m, 2) + QStringLiteral("}{") + groupText(m, 3)
            + QStringLiteral("}");
    });
    s = substituteAll(staticRegex(R"((sqrt)([^{]))"), s, [](const M &m) -> QString {
        return QStringLiteral("sqrt{") + groupText(m, 2) + QStringLiteral("}");
    });
    s.remove(u'$');
    if (isDigits(QString(s).remove(u',')))
        s.remove(u',');
    static const QRegularExpression singleLetter(QStringLiteral(R"(\A\([a-zA-Z]\))"));
    if (singleLetter.match(s).hasMatch())
        s = s.mid(1, 1);
    out.value = normaliseResult(s);
    return out;
}

QString evaluate(const QString &normalized)
{
    QString s = normalized;
    if (auto v = evaluateLatexNumber(normalized.toStdString()))
        s = QString::fromStdString(formatSympyE2(*v));
    // try_evaluate_frac: every \frac{a}{b} of the original text, replaced once (first occurrence)
    const QString original = s;
    auto it = staticRegex(R"(\\frac{([^}]+)}{([^}]+)})").globalMatch(original);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        auto a = pythonFloat(m.captured(1).toStdString());
        auto b = pythonFloat(m.captured(2).toStdString());
        if (!a || !b || *b == 0)
            continue; // float() raised, or ZeroDivisionError
        const qsizetype at = s.indexOf(m.captured(0));
        if (at >= 0)
            s.replace(at, m.captured(0).size(), QString::fromStdString(formatPythonE2(*a / *b)));
    }
    return s;
}

} // namespace wb::engine::math
