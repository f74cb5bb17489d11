#include "engine/scoring/python_regex.h"

namespace wb::engine {

api::Result<QRegularExpression> compilePythonRegex(const std::string &pattern, const std::string &role)
{
    QRegularExpression re(QString::fromStdString(pattern), QRegularExpression::UseUnicodePropertiesOption);
    if (!re.isValid()) {
        return api::Error::badRequest("invalid " + role + " '" + pattern + "': "
                                      + re.errorString().toStdString() + " at offset "
                                      + std::to_string(re.patternErrorOffset()));
    }
    re.optimize(); // compile (and JIT) now: scorers share it read-only across threads
    return re;
}

std::optional<QString> searchGroup1(const QRegularExpression &re, const QString &text)
{
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch() || m.capturedStart(1) < 0)
        return std::nullopt;
    return m.captured(1);
}

QString substituteAll(const QRegularExpression &re, const QString &text,
                      const std::function<QString(const QRegularExpressionMatch &)> &replace)
{
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(text);
    if (!it.hasNext())
        return text;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(last, m.capturedStart(0) - last);
        out += replace(m);
        last = m.capturedEnd(0);
    }
    out += QStringView(text).mid(last);
    return out;
}

} // namespace wb::engine
