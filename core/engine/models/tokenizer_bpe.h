#pragma once

// The BPE model of tokenizer.json ("model": {"type": "BPE", ...}): vocabulary, ranked merges,
// byte_fallback, unk_token with fuse_unk, ignore_merges. It turns one pre-tokenized word into ids.
//
// Merges are keyed by the pair of ids (a 64-bit hash key) rather than strings, and a word → ids
// cache avoids repeating the merge loop for the frequent words that dominate real text.

#include "tokenizer_json.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wb::engine {

class BpeModel
{
public:
    //! Reads `model` (the JSON object at `path`); throws api::JsonError naming the path.
    static std::unique_ptr<BpeModel> fromJson(const TokJson &model, const std::string &path);

    //! Appends the ids of one word (already normalized and pre-tokenized) to `out`.
    void tokenize(std::string_view word, std::vector<int> &out) const;

    std::optional<int> tokenToId(std::string_view token) const;
    //! Token string of an id of the model vocabulary; empty if out of range.
    const std::string &idToToken(int id) const;
    int vocabSize() const { return int(m_idToToken.size()); }
    bool byteFallback() const { return m_byteFallback; }

    //! Adds a token outside the model vocabulary (an added token), so lookups know it.
    void addToken(const std::string &token, int id);

private:
    void merge(std::string_view word, std::vector<int> &out) const;
    void pushChar(std::string_view ch, std::vector<int> &symbols) const;

    std::unordered_map<std::string, int> m_tokenToId;
    std::vector<std::string> m_idToToken;
    //! (left id << 32 | right id) → (rank, merged id)
    std::unordered_map<uint64_t, std::pair<int, int>> m_merges;
    std::optional<int> m_unkId;
    bool m_fuseUnk = false;
    bool m_byteFallback = false;
    bool m_ignoreMerges = false;
    std::string m_continuingSubwordPrefix;
    std::string m_endOfWordSuffix;
    int m_byteIds[256];

    // Word cache: guarded by a mutex because one tokenizer is shared between threads.
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<int>> m_cache;
};

} // namespace wb::engine
