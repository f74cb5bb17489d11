#include "generation.h"

#include "sampling.h"
#include "stop_matcher.h"
#include "tokenizer.h"

#include <algorithm>
#include <exception>
#include <random>
#include <unordered_set>

// The loop: one forward pass for all prompts (the prefill), then one pass per step that appends
// each unfinished sequence's last token (finished sequences get an empty list, which leaves their
// cache as it is). After each pass every unfinished sequence samples its next token from its own
// logits row with its own generator, so a sequence's tokens never depend on its batch neighbours.
//
// Text: tokens go through a StreamingDecoder (complete UTF-8 characters only; special tokens are
// left out of the text, as HF's skip_special_tokens and vLLM's default do) and then a StopMatcher
// (held back while it could start a stop string). What comes out is appended to the sequence's
// text and given to the sink, so the streamed pieces always concatenate to the final text.
//
// A sequence's tokens keep the one that completed a stop string (it was generated); its text does
// not. The context bounds prompt + generated tokens; the last sampled token is never fed back, so
// the cache needs one position less than that.

namespace wb::engine {

const char *finishReasonName(FinishReason r)
{
    switch (r) {
    case FinishReason::Stop: return "stop";
    case FinishReason::Length: return "length";
    case FinishReason::Cancelled: return "cancelled";
    }
    return "stop";
}

namespace {

struct Sequence
{
    Sequence(int index, const std::vector<int> &prompt, int budget, uint64_t seed,
             std::shared_ptr<const Tokenizer> tokenizer, const std::vector<std::string> &stop)
        : index(index)
        , budget(budget)
        , history(prompt)
        , rng(seed)
        , decoder(std::move(tokenizer), /*skipSpecialTokens=*/true)
        , stops(stop)
    {
        out.promptTokens = static_cast<int>(prompt.size());
    }

    int index;
    int budget; //!< tokens this sequence may generate: max tokens, bounded by the context
    TokenHistory history;
    std::mt19937_64 rng;
    StreamingDecoder decoder;
    StopMatcher stops;
    GeneratedSequence out;
    bool done = false;
};

class Generator
{
public:
    Generator(const TextSink &onText) : m_onText(onText) {}

    void emit(Sequence &s, const std::string &piece) const
    {
        if (piece.empty())
            return;
        s.out.text += piece;
        if (m_onText)
            m_onText(s.index, piece);
    }

    //! Releases what the decoder and the stop matcher still hold, unless a stop string was found.
    void finish(Sequence &s, FinishReason reason) const
    {
        if (!s.stops.stopped()) {
            emit(s, s.stops.push(s.decoder.finish())); // an incomplete character becomes U+FFFD
            if (s.stops.stopped())
                reason = FinishReason::Stop;
            else
                emit(s, s.stops.flush());
        }
        s.out.finish = reason;
        s.done = true;
    }

    //! Samples sequence `s`'s next token from its logits row; returns the token to feed next, or
    //! nothing when the sequence ended.
    std::vector<int> step(Sequence &s, float *row, int vocab, const SamplingConfig &sampling,
                          const std::unordered_set<int> &eos) const
    {
        applyPenalties(row, vocab, s.history, sampling);
        const int token = sampleToken(row, vocab, sampling, s.rng);
        if (eos.count(token)) {
            finish(s, FinishReason::Stop);
            return {};
        }
        s.out.tokens.push_back(token);
        s.history.add(token);
        emit(s, s.stops.push(s.decoder.push(token)));
        if (s.stops.stopped()) {
            finish(s, FinishReason::Stop);
            return {};
        }
        if (static_cast<int>(s.out.tokens.size()) >= s.budget) {
            finish(s, FinishReason::Length);
            return {};
        }
        return {token};
    }

private:
    const TextSink &m_onText;
};

api::Status validate(const GenerationRequest &request, const ModelConfig &config)
{
    if (request.prompts.empty())
        return api::Error::badRequest("prompts: at least one prompt is required");
    if (request.maxNewTokens < 1)
        return api::Error::badRequest("max_tokens: must be at least 1, got "
                                      + std::to_string(request.maxNewTokens));
    if (auto s = validateSampling(request.sampling); !s)
        return s;
    for (size_t i = 0; i < request.prompts.size(); ++i) {
        const std::vector<int> &p = request.prompts[i];
        const std::string field = "prompts[" + std::to_string(i) + "]";
        if (p.empty())
            return api::Error::badRequest(field + ": the prompt has no tokens");
        for (int id : p)
            if (id < 0 || id >= config.vocabSize)
                return api::Error::badRequest(field + ": token id " + std::to_string(id)
                                              + " is outside the model's vocabulary of "
                                              + std::to_string(config.vocabSize));
        if (static_cast<int>(p.size()) >= config.maxPositionEmbeddings)
            return api::Error::badRequest(
                field + ": the prompt has " + std::to_string(p.size())
                + " tokens and leaves no room in the model's context of "
                + std::to_string(config.maxPositionEmbeddings) + " tokens");
    }
    return {};
}

uint64_t randomSeed()
{
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

api::Result<std::vector<GeneratedSequence>> run(const CausalLm &model,
                                                const Tokenizer &tokenizer,
                                                const GenerationRequest &request,
                                                const TextSink &onText,
                                                const api::CancelToken &cancel)
{
    const ModelConfig &config = model.config();
    if (auto s = validate(request, config); !s)
        return s.error();

    // StreamingDecoder wants shared ownership; the caller keeps the tokenizer alive for the call.
    const std::shared_ptr<const Tokenizer> tok(std::shared_ptr<const Tokenizer>(), &tokenizer);
    const uint64_t seed = request.sampling.seed ? *request.sampling.seed : randomSeed();
    const int batch = static_cast<int>(request.prompts.size());
    const int vocab = config.vocabSize;

    std::vector<Sequence> seqs;
    seqs.reserve(static_cast<size_t>(batch));
    int cacheLength = 0;
    for (int b = 0; b < batch; ++b) {
        const std::vector<int> &prompt = request.prompts[static_cast<size_t>(b)];
        const int promptLength = static_cast<int>(prompt.size());
        const int budget = std::min(request.maxNewTokens,
                                    config.maxPositionEmbeddings - promptLength);
        seqs.emplace_back(b, prompt, budget, seed + static_cast<uint64_t>(b), tok, request.stop);
        cacheLength = std::max(cacheLength, promptLength + budget - 1);
    }
    const std::unordered_set<int> eos(request.eosTokenIds.begin(), request.eosTokenIds.end());

    auto state = model.newState(batch, cacheLength);
    if (!state)
        return state.error();

    const Generator gen(onText);
    std::vector<std::vector<int>> next = request.prompts;
    while (std::any_of(seqs.begin(), seqs.end(), [](const Sequence &s) { return !s.done; })) {
        if (cancel.isCancelled()) {
            for (Sequence &s : seqs)
                if (!s.done)
                    gen.finish(s, FinishReason::Cancelled);
            break;
        }
        auto logits = model.forward(*state.value(), next); // (B, V)
        if (!logits)
            return logits.error();
        if (logits->size() != static_cast<size_t>(batch) * static_cast<size_t>(vocab))
            return api::Error::internal("forward returned " + std::to_string(logits->size())
                                        + " logits for a batch of " + std::to_string(batch)
                                        + " and a vocabulary of " + std::to_string(vocab));
        for (int b = 0; b < batch; ++b) {
            Sequence &s = seqs[static_cast<size_t>(b)];
            auto &input = next[static_cast<size_t>(b)];
            if (s.done) {
                input.clear();
                continue;
            }
            float *row = logits->data() + static_cast<size_t>(b) * static_cast<size_t>(vocab);
            input = gen.step(s, row, vocab, request.sampling, eos);
        }
    }

    std::vector<GeneratedSequence> out;
    out.reserve(seqs.size());
    for (Sequence &s : seqs)
        out.push_back(std::move(s.out));
    return out;
}

} // namespace

api::Result<std::vector<GeneratedSequence>> generate(const CausalLm &model,
                                                     const Tokenizer &tokenizer,
                                                     const GenerationRequest &request,
                                                     const TextSink &onText,
                                                     const api::CancelToken &cancel)
{
    // Errors are values: nothing the model, the tokenizer or the sink throws leaves the call.
    try {
        return run(model, tokenizer, request, onText, cancel);
    } catch (const std::exception &e) {
        return api::Error::internal(std::string("generation failed: ") + e.what());
    }
}

} // namespace wb::engine
