#include "prompt_template_check.h"

#include <QCoreApplication>

namespace wb::ui {

namespace {
struct PromptTemplateTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::PromptTemplate)
};
} // namespace

QStringList promptPlaceholders()
{
    return {QStringLiteral("input_query"), QStringLiteral("expected_answer"), QStringLiteral("generated_answer")};
}

QString promptTemplateError(const QString &text)
{
    if (text.trimmed().isEmpty())
        return PromptTemplateTr::tr("The prompt template is empty.");
    const QStringList known = promptPlaceholders();
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('}')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('}')) {
                ++i;
                continue;
            }
            return PromptTemplateTr::tr("A single “}” at position %1: write “}}” for a literal brace.").arg(i + 1);
        }
        if (c != QLatin1Char('{'))
            continue;
        if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('{')) {
            ++i;
            continue;
        }
        const int close = text.indexOf(QLatin1Char('}'), i + 1);
        if (close < 0)
            return PromptTemplateTr::tr("A “{” at position %1 is never closed: write “{{” for a literal brace.").arg(i + 1);
        const QString name = text.mid(i + 1, close - i - 1);
        if (!known.contains(name))
            return PromptTemplateTr::tr("Unknown placeholder {%1}; use %2.")
                .arg(name, QStringLiteral("{") + known.join(QStringLiteral("}, {")) + QStringLiteral("}"));
        i = close;
    }
    return {};
}

} // namespace wb::ui
