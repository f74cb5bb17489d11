// language:response_language, change_case:*, combination:*, startend:* (ResponseLanguageChecker,
// CapitalWordFrequencyChecker, CapitalLettersEnglishChecker, LowercaseLettersEnglishChecker,
// TwoResponsesChecker, RepeatPromptThenAnswer, EndChecker, QuotationChecker upstream).
// Where upstream's langdetect raises (no letters to go by) the instruction counts as followed; our
// detector's "unknown" is treated the same way.

#include "engine/scoring/ifeval/checks_p.h"
#include "engine/scoring/ifeval/language_detector.h"
#include "engine/scoring/ifeval/text_utils.h"

#include <algorithm>

namespace wb::engine::ifeval::checks {

namespace {

std::string joined(const std::vector<std::string> &items)
{
    std::string result;
    for (const std::string &item : items)
        result += (result.empty() ? "" : ", ") + item;
    return result;
}

bool detectedAs(const QString &text, const char *language)
{
    const std::string detected = detectLanguage(text);
    return detected.empty() || detected == language;
}

} // namespace

Check responseLanguage(Kwargs &kwargs)
{
    std::string language = kwargs.text("language").toStdString();
    if (language == "zh-cn" || language == "zh-tw")
        language = "zh"; // langdetect's codes for Chinese
    const auto &known = detectableLanguages();
    if (std::find(known.begin(), known.end(), language) == known.end())
        throw KwargsError("'language' '" + language + "' is not one the language detector knows ("
                          + joined(known) + ")");
    return [language](const QString &response) {
        const std::string detected = detectLanguage(response);
        return detected.empty() || detected == language;
    };
}

Check capitalWordFrequency(Kwargs &kwargs)
{
    // Upstream takes any integer here (no check for < 0).
    const int64_t frequency = kwargs.integer("capital_frequency", std::numeric_limits<int64_t>::min());
    const Relation relation = kwargs.relation("capital_relation");
    return [frequency, relation](const QString &response) {
        const QStringList words = treebankWords(response);
        const auto capitals =
            std::count_if(words.begin(), words.end(), [](const QString &w) { return isUpper(w); });
        return satisfies(relation, capitals, frequency);
    };
}

Check englishCapital(Kwargs &)
{
    return [](const QString &response) { return isUpper(response) && detectedAs(response, "en"); };
}

Check englishLowercase(Kwargs &)
{
    return [](const QString &response) { return isLower(response) && detectedAs(response, "en"); };
}

Check twoResponses(Kwargs &)
{
    return [](const QString &response) {
        const QStringList parts = response.split(QStringLiteral("******"));
        QStringList valid;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (!pyStrip(parts[i]).isEmpty())
                valid << parts[i];
            else if (i != 0 && i != parts.size() - 1)
                return false;
        }
        return valid.size() == 2 && pyStrip(valid[0]) != pyStrip(valid[1]);
    };
}

Check repeatPrompt(Kwargs &kwargs)
{
    const QString prompt = kwargs.text("prompt_to_repeat");
    if (prompt.isEmpty())
        throw KwargsError("'prompt_to_repeat' must not be empty");
    const QString expected = pyStrip(prompt).toLower();
    return [expected](const QString &response) { return pyStrip(response).toLower().startsWith(expected); };
}

Check endChecker(Kwargs &kwargs)
{
    const QString phrase = pyStrip(pyStrip(kwargs.text("end_phrase")).toLower());
    return [phrase](const QString &response) {
        QString value = pyStrip(response);
        while (value.startsWith('"'))
            value.remove(0, 1);
        while (value.endsWith('"'))
            value.chop(1);
        return value.toLower().endsWith(phrase);
    };
}

Check quotation(Kwargs &)
{
    return [](const QString &response) {
        const QList<uint> value = pyStrip(response).toUcs4();
        const std::string language = dominantLineLanguage(pyStrip(response));
        char32_t open = '"';
        char32_t close = '"';
        if (language == "ja") {
            open = U'「';
            close = U'」';
        } else if (language == "ru") {
            open = U'«';
            close = U'»';
        } else if (language == "th" || language == "zh" || language == "zh-cn" || language == "zh-tw") {
            open = U'“';
            close = U'”';
        }
        return value.size() > 1 && (value.front() == open || value.front() == '"')
            && (value.back() == close || value.back() == '"');
    };
}

} // namespace wb::engine::ifeval::checks
