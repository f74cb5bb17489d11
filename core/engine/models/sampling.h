#pragma once

// The logits processors of generation, on one sequence's float logits (V values):
//   penalties  HF's repetition penalty over prompt + generated tokens, then OpenAI's frequency and
//              presence penalties over generated tokens (the order vLLM applies them);
//   sampling   greedy (argmax) when temperature == 0, else temperature, top-k, top-p (nucleus),
//              and one draw from the per-sequence generator.
// Torch-free and allocation-light: they run once per token per sequence on ~50k-entry vectors.

#include "generation.h"

#include "api/result.h"

#include <cstdint>
#include <random>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace wb::engine {

//! 400 naming the request field ("temperature", "top_p", "top_k", "repetition_penalty",
//! "frequency_penalty", "presence_penalty") when a value is out of range.
api::Status validateSampling(const SamplingConfig &config);

//! What the penalties of one sequence look at: its prompt and generated tokens.
class TokenHistory
{
public:
    explicit TokenHistory(const std::vector<int> &prompt);

    void add(int token);
    //! Prompt and generated tokens, each id once (the repetition penalty applies once per id).
    const std::vector<int> &distinct() const { return m_distinct; }
    //! How often each id was generated (prompt not counted).
    const std::unordered_map<int, int> &generatedCounts() const { return m_generated; }

private:
    void note(int token);

    std::vector<int> m_distinct;
    std::unordered_set<int> m_seen; // the ids in m_distinct
    std::unordered_map<int, int> m_generated;
};

//! HF RepetitionPenaltyLogitsProcessor: a positive logit of a seen id is divided by `penalty`,
//! a negative one multiplied, so > 1 always makes repeats less likely.
void applyRepetitionPenalty(float *logits, int vocab, const std::vector<int> &ids, double penalty);

//! OpenAI: logit -= count * frequency + (count > 0) * presence, over generated ids.
void applyFrequencyPresencePenalty(float *logits, int vocab,
                                   const std::unordered_map<int, int> &counts, double frequency,
                                   double presence);

//! Both penalties as `config` sets them (no-ops at their neutral values).
void applyPenalties(float *logits, int vocab, const TokenHistory &history,
                    const SamplingConfig &config);

//! The first index of the largest logit (torch.argmax's tie rule).
int argmaxToken(const float *logits, int vocab);

//! The tokens sampling may draw and their probabilities (summing to 1), after temperature, top-k
//! and top-p (sorted most likely first only when top-p needs the order). temperature must be > 0.
struct Candidate
{
    int id;
    double p;
};
std::vector<Candidate> samplingCandidates(const float *logits, int vocab,
                                          const SamplingConfig &config);

//! The same as a dense vector over the vocabulary (0 for filtered ids). For tests.
std::vector<double> samplingDistribution(const float *logits, int vocab,
                                         const SamplingConfig &config);

//! The next token: argmax when temperature == 0 (top-k/top-p ignored), else one draw from
//! samplingCandidates with `rng` (one 64-bit value per call, so sequences stay reproducible).
int sampleToken(const float *logits, int vocab, const SamplingConfig &config,
                std::mt19937_64 &rng);

} // namespace wb::engine
