#pragma once

// A Hugging Face `tokenizer.json` tokenizer: BPE models of both kinds, byte-level (GPT-2, Llama 3,
// SmolLM2, Qwen) and SentencePiece-style with byte fallback (Llama 2, Mistral), plus added and
// special tokens, the TemplateProcessing post-processor and decoding (whole or streamed).
//
// Encoding follows the reference pipeline: added tokens are split out of the raw text first, then
// each remaining section is normalized, pre-tokenized into words, and each word goes through BPE.
// Loading reports an unsupported component as a 400 naming the file and the JSON path, never as a
// tokenizer that would encode differently from the reference.
//
// A Tokenizer is immutable after loading (the word cache inside is synchronized), so one instance
// can be shared by all threads.

#include "tokenizer_json.h"
#include "api/result.h"
#include "tokenizer_bpe.h"
#include "tokenizer_pipeline.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wb::engine {

struct AddedToken
{
    int id = -1;
    std::string content;
    bool special = false;    //!< skipped by decode(..., skipSpecialTokens = true)
    bool lstrip = false;     //!< swallows the whitespace on its left
    bool rstrip = false;     //!< swallows the whitespace on its right
    bool normalized = false; //!< matched in normalized text (we match it in the raw text too)
    bool singleWord = false; //!< only matches with no word character on either side
};

class Tokenizer
{
public:
    //! Reads a tokenizer.json file. Errors: 400 naming the file (and JSON path where relevant).
    static api::Result<std::shared_ptr<const Tokenizer>> fromFile(const QString &path);
    //! `source` names the input in error messages (a file name).
    static api::Result<std::shared_ptr<const Tokenizer>> fromJson(const TokJson &json,
                                                                   const std::string &source);
    static api::Result<std::shared_ptr<const Tokenizer>> fromString(const std::string &text,
                                                                     const std::string &source);

    //! Token ids of UTF-8 `text`. With `addSpecialTokens`, the post-processor's template (BOS and
    //! the like) is applied. Invalid UTF-8 is encoded as U+FFFD characters.
    std::vector<int> encode(std::string_view text, bool addSpecialTokens = false) const;

    //! Text of `ids`; invalid byte sequences become U+FFFD. Unknown ids are ignored.
    std::string decode(const std::vector<int> &ids, bool skipSpecialTokens = false) const;

    int vocabSize() const { return m_model->vocabSize(); }
    std::optional<int> tokenToId(std::string_view token) const { return m_model->tokenToId(token); }
    std::string idToToken(int id) const { return m_model->idToToken(id); }
    bool isSpecial(int id) const;
    const std::vector<AddedToken> &addedTokens() const { return m_added; }

    // For StreamingDecoder: the raw bytes of one token and the decoder's start-of-text stripping.
    void appendTokenBytes(int id, std::string &out) const;
    int leadingSpacesToStrip() const { return m_leadingStrip; }

private:
    Tokenizer() = default;
    void load(const TokJson &json); // throws api::JsonError
    void encodeSection(const std::string &text, bool firstSection, std::vector<int> &out) const;
    size_t matchAdded(std::string_view text, size_t pos, const AddedToken *&token) const;

    std::unique_ptr<BpeModel> m_model;
    std::vector<NormalizerStep> m_normalizer;
    std::vector<PreTokenizerStep> m_preTokenizer;
    std::vector<DecoderStep> m_decoder;
    int m_leadingStrip = 0;
    int m_trailingStrip = 0;

    std::vector<AddedToken> m_added;
    std::unordered_map<int, size_t> m_addedById;
    //! Added tokens by first byte, longest first, for the leftmost-longest split.
    std::vector<std::vector<size_t>> m_addedByFirstByte;

    //! TemplateProcessing "single": special token ids and -1 for the sequence itself.
    std::vector<int> m_template{-1};
};

//! Turns ids into text as they are generated, emitting only complete UTF-8 characters: a token
//! that ends inside a character (byte_fallback pieces, byte-level fragments of an emoji) is held
//! back until the bytes that complete it arrive. The concatenated output equals decode(ids).
class StreamingDecoder
{
public:
    explicit StreamingDecoder(std::shared_ptr<const Tokenizer> tokenizer,
                              bool skipSpecialTokens = false);

    //! Text that became complete with `id` (often empty for a partial character).
    std::string push(int id);
    //! The rest: incomplete trailing bytes come out as U+FFFD.
    std::string finish();

private:
    std::string take(bool final);

    std::shared_ptr<const Tokenizer> m_tokenizer;
    bool m_skipSpecial;
    std::string m_pending;
    int m_toStrip;
};

} // namespace wb::engine
