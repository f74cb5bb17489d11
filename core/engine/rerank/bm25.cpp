#include "engine/rerank/bm25.h"

#include "engine/models/unicode.h"

#include <QChar>

#include <libstemmer.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <type_traits>
#include <unordered_map>

namespace wb::engine {

namespace {

constexpr const char *kNoStemming = "none";

//! What a code point is to the word splitter.
enum class CharClass {
    Other,     //!< a separator: space, punctuation, symbols
    Word,      //!< a letter or a digit of a script written with spaces
    Mark,      //!< a combining mark (or a joiner): part of the word before it
    Segmented, //!< a character of a script written without spaces: a term of its own
    Skip,      //!< invisible or invalid (U+FFFD from a bad byte): dropped, the word goes on
};

//! Han, Hiragana, Katakana and Thai: no spaces between their words, and no word splitter here
//! knows their dictionaries, so each character is a term (as Lucene's CJK bigram-less analysers do).
bool segmentedScript(char32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0E7F)      // Thai
        || (cp >= 0x3040 && cp <= 0x30FF)      // Hiragana, Katakana
        || (cp >= 0x31F0 && cp <= 0x31FF)      // Katakana phonetic extensions
        || (cp >= 0x3400 && cp <= 0x4DBF)      // CJK extension A
        || (cp >= 0x4E00 && cp <= 0x9FFF)      // CJK unified ideographs
        || (cp >= 0xF900 && cp <= 0xFAFF)      // CJK compatibility ideographs
        || (cp >= 0xFF66 && cp <= 0xFF9F)      // halfwidth Katakana
        || (cp >= 0x20000 && cp <= 0x3134F);   // CJK extensions B..G, compatibility supplement
}

CharClass classifyNonAscii(char32_t cp)
{
    if (cp == unicode::kReplacementChar || cp == 0x00AD) // a bad byte, a soft hyphen
        return CharClass::Skip;
    if (segmentedScript(cp))
        return (unicode::isLetter(cp) || unicode::isNumber(cp)) ? CharClass::Segmented
                                                                : (QChar::isMark(cp) ? CharClass::Mark
                                                                                     : CharClass::Other);
    if (unicode::isLetter(cp) || unicode::isNumber(cp))
        return CharClass::Word;
    // Zero-width (non-)joiners sit inside Persian and Indic words; they join like marks.
    if (QChar::isMark(cp) || cp == 0x200C || cp == 0x200D)
        return CharClass::Mark;
    return CharClass::Other;
}

inline bool asciiAlnum(char32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

inline CharClass classify(char32_t cp)
{
    if (cp < 0x80) // ASCII dominates real text; answer it without Qt's tables
        return asciiAlnum(cp) ? CharClass::Word : CharClass::Other;
    return classifyNonAscii(cp);
}

inline char32_t caseFold(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return unicode::simpleCaseFold(cp);
}

const std::vector<std::string> &languages()
{
    static const std::vector<std::string> list = [] {
        std::vector<std::string> out;
        for (const char **name = sb_stemmer_list(); name && *name; ++name)
            out.emplace_back(*name);
        std::sort(out.begin(), out.end());
        out.emplace_back(kNoStemming);
        return out;
    }();
    return list;
}

//! One Snowball stemmer (not thread-safe, so one per call).
class Stemmer
{
public:
    explicit Stemmer(const std::string &language)
    {
        if (!bm25LanguageSupported(language))
            throw std::invalid_argument("bm25: no stemmer for language '" + language + "'");
        if (language == kNoStemming)
            return;
        m_stemmer = sb_stemmer_new(language.c_str(), "UTF_8");
        if (!m_stemmer)
            throw std::runtime_error("bm25: cannot create the '" + language + "' stemmer");
    }
    ~Stemmer() { sb_stemmer_delete(m_stemmer); }
    Stemmer(const Stemmer &) = delete;
    Stemmer &operator=(const Stemmer &) = delete;

    //! The term of a case-folded word: its stem, or the word itself when it is not `stemmable`
    //! ("c++", a Han character) or there is no stemmer.
    std::string term(const std::string &word, bool stemmable)
    {
        if (!m_stemmer || !stemmable)
            return word;
        const sb_symbol *out = sb_stemmer_stem(m_stemmer, reinterpret_cast<const sb_symbol *>(word.data()),
                                               int(word.size()));
        if (!out)
            throw std::bad_alloc();
        return std::string(reinterpret_cast<const char *>(out), size_t(sb_stemmer_length(m_stemmer)));
    }

private:
    sb_stemmer *m_stemmer = nullptr;
};

//! Calls emit(word, stemmable) for each case-folded word of `cps` (a sequence of code points:
//! the bytes of an ASCII text, or the decoded text), in order. See bm25.h for the rules.
template<typename CodePoints, typename Emit>
void splitWords(const CodePoints &cps, Emit &&emit)
{
    auto at = [&](size_t i) { return char32_t(std::make_unsigned_t<typename CodePoints::value_type>(cps[i])); };
    const size_t n = cps.size();
    enum class Open { None, Word, Segmented } open = Open::None;
    bool lastWasLetter = false;
    std::string word;

    auto append = [&](char32_t cp) {
        if (cp < 0x80)
            word.push_back(char(cp));
        else
            unicode::appendUtf8(word, cp);
    };
    auto flush = [&](bool stemmable) {
        if (open != Open::None && !word.empty())
            emit(word, stemmable);
        word.clear();
        open = Open::None;
    };
    auto isWordish = [&](size_t i) {
        if (i >= n)
            return false;
        const CharClass c = classify(at(i));
        return c == CharClass::Word || c == CharClass::Mark || c == CharClass::Segmented;
    };

    for (size_t i = 0; i < n; ++i) {
        const char32_t cp = at(i);
        switch (classify(cp)) {
        case CharClass::Skip:
            break;
        case CharClass::Word:
            if (open == Open::Segmented)
                flush(false);
            open = Open::Word;
            append(caseFold(cp));
            lastWasLetter = cp < 0x80 ? cp > '9' : unicode::isLetter(cp);
            break;
        case CharClass::Mark:
            if (open != Open::None) // a mark without a base character has nothing to belong to
                append(cp);
            break;
        case CharClass::Segmented:
            flush(open == Open::Word);
            open = Open::Segmented;
            append(caseFold(cp));
            break;
        case CharClass::Other:
            // "C++", "C#", "F#": a letter run directly followed by "++" or "#" that ends there is a
            // name of its own, not "c" (which every stemmer would leave as a one-letter noise term).
            if (open == Open::Word && lastWasLetter) {
                size_t suffix = 0;
                if (cp == U'+' && i + 1 < n && at(i + 1) == U'+')
                    suffix = 2;
                else if (cp == U'#')
                    suffix = 1;
                const size_t after = i + suffix;
                if (suffix > 0 && !isWordish(after) && (after >= n || (at(after) != U'+' && at(after) != U'#'))) {
                    word.append(suffix == 2 ? "++" : "#");
                    flush(false); // a stemmer has no rule for "c++"
                    i = after - 1;
                    break;
                }
            }
            flush(open == Open::Word);
            break;
        }
    }
    flush(open == Open::Word);
}

bool isAscii(const std::string &text)
{
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

//! splitWords() over `text` (UTF-8): ASCII text byte by byte, anything else NFC-normalised
//! first (so "é" typed as e + U+0301 is the same term as the precomposed one) and decoded.
template<typename Emit>
void forEachWord(const std::string &text, Emit &&emit)
{
    if (isAscii(text))
        splitWords(text, emit);
    else
        splitWords(unicode::decodeUtf8(unicode::nfc(text)), emit);
}

} // namespace

std::vector<std::string> bm25Languages()
{
    return languages();
}

bool bm25LanguageSupported(const std::string &language)
{
    const auto &all = languages();
    return std::find(all.begin(), all.end(), language) != all.end();
}

std::vector<std::string> bm25Terms(const std::string &text, const std::string &language)
{
    Stemmer stemmer(language);
    std::vector<std::string> out;
    forEachWord(text, [&](const std::string &word, bool stemmable) {
        out.push_back(stemmer.term(word, stemmable));
    });
    return out;
}

std::vector<double> bm25RawScores(const std::string &query, const std::vector<std::string> &documents,
                                  const Bm25Params &params)
{
    if (!(params.k1 >= 0.0) || !std::isfinite(params.k1))
        throw std::invalid_argument("bm25: k1 must be a finite number >= 0");
    if (!(params.b >= 0.0 && params.b <= 1.0))
        throw std::invalid_argument("bm25: b must be in [0, 1]");
    Stemmer stemmer(params.language);

    // The distinct query terms, each with how often the query says it.
    std::unordered_map<std::string, size_t> queryIndex;
    std::vector<double> queryCount;
    forEachWord(query, [&](const std::string &word, bool stemmable) {
        const auto [it, added] = queryIndex.emplace(stemmer.term(word, stemmable), queryCount.size());
        if (added)
            queryCount.push_back(0.0);
        queryCount[it->second] += 1.0;
    });

    const size_t n = documents.size();
    const size_t q = queryCount.size();
    std::vector<double> scores(n, 0.0);
    if (n == 0 || q == 0)
        return scores;

    // Only the query terms' frequencies matter; every term counts for the length. A collection
    // repeats its words, so each distinct word is stemmed and looked up once: `known` maps it to
    // its query term (or none), one hash lookup per word after that. Frequencies are kept sparse,
    // (term, count) per item, so memory grows with the hits, never with items × query terms.
    constexpr size_t kNotInQuery = size_t(-1);
    std::unordered_map<std::string, size_t> known;
    known.reserve(4096);
    std::vector<std::vector<std::pair<size_t, uint32_t>>> tf(n); // per item: (query term, count), by term
    std::vector<double> df(q, 0.0);
    std::vector<double> length(n, 0.0);
    double totalLength = 0.0;
    std::vector<size_t> hits;
    for (size_t d = 0; d < n; ++d) {
        hits.clear();
        size_t terms = 0;
        forEachWord(documents[d], [&](const std::string &word, bool stemmable) {
            ++terms;
            auto it = known.find(word);
            if (it == known.end()) {
                const auto inQuery = queryIndex.find(stemmer.term(word, stemmable));
                it = known.emplace(word, inQuery == queryIndex.end() ? kNotInQuery : inQuery->second).first;
            }
            if (it->second != kNotInQuery)
                hits.push_back(it->second);
        });
        std::sort(hits.begin(), hits.end());
        for (size_t i = 0; i < hits.size();) {
            size_t j = i;
            while (j < hits.size() && hits[j] == hits[i])
                ++j;
            tf[d].emplace_back(hits[i], uint32_t(j - i));
            df[hits[i]] += 1.0;
            i = j;
        }
        length[d] = double(terms);
        totalLength += double(terms);
    }
    const double avgdl = totalLength / double(n);

    std::vector<double> idf(q, 0.0);
    for (size_t t = 0; t < q; ++t)
        idf[t] = std::log(1.0 + (double(n) - df[t] + 0.5) / (df[t] + 0.5));

    for (size_t d = 0; d < n; ++d) {
        // All items empty: avgdl 0, and no item has a term anyway.
        const double relativeLength = avgdl > 0.0 ? length[d] / avgdl : 0.0;
        const double norm = params.k1 * (1.0 - params.b + params.b * relativeLength);
        double s = 0.0;
        for (const auto &[t, count] : tf[d]) { // in query-term order, as the dense sum was
            const double f = count;
            s += queryCount[t] * idf[t] * f * (params.k1 + 1.0) / (f + norm);
        }
        scores[d] = s;
    }
    return scores;
}

std::vector<double> bm25Scores(const std::string &query, const std::vector<std::string> &documents,
                               const Bm25Params &params)
{
    std::vector<double> scores = bm25RawScores(query, documents, params);
    const double best = scores.empty() ? 0.0 : *std::max_element(scores.begin(), scores.end());
    for (double &s : scores)
        s = best > 0.0 ? s / best : 0.0;
    return scores;
}

} // namespace wb::engine
