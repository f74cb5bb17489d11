#include "sampling.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

namespace wb::engine {

namespace {

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

api::Error outOfRange(const char *field, double value, const char *rule)
{
    return api::Error::badRequest(std::string(field) + ": must be " + rule + ", got "
                                  + number(value));
}

// NaN logits (a broken model) must never win or be drawn: treat them as -inf.
float clean(float v)
{
    return std::isnan(v) ? -std::numeric_limits<float>::infinity() : v;
}

} // namespace

api::Status validateSampling(const SamplingConfig &c)
{
    // Written as !(in range) so that NaN fails too.
    if (!(c.temperature >= 0.0) || std::isinf(c.temperature))
        return outOfRange("temperature", c.temperature, ">= 0");
    if (!(c.topP > 0.0 && c.topP <= 1.0))
        return outOfRange("top_p", c.topP, "in (0, 1]");
    if (c.topK < 0)
        return outOfRange("top_k", c.topK, ">= 0 (0 turns it off)");
    if (!(c.repetitionPenalty > 0.0) || std::isinf(c.repetitionPenalty))
        return outOfRange("repetition_penalty", c.repetitionPenalty, "> 0 (1 turns it off)");
    // OpenAI's documented range.
    if (!(c.frequencyPenalty >= -2.0 && c.frequencyPenalty <= 2.0))
        return outOfRange("frequency_penalty", c.frequencyPenalty, "in [-2, 2]");
    if (!(c.presencePenalty >= -2.0 && c.presencePenalty <= 2.0))
        return outOfRange("presence_penalty", c.presencePenalty, "in [-2, 2]");
    return {};
}

TokenHistory::TokenHistory(const std::vector<int> &prompt)
{
    for (int t : prompt)
        note(t);
}

void TokenHistory::add(int token)
{
    note(token);
    ++m_generated[token];
}

void TokenHistory::note(int token)
{
    if (m_seen.insert(token).second)
        m_distinct.push_back(token);
}

void applyRepetitionPenalty(float *logits, int vocab, const std::vector<int> &ids, double penalty)
{
    if (penalty == 1.0)
        return;
    const float p = static_cast<float>(penalty);
    for (int id : ids) {
        if (id < 0 || id >= vocab)
            continue;
        float &l = logits[id];
        l = l < 0 ? l * p : l / p;
    }
}

void applyFrequencyPresencePenalty(float *logits, int vocab,
                                   const std::unordered_map<int, int> &counts, double frequency,
                                   double presence)
{
    if (frequency == 0.0 && presence == 0.0)
        return;
    for (const auto &[id, count] : counts) {
        if (id < 0 || id >= vocab || count <= 0)
            continue;
        logits[id] -= static_cast<float>(count * frequency + presence);
    }
}

void applyPenalties(float *logits, int vocab, const TokenHistory &history,
                    const SamplingConfig &config)
{
    applyRepetitionPenalty(logits, vocab, history.distinct(), config.repetitionPenalty);
    applyFrequencyPresencePenalty(logits, vocab, history.generatedCounts(),
                                  config.frequencyPenalty, config.presencePenalty);
}

int argmaxToken(const float *logits, int vocab)
{
    int best = 0;
    float bestValue = clean(logits[0]);
    for (int i = 1; i < vocab; ++i) {
        const float v = clean(logits[i]);
        if (v > bestValue) {
            bestValue = v;
            best = i;
        }
    }
    return best;
}

namespace {

struct Scored
{
    float logit;
    int id;
    float weight; //!< exp((logit - max) / T), unnormalised
};

// Descending logit, ties by ascending id: a total order, so results never depend on the sort.
bool before(const Scored &a, const Scored &b)
{
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
}

// What temperature, top-k and top-p leave, with the sum of their weights. Reused between calls
// (thread_local in sampleToken) so that a step allocates nothing.
struct Filtered
{
    std::vector<Scored> kept;
    double total = 0.0;
    std::vector<float> values; //!< scratch for top-k
};

// The nucleus without sorting the vocabulary (a 50k-entry sort costs milliseconds per token):
// select the n most likely with nth_element, sort only those, and grow n until their mass
// reaches top_p. Same result as a full sort, as the order is total.
size_t nucleusSize(std::vector<Scored> &kept, double total, const SamplingConfig &config)
{
    size_t n = std::min<size_t>(kept.size(), 64);
    for (;;) {
        if (n < kept.size())
            std::nth_element(kept.begin(), kept.begin() + static_cast<long>(n), kept.end(),
                             before);
        std::sort(kept.begin(), kept.begin() + static_cast<long>(n), before);
        // HF TopPLogitsWarper: keep the most likely ids while the probability of those before
        // them is below top_p; the first is always kept.
        double mass = 0.0;
        for (size_t i = 0; i < n; ++i) {
            if (i > 0 && mass >= config.topP)
                return i;
            mass += kept[i].weight / total;
        }
        if (n == kept.size())
            return n;
        n = std::min(kept.size(), n * 4);
    }
}

void filter(const float *logits, int vocab, const SamplingConfig &config, Filtered &f)
{
    // Top-k as HF does it: keep every id whose logit reaches the k-th largest (ties included).
    // The k-th largest from a min-heap of the k largest so far: one comparison rejects most
    // logits, several times faster than nth_element over the vocabulary.
    const bool topK = config.topK > 0 && config.topK < vocab;
    float threshold = -std::numeric_limits<float>::infinity();
    if (topK) {
        std::vector<float> &heap = f.values;
        heap.clear();
        const size_t k = static_cast<size_t>(config.topK);
        const auto greater = std::greater<float>();
        for (int i = 0; i < vocab; ++i) {
            const float l = clean(logits[i]);
            if (heap.size() < k) {
                heap.push_back(l);
                std::push_heap(heap.begin(), heap.end(), greater);
            } else if (l > heap.front()) {
                std::pop_heap(heap.begin(), heap.end(), greater);
                heap.back() = l;
                std::push_heap(heap.begin(), heap.end(), greater);
            }
        }
        threshold = heap.front();
    }
    std::vector<Scored> &kept = f.kept;
    kept.clear();
    for (int i = 0; i < vocab; ++i) {
        const float l = clean(logits[i]);
        if (!topK || l >= threshold)
            kept.push_back({l, i, 0.0f});
    }

    float maxLogit = -std::numeric_limits<float>::infinity();
    for (const Scored &s : kept)
        maxLogit = std::max(maxLogit, s.logit);
    const bool allMinusInf = std::isinf(maxLogit); // then uniform rather than NaN
    // Softmax weights with exp in float (several times cheaper), summed in double. The maximum
    // gets 1 directly: with a tiny temperature 1/T is inf, and 0 * inf would be NaN.
    const double invT = 1.0 / config.temperature;
    double total = 0.0;
    for (Scored &s : kept) {
        s.weight = allMinusInf || s.logit == maxLogit
            ? 1.0f
            : std::exp(static_cast<float>((s.logit - maxLogit) * invT));
        total += s.weight;
    }

    if (config.topP < 1.0) {
        kept.resize(nucleusSize(kept, total, config));
        total = 0.0;
        for (const Scored &s : kept)
            total += s.weight;
    }
    f.total = total;
}

} // namespace

std::vector<Candidate> samplingCandidates(const float *logits, int vocab,
                                          const SamplingConfig &config)
{
    Filtered f;
    filter(logits, vocab, config, f);
    std::vector<Candidate> out;
    out.reserve(f.kept.size());
    for (size_t i = 0; i < f.kept.size(); ++i)
        out.push_back({f.kept[i].id, f.kept[i].weight / f.total});
    return out;
}

std::vector<double> samplingDistribution(const float *logits, int vocab,
                                         const SamplingConfig &config)
{
    std::vector<double> dense(static_cast<size_t>(vocab), 0.0);
    if (config.temperature == 0.0) {
        dense[static_cast<size_t>(argmaxToken(logits, vocab))] = 1.0;
        return dense;
    }
    for (const Candidate &c : samplingCandidates(logits, vocab, config))
        dense[static_cast<size_t>(c.id)] = c.p;
    return dense;
}

int sampleToken(const float *logits, int vocab, const SamplingConfig &config,
                std::mt19937_64 &rng)
{
    // One draw per call whatever the mode, so a sequence's random stream advances the same way.
    // 53 random bits make a uniform double in [0, 1) that is the same on every platform (unlike
    // std::uniform_real_distribution).
    const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    if (config.temperature == 0.0)
        return argmaxToken(logits, vocab);
    thread_local Filtered f;
    filter(logits, vocab, config, f);
    const double target = u * f.total;
    double acc = 0.0;
    for (size_t i = 0; i < f.kept.size(); ++i) {
        acc += f.kept[i].weight;
        if (target < acc)
            return f.kept[i].id;
    }
    return f.kept.back().id; // rounding left the target just above the sum
}

} // namespace wb::engine
