#pragma once

// The text stages of a tokenizer.json around the model: normalizer, pre-tokenizer and decoder.
// Each is read into a flat list of steps (a "Sequence" is flattened), because the supported
// components are few and fixed; anything else is rejected at load time with its JSON path, so a
// tokenizer never silently encodes differently from its reference.

#include "tokenizer_json.h"
#include "tokenizer_regex.h"

#include <memory>
#include <string>
#include <vector>

namespace wb::engine {

struct NormalizerStep
{
    enum Kind { Nfc, Nfkc, Lowercase, Prepend, Replace, Strip } kind = Nfc;
    std::string a, b; //!< Prepend: a; Replace: a → b
    bool left = false, right = false;
};

struct PreTokenizerStep
{
    enum Kind { Split, ByteLevel, Metaspace, Digits } kind = Split;
    enum Behavior { Isolated, Removed, MergedWithPrevious, MergedWithNext, Contiguous };
    std::shared_ptr<const SplitRegex> regex; //!< Split, ByteLevel with use_regex
    std::string literal;                     //!< Split with a String pattern
    Behavior behavior = Isolated;
    bool addPrefixSpace = false;             //!< ByteLevel
    std::string replacement;                 //!< Metaspace
    enum Prepend { Always, First, Never } prepend = Always;
    bool split = true;                       //!< Metaspace
    bool individualDigits = false;           //!< Digits
};

struct DecoderStep
{
    enum Kind { ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace } kind = ByteLevel;
    std::string a, b;
    int start = 0, stop = 0;
    bool prependSpace = false; //!< Metaspace: the encoder added a space that decoding removes
};

//! The GPT-2 split pattern that ByteLevel uses when use_regex is true.
extern const char *const kGpt2Pattern;

// Readers: `j` may be null (no such stage). They throw api::JsonError naming the path.
std::vector<NormalizerStep> readNormalizer(const TokJson &j, const std::string &path);
std::vector<PreTokenizerStep> readPreTokenizer(const TokJson &j, const std::string &path);
std::vector<DecoderStep> readDecoder(const TokJson &j, const std::string &path);

std::string normalize(const std::vector<NormalizerStep> &steps, std::string text);

//! Splits one section of text into words for the model. `firstSection` is whether the section
//! starts the input (Metaspace's prepend_scheme "first").
void preTokenize(const std::vector<PreTokenizerStep> &steps, const std::string &text,
                 bool firstSection, std::vector<std::string> &words);

//! Applies the per-token decoder steps to one token: the raw bytes it stands for.
void decodeToken(const std::vector<DecoderStep> &steps, const std::string &token, std::string &out);

//! How many leading spaces the decoders strip from the start of the whole text (Strip after Fuse,
//! Metaspace's prefix space); the streaming decoder applies this to the first bytes it emits.
int leadingSpacesToStrip(const std::vector<DecoderStep> &steps);
//! Trailing characters the decoders strip at the end (Strip's `stop`); full decodes only.
int trailingSpacesToStrip(const std::vector<DecoderStep> &steps);

} // namespace wb::engine
