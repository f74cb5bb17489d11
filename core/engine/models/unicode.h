#pragma once

// UTF-8 and Unicode helpers for the tokenizers. Tokenizer data (tokenizer.json) is UTF-8 and so is
// everything the tokenizer takes and returns, so the hot paths work on std::string and decode to
// code points only where a regex or a character class needs them. Character categories come from Qt,
// so no ICU or PCRE dependency is needed.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wb::engine::unicode {

constexpr char32_t kReplacementChar = 0xFFFD;

//! Code points of `s`; an invalid or truncated sequence becomes one U+FFFD per bad byte.
std::u32string decodeUtf8(std::string_view s);
void appendUtf8(std::string &out, char32_t cp);
std::string encodeUtf8(std::u32string_view s);

//! Length in bytes of the UTF-8 character starting at s[i] (1 for an invalid lead byte).
size_t utf8CharLength(std::string_view s, size_t i);

//! Splits `s` into its UTF-8 characters (byte strings); invalid bytes come out one by one.
std::vector<std::string_view> utf8Chars(std::string_view s);

//! How many leading bytes of `bytes` form complete characters (or definitely invalid bytes, which
//! can never become valid by appending more). The rest is an incomplete sequence that may still be
//! completed by the next bytes of a stream.
size_t completePrefixLength(std::string_view bytes);

//! `bytes` with every invalid sequence replaced by U+FFFD (like Python's errors="replace").
std::string sanitizeUtf8(std::string_view bytes);

// Property bits: what the regex classes \p{L}, \p{N}, \s ask about a code point.
enum Property : uint8_t { Letter = 1, Number = 2, Space = 4 };
uint8_t properties(char32_t cp);
inline bool isLetter(char32_t cp) { return properties(cp) & Letter; }
inline bool isNumber(char32_t cp) { return properties(cp) & Number; }
inline bool isWhitespace(char32_t cp) { return properties(cp) & Space; }
char32_t simpleCaseFold(char32_t cp);

std::string nfc(const std::string &s);
std::string nfkc(const std::string &s);
std::string toLower(const std::string &s);

//! GPT-2's reversible byte → printable character table (as UTF-8 strings) used by ByteLevel.
const std::array<std::string, 256> &byteToUnicode();
//! The inverse of byteToUnicode(): the byte for a code point, or -1 if it is not one of the 256.
int unicodeToByte(char32_t cp);

} // namespace wb::engine::unicode
