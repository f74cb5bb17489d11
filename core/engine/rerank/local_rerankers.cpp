// The pointwise LLM reranker and the embedding reranker (local_rerankers.h) on a LocalModel.
//
// Both tokenize every text up front and then run the items in batches ordered by token count, so
// a batch pads little; a sequence's result does not depend on its batch (the forward pass masks
// padding), so the order changes only the speed, not the scores.
//
// Texts that do not fit the context (config max_position_embeddings):
// - llm: the document's tokens are cut from the end until the rendered prompt fits; the query
//   and the instruction are never cut (a prompt too long even with an empty document is a 400
//   naming the query);
// - embedding: an item's tokens are cut from the end; a query longer than the context is a 400.

#include "engine/rerank/local_rerankers.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb::engine {

namespace {

constexpr const char *kAnswerYes[] = {"yes", " yes", "Yes", " Yes"};
constexpr const char *kAnswerNo[] = {"no", " no", "No", " No"};

std::string folderText(const LocalModel &model)
{
    return model.folder().toStdString();
}

//! kRelevancePrompt with each placeholder replaced once, in one pass over the template: a query
//! that contains "{document}" stays as it is.
std::string relevancePrompt(const std::string &query, const std::string &document, const std::string &instruction)
{
    const std::string form = kRelevancePrompt;
    const std::pair<const char *, const std::string *> fields[] = {
        {"{query}", &query}, {"{document}", &document}, {"{instruction}", &instruction}};
    std::vector<std::pair<size_t, size_t>> at; // (position in form, field)
    for (size_t f = 0; f < std::size(fields); ++f)
        if (const size_t pos = form.find(fields[f].first); pos != std::string::npos)
            at.emplace_back(pos, f);
    std::sort(at.begin(), at.end());
    std::string out;
    size_t from = 0;
    for (const auto &[pos, f] : at) {
        out.append(form, from, pos - from);
        out += *fields[f].second;
        from = pos + std::string(fields[f].first).size();
    }
    out.append(form, from, std::string::npos);
    return out;
}

//! The first token of each spelling of "yes" and of "no", each set without repeats. A token that
//! begins a yes and a no spelling alike (a bare space in a tokenizer without " yes" / " no"
//! tokens) is evidence for neither and is left out of both.
struct AnswerTokens
{
    std::vector<int> yes, no;
};

api::Result<AnswerTokens> answerTokens(const LocalModel &model)
{
    const Tokenizer &tok = *model.tokenizer();
    auto firsts = [&](const auto &words) {
        std::vector<int> ids;
        for (const char *word : words) {
            const std::vector<int> encoded = tok.encode(word, /*addSpecialTokens=*/false);
            if (!encoded.empty() && std::find(ids.begin(), ids.end(), encoded.front()) == ids.end())
                ids.push_back(encoded.front());
        }
        return ids;
    };
    AnswerTokens t;
    const std::vector<int> yes = firsts(kAnswerYes), no = firsts(kAnswerNo);
    const int vocab = model.lm().config().vocabSize;
    for (int id : yes)
        if (id < vocab && std::find(no.begin(), no.end(), id) == no.end())
            t.yes.push_back(id);
    for (int id : no)
        if (id < vocab && std::find(yes.begin(), yes.end(), id) == yes.end())
            t.no.push_back(id);
    if (t.yes.empty() || t.no.empty())
        return api::Error::badRequest("model " + folderText(model) + ": its vocabulary has no token that begins \""
                                      + (t.yes.empty() ? "yes" : "no")
                                      + "\" and nothing else, so the LLM reranker cannot read its answer");
    return t;
}

//! P(yes) / (P(yes) + P(no)) from one row of logits. The softmax's normaliser over the whole
//! vocabulary cancels in the ratio, so the sums are taken relative to the largest yes/no logit:
//! the same value, and never 0 / 0 when both answers are far below the top token.
double yesProbability(const float *logits, const AnswerTokens &t)
{
    double top = -HUGE_VAL;
    for (const auto *ids : {&t.yes, &t.no})
        for (int id : *ids)
            top = std::max(top, double(logits[id]));
    double yes = 0, no = 0;
    for (int id : t.yes)
        yes += std::exp(double(logits[id]) - top);
    for (int id : t.no)
        no += std::exp(double(logits[id]) - top);
    return yes / (yes + no);
}

//! The token ids of the prompt text, with the BOS rule of LocalModel::chat: a template that
//! writes the BOS token itself gets no second one from the tokenizer. Thinking is switched off
//! (Qwen3 then writes an empty think block): the answer must be the very next token, not
//! "<think>". Templates without the switch ignore it.
api::Result<std::vector<int>> encodePrompt(const LocalModel &model, const std::string &content)
{
    ChatTemplateOptions options;
    options.enableThinking = false;
    auto text = model.chatTemplate().render({ChatMessage{"user", content}}, options);
    if (!text)
        return text.error();
    const std::string &bos = model.chatTemplate().bosToken();
    const bool hasBos = !bos.empty() && text->compare(0, bos.size(), bos) == 0;
    return model.tokenizer()->encode(*text, /*addSpecialTokens=*/!hasBos);
}

//! The rendered relevance prompt of one item, the document cut from its end until it fits the
//! context. Tokens of text and of its parts need not add up exactly, so the cut is repeated
//! with the measured excess until the prompt fits.
api::Result<std::vector<int>> fittedPrompt(const LocalModel &model, const std::string &query,
                                           const std::string &document, const std::string &instruction)
{
    const size_t context = size_t(model.lm().config().maxPositionEmbeddings);
    auto full = encodePrompt(model, relevancePrompt(query, document, instruction));
    if (!full || full->size() <= context)
        return full;
    auto bare = encodePrompt(model, relevancePrompt(query, std::string(), instruction));
    if (!bare)
        return bare.error();
    if (bare->size() > context)
        return api::Error::badRequest("query: the relevance prompt takes " + std::to_string(bare->size())
                                      + " tokens without any document, more than the context of "
                                      + std::to_string(context) + " tokens of model " + folderText(model)
                                      + " (max_position_embeddings); shorten the query or the instruction");
    const std::vector<int> docIds = model.tokenizer()->encode(document, /*addSpecialTokens=*/false);
    size_t keep = std::min(docIds.size(), context - bare->size());
    while (keep > 0) {
        const std::string cut =
            model.tokenizer()->decode(std::vector<int>(docIds.begin(), docIds.begin() + long(keep)));
        auto ids = encodePrompt(model, relevancePrompt(query, cut, instruction));
        if (!ids)
            return ids.error();
        if (ids->size() <= context)
            return ids;
        const size_t excess = ids->size() - context;
        keep = keep > excess ? keep - excess : 0;
    }
    return bare;
}

//! Item indices by token count (longest first), in batches of `batchSize`.
//! At most this many tokens (batch size × longest sequence) in one forward pass: the KV cache
//! and activations grow with it, and long documents near an 8k context must not take gigabytes
//! just to be scored. A sequence longer than this still runs, alone.
constexpr size_t kTokenBudget = 16384;

std::vector<std::vector<size_t>> batchesByLength(const std::vector<std::vector<int>> &tokens, int batchSize)
{
    std::vector<size_t> order(tokens.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return tokens[a].size() > tokens[b].size(); });
    const size_t size = size_t(std::max(1, batchSize));
    std::vector<std::vector<size_t>> batches;
    for (size_t i : order) {
        // Sorted longest first: a batch's first sequence is its longest.
        if (batches.empty() || batches.back().size() >= size
            || (batches.back().size() + 1) * tokens[batches.back().front()].size() > kTokenBudget)
            batches.emplace_back();
        batches.back().push_back(i);
    }
    return batches;
}

double cosine(const float *a, const float *b, size_t n)
{
    double dot = 0, na = 0, nb = 0;
    for (size_t i = 0; i < n; ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    if (na == 0 || nb == 0)
        return 0;
    return std::clamp(dot / std::sqrt(na * nb), -1.0, 1.0);
}

} // namespace

api::Result<std::vector<double>> llmRerankScores(const LocalModel &model, const std::string &query,
                                                 const std::vector<std::string> &items,
                                                 const LlmRerankOptions &options,
                                                 const api::CancelToken &cancel)
{
    if (items.empty())
        return std::vector<double>();
    auto answers = answerTokens(model);
    if (!answers)
        return answers.error();
    const std::string instruction =
        options.instruction.empty() ? std::string(kDefaultRelevanceInstruction) : options.instruction;

    std::vector<std::vector<int>> prompts(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        auto ids = fittedPrompt(model, query, items[i], instruction);
        if (!ids)
            return ids.error();
        prompts[i] = std::move(ids).value();
    }

    const CausalLm &lm = model.lm();
    const size_t V = size_t(lm.config().vocabSize);
    std::vector<double> scores(items.size(), 0.0);
    for (const std::vector<size_t> &batch : batchesByLength(prompts, options.batchSize)) {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        std::vector<std::vector<int>> tokens;
        size_t longest = 0;
        for (size_t i : batch) {
            tokens.push_back(prompts[i]);
            longest = std::max(longest, prompts[i].size());
        }
        auto state = lm.newState(int(batch.size()), int(longest));
        if (!state)
            return state.error();
        auto logits = lm.forward(*state.value(), tokens); // (b, V)
        if (!logits)
            return logits.error();
        for (size_t k = 0; k < batch.size(); ++k) {
            const double p = yesProbability(logits->data() + k * V, answers.value());
            if (!std::isfinite(p))
                return api::Error::internal("items[" + std::to_string(batch[k])
                                            + "]: the model's logits are not finite");
            scores[batch[k]] = p;
        }
    }
    return scores;
}

api::Result<std::vector<double>> embeddingRerankScores(const LocalModel &model, const std::string &query,
                                                       const std::vector<std::string> &items,
                                                       const EmbeddingRerankOptions &options,
                                                       const api::CancelToken &cancel)
{
    Pooling pooling;
    if (options.pooling == "mean")
        pooling = Pooling::Mean;
    else if (options.pooling == "last")
        pooling = Pooling::Last;
    else
        return api::Error::badRequest("pooling: expected \"mean\" or \"last\", got \"" + options.pooling + "\"");
    if (items.empty())
        return std::vector<double>();

    const CausalLm &lm = model.lm();
    const Tokenizer &tok = *model.tokenizer();
    const size_t context = size_t(lm.config().maxPositionEmbeddings), H = size_t(lm.config().hiddenSize);
    const std::vector<int> queryIds = tok.encode(query, /*addSpecialTokens=*/true);
    if (queryIds.size() > context)
        return api::Error::badRequest("query: " + std::to_string(queryIds.size()) + " tokens, more than the context of "
                                      + std::to_string(context) + " tokens of model " + folderText(model)
                                      + " (max_position_embeddings)");
    std::vector<std::vector<int>> itemIds(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
        itemIds[i] = tok.encode(items[i], /*addSpecialTokens=*/true);
        if (itemIds[i].size() > context)
            itemIds[i].resize(context); // the item's end is dropped
    }

    // A text without tokens (an empty string and no BOS) has no hidden states: its score is
    // 0.5, "cannot tell", as for a zero vector.
    std::vector<double> scores(items.size(), 0.5);
    if (queryIds.empty())
        return scores;
    if (cancel.isCancelled())
        return api::Error::cancelled();
    auto queryVector = lm.pooledHiddenStates({queryIds}, pooling); // (1, H)
    if (!queryVector)
        return queryVector.error();

    for (const std::vector<size_t> &batch : batchesByLength(itemIds, options.batchSize)) {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        std::vector<std::vector<int>> tokens;
        std::vector<size_t> index;
        for (size_t i : batch)
            if (!itemIds[i].empty()) {
                tokens.push_back(itemIds[i]);
                index.push_back(i);
            }
        if (tokens.empty())
            continue;
        auto vectors = lm.pooledHiddenStates(tokens, pooling); // (b, H)
        if (!vectors)
            return vectors.error();
        for (size_t k = 0; k < index.size(); ++k) {
            const double c = cosine(queryVector->data(), vectors->data() + k * H, H);
            if (!std::isfinite(c))
                return api::Error::internal("items[" + std::to_string(index[k])
                                            + "]: the model's hidden states are not finite");
            scores[index[k]] = (1 + c) / 2;
        }
    }
    return scores;
}

} // namespace wb::engine
