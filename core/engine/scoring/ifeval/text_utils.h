#pragma once

// Text helpers of the IFEval checks, written to give what the Python the upstream checks call gives
// (llama-stack providers/inline/scoring/basic/utils/ifeval_utils.py, vendored from google-research
// instruction_following_eval). Where upstream calls a library we do not have, we approximate it and
// say so below:
//   - nltk's punkt English sentence tokenizer: countSentences() splits after '.', '?' or '!' that end
//     a whitespace-separated token (closing quotes and brackets allowed after them), except after a
//     common abbreviation (Mr., Dr., e.g., U.S., ...) or a single-letter initial. Punkt's learned
//     abbreviation list and its orthographic heuristics are not reproduced.
//   - nltk.word_tokenize (Treebank rules): treebankWords() separates the punctuation Treebank pads
//     (; @ # $ % & ? ! quotes brackets "--" "...", ',' and ':' unless a digit follows) and splits
//     the contractions ('s 'm 'd 'll 're 've n't, cannot, gonna, ...); hyphens and inner periods stay
//     inside a word, as in nltk. Punctuation-only tokens are left out (they are never upper case).
//   - pythainlp (Thai): sentences are the whitespace-separated chunks of each line; words are the
//     \w+ words outside Thai plus one word per started 4 Thai letters (pythainlp's dictionary
//     segmenter is not reproduced).
//   - the emoji package (count_words_cjk): emoji are code points of the emoji blocks (U+1F000..
//     U+1FAFF, U+2600..U+27BF, arrows, geometric shapes, (c), (r), tm, ...); a sequence joined by
//     ZWJ, variation selectors, skin tones, keycaps or tags counts once, as does a flag pair.
// Regular expressions follow Python 3 `re` on str patterns: \w \b \s \d are Unicode-aware.

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace wb::engine::ifeval {

//! A regular expression with Python 3 `re` semantics for str patterns. May be invalid (user text).
QRegularExpression pyRegex(const QString &pattern, QRegularExpression::PatternOptions options = {});
//! len(re.findall(re, text)): non-overlapping matches.
int countMatches(const QRegularExpression &re, const QString &text);

//! Python's str.isupper() / str.islower(): at least one cased character, and every cased character
//! upper (lower) case.
bool isUpper(const QString &text);
bool isLower(const QString &text);
//! Python's str.strip() with no argument (Unicode whitespace).
QString pyStrip(const QString &text);

//! count_words: the number of nltk RegexpTokenizer(r"\w+") tokens.
int countWords(const QString &text);
//! count_words_cjk: CJK characters, emoji and the other whitespace-separated words.
int countWordsCjk(const QString &text);
//! pythainlp word_tokenize, approximated (see the header comment).
int countWordsThai(const QString &text);

//! count_sentences: nltk punkt (English), approximated (see the header comment).
int countSentences(const QString &text);
//! split_chinese_japanese_hindi: sentences ended by . ! ? 。 ！ ？ ． । or a line end.
int countSentencesCjkHindi(const QString &text);
//! pythainlp sent_tokenize over each line, approximated (see the header comment).
int countSentencesThai(const QString &text);

//! nltk.word_tokenize without its punctuation-only tokens, approximated (see the header comment).
QStringList treebankWords(const QString &text);

//! Python's str.splitlines() (without the line ends).
QStringList splitLines(const QString &text);

} // namespace wb::engine::ifeval
