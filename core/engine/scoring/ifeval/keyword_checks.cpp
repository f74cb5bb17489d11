// keywords:* and punctuation:no_comma (KeywordChecker, KeywordFrequencyChecker, ForbiddenWords,
// LetterFrequencyChecker, CommaChecker upstream). Keywords are regular expressions there (re.search
// with IGNORECASE), so they are here too.

#include "engine/scoring/ifeval/checks_p.h"
#include "engine/scoring/ifeval/text_utils.h"

namespace wb::engine::ifeval::checks {

Check keywordExistence(Kwargs &kwargs)
{
    std::vector<QRegularExpression> patterns;
    for (const QString &keyword : kwargs.texts("keywords"))
        patterns.push_back(kwargRegex("keywords", keyword, QRegularExpression::CaseInsensitiveOption));
    return [patterns](const QString &response) {
        for (const QRegularExpression &pattern : patterns) {
            if (!pattern.match(response).hasMatch())
                return false;
        }
        return true;
    };
}

Check keywordFrequency(Kwargs &kwargs)
{
    const QString keyword = pyStrip(kwargs.text("keyword"));
    if (keyword.isEmpty())
        throw KwargsError("'keyword' must not be empty");
    const QRegularExpression pattern =
        kwargRegex("keyword", keyword, QRegularExpression::CaseInsensitiveOption);
    const int64_t frequency = kwargs.integer("frequency");
    const Relation relation = kwargs.relation("relation");
    return [pattern, frequency, relation](const QString &response) {
        return satisfies(relation, countMatches(pattern, response), frequency);
    };
}

Check forbiddenWords(Kwargs &kwargs)
{
    std::vector<QRegularExpression> patterns;
    for (const QString &word : kwargs.texts("forbidden_words")) {
        patterns.push_back(kwargRegex("forbidden_words", QStringLiteral("\\b") + word + QStringLiteral("\\b"),
                                      QRegularExpression::CaseInsensitiveOption));
    }
    return [patterns](const QString &response) {
        for (const QRegularExpression &pattern : patterns) {
            if (pattern.match(response).hasMatch())
                return false;
        }
        return true;
    };
}

Check letterFrequency(Kwargs &kwargs)
{
    const QString letter = kwargs.text("letter");
    if (letter.size() != 1 || letter.toLower()[0] < QChar('a') || letter.toLower()[0] > QChar('z'))
        throw KwargsError("'letter' must be one letter a-z, got '" + letter.toStdString() + "'");
    const QChar lower = letter.toLower()[0];
    const int64_t frequency = kwargs.integer("let_frequency");
    const Relation relation = kwargs.relation("let_relation");
    return [lower, frequency, relation](const QString &response) {
        return satisfies(relation, response.toLower().count(lower), frequency);
    };
}

Check noComma(Kwargs &kwargs)
{
    kwargs.ignoreRest(); // upstream's build_description(**kwargs) takes anything
    return [](const QString &response) { return !response.contains(QLatin1Char(',')); };
}

} // namespace wb::engine::ifeval::checks
