// length_constraints:* and detectable_content:* (NumberOfSentences, ParagraphChecker,
// NumberOfWords, ParagraphFirstWordCheck, PlaceholderChecker, PostscriptChecker upstream).
// Sentence and word counts depend on the language of the response's lines, as in llama-stack.

#include "engine/scoring/ifeval/checks_p.h"
#include "engine/scoring/ifeval/language_detector.h"
#include "engine/scoring/ifeval/text_utils.h"

namespace wb::engine::ifeval::checks {

namespace {

bool isOneOf(const std::string &value, std::initializer_list<const char *> options)
{
    for (const char *option : options) {
        if (value == option)
            return true;
    }
    return false;
}

} // namespace

Check numberSentences(Kwargs &kwargs)
{
    const int64_t threshold = kwargs.integer("num_sentences");
    const Relation relation = kwargs.relation("relation");
    return [threshold, relation](const QString &response) {
        const std::string language = dominantLineLanguage(response);
        int sentences = 0;
        if (language == "th")
            sentences = countSentencesThai(response);
        else if (isOneOf(language, {"zh", "zh-cn", "zh-tw", "ja", "hi"}))
            sentences = countSentencesCjkHindi(response);
        else
            sentences = countSentences(response);
        return satisfies(relation, sentences, threshold);
    };
}

Check numberParagraphs(Kwargs &kwargs)
{
    const int64_t expected = kwargs.integer("num_paragraphs");
    return [expected](const QString &response) {
        static const QRegularExpression divider = pyRegex(QStringLiteral("\\s?\\*\\*\\*\\s?"));
        const QStringList paragraphs = response.split(divider);
        qsizetype count = paragraphs.size();
        for (qsizetype i = 0; i < paragraphs.size(); ++i) {
            if (!pyStrip(paragraphs[i]).isEmpty())
                continue;
            if (i != 0 && i != paragraphs.size() - 1)
                return false; // an empty paragraph between two dividers
            --count;
        }
        return count == expected;
    };
}

Check numberWords(Kwargs &kwargs)
{
    const int64_t threshold = kwargs.integer("num_words");
    const Relation relation = kwargs.relation("relation");
    return [threshold, relation](const QString &response) {
        const std::string language = dominantLineLanguage(response);
        int words = 0;
        if (language == "th")
            words = countWordsThai(response);
        else if (isOneOf(language, {"zh", "zh-cn", "zh-tw", "ja", "ko"}))
            words = countWordsCjk(response);
        else
            words = countWords(response);
        return satisfies(relation, words, threshold);
    };
}

Check nthParagraphFirstWord(Kwargs &kwargs)
{
    const int64_t expected = kwargs.integer("num_paragraphs");
    const int64_t nth = kwargs.integer("nth_paragraph", 1);
    if (nth > expected)
        throw KwargsError("'nth_paragraph' must be at most num_paragraphs (" + std::to_string(expected)
                          + "), got " + std::to_string(nth));
    const QString firstWord = kwargs.text("first_word").toLower();
    return [expected, nth, firstWord](const QString &response) {
        const QStringList paragraphs = response.split(QStringLiteral("\n\n"));
        qsizetype count = paragraphs.size();
        for (const QString &paragraph : paragraphs) {
            if (pyStrip(paragraph).isEmpty())
                --count;
        }
        // Upstream indexes the unfiltered list with a count of the non-empty paragraphs.
        if (nth > count)
            return false;
        const QString paragraph = pyStrip(paragraphs[nth - 1]);
        if (paragraph.isEmpty())
            return false;
        static const QRegularExpression whitespace = pyRegex(QStringLiteral("\\s+"));
        QString word = paragraph.split(whitespace, Qt::SkipEmptyParts).value(0);
        while (word.startsWith('\''))
            word.remove(0, 1);
        while (word.startsWith('"'))
            word.remove(0, 1);
        QString first;
        for (const QChar c : word) {
            if (QStringLiteral(".,?!'\"").contains(c))
                break;
            first += QString(c).toLower();
        }
        return count == expected && first == firstWord;
    };
}

Check numberPlaceholders(Kwargs &kwargs)
{
    const int64_t expected = kwargs.integer("num_placeholders");
    return [expected](const QString &response) {
        static const QRegularExpression placeholder = pyRegex(QStringLiteral("\\[.*?\\]"));
        return countMatches(placeholder, response) >= expected;
    };
}

Check postscript(Kwargs &kwargs)
{
    const QString marker = pyStrip(kwargs.text("postscript_marker"));
    QString pattern;
    if (marker == QLatin1String("P.P.S"))
        pattern = QStringLiteral("\\s*p\\.\\s?p\\.\\s?s.*$");
    else if (marker == QLatin1String("P.S."))
        pattern = QStringLiteral("\\s*p\\.\\s?s\\..*$");
    else
        pattern = QStringLiteral("\\s*") + marker.toLower() + QStringLiteral(".*$");
    const QRegularExpression re =
        kwargRegex("postscript_marker", pattern, QRegularExpression::MultilineOption);
    return [re](const QString &response) { return re.match(response.toLower()).hasMatch(); };
}

} // namespace wb::engine::ifeval::checks
