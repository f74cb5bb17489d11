#include "engine/scoring/ifeval/text_utils.h"

#include <QSet>
#include <QVector>

namespace wb::engine::ifeval {

namespace {

// Python's str.isspace() also counts the information separators U+001C..U+001F.
bool isPySpace(QChar c)
{
    return c.isSpace() || (c.unicode() >= 0x1C && c.unicode() <= 0x1F);
}

bool isThai(char32_t c)
{
    return c >= 0x0E00 && c <= 0x0E7F;
}

bool isCjkWordChar(char32_t c)
{
    // ifeval_utils: _CHINESE_CHARS_PATTERN, _JAPANESE_CHARS_PATTERN, _KOREAN_CHARS_PATTERN.
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x3040 && c <= 0x30FF)
        || (c >= 0xAC00 && c <= 0xD7AF);
}

bool isRegionalIndicator(char32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

bool isEmoji(char32_t c)
{
    if (c >= 0x1F000 && c <= 0x1FAFF)
        return !(c >= 0x1F3FB && c <= 0x1F3FF); // skin tones only modify
    if ((c >= 0x2600 && c <= 0x27BF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B00 && c <= 0x2BFF)
        || (c >= 0x2194 && c <= 0x21AA) || (c >= 0x25AA && c <= 0x25FE))
        return true;
    switch (c) {
    case 0x00A9: case 0x00AE: case 0x203C: case 0x2049: case 0x2122: case 0x2139: case 0x24C2:
    case 0x2934: case 0x2935: case 0x3030: case 0x303D: case 0x3297: case 0x3299:
        return true;
    default:
        return false;
    }
}

// What continues an emoji: variation selector 16, skin tones, the keycap mark, tag characters.
bool isEmojiModifier(char32_t c)
{
    return c == 0xFE0F || c == 0x20E3 || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0020 && c <= 0xE007F);
}

// Counts the emoji of `text` and replaces each by a space (emoji.emoji_count / replace_emoji).
int takeEmoji(QString &text)
{
    const QList<uint> in = text.toUcs4();
    QList<uint> out;
    out.reserve(in.size());
    int count = 0;
    for (qsizetype i = 0; i < in.size();) {
        const char32_t c = in[i];
        if (!isEmoji(c)) {
            out.push_back(c);
            ++i;
            continue;
        }
        ++count;
        const bool flag = isRegionalIndicator(c);
        ++i;
        if (flag && i < in.size() && isRegionalIndicator(in[i]))
            ++i;
        while (i < in.size()) {
            if (isEmojiModifier(in[i]))
                ++i;
            else if (in[i] == 0x200D && i + 1 < in.size() && isEmoji(in[i + 1]))
                i += 2;
            else
                break;
        }
        out.push_back(' ');
    }
    text = QString::fromUcs4(reinterpret_cast<const char32_t *>(out.constData()), out.size());
    return count;
}

int countWhitespaceSeparated(const QString &text)
{
    static const QRegularExpression whitespace = pyRegex(QStringLiteral("\\s+"));
    return int(text.split(whitespace, Qt::SkipEmptyParts).size());
}

// Lower-case abbreviations (without their final period) that do not end a sentence; the common
// ones of punkt's English model.
const QSet<QString> &abbreviations()
{
    static const QSet<QString> set = {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "mt", "inc", "ltd", "co", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig",
        "approx", "dept", "est", "gen", "gov", "lt", "col", "capt", "sgt", "rev", "hon", "ave", "blvd",
        "cf", "al", "ed", "eds", "vol", "pp", "ca", "jr", "messrs"};
    return set;
}

bool isClosing(QChar c)
{
    return QStringLiteral("\"')]}»”’").contains(c);
}

bool isOpening(QChar c)
{
    return QStringLiteral("\"'([{«“‘").contains(c);
}

bool endsSentence(const QString &token)
{
    qsizetype end = token.size();
    while (end > 0 && isClosing(token[end - 1]))
        --end;
    if (end == 0)
        return false;
    const QChar last = token[end - 1];
    if (last == '?' || last == '!')
        return true;
    if (last != '.')
        return false;
    qsizetype wordEnd = end;
    while (wordEnd > 0 && token[wordEnd - 1] == '.')
        --wordEnd;
    if (end - wordEnd >= 2)
        return true; // an ellipsis
    qsizetype start = 0;
    while (start < wordEnd && isOpening(token[start]))
        ++start;
    const QString word = token.mid(start, wordEnd - start).toLower();
    if (word.isEmpty())
        return true;
    if (word.size() == 1 && word[0].isLetter())
        return false; // an initial: "J. Smith"
    static const QRegularExpression dotted = pyRegex(QStringLiteral("^(?:\\w{1,2}\\.)+\\w{1,2}$"));
    if (dotted.match(word).hasMatch())
        return false; // "e.g.", "U.S.", "Ph.D."
    return !abbreviations().contains(word);
}

// Splits one Treebank word into its contraction parts ("DON'T" -> "DO", "N'T").
void appendContractionParts(const QString &word, QStringList &out)
{
    static const QRegularExpression contraction = pyRegex(
        QStringLiteral("^(.*[^'])('s|'m|'d|'ll|'re|'ve|n't)$"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression joined = pyRegex(
        QStringLiteral("^(can)(not)$|^(gim)(me)$|^(gon)(na)$|^(got)(ta)$|^(lem)(me)$|^(wan)(na)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = contraction.match(word);
    if (m.hasMatch()) {
        out << m.captured(1) << m.captured(2);
        return;
    }
    const QRegularExpressionMatch j = joined.match(word);
    if (j.hasMatch()) {
        for (int group = 1; group <= j.lastCapturedIndex(); ++group) {
            if (j.hasCaptured(group))
                out << j.captured(group);
        }
        return;
    }
    out << word;
}

bool hasLetterOrNumber(const QString &text)
{
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            return true;
    }
    return false;
}

} // namespace

QRegularExpression pyRegex(const QString &pattern, QRegularExpression::PatternOptions options)
{
    return QRegularExpression(pattern, options | QRegularExpression::UseUnicodePropertiesOption);
}

int countMatches(const QRegularExpression &re, const QString &text)
{
    int count = 0;
    for (auto it = re.globalMatch(text); it.hasNext(); it.next())
        ++count;
    return count;
}

bool isUpper(const QString &text)
{
    bool cased = false;
    for (const char32_t c : text.toUcs4()) {
        if (QChar::isLower(c) || QChar::isTitleCase(c))
            return false;
        if (QChar::isUpper(c))
            cased = true;
    }
    return cased;
}

bool isLower(const QString &text)
{
    bool cased = false;
    for (const char32_t c : text.toUcs4()) {
        if (QChar::isUpper(c) || QChar::isTitleCase(c))
            return false;
        if (QChar::isLower(c))
            cased = true;
    }
    return cased;
}

QString pyStrip(const QString &text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isPySpace(text[begin]))
        ++begin;
    while (end > begin && isPySpace(text[end - 1]))
        --end;
    return text.mid(begin, end - begin);
}

QStringList splitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const bool lineEnd = c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1C && c <= 0x1E)
            || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!lineEnd)
            continue;
        lines << text.mid(start, i - start);
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            ++i;
        start = i + 1;
    }
    if (start < text.size())
        lines << text.mid(start);
    return lines;
}

int countWords(const QString &text)
{
    static const QRegularExpression word = pyRegex(QStringLiteral("\\w+"));
    return countMatches(word, text);
}

int countWordsCjk(const QString &text)
{
    // ifeval_utils' non_alphanumeric_patterns: these characters are deleted (not made spaces).
    static const QRegularExpression punctuation = pyRegex(QStringLiteral(
        "[\\\\.!?．/_,{}<>:;$%^&*(+\"'—！，。？、`~@#￥…（）：；《》“”()\\[\\]«»〔〕\\-「」]+"));
    QString rest = text;
    rest.remove(punctuation);
    const int emoji = takeEmoji(rest);
    int cjk = 0;
    QList<uint> chars = rest.toUcs4();
    for (uint &c : chars) {
        if (isCjkWordChar(c)) {
            ++cjk;
            c = ' ';
        }
    }
    rest = QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData()), chars.size());
    return countWhitespaceSeparated(rest) + cjk + emoji;
}

int countWordsThai(const QString &text)
{
    QList<uint> chars = text.toUcs4();
    int thaiWords = 0;
    int run = 0;
    for (uint &c : chars) {
        if (isThai(c)) {
            ++run;
            c = ' ';
            continue;
        }
        thaiWords += (run + 3) / 4;
        run = 0;
    }
    thaiWords += (run + 3) / 4;
    const QString rest = QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData()),
                                           chars.size());
    return thaiWords + countWords(rest);
}

int countSentences(const QString &text)
{
    static const QRegularExpression whitespace = pyRegex(QStringLiteral("\\s+"));
    int count = 0;
    bool open = false;
    for (const QString &token : text.split(whitespace, Qt::SkipEmptyParts)) {
        open = true;
        if (endsSentence(token)) {
            ++count;
            open = false;
        }
    }
    return count + (open ? 1 : 0);
}

int countSentencesCjkHindi(const QString &text)
{
    static const QRegularExpression sentence =
        pyRegex(QStringLiteral("[^!?。.！？．\\n।]+[!?。.！？．\\n।]?"));
    int count = 0;
    for (const QString &line : splitLines(text))
        count += countMatches(sentence, pyStrip(line));
    return count;
}

int countSentencesThai(const QString &text)
{
    int count = 0;
    for (const QString &line : splitLines(text))
        count += countWhitespaceSeparated(line);
    return count;
}

QStringList treebankWords(const QString &text)
{
    // What Treebank pads with spaces (punctuation tokens) or what separates tokens anyway.
    static const QRegularExpression separators = pyRegex(QStringLiteral(
        "\\s+|--|\\.\\.\\.|[;@#$%&?!\"“”()\\[\\]{}<>`«»]|[:,](?!\\d)"));
    QStringList words;
    for (QString piece : text.split(separators, Qt::SkipEmptyParts)) {
        qsizetype end = piece.size();
        while (end > 0 && (piece[end - 1] == '.' || piece[end - 1] == '\''))
            --end; // a sentence's final period, a closing quote
        qsizetype begin = 0;
        while (begin < end && piece[begin] == '\'')
            ++begin; // an opening quote
        piece = piece.mid(begin, end - begin);
        if (!hasLetterOrNumber(piece))
            continue;
        appendContractionParts(piece, words);
    }
    return words;
}

} // namespace wb::engine::ifeval
