#include "json_text.h"

namespace wb::ui {

namespace {
constexpr auto kReplaceInvalid = nlohmann::ordered_json::error_handler_t::replace;
}

QString compactJson(const api::Json &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, kReplaceInvalid));
}

QString prettyJson(const api::Json &value)
{
    return QString::fromStdString(value.dump(2, ' ', false, kReplaceInvalid));
}

QString cellText(const api::Json &value, int maxChars)
{
    QString text;
    if (value.is_null())
        return text;
    if (value.is_string())
        text = QString::fromStdString(value.get_ref<const std::string &>());
    else
        text = compactJson(value);
    // Cut before the newline scan: a huge cell should cost the same as a short one.
    const bool cut = text.size() > maxChars;
    if (cut)
        text.truncate(maxChars);
    text.replace(QLatin1Char('\n'), QChar(0x23CE)).replace(QLatin1Char('\r'), QString());
    if (cut)
        text += QChar(0x2026);
    return text;
}

std::optional<api::Json> embeddedJson(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || (text[first] != '{' && text[first] != '['))
        return std::nullopt;
    api::Json j = api::Json::parse(text, nullptr, false);
    if (j.is_discarded())
        return std::nullopt;
    return j;
}

} // namespace wb::ui
