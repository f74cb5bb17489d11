#include "tokenizer_bpe.h"

#include "unicode.h"

#include <cstdio>
#include <queue>

namespace wb::engine {

namespace {
constexpr size_t kMaxCachedWordBytes = 256;
constexpr size_t kMaxCacheEntries = 200000;

uint64_t pairKey(int a, int b)
{
    return (uint64_t(uint32_t(a)) << 32) | uint32_t(b);
}
} // namespace

std::unique_ptr<BpeModel> BpeModel::fromJson(const TokJson &model, const std::string &path)
{
    auto m = std::make_unique<BpeModel>();
    const JsonFields r(model, path);
    const TokJson *vocab = r.find("vocab");
    if (!vocab || !vocab->is_object())
        throw api::JsonError(api::joinPath(path, "vocab"), "expected an object");
    m->m_tokenToId.reserve(vocab->size() * 2);
    for (auto it = vocab->begin(); it != vocab->end(); ++it) {
        if (!it.value().is_number_integer() || it.value().get<int64_t>() < 0)
            throw api::JsonError(api::joinPath(api::joinPath(path, "vocab"), it.key()),
                                 "expected a non-negative integer id");
        const int id = it.value().get<int>();
        m->addToken(it.key(), id);
    }

    r.optional("fuse_unk", m->m_fuseUnk);
    r.optional("byte_fallback", m->m_byteFallback);
    r.optional("ignore_merges", m->m_ignoreMerges);
    r.optional("continuing_subword_prefix", m->m_continuingSubwordPrefix);
    r.optional("end_of_word_suffix", m->m_endOfWordSuffix);
    if (const TokJson *d = r.find("dropout"); d && !d->is_null() && d->get<double>() > 0.0)
        throw api::JsonError(api::joinPath(path, "dropout"), "BPE dropout is not supported");
    if (!m->m_continuingSubwordPrefix.empty() || !m->m_endOfWordSuffix.empty())
        throw api::JsonError(api::joinPath(path, "continuing_subword_prefix"),
                             "subword prefixes and suffixes are not supported");
    if (const TokJson *unk = r.find("unk_token"); unk && unk->is_string()) {
        m->m_unkId = m->tokenToId(unk->get<std::string>());
        if (!m->m_unkId)
            throw api::JsonError(api::joinPath(path, "unk_token"), "not in the vocabulary");
    }

    const TokJson *merges = r.find("merges");
    const std::string mergesPath = api::joinPath(path, "merges");
    if (!merges || !merges->is_array())
        throw api::JsonError(mergesPath, "expected an array");
    m->m_merges.reserve(merges->size() * 2);
    std::string left, right;
    for (size_t i = 0; i < merges->size(); ++i) {
        const TokJson &e = (*merges)[i];
        // Two formats: "a b" (split at the first space: tokens never start with one) and, since
        // tokenizers 0.20, ["a", "b"], which can hold tokens containing spaces.
        if (e.is_string()) {
            const std::string &s = e.get_ref<const std::string &>();
            const size_t sp = s.find(' ', 1);
            if (sp == std::string::npos)
                throw api::JsonError(api::indexPath(mergesPath, i), "expected \"left right\"");
            left.assign(s, 0, sp);
            right.assign(s, sp + 1);
        } else if (e.is_array() && e.size() == 2 && e[0].is_string() && e[1].is_string()) {
            left = e[0].get<std::string>();
            right = e[1].get<std::string>();
        } else {
            throw api::JsonError(api::indexPath(mergesPath, i), "expected a merge pair");
        }
        const auto a = m->tokenToId(left), b = m->tokenToId(right), ab = m->tokenToId(left + right);
        if (!a || !b || !ab)
            throw api::JsonError(api::indexPath(mergesPath, i),
                                 "merge of tokens missing from the vocabulary");
        m->m_merges.emplace(pairKey(*a, *b), std::make_pair(int(i), *ab));
    }

    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        const auto id = m->tokenToId(name);
        m->m_byteIds[b] = id ? *id : -1;
    }
    return m;
}

void BpeModel::addToken(const std::string &token, int id)
{
    m_tokenToId.emplace(token, id);
    if (size_t(id) >= m_idToToken.size())
        m_idToToken.resize(size_t(id) + 1);
    m_idToToken[size_t(id)] = token;
}

std::optional<int> BpeModel::tokenToId(std::string_view token) const
{
    const auto it = m_tokenToId.find(std::string(token));
    if (it == m_tokenToId.end())
        return std::nullopt;
    return it->second;
}

const std::string &BpeModel::idToToken(int id) const
{
    static const std::string empty;
    return (id >= 0 && size_t(id) < m_idToToken.size()) ? m_idToToken[size_t(id)] : empty;
}

void BpeModel::tokenize(std::string_view word, std::vector<int> &out) const
{
    if (word.empty())
        return;
    const bool cacheable = word.size() <= kMaxCachedWordBytes;
    std::string key;
    if (cacheable) {
        key.assign(word);
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        const auto it = m_cache.find(key);
        if (it != m_cache.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    std::vector<int> ids;
    merge(word, ids);
    if (cacheable) {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        if (m_cache.size() >= kMaxCacheEntries)
            m_cache.clear(); // crude, but bounded; a real corpus rarely gets here
        m_cache.emplace(std::move(key), ids);
    }
    out.insert(out.end(), ids.begin(), ids.end());
}

// One character as initial symbols: its own id, else its bytes as <0xXX> tokens (byte_fallback),
// else unk (merged with a preceding unk when fuse_unk), else nothing, as Hugging Face does.
void BpeModel::pushChar(std::string_view ch, std::vector<int> &symbols) const
{
    if (const auto it = m_tokenToId.find(std::string(ch)); it != m_tokenToId.end()) {
        symbols.push_back(it->second);
        return;
    }
    if (m_byteFallback) {
        bool all = true;
        for (char c : ch)
            all = all && m_byteIds[static_cast<unsigned char>(c)] >= 0;
        if (all) {
            for (char c : ch)
                symbols.push_back(m_byteIds[static_cast<unsigned char>(c)]);
            return;
        }
    }
    if (m_unkId) {
        if (m_fuseUnk && !symbols.empty() && symbols.back() == *m_unkId)
            return;
        symbols.push_back(*m_unkId);
    }
}

void BpeModel::merge(std::string_view word, std::vector<int> &out) const
{
    if (m_ignoreMerges) {
        // Llama 3: a word that is itself in the vocabulary is one token, whatever the merges say.
        if (const auto id = tokenToId(word)) {
            out.push_back(*id);
            return;
        }
    }
    std::vector<int> ids;
    for (std::string_view ch : unicode::utf8Chars(word))
        pushChar(ch, ids);
    const int n = int(ids.size());
    if (n < 2) {
        out.insert(out.end(), ids.begin(), ids.end());
        return;
    }
    // Doubly linked symbols merged in rank order (ties: leftmost first) through a min-heap with
    // lazy deletion, O(n log n) even for the long unsplit words of SentencePiece-style models.
    std::vector<int> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        prev[size_t(i)] = i - 1;
        next[size_t(i)] = i + 1 < n ? i + 1 : -1;
    }
    struct Cand
    {
        int rank, pos, left, right, merged;
        bool operator>(const Cand &o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Cand, std::vector<Cand>, std::greater<Cand>> heap;
    auto consider = [&](int i) {
        const int j = next[size_t(i)];
        if (i < 0 || j < 0)
            return;
        const auto it = m_merges.find(pairKey(ids[size_t(i)], ids[size_t(j)]));
        if (it != m_merges.end())
            heap.push({it->second.first, i, ids[size_t(i)], ids[size_t(j)], it->second.second});
    };
    for (int i = 0; i + 1 < n; ++i)
        consider(i);
    while (!heap.empty()) {
        const Cand c = heap.top();
        heap.pop();
        const int j = next[size_t(c.pos)];
        // Stale entries: the left symbol was merged away or changed, or its neighbour did.
        if (ids[size_t(c.pos)] != c.left || j < 0 || ids[size_t(j)] != c.right)
            continue;
        ids[size_t(c.pos)] = c.merged;
        ids[size_t(j)] = -1;
        next[size_t(c.pos)] = next[size_t(j)];
        if (next[size_t(j)] >= 0)
            prev[size_t(next[size_t(j)])] = c.pos;
        consider(prev[size_t(c.pos)]);
        consider(c.pos);
    }
    for (int i = 0; i >= 0; i = next[size_t(i)])
        out.push_back(ids[size_t(i)]);
}

} // namespace wb::engine
