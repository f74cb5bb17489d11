// Dataset rows → training sequences (see training_data.h for the rules).
//
// How assistant answers are found: the conversation is rendered once with the model's own chat
// template; for the k-th target turn, render(messages[0..k), generation prompt) is the text the
// model sees before it answers, so the answer starts where that prefix ends and runs to its
// end-of-turn token (see encodeConversation). Tokens are built piece by piece (input, answer,
// input, ...) so labels align exactly with the text they came from: the text is tokenised as a
// whole where that agrees with the pieces (the common case), and a piece is tokenised on its own
// where the whole would merge across a boundary.

#include "engine/training/training_data.h"

#include "engine/models/chat_template.h"
#include "engine/models/tokenizer.h"

#include <QDate>

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <random>

namespace wb::engine {

namespace {

using api::Error;
using api::Json;
using api::Result;

// --- reading rows --------------------------------------------------------------------------------

//! Error of one row: "dataset 'X' row N: column 'c': ...". Rows are numbered from 0, as iterrows'
//! start_index counts them.
class RowErrors
{
public:
    RowErrors(const std::string &dataset, size_t row) : m_dataset(dataset), m_row(row) {}

    Error column(const std::string &name, const std::string &what) const
    {
        return Error::badRequest(prefix() + "column '" + name + "': " + what);
    }
    Error row(const std::string &what) const { return Error::badRequest(prefix() + what); }

private:
    std::string prefix() const
    {
        return "dataset '" + m_dataset + "' row " + std::to_string(m_row) + ": ";
    }
    const std::string &m_dataset;
    size_t m_row;
};

const char *typeName(const Json &j)
{
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "a list";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

//! A text value: a string as is, a number or boolean as its JSON text (JSONL answers such as 8).
Result<std::string> textValue(const Json &value, const std::string &column, const RowErrors &err)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number() || value.is_boolean())
        return value.dump();
    return err.column(column, std::string("expected a string, got ") + typeName(value));
}

//! Message content: a string, or upstream's interleaved content (a text item or a list of them;
//! text items are joined, other items such as images cannot be trained on here).
Result<std::string> contentText(const Json &content, const std::string &column, size_t index,
                                const RowErrors &err)
{
    const std::string where = "message " + std::to_string(index) + " content: ";
    if (content.is_string())
        return content.get<std::string>();
    auto item = [&](const Json &it) -> Result<std::string> {
        if (it.is_string())
            return it.get<std::string>();
        if (it.is_object() && it.value("type", std::string()) == "text" && it.contains("text")
            && it["text"].is_string())
            return it["text"].get<std::string>();
        return err.column(column, where + "expected text items, got " + it.dump());
    };
    if (content.is_object())
        return item(content);
    if (content.is_array()) {
        std::string out;
        for (const Json &it : content) {
            auto text = item(it);
            if (!text)
                return text.error();
            out += text.value();
        }
        return out;
    }
    return err.column(column, where + "expected a string, got " + typeName(content));
}

//! A list of messages, given as a list, as one message object, or as a JSON string holding either
//! (upstream stores chat_completion_input and dialog as JSON strings).
Result<std::vector<ChatMessage>> messageList(const Json &value, const std::string &column,
                                             const RowErrors &err)
{
    Json parsed;
    const Json *list = &value;
    if (value.is_string()) {
        try {
            parsed = Json::parse(value.get_ref<const std::string &>());
        } catch (const Json::parse_error &e) {
            return err.column(column, std::string("expected a list of messages or a JSON string "
                                                  "holding one, got a string that is not JSON (")
                                          + e.what() + ")");
        }
        list = &parsed;
    }
    Json single;
    if (list->is_object()) {
        single = Json::array({*list});
        list = &single;
    }
    if (!list->is_array())
        return err.column(column, std::string("expected a list of messages, got ") + typeName(*list));
    std::vector<ChatMessage> out;
    for (size_t i = 0; i < list->size(); ++i) {
        const Json &m = (*list)[i];
        if (!m.is_object())
            return err.column(column, "message " + std::to_string(i) + ": expected an object with "
                                          "'role' and 'content', got " + typeName(m));
        if (!m.contains("role") || !m["role"].is_string())
            return err.column(column, "message " + std::to_string(i) + ": missing 'role'");
        if (!m.contains("content"))
            return err.column(column, "message " + std::to_string(i) + ": missing 'content'");
        auto content = contentText(m["content"], column, i, err);
        if (!content)
            return content.error();
        out.push_back({m["role"].get<std::string>(), std::move(content.value())});
    }
    if (out.empty())
        return err.column(column, "expected at least one message, got an empty list");
    return out;
}

//! A prompt value: a list of messages (or a JSON string of one), else the text of a user turn.
Result<std::vector<ChatMessage>> promptMessages(const Json &value, const std::string &column,
                                                const RowErrors &err)
{
    if (value.is_array() || value.is_object())
        return messageList(value, column, err);
    if (value.is_string()) {
        // Only a string that is clearly a JSON list of messages is read as one: a prompt such as
        // "[1, 2] - which is larger?" stays text.
        const std::string &s = value.get_ref<const std::string &>();
        const auto first = s.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && s[first] == '[') {
            const Json parsed = Json::parse(s, nullptr, false);
            if (parsed.is_array() && !parsed.empty() && parsed[0].is_object()
                && parsed[0].contains("role"))
                return messageList(parsed, column, err);
        }
    }
    auto text = textValue(value, column, err);
    if (!text)
        return text.error();
    return std::vector<ChatMessage>{{"user", std::move(text.value())}};
}

const Json *findColumn(const api::JsonObject &row, const char *name)
{
    auto it = row.value.find(name);
    return it == row.value.end() ? nullptr : &*it;
}

struct Conversation
{
    std::vector<ChatMessage> messages;
    std::vector<size_t> targets; //!< indices of the assistant turns to train on, ascending
};

Result<Conversation> instructConversation(const api::JsonObject &row, const RowErrors &err)
{
    static const std::pair<const char *, const char *> pairs[] = {
        {"chat_completion_input", "expected_answer"},
        {"question", "answer"},
        {"input", "output"},
        {"prompt", "completion"},
        {"input_query", "expected_answer"},
    };
    for (const auto &[promptColumn, answerColumn] : pairs) {
        const Json *prompt = findColumn(row, promptColumn);
        if (!prompt)
            continue;
        const Json *answer = findColumn(row, answerColumn);
        if (!answer)
            return err.row(std::string("has '") + promptColumn + "' but no '" + answerColumn
                           + "' column");
        auto messages = std::string(promptColumn) == "chat_completion_input"
                            ? messageList(*prompt, promptColumn, err)
                            : promptMessages(*prompt, promptColumn, err);
        if (!messages)
            return messages.error();
        auto text = textValue(*answer, answerColumn, err);
        if (!text)
            return text.error();
        Conversation c{std::move(messages.value()), {}};
        c.messages.push_back({"assistant", std::move(text.value())});
        c.targets.push_back(c.messages.size() - 1);
        return c;
    }
    return err.row("an instruct row needs one of the column pairs chat_completion_input/"
                   "expected_answer, question/answer, input/output, prompt/completion or "
                   "input_query/expected_answer");
}

Result<Conversation> dialogConversation(const api::JsonObject &row, const RowErrors &err)
{
    const char *column = "messages";
    const Json *value = findColumn(row, column);
    if (!value) {
        column = "dialog";
        value = findColumn(row, column);
    }
    if (!value)
        return err.row("a dialog row needs a 'messages' (or 'dialog') column");
    auto messages = messageList(*value, column, err);
    if (!messages)
        return messages.error();
    Conversation c{std::move(messages.value()), {}};
    for (size_t i = 0; i < c.messages.size(); ++i) {
        if (c.messages[i].role == "assistant")
            c.targets.push_back(i);
    }
    if (c.targets.empty())
        return err.column(column, "expected at least one assistant message to train on");
    return c;
}

// --- rendering and tokenising --------------------------------------------------------------------

//! Appends text pieces to a token sequence. Keeps the whole text so far and its tokens: a piece
//! takes the tokens of (text + piece) beyond those of text when they extend them, else the tokens
//! of the piece alone (a merge across the boundary would give a token belonging to both).
class PieceEncoder
{
public:
    explicit PieceEncoder(const Tokenizer &tokenizer) : m_tok(tokenizer) {}

    std::vector<int> append(const std::string &piece)
    {
        if (piece.empty())
            return {};
        std::string text = m_text + piece;
        std::vector<int> whole = m_tok.encode(text, false);
        std::vector<int> added;
        if (whole.size() >= m_tokens.size()
            && std::equal(m_tokens.begin(), m_tokens.end(), whole.begin())) {
            added.assign(whole.begin() + static_cast<std::ptrdiff_t>(m_tokens.size()), whole.end());
        } else {
            added = m_tok.encode(piece, false);
        }
        m_text = std::move(text);
        m_tokens.insert(m_tokens.end(), added.begin(), added.end());
        return added;
    }

private:
    const Tokenizer &m_tok;
    std::string m_text;
    std::vector<int> m_tokens;
};

//! The date templates print (Llama 3.2's "Today Date"): taken once per dataset, so the renders of
//! one conversation agree even across midnight.
struct RenderContext
{
    const ChatTemplate &tpl;
    QDate today = QDate::currentDate();
};

Result<std::string> render(const RenderContext &ctx, const std::vector<ChatMessage> &messages,
                           size_t count, bool generationPrompt, const RowErrors &err)
{
    ChatTemplateOptions options;
    options.addGenerationPrompt = generationPrompt;
    options.today = ctx.today;
    std::vector<ChatMessage> head(messages.begin(), messages.begin() + static_cast<std::ptrdiff_t>(count));
    auto text = ctx.tpl.render(head, options);
    if (!text)
        return err.row("the chat template cannot render it: " + text.error().detail);
    return text;
}

std::optional<int> eosId(const Tokenizer &tok, const ChatTemplate &tpl)
{
    if (tpl.eosToken().empty())
        return std::nullopt;
    return tok.tokenToId(tpl.eosToken());
}

//! End of the first special token (the end-of-turn: <|im_end|>, <|eot_id|>, </s>) that starts in
//! text[from, limit), or npos.
size_t endOfFirstSpecial(const std::string &text, size_t from, size_t limit, const Tokenizer &tok)
{
    size_t best = std::string::npos, bestEnd = std::string::npos;
    for (const AddedToken &t : tok.addedTokens()) {
        if (!t.special || t.content.empty())
            continue;
        const size_t at = text.find(t.content, from);
        if (at < limit && at < best) {
            best = at;
            bestEnd = at + t.content.size();
        }
    }
    return bestEnd;
}

struct EncodedTurns
{
    std::vector<int> tokens;
    std::vector<bool> trained;
};

//! Renders `c` and marks the target turns. Text after the last target is dropped.
//!
//! The conversation is rendered once, up to its last target, as the model will see it; answers
//! are located in that text. Answer k starts where render(messages[0..k), generation prompt)
//! ends, which must be a prefix of the whole render (templates that render a turn differently
//! once later turns follow, e.g. Qwen3's thinking block of the last turn, still qualify, since
//! only the whole render is tokenised). It ends after its end-of-turn, the first special token
//! after its start; "\n" and the like after it belong to the next turn's input. A template that
//! writes no special token after an answer ends the answer where render(messages[0..k]) ends and
//! gets the template's EOS token appended, so the model still learns to stop.
Result<EncodedTurns> encodeConversation(const Conversation &c, const Tokenizer &tok,
                                        const RenderContext &ctx, const RowErrors &err)
{
    const size_t lastTarget = c.targets.back();
    auto whole = render(ctx, c.messages, lastTarget + 1, false, err);
    if (!whole)
        return whole.error();
    const std::string &text = whole.value();
    const Error misplaced = err.row("the chat template renders earlier turns differently once later ones "
                                    "follow, so the assistant answers cannot be located");

    // Where each answer starts: the end of its prompt render.
    std::vector<size_t> starts;
    for (size_t target : c.targets) {
        auto prefix = render(ctx, c.messages, target, true, err);
        if (!prefix)
            return prefix.error();
        if (text.compare(0, prefix->size(), *prefix) != 0 || (!starts.empty() && prefix->size() < starts.back()))
            return misplaced;
        starts.push_back(prefix->size());
    }

    EncodedTurns out;
    PieceEncoder encoder(tok);
    const std::optional<int> eos = eosId(tok, ctx.tpl);
    size_t done = 0; // text turned into tokens so far
    for (size_t k = 0; k < starts.size(); ++k) {
        const size_t start = starts[k];
        if (start < done)
            return misplaced;
        const size_t limit = k + 1 < starts.size() ? starts[k + 1] : text.size();
        size_t end = endOfFirstSpecial(text, start, limit, tok);
        const bool hasEnd = end != std::string::npos;
        if (!hasEnd) {
            auto turn = render(ctx, c.messages, c.targets[k] + 1, false, err);
            if (!turn)
                return turn.error();
            const bool extends = turn->size() > start && turn->size() <= limit
                              && text.compare(0, turn->size(), *turn) == 0;
            end = extends ? turn->size() : limit;
        }
        const std::vector<int> input = encoder.append(text.substr(done, start - done));
        out.tokens.insert(out.tokens.end(), input.begin(), input.end());
        out.trained.insert(out.trained.end(), input.size(), false);
        const std::vector<int> answer = encoder.append(text.substr(start, end - start));
        out.tokens.insert(out.tokens.end(), answer.begin(), answer.end());
        out.trained.insert(out.trained.end(), answer.size(), true);
        // Not part of the text: the encoder does not see it, so the text stays comparable.
        if (!hasEnd && eos) {
            out.tokens.push_back(*eos);
            out.trained.push_back(true);
        }
        done = end;
    }
    return out;
}

void addCounts(DataSummary &s, const SftExample &e)
{
    s.tokens += static_cast<int64_t>(e.tokens.size());
    s.trainedTokens += std::count_if(e.labels.begin(), e.labels.end(), [](int l) { return l != kIgnore; });
}

} // namespace

api::Result<std::vector<SftExample>> encodeSftRows(const std::vector<api::JsonObject> &rows,
                                                   const Tokenizer &tokenizer,
                                                   const ChatTemplate &chatTemplate,
                                                   const EncodeOptions &options,
                                                   DataSummary *summary)
{
    if (rows.empty())
        return Error::badRequest("dataset '" + options.datasetId + "' has no rows to train on");
    const RenderContext ctx{chatTemplate};
    DataSummary s;
    std::vector<SftExample> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        const RowErrors err(options.datasetId, i);
        auto conversation = options.format == api::DatasetFormat::Dialog
                                ? dialogConversation(rows[i], err)
                                : instructConversation(rows[i], err);
        if (!conversation)
            return conversation.error();
        auto encoded = encodeConversation(conversation.value(), tokenizer, ctx, err);
        if (!encoded)
            return encoded.error();
        SftExample e;
        e.tokens = std::move(encoded->tokens);
        e.labels.resize(e.tokens.size());
        for (size_t t = 0; t < e.tokens.size(); ++t)
            e.labels[t] = (options.trainOnInput || encoded->trained[t]) ? e.tokens[t] : kIgnore;
        ++s.rows;
        if (options.maxLength > 0 && e.tokens.size() > size_t(options.maxLength)) {
            // Cut the end, as torchtune does: the prompt comes first and is kept.
            e.tokens.resize(size_t(options.maxLength));
            e.labels.resize(size_t(options.maxLength));
            ++s.truncated;
        }
        const bool trainable = std::any_of(e.labels.begin(), e.labels.end(),
                                           [](int l) { return l != kIgnore; });
        if (!trainable) {
            ++s.skipped; // its answer was cut off entirely
            continue;
        }
        addCounts(s, e);
        out.push_back(std::move(e));
    }
    if (out.empty())
        return Error::badRequest("dataset '" + options.datasetId + "' has no tokens to train on: "
                                 "every answer lies beyond the maximum length of "
                                 + std::to_string(options.maxLength) + " tokens");
    if (summary)
        *summary = s;
    return out;
}

namespace {

//! A chosen or rejected answer: its text, or the assistant contents of a message list joined
//! with "\n".
Result<std::string> answerText(const Json &value, const std::string &column, const RowErrors &err)
{
    if (value.is_array() || value.is_object()) {
        auto messages = messageList(value, column, err);
        if (!messages)
            return messages.error();
        std::string out;
        bool any = false;
        for (const ChatMessage &m : messages.value()) {
            if (m.role != "assistant")
                continue;
            if (any)
                out += "\n";
            out += m.content;
            any = true;
        }
        if (!any)
            return err.column(column, "expected an assistant message in the list");
        return out;
    }
    return textValue(value, column, err);
}

} // namespace

api::Result<std::vector<PreferenceExample>> encodePreferenceRows(const std::vector<api::JsonObject> &rows,
                                                                 const Tokenizer &tokenizer,
                                                                 const ChatTemplate &chatTemplate,
                                                                 const EncodeOptions &options,
                                                                 DataSummary *summary)
{
    if (rows.empty())
        return Error::badRequest("dataset '" + options.datasetId + "' has no rows to train on");
    const RenderContext ctx{chatTemplate};
    DataSummary s;
    std::vector<PreferenceExample> out;
    out.reserve(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        const RowErrors err(options.datasetId, i);
        const api::JsonObject &row = rows[i];
        for (const char *column : {"prompt", "chosen", "rejected"}) {
            if (!findColumn(row, column))
                return err.row(std::string("a preference row needs 'prompt', 'chosen' and "
                                           "'rejected' columns; '") + column + "' is missing");
        }
        auto prompt = promptMessages(*findColumn(row, "prompt"), "prompt", err);
        if (!prompt)
            return prompt.error();
        Conversation c{std::move(prompt.value()), {}};
        PreferenceExample e;
        for (const char *column : {"chosen", "rejected"}) {
            auto text = answerText(*findColumn(row, column), column, err);
            if (!text)
                return text.error();
            Conversation withAnswer = c;
            withAnswer.messages.push_back({"assistant", std::move(text.value())});
            withAnswer.targets = {withAnswer.messages.size() - 1};
            auto encoded = encodeConversation(withAnswer, tokenizer, ctx, err);
            if (!encoded)
                return encoded.error();
            const auto firstTrained = std::find(encoded->trained.begin(), encoded->trained.end(), true)
                                      - encoded->trained.begin();
            std::vector<int> promptTokens(encoded->tokens.begin(), encoded->tokens.begin() + firstTrained);
            std::vector<int> answer(encoded->tokens.begin() + firstTrained, encoded->tokens.end());
            (std::string(column) == "chosen" ? e.chosen : e.rejected) = std::move(answer);
            e.prompt = std::move(promptTokens); // the same for both answers
        }
        // Truncation keeps the prompt's end and the answers' beginnings: the prompt is cut from
        // the left so that prompt + the longer answer fits.
        const size_t longest = std::max(e.chosen.size(), e.rejected.size());
        const size_t total = e.prompt.size() + longest;
        if (options.maxLength > 0 && total > size_t(options.maxLength)) {
            ++s.truncated;
            const size_t limit = size_t(options.maxLength);
            const size_t keepPrompt = std::min(e.prompt.size(), limit / 2);
            e.prompt.erase(e.prompt.begin(), e.prompt.end() - static_cast<std::ptrdiff_t>(keepPrompt));
            const size_t answerRoom = limit - e.prompt.size();
            if (e.chosen.size() > answerRoom)
                e.chosen.resize(answerRoom);
            if (e.rejected.size() > answerRoom)
                e.rejected.resize(answerRoom);
        }
        ++s.rows;
        s.tokens += static_cast<int64_t>(e.prompt.size() * 2 + e.chosen.size() + e.rejected.size());
        s.trainedTokens += static_cast<int64_t>(e.chosen.size() + e.rejected.size());
        out.push_back(std::move(e));
    }
    if (summary)
        *summary = s;
    return out;
}

// --- batches -------------------------------------------------------------------------------------

int64_t SftBatch::trainedTokens() const
{
    return std::count_if(labels.begin(), labels.end(), [](int l) { return l != kIgnore; });
}

int64_t SftBatch::realTokens() const
{
    return std::count_if(segments.begin(), segments.end(), [](int s) { return s >= 0; });
}

std::vector<size_t> epochOrder(size_t count, const BatchPlan &plan, int epoch)
{
    std::vector<size_t> order(count);
    std::iota(order.begin(), order.end(), size_t(0));
    if (!plan.shuffle || count < 2)
        return order;
    // std::shuffle and uniform_int_distribution differ between standard libraries; mt19937_64's
    // output does not, so the draw is done by hand: the same order on every platform.
    std::seed_seq seq{static_cast<uint32_t>(plan.seed), static_cast<uint32_t>(plan.seed >> 32),
                      static_cast<uint32_t>(epoch), 0x5eedu};
    std::mt19937_64 rng(seq);
    for (size_t i = count - 1; i > 0; --i) {
        // Uniform in [0, i] by rejection, so no index is favoured.
        const uint64_t bound = uint64_t(i) + 1;
        const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
        uint64_t r;
        do {
            r = rng();
        } while (r >= limit);
        std::swap(order[i], order[size_t(r % bound)]);
    }
    return order;
}

namespace {

//! A row of a batch before padding: documents laid end to end.
struct PackedRow
{
    std::vector<int> tokens, labels, segments, positions;

    void add(const SftExample &e)
    {
        const int segment = segments.empty() ? 0 : segments.back() + 1;
        for (size_t i = 0; i < e.tokens.size(); ++i) {
            tokens.push_back(e.tokens[i]);
            labels.push_back(e.labels[i]);
            segments.push_back(segment);
            positions.push_back(static_cast<int>(i));
        }
    }
};

SftBatch padBatch(const std::vector<PackedRow> &rows, int padId)
{
    SftBatch b;
    b.B = static_cast<int>(rows.size());
    int T = 0;
    for (const PackedRow &r : rows)
        T = std::max(T, static_cast<int>(r.tokens.size()));
    b.T = T;
    const size_t n = size_t(b.B) * size_t(T);
    b.tokens.assign(n, padId);
    b.labels.assign(n, kIgnore);
    b.segments.assign(n, -1);
    b.positions.assign(n, 0);
    for (size_t r = 0; r < rows.size(); ++r) {
        const size_t base = r * size_t(T);
        const size_t len = std::min(rows[r].tokens.size(), size_t(T));
        std::copy_n(rows[r].tokens.begin(), len, b.tokens.begin() + static_cast<std::ptrdiff_t>(base));
        std::copy_n(rows[r].labels.begin(), len, b.labels.begin() + static_cast<std::ptrdiff_t>(base));
        std::copy_n(rows[r].segments.begin(), len, b.segments.begin() + static_cast<std::ptrdiff_t>(base));
        std::copy_n(rows[r].positions.begin(), len, b.positions.begin() + static_cast<std::ptrdiff_t>(base));
    }
    return b;
}

} // namespace

std::vector<SftBatch> makeSftBatches(const std::vector<SftExample> &examples, const BatchPlan &plan, int epoch)
{
    const std::vector<size_t> order = epochOrder(examples.size(), plan, epoch);
    const size_t batchSize = size_t(std::max(1, plan.batchSize));

    // Rows of the epoch: one per example, or (packed) examples in epoch order laid end to end
    // until the next would not fit in maxLength. Examples are at most maxLength long already
    // (encode truncates); a longer one gets a row of its own, cut at maxLength.
    std::vector<PackedRow> rows;
    if (plan.packed) {
        const size_t cap = size_t(std::max(1, plan.maxLength));
        PackedRow current;
        for (size_t idx : order) {
            const SftExample &e = examples[idx];
            if (!current.tokens.empty() && current.tokens.size() + e.tokens.size() > cap) {
                rows.push_back(std::move(current));
                current = PackedRow();
            }
            current.add(e);
        }
        if (!current.tokens.empty())
            rows.push_back(std::move(current));
        for (PackedRow &r : rows) {
            if (r.tokens.size() > cap) {
                r.tokens.resize(cap);
                r.labels.resize(cap);
                r.segments.resize(cap);
                r.positions.resize(cap);
            }
        }
    } else {
        rows.reserve(order.size());
        for (size_t idx : order) {
            PackedRow r;
            r.add(examples[idx]);
            rows.push_back(std::move(r));
        }
    }

    size_t batches = rows.size() / batchSize;
    const bool partial = rows.size() % batchSize != 0;
    if (partial && (!plan.dropLast || batches == 0))
        ++batches;

    std::vector<SftBatch> out;
    out.reserve(batches);
    for (size_t b = 0; b < batches; ++b) {
        const size_t begin = b * batchSize;
        const size_t end = std::min(rows.size(), begin + batchSize);
        std::vector<PackedRow> group(std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(begin)),
                                     std::make_move_iterator(rows.begin() + static_cast<std::ptrdiff_t>(end)));
        // Padded to the longest row of the batch, not to maxLength: no compute on padding that
        // no row needs.
        out.push_back(padBatch(group, plan.padId));
    }
    return out;
}

} // namespace wb::engine
