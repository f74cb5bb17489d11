#include "json_text.h"

#include <QStringList>

namespace wb::ui {

namespace {
constexpr auto kReplaceInvalid = nlohmann::ordered_json::error_handler_t::replace;

//! "user: What is 2 + 2? · assistant: 4" for a chat message list, so a messages column reads like
//! a conversation instead of escaped JSON (system messages are left out when others exist: they
//! are often the same on every row); nullopt when `value` is not such a list.
std::optional<QString> chatPreview(const api::Json &value)
{
    if (!value.is_array() || value.empty())
        return std::nullopt;
    QStringList parts;
    QStringList systemParts;
    for (const auto &message : value) {
        if (!message.is_object() || !message.contains("role") || !message["role"].is_string())
            return std::nullopt;
        const std::string &role = message["role"].get_ref<const std::string &>();
        const auto content = message.find("content");
        const QString text = content == message.end() ? QString()
                             : content->is_string()
                                 ? QString::fromStdString(content->get_ref<const std::string &>())
                                 : compactJson(*content);
        (role == "system" ? systemParts : parts)
            << QString::fromStdString(role) + QLatin1String(": ") + text;
    }
    if (parts.isEmpty())
        parts = systemParts;
    return parts.join(QStringLiteral(" \u00B7 "));
}

// Chat messages stored as a JSON string (CSV columns) are recognised up to this size; parsing a
// longer cell on every paint would cost more than the preview is worth.
constexpr size_t kMaxEmbeddedPreview = 16 * 1024;
} // namespace

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
    std::optional<QString> chat;
    if (value.is_string()) {
        const auto &s = value.get_ref<const std::string &>();
        if (s.size() <= kMaxEmbeddedPreview)
            if (auto embedded = embeddedJson(s))
                chat = chatPreview(*embedded);
        text = chat ? *chat : QString::fromStdString(s);
    } else {
        chat = chatPreview(value);
        text = chat ? *chat : compactJson(value);
    }
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
