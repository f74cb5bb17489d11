#pragma once

// Chat formatting from a model's tokenizer_config.json `chat_template` (Jinja). The template is
// run by our Jinja subset interpreter (chat_template_jinja.h), which covers the templates of
// Llama 2, Llama 3.x, SmolLM2 (ChatML), Qwen2/2.5/3 and Mistral.
//
// A config without a template, or with one the interpreter cannot parse, is a 400 naming the file
// and `chat_template`. The documented fallback is ChatML:
//   <|im_start|>{role}\n{content}<|im_end|>\n ... and, with add_generation_prompt,
//   <|im_start|>assistant\n
// which a caller gets only by asking for it (Fallback::ChatMl), since ChatML tokens mean nothing
// to a model trained on another format.

#include "api/result.h"
#include "tokenizer_json.h"

#include <QDate>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

namespace jinja {
class Template;
}

struct ChatMessage
{
    std::string role; //!< "system", "user", "assistant" (templates may accept others, e.g. "tool")
    std::string content;
};

struct ChatTemplateOptions
{
    bool addGenerationPrompt = true;
    std::optional<bool> enableThinking; //!< Qwen3's switch; undefined in the template when unset
    QDate today;                        //!< for strftime_now() (Llama 3.2); invalid: current date
    std::map<std::string, std::string> variables; //!< extra string globals, e.g. date_string
};

enum class ChatTemplateFamily { Unknown, Llama2, Llama3, ChatMl, Qwen3, Mistral };
const char *familyName(ChatTemplateFamily f);

class ChatTemplate
{
public:
    enum class Fallback { None, ChatMl };

    //! From tokenizer_config.json (chat_template, bos_token, eos_token).
    static api::Result<ChatTemplate> fromConfigFile(const QString &path,
                                                    Fallback fallback = Fallback::None);
    static api::Result<ChatTemplate> fromConfig(const TokJson &config, const std::string &source,
                                                Fallback fallback = Fallback::None);
    //! A template given as text; `source` names it in errors.
    static api::Result<ChatTemplate> fromSource(const std::string &templateText,
                                                const std::string &source,
                                                std::string bosToken = {},
                                                std::string eosToken = {});
    //! The ChatML fallback.
    static ChatTemplate chatMl();

    //! The prompt text. A template's raise_exception() (e.g. roles that do not alternate) is a 400.
    api::Result<std::string> render(const std::vector<ChatMessage> &messages,
                                    const ChatTemplateOptions &options = {}) const;

    ChatTemplateFamily family() const { return m_family; }
    bool isFallback() const { return m_fallback; }
    const std::string &source() const { return m_text; }
    const std::string &bosToken() const { return m_bos; }
    const std::string &eosToken() const { return m_eos; }

    //! The family a template text belongs to, recognised by its marker tokens.
    static ChatTemplateFamily recognise(const std::string &templateText);

private:
    ChatTemplate() = default;

    std::shared_ptr<const jinja::Template> m_template;
    std::string m_text;
    std::string m_name;
    std::string m_bos, m_eos;
    ChatTemplateFamily m_family = ChatTemplateFamily::Unknown;
    bool m_fallback = false;
};

} // namespace wb::engine
