// writeRandomModel (declared in causal_lm.h): a model folder in Hugging Face layout with random
// weights, for tests, benchmarks and the python reference. Torch-free, so writing a model needs
// no torch translation unit and gives the same bytes on every platform.

#include "causal_lm.h"
#include "llama_layout.h"
#include "safetensors.h"

#include "api/json_io.h"

#include <QDir>
#include <QSaveFile>

#include <cmath>

namespace wb::engine {

namespace {

uint64_t splitmix64(uint64_t &state)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t fnv1a(const std::string &s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ull;
    return h;
}

//! xoshiro256** with Box-Muller: our own, because std::normal_distribution differs between
//! standard libraries and the files must not.
class NormalGenerator
{
public:
    explicit NormalGenerator(uint64_t seed)
    {
        for (auto &s : m_s)
            s = splitmix64(seed);
    }

    double uniform() // (0, 1]
    {
        return (double(next() >> 11) + 1.0) * 0x1.0p-53;
    }

    void fill(float *out, int64_t n, double mean, double std)
    {
        constexpr double kTwoPi = 6.283185307179586;
        for (int64_t i = 0; i < n; i += 2) {
            const double r = std::sqrt(-2.0 * std::log(uniform()));
            const double a = kTwoPi * uniform();
            out[i] = float(mean + std * r * std::cos(a));
            if (i + 1 < n)
                out[i + 1] = float(mean + std * r * std::sin(a));
        }
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t next()
    {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }
    uint64_t m_s[4];
};

api::Status writeText(const QString &path, const std::string &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit())
        return api::Error::internal(QDir::toNativeSeparators(path).toStdString() + ": cannot write: "
                                    + f.errorString().toStdString());
    return {};
}

} // namespace

api::Status writeRandomModel(const QString &folder, const ModelConfig &config, uint64_t seed, double initStd)
{
    // The config must be one we (and transformers) can load back.
    const std::string configText = config.toJsonText();
    auto check = ModelConfig::fromJsonText(configText, "config");
    if (!check)
        return check.error();
    if (!QDir().mkpath(folder))
        return api::Error::internal(QDir::toNativeSeparators(folder).toStdString() + ": cannot create");
    const QDir dir(folder);
    if (auto s = writeText(dir.filePath(QStringLiteral("config.json")), configText); !s)
        return s;

    api::Json generation = api::Json::object();
    if (config.bosTokenId)
        generation["bos_token_id"] = *config.bosTokenId;
    if (config.eosTokenIds.size() == 1)
        generation["eos_token_id"] = config.eosTokenIds.front();
    else if (!config.eosTokenIds.empty())
        generation["eos_token_id"] = config.eosTokenIds;
    if (auto s = writeText(dir.filePath(QStringLiteral("generation_config.json")), generation.dump(2) + "\n"); !s)
        return s;

    // Each tensor has its own generator (seeded from the seed and its name), so a tensor's values
    // don't depend on which tensors come before it. Norm weights are 1 + noise rather than HF's
    // exact ones, so a test notices a norm whose weight is not applied.
    std::vector<SafetensorsEntry> entries;
    // The layout of the config as it reads back (e.g. Qwen2 always has q/k/v biases).
    for (const auto &t : llamaLayout(check.value())) {
        SafetensorsEntry e;
        e.name = t.name;
        e.shape = t.shape;
        const double mean = t.kind == LayoutTensor::Kind::Norm ? 1.0 : 0.0;
        const uint64_t tensorSeed = seed ^ fnv1a(t.name);
        int64_t numel = 1;
        for (int64_t d : t.shape)
            numel *= d;
        e.fill = [tensorSeed, numel, mean, initStd](float *out) {
            NormalGenerator(tensorSeed).fill(out, numel, mean, initStd);
        };
        entries.push_back(std::move(e));
    }
    return writeSafetensors(dir.filePath(QStringLiteral("model.safetensors")), entries, {{"format", "pt"}});
}

} // namespace wb::engine
