#include "rows_text_parser.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace wb::ui {

namespace {

//! Translation context for the free functions of this file.
struct RowsTextParserTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::RowsTextParser)
};

struct ParseFailure
{
    int line = 1;
    int column = 0;
    QString message;
};

//! nlohmann says "[json.exception.parse_error.101] parse error at line 2, column 5: syntax error
//! while parsing value - invalid literal; last read: 'x'"; keep the position and the reason.
ParseFailure describe(const nlohmann::json::parse_error &e)
{
    static const QRegularExpression re(
        QStringLiteral("line (\\d+), column (\\d+): (.*)$"));
    ParseFailure f;
    const QString what = QString::fromUtf8(e.what());
    const auto m = re.match(what);
    if (m.hasMatch()) {
        f.line = m.captured(1).toInt();
        f.column = m.captured(2).toInt();
        f.message = m.captured(3);
    } else {
        f.message = what;
    }
    return f;
}

ParsedRows failure(int line, int column, const QString &message)
{
    ParsedRows r;
    r.errorLine = line;
    r.error = column > 0 ? RowsTextParserTr::tr("Line %1, column %2: %3").arg(line).arg(column).arg(message)
                         : RowsTextParserTr::tr("Line %1: %2").arg(line).arg(message);
    return r;
}

ParsedRows parseArray(const std::string &text)
{
    api::Json j;
    try {
        j = api::Json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        const ParseFailure f = describe(e);
        return failure(f.line, f.column, f.message);
    }
    ParsedRows r;
    if (j.is_object()) {
        r.rows.push_back(api::JsonObject{std::move(j)});
        return r;
    }
    for (size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_object()) {
            r.error = RowsTextParserTr::tr("Item %1 of the array is not a JSON object.").arg(i + 1);
            r.rows.clear();
            return r;
        }
        r.rows.push_back(api::JsonObject{j[i]});
    }
    return r;
}

ParsedRows parseLines(const QString &text)
{
    ParsedRows r;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        api::Json j;
        try {
            j = api::Json::parse(line.toStdString());
        } catch (const nlohmann::json::parse_error &e) {
            const ParseFailure f = describe(e);
            return failure(i + 1, f.column, f.message);
        }
        if (!j.is_object())
            return failure(i + 1, 0, RowsTextParserTr::tr("expected a JSON object like {\"column\": \"value\"}"));
        r.rows.push_back(api::JsonObject{std::move(j)});
    }
    return r;
}

} // namespace

ParsedRows parseRowsText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        ParsedRows r;
        r.error = RowsTextParserTr::tr("No rows: paste a JSON array of objects or one JSON object per line.");
        return r;
    }
    // A leading '[' means one JSON document; anything else is read line by line (JSONL), which also
    // covers a single object on one line.
    ParsedRows r = trimmed.startsWith(QLatin1Char('[')) ? parseArray(text.toStdString()) : parseLines(text);
    if (r.ok() && r.rows.empty())
        r.error = RowsTextParserTr::tr("The array is empty.");
    return r;
}

ParsedRows parseObjectText(const QString &text)
{
    ParsedRows r;
    if (text.trimmed().isEmpty()) {
        r.rows.push_back(api::JsonObject{});
        return r;
    }
    api::Json j;
    try {
        j = api::Json::parse(text.toStdString());
    } catch (const nlohmann::json::parse_error &e) {
        const ParseFailure f = describe(e);
        return failure(f.line, f.column, f.message);
    }
    if (!j.is_object()) {
        r.error = RowsTextParserTr::tr("Expected a JSON object like {\"key\": \"value\"}.");
        return r;
    }
    r.rows.push_back(api::JsonObject{std::move(j)});
    return r;
}

} // namespace wb::ui
