#include "local_model.h"

#include "generation.h"
#include "sampling.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QUuid>

#include <algorithm>
#include <climits>

// Which chat template a folder gets:
//   tokenizer_config.json with chat_template   that template; one our Jinja subset cannot run is
//                                              a 400 (chat_template.h), never a silent ChatML;
//   no chat_template there, but chat_template.jinja (newer transformers save it beside)
//                                              that file, with tokenizer_config's bos/eos tokens;
//   neither                                    the documented ChatML fallback (and then
//                                              <|im_end|>, when the tokenizer has it, also ends
//                                              a chat answer).
//
// Request fields left unset take generation_config.json's values, then ours: greedy, 256 tokens.
// As in transformers, the folder's temperature samples only when its do_sample is true; without
// do_sample the folder's default is greedy.

namespace wb::engine {

namespace {

constexpr int kDefaultMaxTokens = 256;

api::Result<TokJson> readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(path.toStdString() + ": cannot read: "
                                      + f.errorString().toStdString());
    try {
        return TokJson::parse(f.readAll().toStdString());
    } catch (const TokJson::exception &e) {
        return api::Error::badRequest(path.toStdString() + ": invalid JSON: " + e.what());
    }
}

api::Result<ChatTemplate> loadChatTemplate(const QDir &dir)
{
    const QString configPath = dir.filePath("tokenizer_config.json");
    const QString jinjaPath = dir.filePath("chat_template.jinja");
    TokJson config = TokJson::object();
    if (QFile::exists(configPath)) {
        auto c = readJson(configPath);
        if (!c)
            return c.error();
        config = std::move(c).value();
        if (config.is_object() && config.contains("chat_template"))
            return ChatTemplate::fromConfig(config, configPath.toStdString());
    }
    if (QFile::exists(jinjaPath)) {
        QFile f(jinjaPath);
        if (!f.open(QIODevice::ReadOnly))
            return api::Error::badRequest(jinjaPath.toStdString() + ": cannot read: "
                                          + f.errorString().toStdString());
        // Through fromConfig so that bos_token/eos_token are read the same way.
        if (!config.is_object())
            config = TokJson::object();
        config["chat_template"] = f.readAll().toStdString();
        return ChatTemplate::fromConfig(config, jinjaPath.toStdString());
    }
    return ChatTemplate::fromConfig(config, configPath.toStdString(),
                                    ChatTemplate::Fallback::ChatMl);
}

std::string newId(const char *prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

int clampToInt(int64_t v)
{
    return static_cast<int>(std::clamp<int64_t>(v, INT_MIN, INT_MAX));
}

void addUnique(std::vector<int> &ids, int id)
{
    if (std::find(ids.begin(), ids.end(), id) == ids.end())
        ids.push_back(id);
}

} // namespace

api::Result<std::shared_ptr<const LocalModel>> LocalModel::load(const QString &folder,
                                                                LoadOptions options)
{
    const QDir dir(folder);
    auto lm = CausalLm::load(folder, options);
    if (!lm)
        return lm.error();
    auto tokenizer = Tokenizer::fromFile(dir.filePath("tokenizer.json"));
    if (!tokenizer)
        return tokenizer.error();
    auto chatTemplate = loadChatTemplate(dir);
    if (!chatTemplate)
        return chatTemplate.error();
    auto defaults = GenerationDefaults::fromFolder(folder);
    if (!defaults)
        return defaults.error();

    auto model = std::make_shared<LocalModel>();
    model->m_folder = folder;
    model->m_lm = std::move(lm).value();
    model->m_tokenizer = std::move(tokenizer).value();
    model->m_template = std::move(chatTemplate).value();
    model->m_defaults = std::move(defaults).value();
    return std::shared_ptr<const LocalModel>(std::move(model));
}

namespace {

//! The generation request for `prompts` with the request's sampling over the folder's defaults.
//! `promptField` names the prompt in errors ("messages", "prompt").
api::Result<GenerationRequest> generationRequest(const LocalModel &model,
                                                 const api::CompletionSampling &s,
                                                 std::vector<std::vector<int>> prompts,
                                                 const std::string &promptField, bool chat)
{
    const ModelConfig &config = model.lm().config();
    const GenerationDefaults &d = model.defaults();
    GenerationRequest g;

    if (s.max_tokens && *s.max_tokens < 1)
        return api::Error::badRequest("max_tokens: must be at least 1, got "
                                      + std::to_string(*s.max_tokens));
    // Clipped to the context here; generate() clips each sequence to what its prompt leaves.
    const int64_t maxTokens = s.max_tokens ? *s.max_tokens
                                           : d.maxNewTokens.value_or(kDefaultMaxTokens);
    g.maxNewTokens = static_cast<int>(
        std::clamp<int64_t>(maxTokens, 1, std::max(1, config.maxPositionEmbeddings)));

    for (size_t i = 0; i < prompts.size(); ++i) {
        const std::string field = prompts.size() == 1 ? promptField
                                                      : promptField + "[" + std::to_string(i) + "]";
        const size_t n = prompts[i].size();
        if (n == 0)
            return api::Error::badRequest(field + ": the prompt is empty (no tokens)");
        if (n >= static_cast<size_t>(config.maxPositionEmbeddings))
            return api::Error::badRequest(
                field + ": the prompt has " + std::to_string(n)
                + " tokens, which leaves no room for an answer in the model's context of "
                + std::to_string(config.maxPositionEmbeddings) + " tokens");
    }
    g.prompts = std::move(prompts);

    SamplingConfig &c = g.sampling;
    if (s.temperature)
        c.temperature = *s.temperature;
    else if (d.doSample.value_or(false))
        c.temperature = d.temperature.value_or(1.0);
    else
        c.temperature = 0.0;
    c.topP = s.top_p ? *s.top_p : d.topP.value_or(1.0);
    c.topK = s.top_k ? clampToInt(*s.top_k) : d.topK.value_or(0);
    c.repetitionPenalty = s.repetition_penalty ? *s.repetition_penalty
                                               : d.repetitionPenalty.value_or(1.0);
    c.frequencyPenalty = s.frequency_penalty.value_or(0.0);
    c.presencePenalty = s.presence_penalty.value_or(0.0);
    if (s.seed)
        c.seed = static_cast<uint64_t>(*s.seed);
    if (auto v = validateSampling(c); !v)
        return v.error();

    g.stop = s.stop;

    // End of sequence: config.json and generation_config.json (merged in the config), the
    // generation_config defaults, the tokenizer's eos_token, and with the ChatML fallback its
    // end-of-turn marker.
    std::vector<int> &eos = g.eosTokenIds;
    for (int id : config.eosTokenIds)
        addUnique(eos, id);
    for (int id : d.eosTokenIds)
        addUnique(eos, id);
    const Tokenizer &tok = *model.tokenizer();
    if (!model.chatTemplate().eosToken().empty())
        if (auto id = tok.tokenToId(model.chatTemplate().eosToken()))
            addUnique(eos, *id);
    if (chat && model.chatTemplate().isFallback())
        if (auto id = tok.tokenToId("<|im_end|>"))
            addUnique(eos, *id);
    return g;
}

} // namespace

api::Result<api::ChatCompletion> LocalModel::chat(const std::string &modelId,
                                                  const api::ChatCompletionRequest &request,
                                                  const api::ChatChunkSink &onChunk,
                                                  const api::CancelToken &cancel) const
{
    if (request.messages.empty())
        return api::Error::badRequest("messages: at least one message is required");
    std::vector<ChatMessage> messages;
    messages.reserve(request.messages.size());
    for (const api::ChatMessage &m : request.messages)
        messages.push_back({m.role, m.content});
    auto text = m_template.render(messages);
    if (!text)
        return text.error();

    // Templates that write the BOS token themselves (Llama, Mistral) must not get a second one
    // from the tokenizer's post-processor.
    const std::string &bos = m_template.bosToken();
    const bool hasBos = !bos.empty() && text->compare(0, bos.size(), bos) == 0;
    std::vector<int> prompt = m_tokenizer->encode(*text, /*addSpecialTokens=*/!hasBos);

    auto g = generationRequest(*this, request.sampling, {std::move(prompt)}, "messages", true);
    if (!g)
        return g.error();

    api::ChatCompletion out;
    out.id = newId("chatcmpl-");
    out.created = QDateTime::currentSecsSinceEpoch();
    out.model = modelId;

    const auto send = [&](std::vector<api::ChatCompletionChunkChoice> choices,
                          std::optional<api::CompletionUsage> usage = std::nullopt) {
        onChunk(api::ChatCompletionChunk{out.id, out.created, modelId, std::move(choices),
                                         std::move(usage)});
    };
    TextSink sink;
    if (onChunk) {
        send({{0, std::string("assistant"), std::string(), std::nullopt}});
        sink = [&](int, const std::string &piece) {
            send({{0, std::nullopt, piece, std::nullopt}});
        };
    }

    auto r = generate(*m_lm, *m_tokenizer, g.value(), sink, cancel);
    if (!r)
        return r.error();
    const GeneratedSequence &seq = r->front();
    const std::string finish = finishReasonName(seq.finish);

    api::CompletionUsage usage;
    usage.prompt_tokens = seq.promptTokens;
    usage.completion_tokens = static_cast<int64_t>(seq.tokens.size());
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;

    if (onChunk) {
        send({{0, std::nullopt, std::nullopt, finish}});
        // As OpenAI does: usage comes in one more chunk whose choices are empty.
        if (request.include_usage)
            send({}, usage);
    }

    out.choices.push_back({0, api::ChatMessage{"assistant", seq.text, std::nullopt}, finish});
    out.usage = usage;
    return out;
}

api::Result<api::Completion> LocalModel::complete(const std::string &modelId,
                                                  const api::CompletionRequest &request,
                                                  const api::CompletionChunkSink &onChunk,
                                                  const api::CancelToken &cancel) const
{
    if (request.prompts.empty())
        return api::Error::badRequest("prompt: at least one prompt is required");
    std::vector<std::vector<int>> prompts;
    prompts.reserve(request.prompts.size());
    for (const std::string &p : request.prompts)
        prompts.push_back(m_tokenizer->encode(p, /*addSpecialTokens=*/true));

    auto g = generationRequest(*this, request.sampling, std::move(prompts), "prompt", false);
    if (!g)
        return g.error();

    api::Completion out;
    out.id = newId("cmpl-");
    out.created = QDateTime::currentSecsSinceEpoch();
    out.model = modelId;

    const auto send = [&](int64_t index, std::string text, std::string finish,
                          std::optional<api::CompletionUsage> usage = std::nullopt) {
        api::Completion chunk{out.id, out.created, modelId, {}, std::move(usage)};
        chunk.choices.push_back({index, std::move(text), std::move(finish)});
        onChunk(chunk);
    };
    TextSink sink;
    if (onChunk) {
        if (request.echo)
            for (size_t i = 0; i < request.prompts.size(); ++i)
                send(static_cast<int64_t>(i), request.prompts[i], {});
        sink = [&](int index, const std::string &piece) { send(index, piece, {}); };
    }

    auto r = generate(*m_lm, *m_tokenizer, g.value(), sink, cancel);
    if (!r)
        return r.error();

    api::CompletionUsage usage;
    for (size_t i = 0; i < r->size(); ++i) {
        const GeneratedSequence &seq = (*r)[i];
        usage.prompt_tokens += seq.promptTokens;
        usage.completion_tokens += static_cast<int64_t>(seq.tokens.size());
        out.choices.push_back({static_cast<int64_t>(i),
                               request.echo ? request.prompts[i] + seq.text : seq.text,
                               finishReasonName(seq.finish)});
    }
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    out.usage = usage;

    if (onChunk) {
        // One closing chunk per choice; the last carries the usage (Completion's usage never goes
        // over the wire, so no extra empty chunk for it).
        for (size_t i = 0; i < out.choices.size(); ++i) {
            const bool last = i + 1 == out.choices.size();
            send(static_cast<int64_t>(i), {}, out.choices[i].finish_reason,
                 last && request.include_usage ? std::optional(usage) : std::nullopt);
        }
    }
    return out;
}

std::vector<api::Result<std::string>> LocalModel::chatBatch(
    const std::vector<std::vector<api::ChatMessage>> &conversations,
    const api::CompletionSampling &sampling, const api::CancelToken &cancel) const
{
    std::vector<std::vector<int>> prompts(conversations.size());
    std::vector<api::Status> status(conversations.size());
    for (size_t i = 0; i < conversations.size(); ++i) {
        if (conversations[i].empty()) {
            status[i] = api::Error::badRequest("messages: at least one message is required");
            continue;
        }
        std::vector<ChatMessage> messages;
        messages.reserve(conversations[i].size());
        for (const api::ChatMessage &m : conversations[i])
            messages.push_back({m.role, m.content});
        auto text = m_template.render(messages);
        if (!text) {
            status[i] = text.error();
            continue;
        }
        // As chat(): a template that writes the BOS token itself gets no second one.
        const std::string &bos = m_template.bosToken();
        const bool hasBos = !bos.empty() && text->compare(0, bos.size(), bos) == 0;
        prompts[i] = m_tokenizer->encode(*text, /*addSpecialTokens=*/!hasBos);
    }
    return generateBatch(std::move(prompts), std::move(status), sampling, true, cancel);
}

std::vector<api::Result<std::string>> LocalModel::completeBatch(const std::vector<std::string> &prompts,
                                                                const api::CompletionSampling &sampling,
                                                                const api::CancelToken &cancel) const
{
    std::vector<std::vector<int>> tokens;
    tokens.reserve(prompts.size());
    for (const std::string &p : prompts)
        tokens.push_back(m_tokenizer->encode(p, /*addSpecialTokens=*/true));
    return generateBatch(std::move(tokens), std::vector<api::Status>(prompts.size()), sampling, false,
                         cancel);
}

std::vector<api::Result<std::string>> LocalModel::generateBatch(std::vector<std::vector<int>> prompts,
                                                                std::vector<api::Status> status,
                                                                const api::CompletionSampling &sampling,
                                                                bool chat,
                                                                const api::CancelToken &cancel) const
{
    const char *field = chat ? "messages" : "prompt";
    // Each prompt is checked alone, so one that does not fit fails only its own entry.
    std::vector<size_t> runnable;
    for (size_t i = 0; i < prompts.size(); ++i) {
        if (!status[i])
            continue;
        if (auto alone = generationRequest(*this, sampling, {prompts[i]}, field, chat); !alone)
            status[i] = alone.error();
        else
            runnable.push_back(i);
    }
    std::vector<api::Result<std::string>> out;
    out.reserve(prompts.size());
    for (const api::Status &s : status)
        out.push_back(s ? api::Result<std::string>(std::string()) : api::Result<std::string>(s.error()));
    if (runnable.empty())
        return out;

    std::vector<std::vector<int>> batch;
    batch.reserve(runnable.size());
    for (size_t i : runnable)
        batch.push_back(std::move(prompts[i]));
    auto g = generationRequest(*this, sampling, std::move(batch), field, chat);
    auto r = g ? generate(*m_lm, *m_tokenizer, g.value(), {}, cancel)
               : api::Result<std::vector<GeneratedSequence>>(g.error());
    for (size_t k = 0; k < runnable.size(); ++k) {
        if (!r)
            out[runnable[k]] = r.error();
        else
            out[runnable[k]] = (*r)[k].text;
    }
    return out;
}

} // namespace wb::engine
