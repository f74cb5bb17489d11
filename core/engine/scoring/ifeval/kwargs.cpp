#include "engine/scoring/ifeval/kwargs.h"

#include "engine/scoring/ifeval/text_utils.h"

#include <cmath>

namespace wb::engine::ifeval {

namespace {

std::string quoted(const char *key)
{
    return std::string("'") + key + "'";
}

} // namespace

const api::Json &Kwargs::take(const char *key)
{
    m_used.insert(key);
    const auto it = m_object.find(key);
    if (it == m_object.end())
        throw KwargsError(quoted(key) + " is required");
    return *it;
}

int64_t Kwargs::integer(const char *key, int64_t min)
{
    const api::Json &value = take(key);
    int64_t result = 0;
    if (value.is_number_integer()) {
        result = value.get<int64_t>();
    } else if (value.is_number_float() && std::isfinite(value.get<double>())
               && std::floor(value.get<double>()) == value.get<double>()
               && std::fabs(value.get<double>()) < 9.0e15) {
        result = static_cast<int64_t>(value.get<double>());
    } else {
        throw KwargsError(quoted(key) + " must be an integer, got " + api::jsonTypeName(value) + " "
                          + value.dump());
    }
    if (result < min)
        throw KwargsError(quoted(key) + " must be at least " + std::to_string(min) + ", got "
                          + std::to_string(result));
    return result;
}

QString Kwargs::text(const char *key)
{
    const api::Json &value = take(key);
    if (!value.is_string())
        throw KwargsError(quoted(key) + " must be a string, got " + api::jsonTypeName(value));
    return QString::fromStdString(value.get<std::string>());
}

std::vector<QString> Kwargs::texts(const char *key)
{
    const api::Json &value = take(key);
    if (!value.is_array())
        throw KwargsError(quoted(key) + " must be a list of strings, got " + api::jsonTypeName(value));
    if (value.empty())
        throw KwargsError(quoted(key) + " must not be empty");
    std::vector<QString> result;
    for (const api::Json &item : value) {
        if (!item.is_string())
            throw KwargsError(quoted(key) + " must be a list of strings, got an item of type "
                              + api::jsonTypeName(item));
        result.push_back(QString::fromStdString(item.get<std::string>()));
    }
    return result;
}

Relation Kwargs::relation(const char *key)
{
    const QString value = text(key);
    if (value == QLatin1String("less than"))
        return Relation::LessThan;
    if (value == QLatin1String("at least"))
        return Relation::AtLeast;
    throw KwargsError(quoted(key) + " must be 'less than' or 'at least', got '" + value.toStdString() + "'");
}

void Kwargs::finish() const
{
    if (m_ignoreRest)
        return;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!m_used.count(it.key()))
            throw KwargsError("unexpected argument '" + it.key() + "'");
    }
}

QRegularExpression kwargRegex(const char *key, const QString &pattern,
                              QRegularExpression::PatternOptions options)
{
    QRegularExpression re = pyRegex(pattern, options);
    if (!re.isValid())
        throw KwargsError(quoted(key) + " is used as a regular expression and '" + pattern.toStdString()
                          + "' is not a valid one: " + re.errorString().toStdString());
    return re;
}

} // namespace wb::engine::ifeval
