#include "chat_template.h"

#include "chat_template_jinja.h"

#include <QFile>
#include <QLocale>

namespace wb::engine {

namespace {

const char *const kChatMlTemplate =
    "{%- for message in messages %}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";

// bos_token and friends are a string, or an AddedToken object {"content": ...} in older configs.
std::string tokenText(const TokJson &config, const char *key)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_object() && it->contains("content") && (*it)["content"].is_string())
        return (*it)["content"].get<std::string>();
    return {};
}

// Python strftime for the few directives templates use (Llama 3.2: "%d %b %Y").
std::string strftime(const std::string &fmt, const QDate &d)
{
    const QLocale c = QLocale::c();
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 == fmt.size()) {
            out += fmt[i];
            continue;
        }
        const char k = fmt[++i];
        QString part;
        switch (k) {
        case 'd': part = QString::asprintf("%02d", d.day()); break;
        case 'm': part = QString::asprintf("%02d", d.month()); break;
        case 'Y': part = QString::number(d.year()); break;
        case 'y': part = QString::asprintf("%02d", d.year() % 100); break;
        case 'b': part = c.monthName(d.month(), QLocale::ShortFormat); break;
        case 'B': part = c.monthName(d.month(), QLocale::LongFormat); break;
        case 'a': part = c.dayName(d.dayOfWeek(), QLocale::ShortFormat); break;
        case 'A': part = c.dayName(d.dayOfWeek(), QLocale::LongFormat); break;
        case '%': part = "%"; break;
        default: part = QString("%") + k;
        }
        out += part.toStdString();
    }
    return out;
}

} // namespace

const char *familyName(ChatTemplateFamily f)
{
    switch (f) {
    case ChatTemplateFamily::Llama2: return "llama2";
    case ChatTemplateFamily::Llama3: return "llama3";
    case ChatTemplateFamily::ChatMl: return "chatml";
    case ChatTemplateFamily::Qwen3: return "qwen3";
    case ChatTemplateFamily::Mistral: return "mistral";
    case ChatTemplateFamily::Unknown: break;
    }
    return "unknown";
}

ChatTemplateFamily ChatTemplate::recognise(const std::string &t)
{
    if (t.find("<|start_header_id|>") != std::string::npos)
        return ChatTemplateFamily::Llama3;
    if (t.find("<|im_start|>") != std::string::npos)
        return t.find("<think>") != std::string::npos ? ChatTemplateFamily::Qwen3
                                                      : ChatTemplateFamily::ChatMl;
    if (t.find("<<SYS>>") != std::string::npos)
        return ChatTemplateFamily::Llama2;
    if (t.find("[INST]") != std::string::npos)
        return ChatTemplateFamily::Mistral;
    return ChatTemplateFamily::Unknown;
}

ChatTemplate ChatTemplate::chatMl()
{
    auto r = fromSource(kChatMlTemplate, "built-in ChatML template");
    ChatTemplate t = std::move(r).value(); // the built-in template always parses
    t.m_fallback = true;
    return t;
}

api::Result<ChatTemplate> ChatTemplate::fromSource(const std::string &templateText,
                                                   const std::string &source,
                                                   std::string bosToken, std::string eosToken)
{
    ChatTemplate t;
    try {
        t.m_template = std::make_shared<const jinja::Template>(templateText);
    } catch (const jinja::TemplateError &e) {
        return api::Error::badRequest(source + ": unsupported chat template: " + e.what());
    }
    t.m_text = templateText;
    t.m_name = source;
    t.m_bos = std::move(bosToken);
    t.m_eos = std::move(eosToken);
    t.m_family = recognise(templateText);
    return t;
}

api::Result<ChatTemplate> ChatTemplate::fromConfigFile(const QString &path, Fallback fallback)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(path.toStdString() + ": cannot read: "
                                      + f.errorString().toStdString());
    TokJson config;
    try {
        config = TokJson::parse(f.readAll().toStdString());
    } catch (const TokJson::exception &e) {
        return api::Error::badRequest(path.toStdString() + ": invalid JSON: " + e.what());
    }
    return fromConfig(config, path.toStdString(), fallback);
}

api::Result<ChatTemplate> ChatTemplate::fromConfig(const TokJson &config, const std::string &source,
                                                   Fallback fallback)
{
    auto failed = [&](api::Error e) -> api::Result<ChatTemplate> {
        if (fallback != Fallback::ChatMl)
            return e;
        ChatTemplate t = chatMl();
        t.m_bos = tokenText(config, "bos_token");
        t.m_eos = tokenText(config, "eos_token");
        return t;
    };
    if (!config.is_object())
        return failed(api::Error::badRequest(source + ": expected a JSON object"));
    std::string text;
    const auto it = config.find("chat_template");
    if (it != config.end() && it->is_string()) {
        text = it->get<std::string>();
    } else if (it != config.end() && it->is_array()) {
        // Named templates [{"name": "default", "template": ...}, {"name": "tool_use", ...}].
        for (const TokJson &named : *it)
            if (named.is_object() && named.value("name", "") == "default"
                && named.contains("template") && named["template"].is_string())
                text = named["template"].get<std::string>();
    }
    if (text.empty())
        return failed(api::Error::badRequest(
            source + ": chat_template: no chat template (the ChatML fallback must be asked for)"));
    auto t = fromSource(text, source + ": chat_template", tokenText(config, "bos_token"),
                        tokenText(config, "eos_token"));
    if (!t)
        return failed(t.error());
    return t;
}

api::Result<std::string> ChatTemplate::render(const std::vector<ChatMessage> &messages,
                                              const ChatTemplateOptions &options) const
{
    using jinja::Value;
    jinja::List list;
    for (const ChatMessage &m : messages)
        list.push_back(Value::makeDict({{"role", Value::string(m.role)},
                                        {"content", Value::string(m.content)}}));
    std::map<std::string, Value> globals;
    globals["messages"] = Value::makeList(std::move(list));
    globals["add_generation_prompt"] = Value::boolean(options.addGenerationPrompt);
    globals["bos_token"] = Value::string(m_bos);
    globals["eos_token"] = Value::string(m_eos);
    if (options.enableThinking)
        globals["enable_thinking"] = Value::boolean(*options.enableThinking);
    for (const auto &[k, v] : options.variables)
        globals[k] = Value::string(v);
    const QDate today = options.today.isValid() ? options.today : QDate::currentDate();
    globals["strftime_now"] = Value::function([today](const jinja::Args &a, const jinja::Kwargs &) {
        return Value::string(strftime(a.empty() ? std::string() : jinja::toText(a[0]), today));
    });
    try {
        return m_template->render(globals);
    } catch (const jinja::TemplateError &e) {
        return api::Error::badRequest(m_name + ": " + e.what());
    }
}

} // namespace wb::engine
