#include "engine/datasets/xlsx_reader.h"

#include "api/json_io.h"
#include "engine/datasets/csv_parser.h"

#include <QSaveFile>
#include <QXmlStreamReader>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <cmath>
#include <limits>

namespace wb::engine {
namespace {

//! Opens one entry of an open archive; QuaZipFile reads it in streaming fashion.
class ZipEntry
{
public:
    ZipEntry(QuaZip &zip, const QString &name) : m_file(&zip)
    {
        m_ok = zip.setCurrentFile(name) && m_file.open(QIODevice::ReadOnly);
    }
    bool ok() const { return m_ok; }
    QIODevice *device() { return &m_file; }

private:
    QuaZipFile m_file;
    bool m_ok = false;
};

api::Error broken(const std::string &displayName, const QString &what)
{
    return api::Error::badRequest(displayName + ": not a readable XLSX file (" + what.toStdString() + ")");
}

//! "xl/worksheets/sheet1.xml" from "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml".
QString resolveTarget(const QString &target)
{
    if (target.startsWith(QLatin1Char('/')))
        return target.mid(1);
    return QStringLiteral("xl/") + target;
}

//! The first <sheet> of the workbook, resolved through the workbook relationships. Falls back to
//! the conventional name when the workbook parts are missing or unusual.
QString firstSheetPath(QuaZip &zip)
{
    QString relId;
    {
        ZipEntry wb(zip, QStringLiteral("xl/workbook.xml"));
        if (wb.ok()) {
            QXmlStreamReader xml(wb.device());
            while (!xml.atEnd() && relId.isEmpty()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"sheet")
                    for (const auto &a : xml.attributes())
                        if (a.name() == u"id")
                            relId = a.value().toString();
            }
        }
    }
    if (!relId.isEmpty()) {
        ZipEntry rels(zip, QStringLiteral("xl/_rels/workbook.xml.rels"));
        if (rels.ok()) {
            QXmlStreamReader xml(rels.device());
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"Relationship"
                    && xml.attributes().value(QLatin1String("Id")) == relId)
                    return resolveTarget(xml.attributes().value(QLatin1String("Target")).toString());
            }
        }
    }
    return QStringLiteral("xl/worksheets/sheet1.xml");
}

//! Text of every <t> under the current element (rich-text runs included), up to its end tag.
QString readTextRuns(QXmlStreamReader &xml)
{
    QString text;
    const QString end = xml.name().toString();
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement && xml.name() == u"t")
            text += xml.readElementText(QXmlStreamReader::IncludeChildElements);
        else if (token == QXmlStreamReader::StartElement && xml.name() == u"rPh")
            xml.skipCurrentElement(); // phonetic hints are not part of the value
        else if (token == QXmlStreamReader::EndElement && xml.name() == end)
            break;
    }
    return text;
}

std::vector<QString> readSharedStrings(QuaZip &zip, bool &ok)
{
    std::vector<QString> strings;
    ok = true;
    ZipEntry entry(zip, QStringLiteral("xl/sharedStrings.xml"));
    if (!entry.ok())
        return strings; // a workbook without text has no shared strings part
    QXmlStreamReader xml(entry.device());
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"si")
            strings.push_back(readTextRuns(xml));
    }
    ok = !xml.hasError();
    return strings;
}

//! 0-based column of a cell reference: "B7" → 1, "AA3" → 26; -1 when there is none.
int columnOf(QStringView ref)
{
    int col = 0;
    int letters = 0;
    for (QChar c : ref) {
        if (c >= u'A' && c <= u'Z')
            col = col * 26 + (c.unicode() - u'A' + 1);
        else if (c >= u'a' && c <= u'z')
            col = col * 26 + (c.unicode() - u'a' + 1);
        else
            break;
        ++letters;
    }
    return letters ? col - 1 : -1;
}

api::Json numberValue(const QString &text)
{
    bool isInt = false;
    const qlonglong i = text.toLongLong(&isInt);
    if (isInt)
        return int64_t(i);
    bool isDouble = false;
    const double d = text.toDouble(&isDouble);
    if (!isDouble)
        return text.toStdString();
    // Excel stores every number as a double: 3.0 is the integer 3 to the user.
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
        return int64_t(d);
    return d;
}

//! One <c> element: its column and value.
std::pair<int, api::Json> readCell(QXmlStreamReader &xml, const std::vector<QString> &shared, int nextColumn)
{
    const auto attrs = xml.attributes();
    const int ref = columnOf(attrs.value(QLatin1String("r")));
    const int column = ref >= 0 ? ref : nextColumn;
    const QString type = attrs.value(QLatin1String("t")).toString();
    QString v;
    QString inlineText;
    bool hasValue = false;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement && xml.name() == u"v") {
            v = xml.readElementText();
            hasValue = true;
        } else if (token == QXmlStreamReader::StartElement && xml.name() == u"is") {
            inlineText = readTextRuns(xml);
            hasValue = true;
        } else if (token == QXmlStreamReader::EndElement && xml.name() == u"c") {
            break;
        }
    }
    if (!hasValue)
        return {column, nullptr};
    if (type == u"s") {
        const int i = v.toInt();
        return {column, i >= 0 && size_t(i) < shared.size() ? shared[size_t(i)].toStdString() : std::string()};
    }
    if (type == u"inlineStr")
        return {column, inlineText.toStdString()};
    if (type == u"b")
        return {column, v.trimmed() == u"1"};
    if (type == u"str" || type == u"e")
        return {column, v.toStdString()};
    return {column, numberValue(v)};
}

std::string headerText(const api::Json &cell)
{
    if (cell.is_string())
        return cell.get<std::string>();
    return cell.is_null() ? std::string() : cell.dump();
}

} // namespace

api::Status convertXlsxToJsonl(const QString &xlsxPath, const QString &jsonlPath,
                               const std::string &displayName)
{
    QuaZip zip(xlsxPath);
    if (!zip.open(QuaZip::mdUnzip))
        return broken(displayName, QStringLiteral("not a zip archive"));
    bool sharedOk = false;
    const std::vector<QString> shared = readSharedStrings(zip, sharedOk);
    if (!sharedOk)
        return broken(displayName, QStringLiteral("bad shared strings"));
    const QString sheetPath = firstSheetPath(zip);
    ZipEntry sheet(zip, sheetPath);
    if (!sheet.ok())
        return broken(displayName, QStringLiteral("no worksheet ") + sheetPath);

    QSaveFile out(jsonlPath);
    if (!out.open(QIODevice::WriteOnly))
        return api::Error::internal("cannot write " + jsonlPath.toStdString());

    std::vector<std::string> header;
    bool haveHeader = false;
    QXmlStreamReader xml(sheet.device());
    try {
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != u"row")
                continue;
            std::vector<std::pair<int, api::Json>> cells;
            int nextColumn = 0;
            while (!xml.atEnd()) {
                const auto token = xml.readNext();
                if (token == QXmlStreamReader::StartElement && xml.name() == u"c") {
                    cells.push_back(readCell(xml, shared, nextColumn));
                    nextColumn = cells.back().first + 1;
                } else if (token == QXmlStreamReader::EndElement && xml.name() == u"row") {
                    break;
                }
            }
            if (cells.empty())
                continue;
            if (!haveHeader) {
                int width = 0;
                for (const auto &c : cells)
                    width = std::max(width, c.first + 1);
                std::vector<api::Json> names(static_cast<size_t>(width));
                for (auto &c : cells)
                    names[size_t(c.first)] = std::move(c.second);
                std::vector<std::string> texts;
                for (const auto &n : names)
                    texts.push_back(headerText(n));
                header = columnNamesFromHeader(texts); // unique keys, as for CSV
                haveHeader = true;
                continue;
            }
            api::Json row = api::Json::object();
            for (const auto &name : header)
                row[name] = nullptr;
            // Cells right of the header have no column name; like a header-less column they
            // would be unreadable by name, so they are dropped.
            for (auto &c : cells)
                if (c.first >= 0 && size_t(c.first) < header.size())
                    row[header[size_t(c.first)]] = std::move(c.second);
            const std::string line = row.dump(-1, ' ', false, api::Json::error_handler_t::replace) + '\n';
            out.write(line.data(), qint64(line.size()));
        }
    } catch (const std::exception &e) {
        out.cancelWriting();
        return broken(displayName, QString::fromStdString(e.what()));
    }
    if (xml.hasError()) {
        out.cancelWriting();
        return broken(displayName, xml.errorString());
    }
    if (!out.commit())
        return api::Error::internal("cannot write " + jsonlPath.toStdString());
    return {};
}

api::Status writeZipArchive(const QString &path,
                            const std::vector<std::pair<QString, QByteArray>> &entries)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return api::Error::internal("cannot create " + path.toStdString());
    for (const auto &[name, content] : entries) {
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, QuaZipNewInfo(name))
            || file.write(content) != content.size())
            return api::Error::internal("cannot write " + name.toStdString() + " into " + path.toStdString());
        file.close();
    }
    zip.close();
    if (zip.getZipError() != 0)
        return api::Error::internal("cannot finish " + path.toStdString());
    return {};
}

} // namespace wb::engine
