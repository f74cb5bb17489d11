#include "unicode.h"

#include <QChar>
#include <QString>


namespace wb::engine::unicode {

namespace {

// Decodes one character at s[i]; returns its length, or 0 when the bytes are invalid. `complete`
// is false when the sequence is a valid prefix that ran into the end of the input.
size_t decodeOne(std::string_view s, size_t i, char32_t &cp, bool &truncated)
{
    truncated = false;
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    size_t len;
    char32_t min;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if ((b0 & 0xF8) == 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else return 0;
    for (size_t k = 1; k < len; ++k) {
        if (i + k >= s.size()) {
            truncated = true;
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3F);
        // Reject overlong forms and surrogates as early as the second byte allows, so a stream
        // never waits for bytes that could not make the sequence valid.
        if (k == 1) {
            if (len == 3 && b0 == 0xE0 && b < 0xA0) return 0;
            if (len == 3 && b0 == 0xED && b > 0x9F) return 0;
            if (len == 4 && b0 == 0xF0 && b < 0x90) return 0;
            if (len == 4 && b0 == 0xF4 && b > 0x8F) return 0;
        }
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

} // namespace

std::u32string decodeUtf8(std::string_view s)
{
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        char32_t cp;
        bool truncated;
        const size_t n = decodeOne(s, i, cp, truncated);
        out.push_back(n ? cp : kReplacementChar);
        i += n ? n : 1;
    }
    return out;
}

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char32_t cp : s)
        appendUtf8(out, cp);
    return out;
}

size_t utf8CharLength(std::string_view s, size_t i)
{
    char32_t cp;
    bool truncated;
    const size_t n = decodeOne(s, i, cp, truncated);
    return n ? n : 1;
}

std::vector<std::string_view> utf8Chars(std::string_view s)
{
    std::vector<std::string_view> out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8CharLength(s, i);
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

size_t completePrefixLength(std::string_view bytes)
{
    size_t i = 0;
    while (i < bytes.size()) {
        char32_t cp;
        bool truncated;
        const size_t n = decodeOne(bytes, i, cp, truncated);
        if (n == 0 && truncated)
            return i; // a valid beginning: wait for the rest
        i += n ? n : 1;
    }
    return i;
}

std::string sanitizeUtf8(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    for (size_t i = 0; i < bytes.size();) {
        char32_t cp;
        bool truncated;
        const size_t n = decodeOne(bytes, i, cp, truncated);
        if (n) {
            out.append(bytes.substr(i, n));
            i += n;
        } else {
            appendUtf8(out, kReplacementChar);
            ++i;
        }
    }
    return out;
}

uint8_t properties(char32_t cp)
{
    if (cp < 0x80) {
        // ASCII dominates real text; answer it without a table lookup in Qt.
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Letter;
        if (cp >= '0' && cp <= '9') return Number;
        if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return Space;
        return 0;
    }
    // \s is Unicode's White_Space property (what the Rust and Oniguruma engines behind Hugging Face
    // tokenizers use), listed here because Qt's isSpace() differs from it at the edges.
    switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
        return Space;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200A)
        return Space;
    switch (QChar::category(cp)) {
    case QChar::Letter_Uppercase: case QChar::Letter_Lowercase: case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier: case QChar::Letter_Other:
        return Letter;
    case QChar::Number_DecimalDigit: case QChar::Number_Letter: case QChar::Number_Other:
        return Number;
    default:
        return 0;
    }
}

char32_t simpleCaseFold(char32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return QChar::toCaseFolded(cp);
}

static bool isAscii(const std::string &s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

std::string nfc(const std::string &s)
{
    if (isAscii(s))
        return s; // ASCII is always in NFC; skip the QString round trip
    return QString::fromStdString(s).normalized(QString::NormalizationForm_C).toStdString();
}

std::string nfkc(const std::string &s)
{
    if (isAscii(s))
        return s;
    return QString::fromStdString(s).normalized(QString::NormalizationForm_KC).toStdString();
}

std::string toLower(const std::string &s)
{
    return QString::fromStdString(s).toLower().toStdString();
}

namespace {
struct ByteTables
{
    std::array<std::string, 256> toChar;
    std::array<int, 512> fromChar; // every mapped code point is below 0x144
};

const ByteTables &byteTables()
{
    static const ByteTables tables = [] {
        ByteTables t;
        t.fromChar.fill(-1);
        // GPT-2: printable Latin-1 bytes map to themselves, the other 68 to U+0100.. in order.
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC)
                || (b >= 0xAE && b <= 0xFF);
            const char32_t cp = printable ? char32_t(b) : char32_t(256 + n++);
            appendUtf8(t.toChar[b], cp);
            t.fromChar[cp] = b;
        }
        return t;
    }();
    return tables;
}
} // namespace

const std::array<std::string, 256> &byteToUnicode()
{
    return byteTables().toChar;
}

int unicodeToByte(char32_t cp)
{
    return cp < 512 ? byteTables().fromChar[cp] : -1;
}

} // namespace wb::engine::unicode
