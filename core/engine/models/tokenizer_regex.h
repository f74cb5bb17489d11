#pragma once

// The regular expressions of tokenizer.json pre-tokenizers (GPT-2, Llama 3, Qwen, SmolLM2 and the
// like), matched by a small backtracking engine over code points. We do not use PCRE or
// std::regex: std::regex has no \p{..}, and the results must equal the Oniguruma/JS engines of the
// reference implementations exactly, which a small engine with leftmost-first alternation and
// greedy backtracking quantifiers gives for this subset.
//
// Supported: literals, escapes (\r \n \t \f \v \s \S \d \D \w \W \p{L} \p{N} \P{..} and escaped
// punctuation), character classes with ranges and negation, alternation, groups (?: ) (?i: ) and
// plain capturing groups (captures are not reported), ? * + {m} {m,} {m,n} on any atom, and
// lookahead (?= ) (?! ). Anything else is an error naming the offset in the pattern.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace wb::engine {

class SplitRegex
{
public:
    //! Compiles `pattern`; on failure returns nullptr and sets `error`.
    static std::unique_ptr<SplitRegex> compile(const std::string &pattern, std::string &error);

    //! All non-overlapping leftmost matches in `text` as [begin, end) code point index pairs.
    //! `props` holds unicode::properties() of each code point (computed once by the caller).
    void findAll(const std::u32string &text, const std::vector<uint8_t> &props,
                 std::vector<std::pair<size_t, size_t>> &matches) const;

    struct CharSet
    {
        std::vector<std::pair<char32_t, char32_t>> ranges;
        uint8_t props = 0;    //!< unicode::Property bits that are in the set
        uint8_t notProps = 0; //!< bits whose absence puts a code point in the set (\S, \P{L})
        bool negated = false;
        bool caseInsensitive = false;
    };
    struct Node
    {
        enum Kind { Set, Group, LookAhead, NegLookAhead } kind = Set;
        CharSet set;
        int alt = -1; //!< index into m_alts for groups and lookaheads
        int min = 1;
        int max = 1; //!< -1: unbounded
    };
    using Seq = std::vector<Node>;
    using Alt = std::vector<Seq>;

private:
    struct Cont;
    struct Input;
    long matchSeq(const Input &in, const Seq &seq, size_t idx, size_t pos, const Cont *k) const;
    long matchGroup(const Input &in, const Node &n, const Seq &seq, size_t idx, size_t pos,
                    const Cont *k) const;
    long matchAlt(const Input &in, int alt, size_t pos, const Cont *k) const;
    bool inSet(const CharSet &s, char32_t cp, uint8_t props) const;

    friend class RegexParser;
    std::vector<Alt> m_alts; //!< m_alts[0] is the whole pattern
};

} // namespace wb::engine
