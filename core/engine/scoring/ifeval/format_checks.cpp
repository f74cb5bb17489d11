// detectable_format:* (BulletListChecker, ConstrainedResponseChecker, HighlightSectionChecker,
// SectionChecker, JsonFormat, TitleChecker upstream).

#include "engine/scoring/ifeval/checks_p.h"
#include "engine/scoring/ifeval/text_utils.h"

namespace wb::engine::ifeval::checks {

namespace {

QString removePrefix(const QString &text, const QString &prefix)
{
    return text.startsWith(prefix) ? text.mid(prefix.size()) : text;
}

QString removeSuffix(const QString &text, const QString &suffix)
{
    return text.endsWith(suffix) ? text.left(text.size() - suffix.size()) : text;
}

QString stripChar(QString text, QChar c, bool left, bool right)
{
    while (left && text.startsWith(c))
        text.remove(0, 1);
    while (right && text.endsWith(c))
        text.chop(1);
    return text;
}

} // namespace

Check numberBulletLists(Kwargs &kwargs)
{
    const int64_t expected = kwargs.integer("num_bullets");
    return [expected](const QString &response) {
        static const QRegularExpression star =
            pyRegex(QStringLiteral("^\\s*\\*[^\\*].*$"), QRegularExpression::MultilineOption);
        static const QRegularExpression dash =
            pyRegex(QStringLiteral("^\\s*-.*$"), QRegularExpression::MultilineOption);
        return countMatches(star, response) + countMatches(dash, response) == expected;
    };
}

Check constrainedResponse(Kwargs &)
{
    return [](const QString &response) {
        const QString value = pyStrip(response);
        for (const char *option : {"My answer is yes.", "My answer is no.", "My answer is maybe."}) {
            if (value.contains(QLatin1String(option)))
                return true;
        }
        return false;
    };
}

Check numberHighlightedSections(Kwargs &kwargs)
{
    const int64_t expected = kwargs.integer("num_highlights");
    return [expected](const QString &response) {
        static const QRegularExpression single = pyRegex(QStringLiteral("\\*[^\\n\\*]*\\*"));
        static const QRegularExpression twice = pyRegex(QStringLiteral("\\*\\*[^\\n\\*]*\\*\\*"));
        int64_t highlights = 0;
        for (auto it = single.globalMatch(response); it.hasNext();) {
            if (!pyStrip(stripChar(it.next().captured(0), '*', true, true)).isEmpty())
                ++highlights;
        }
        for (auto it = twice.globalMatch(response); it.hasNext();) {
            const QString inner = removeSuffix(removePrefix(it.next().captured(0), "**"), "**");
            if (!pyStrip(inner).isEmpty())
                ++highlights;
        }
        return highlights >= expected;
    };
}

Check multipleSections(Kwargs &kwargs)
{
    const QString splitter = pyStrip(kwargs.text("section_spliter"));
    const int64_t expected = kwargs.integer("num_sections");
    const QRegularExpression pattern = kwargRegex(
        "section_spliter", QStringLiteral("\\s?") + splitter + QStringLiteral("\\s?\\d+\\s?"));
    return [pattern, expected](const QString &response) {
        // len(re.split(pattern, value)) - 1: the number of splitter matches.
        return countMatches(pattern, response) >= expected;
    };
}

Check jsonFormat(Kwargs &)
{
    return [](const QString &response) {
        QString value = pyStrip(response);
        for (const char *fence : {"```json", "```Json", "```JSON", "```"})
            value = removePrefix(value, QLatin1String(fence));
        value = pyStrip(removeSuffix(value, QStringLiteral("```")));
        return api::Json::accept(value.toStdString());
    };
}

Check title(Kwargs &)
{
    return [](const QString &response) {
        static const QRegularExpression pattern = pyRegex(QStringLiteral("<<[^\\n]+>>"));
        for (auto it = pattern.globalMatch(response); it.hasNext();) {
            const QString match = it.next().captured(0);
            const QString inner = stripChar(stripChar(match, '<', true, false), '>', false, true);
            if (!pyStrip(inner).isEmpty())
                return true;
        }
        return false;
    };
}

} // namespace wb::engine::ifeval::checks
