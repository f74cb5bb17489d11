// File-backed row sources: every format, the row index (reuse, rebuild, chunk boundaries),
// pagination and concurrent reads.

#include "engine/datasets/file_formats.h"
#include "engine/datasets/row_index.h"
#include "engine/datasets/xlsx_reader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QtConcurrent>

using namespace wb;
using namespace wb::engine;

class TestFileFormats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void formatFromName_data();
    void formatFromName();
    void formatFromMime_data();
    void formatFromMime();
    void reads_data();
    void reads();
    void tooManyCellsNamesLine_data();
    void tooManyCellsNamesLine();
    void unterminatedQuote();
    void invalidJsonlLine_data();
    void invalidJsonlLine();
    void jsonArrayErrors_data();
    void jsonArrayErrors();
    void missingAndUnsupported();
    void xlsx();
    void pagination_data();
    void pagination();
    void indexIsReused();
    void indexIsRebuiltAfterChange();
    void rowsAcrossReadChunks();
    void concurrentReads();

private:
    QString write(const QString &name, const QByteArray &content);
    std::unique_ptr<RowSource> open(const QString &path, FileFormat format = FileFormat::Unknown);
    QString indexDir() const { return m_dir->filePath(QStringLiteral("index")); }
    static api::Json toArray(const std::vector<api::JsonObject> &rows);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFileFormats::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestFileFormats::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write test file");
    return path;
}

std::unique_ptr<RowSource> TestFileFormats::open(const QString &path, FileFormat format)
{
    if (format == FileFormat::Unknown)
        format = engine::formatFromName(path.toStdString());
    auto source = openFileRowSource(path.toStdString(), format, indexDir().toStdString(),
                                    QFileInfo(path).fileName().toStdString());
    if (!source)
        qFatal("%s", source.error().toString().c_str());
    return std::move(source.value());
}

api::Json TestFileFormats::toArray(const std::vector<api::JsonObject> &rows)
{
    api::Json a = api::Json::array();
    for (const auto &r : rows)
        a.push_back(r.value);
    return a;
}

void TestFileFormats::formatFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("format");
    QTest::newRow("csv") << "/data/a.csv" << int(FileFormat::Csv);
    QTest::newRow("upper") << "A.CSV" << int(FileFormat::Csv);
    QTest::newRow("tsv") << "x.tsv" << int(FileFormat::Tsv);
    QTest::newRow("tab") << "x.tab" << int(FileFormat::Tsv);
    QTest::newRow("jsonl") << "x.jsonl" << int(FileFormat::Jsonl);
    QTest::newRow("ndjson") << "x.ndjson" << int(FileFormat::Jsonl);
    QTest::newRow("json") << "x.json" << int(FileFormat::Json);
    QTest::newRow("xlsx") << "x.xlsx" << int(FileFormat::Xlsx);
    QTest::newRow("url query") << "https://h/x.csv?download=1#top" << int(FileFormat::Csv);
    QTest::newRow("dot in folder") << "/a.csv/file" << int(FileFormat::Unknown);
    QTest::newRow("unknown") << "x.parquet" << int(FileFormat::Unknown);
    QTest::newRow("none") << "README" << int(FileFormat::Unknown);
}

void TestFileFormats::formatFromName()
{
    QFETCH(QString, name);
    QFETCH(int, format);
    QCOMPARE(int(engine::formatFromName(name.toStdString())), format);
}

void TestFileFormats::formatFromMime_data()
{
    QTest::addColumn<QString>("mime");
    QTest::addColumn<int>("format");
    QTest::newRow("csv") << "text/csv" << int(FileFormat::Csv);
    QTest::newRow("params") << "Text/CSV; charset=utf-8" << int(FileFormat::Csv);
    QTest::newRow("tsv") << "text/tab-separated-values" << int(FileFormat::Tsv);
    QTest::newRow("jsonl") << "application/jsonl" << int(FileFormat::Jsonl);
    QTest::newRow("ndjson") << "application/x-ndjson" << int(FileFormat::Jsonl);
    QTest::newRow("json") << "application/json" << int(FileFormat::Json);
    QTest::newRow("xlsx") << "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                          << int(FileFormat::Xlsx);
    QTest::newRow("other text") << "text/plain" << int(FileFormat::Csv);
    QTest::newRow("binary") << "application/octet-stream" << int(FileFormat::Unknown);
}

void TestFileFormats::formatFromMime()
{
    QFETCH(QString, mime);
    QFETCH(int, format);
    QCOMPARE(int(engine::formatFromMime(mime.toStdString())), format);
    QCOMPARE(std::string(formatName(FileFormat::Jsonl)), std::string("jsonl"));
    QCOMPARE(std::string(formatName(FileFormat::Unknown)), std::string("unknown"));
}

void TestFileFormats::reads_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("columns");

    QTest::newRow("csv") << "a.csv" << QByteArray("id,text\n1,hello\n2,world\n")
                         << QByteArray(R"([{"id":"1","text":"hello"},{"id":"2","text":"world"}])")
                         << QByteArray(R"(["id","text"])");
    QTest::newRow("csv quoted") << "a.csv"
                                << QByteArray("q,a\n\"line1\nline2\",\"x, \"\"y\"\"\"\n\"\",plain\n")
                                << QByteArray(R"([{"q":"line1\nline2","a":"x, \"y\""},{"q":"","a":"plain"}])")
                                << QByteArray(R"(["q","a"])");
    QTest::newRow("csv crlf bom") << "a.csv" << QByteArray("\xEF\xBB\xBFk,v\r\n1,\"a\r\nb\"\r\n2,c\r\n")
                                  << QByteArray(R"([{"k":"1","v":"a\r\nb"},{"k":"2","v":"c"}])")
                                  << QByteArray(R"(["k","v"])");
    QTest::newRow("csv padding, blank lines, no final newline")
        << "a.csv" << QByteArray("a,b,c\n1\n\n2,,\r\n\n3,4,5")
        << QByteArray(R"([{"a":"1","b":"","c":""},{"a":"2","b":"","c":""},{"a":"3","b":"4","c":"5"}])")
        << QByteArray(R"(["a","b","c"])");
    QTest::newRow("csv duplicate and empty header names")
        << "a.csv" << QByteArray("x,x,\n1,2,3\n")
        << QByteArray(R"([{"x":"1","x.1":"2","Unnamed: 2":"3"}])")
        << QByteArray(R"(["x","x.1","Unnamed: 2"])");
    // A quote inside unquoted text is a literal character (pandas agrees); it must not swallow the
    // following lines into one record.
    QTest::newRow("csv stray quotes in unquoted fields")
        << "a.csv" << QByteArray("item,size\nscreen,15\" wide\ncable,2\"\" long\n\"q\"\"\",3\n")
        << QByteArray(R"([{"item":"screen","size":"15\" wide"},{"item":"cable","size":"2\"\" long"},)"
                      R"({"item":"q\"","size":"3"}])")
        << QByteArray(R"(["item","size"])");
    QTest::newRow("csv header only") << "a.csv" << QByteArray("a,b\n") << QByteArray("[]")
                                     << QByteArray(R"(["a","b"])");
    QTest::newRow("csv empty") << "a.csv" << QByteArray() << QByteArray("[]") << QByteArray("[]");
    QTest::newRow("tsv") << "a.tsv" << QByteArray("a\tb\n1,2\t\"x\ty\"\n")
                         << QByteArray(R"([{"a":"1,2","b":"x\ty"}])") << QByteArray(R"(["a","b"])");
    QTest::newRow("jsonl") << "a.jsonl"
                           << QByteArray("{\"z\":1,\"a\":[1,2]}\n\n  \r\n{\"z\":null,\"b\":\"\\n\"}\r\n")
                           << QByteArray(R"([{"z":1,"a":[1,2]},{"z":null,"b":"\n"}])")
                           << QByteArray(R"(["z","a"])");
    QTest::newRow("json") << "a.json"
                          << QByteArray("\xEF\xBB\xBF [ {\"b\":\"]},[\\\"\",\"a\":{\"n\":[1]}} ,\n{\"c\":true}\n]\n")
                          << QByteArray(R"([{"b":"]},[\"","a":{"n":[1]}},{"c":true}])")
                          << QByteArray(R"(["b","a"])");
    QTest::newRow("json empty array") << "a.json" << QByteArray(" [ ] ") << QByteArray("[]")
                                      << QByteArray("[]");
}

void TestFileFormats::reads()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, columns);

    auto source = open(write(name, content));
    const auto want = api::Json::parse(expected.toStdString());
    const auto count = source->rowCount();
    QVERIFY2(count.ok(), count.ok() ? "" : count.error().toString().c_str());
    QCOMPARE(count.value(), int64_t(want.size()));
    const auto rows = source->readRows(0, 100);
    QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().toString().c_str());
    QCOMPARE(toArray(rows.value()).dump(), want.dump()); // dump() also checks the key order
    QCOMPARE(api::Json(source->columns()).dump(), api::Json::parse(columns.toStdString()).dump());
    QCOMPARE(QString::fromStdString(source->formatName()), QFileInfo(name).suffix());
}

void TestFileFormats::tooManyCellsNamesLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("detail");
    QTest::newRow("plain") << QByteArray("a,b\n1,2\n3,4,5\n") << "bad.csv, line 3: row has 3 cells";
    QTest::newRow("after quoted newline") << QByteArray("a,b\n\"x\ny\",2\n\n3,4,5\n")
                                          << "bad.csv, line 5: row has 3 cells";
}

void TestFileFormats::tooManyCellsNamesLine()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, detail);
    auto source = open(write(QStringLiteral("bad.csv"), content));
    QCOMPARE(source->rowCount().value(), int64_t(2));
    QVERIFY(source->readRows(0, 1).ok()); // the good row alone is fine
    const auto rows = source->readRows(0, 10);
    QVERIFY(!rows.ok());
    QCOMPARE(rows.error().status, 400);
    QVERIFY2(QString::fromStdString(rows.error().detail).startsWith(detail), rows.error().detail.c_str());
}

void TestFileFormats::unterminatedQuote()
{
    auto source = open(write(QStringLiteral("q.csv"), "a,b\n1,2\n3,\"open\n4,5\n"));
    const auto count = source->rowCount();
    QVERIFY(!count.ok());
    QCOMPARE(count.error().status, 400);
    QCOMPARE(QString::fromStdString(count.error().detail), QStringLiteral("q.csv, line 3: unterminated quoted field"));
}

void TestFileFormats::invalidJsonlLine_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("failsOnCount");
    QTest::addColumn<QString>("detail");
    QTest::newRow("invalid json") << QByteArray("{\"a\":1}\n\n{\"a\":\n") << false
                                  << "x.jsonl, line 3: invalid JSON";
    QTest::newRow("not an object") << QByteArray("{\"a\":1}\n[1,2]\n") << true
                                   << "x.jsonl, line 2: expected a JSON object";
}

void TestFileFormats::invalidJsonlLine()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, failsOnCount);
    QFETCH(QString, detail);
    auto source = open(write(QStringLiteral("x.jsonl"), content));
    const auto count = source->rowCount();
    QCOMPARE(!count.ok(), failsOnCount);
    const api::Error error = failsOnCount ? count.error() : source->readRows(0, 10).error();
    QCOMPARE(error.status, 400);
    QCOMPARE(QString::fromStdString(error.detail), detail);
}

void TestFileFormats::jsonArrayErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not an array") << QByteArray("{\"a\":1}") << "x.json, line 1: expected a top-level JSON array of objects";
    QTest::newRow("element is a number") << QByteArray("[{\"a\":1},\n 2]")
                                         << "x.json, line 2: array element 1 is a number, expected a JSON object";
    QTest::newRow("element is a string") << QByteArray("[\"s\"]")
                                         << "x.json, line 1: array element 0 is a string, expected a JSON object";
    QTest::newRow("missing comma") << QByteArray("[{} {}]") << "x.json, line 1: expected ',' or ']' after array element 0";
    QTest::newRow("truncated") << QByteArray("[{\"a\":\n") << "x.json, line 2: unexpected end of file inside the JSON array";
    QTest::newRow("bad object") << QByteArray("[{\"a\":1},\n{\"a\":tru}]")
                                << "x.json, line 2: array element 1 is not a valid JSON object";
}

void TestFileFormats::jsonArrayErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, detail);
    auto source = open(write(QStringLiteral("x.json"), content));
    const auto count = source->rowCount();
    const api::Error error = count.ok() ? source->readRows(0, 10).error() : count.error();
    QCOMPARE(error.status, 400);
    QCOMPARE(QString::fromStdString(error.detail), detail);
}

void TestFileFormats::missingAndUnsupported()
{
    const auto missing = openFileRowSource(m_dir->filePath(QStringLiteral("nope.csv")).toStdString(),
                                           FileFormat::Csv, indexDir().toStdString(), "nope.csv");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().status, 404);
    QCOMPARE(missing.error().detail, std::string("nope.csv not found"));

    const QString path = write(QStringLiteral("x.bin"), "data");
    const auto unsupported = openFileRowSource(path.toStdString(), FileFormat::Unknown,
                                               indexDir().toStdString(), "x.bin");
    QVERIFY(!unsupported.ok());
    QCOMPARE(unsupported.error().status, 400);
    QCOMPARE(unsupported.error().detail, std::string("Unsupported file type: x.bin"));

    // A file deleted after opening is a 404 at read time, not a crash.
    auto source = open(write(QStringLiteral("gone.csv"), "a\n1\n"));
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("gone.csv"))));
    QCOMPARE(source->rowCount().error().status, 404);
}

void TestFileFormats::xlsx()
{
    const QByteArray contentTypes = R"(<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>)";
    const QByteArray workbook = R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Data" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId8"/></sheets></workbook>)";
    const QByteArray rels = R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>)";
    const QByteArray shared = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>question</t></si><si><t>answer</t></si><si><r><t>What is </t></r><r><t xml:space="preserve">2+2?</t></r></si><si><t>score</t></si>
</sst>)";
    // Row 2 has every cell type; row 3 skips B (missing → null); row 4 is empty and skipped.
    const QByteArray sheet = R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="inlineStr"><is><t>ok</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>4</v></c><c r="C2"><v>0.75</v></c><c r="D2" t="b"><v>1</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>Capital &amp; "city"</t></is></c><c r="C3"><v>1.0</v></c><c r="D3" t="b"><v>0</v></c></row>
<row r="4"></row>
</sheetData></worksheet>)";
    const QByteArray other = R"(<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>)";

    const QString path = m_dir->filePath(QStringLiteral("book.xlsx"));
    auto writeBook = [&](const QByteArray &firstSheet) {
        return writeZipArchive(path, {{QStringLiteral("[Content_Types].xml"), contentTypes},
                                      {QStringLiteral("xl/workbook.xml"), workbook},
                                      {QStringLiteral("xl/_rels/workbook.xml.rels"), rels},
                                      {QStringLiteral("xl/sharedStrings.xml"), shared},
                                      {QStringLiteral("xl/worksheets/sheet2.xml"), other},
                                      {QStringLiteral("xl/worksheets/sheet1.xml"), firstSheet}})
            .ok();
    };
    QVERIFY(writeBook(sheet));

    auto source = open(path);
    QCOMPARE(source->formatName(), std::string("xlsx"));
    QCOMPARE(source->rowCount().value(), int64_t(2));
    const auto rows = source->readRows(0, 10);
    QVERIFY2(rows.ok(), rows.ok() ? "" : rows.error().toString().c_str());
    QCOMPARE(toArray(rows.value()).dump(),
             api::Json::parse(R"([{"question":"What is 2+2?","answer":4,"score":0.75,"ok":true},
                                  {"question":"Capital & \"city\"","answer":null,"score":1,"ok":false}])").dump());
    QCOMPARE(api::Json(source->columns()).dump(), std::string(R"(["question","answer","score","ok"])"));
    QCOMPARE(QDir(indexDir()).entryList({QStringLiteral("*.xlsx.jsonl")}).size(), 1);

    // Converted once: a second source reuses the JSONL file.
    const QString converted = QDir(indexDir()).entryInfoList({QStringLiteral("*.xlsx.jsonl")}).value(0).filePath();
    const auto convertedAt = QFileInfo(converted).lastModified();
    QThread::msleep(20);
    QCOMPARE(open(path)->rowCount().value(), int64_t(2));
    QCOMPARE(QFileInfo(converted).lastModified(), convertedAt);

    // An edited workbook is converted again, and the old conversion is removed.
    QByteArray edited = sheet;
    edited.replace("<row r=\"4\"></row>", "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>new</t></is></c></row>");
    QVERIFY(writeBook(edited));
    QCOMPARE(source->rowCount().value(), int64_t(3));
    QCOMPARE(source->readRows(2, 1).value().front().value.at("question"), api::Json("new"));
    QCOMPARE(QDir(indexDir()).entryList({QStringLiteral("*.xlsx.jsonl")}).size(), 1);
    QVERIFY(!QFileInfo::exists(converted));

    const QString notZip = write(QStringLiteral("broken.xlsx"), "not a zip");
    const auto broken = open(notZip)->rowCount();
    QVERIFY(!broken.ok());
    QCOMPARE(broken.error().status, 400);
    QVERIFY(broken.error().detail.find("broken.xlsx") != std::string::npos);
}

void TestFileFormats::pagination_data()
{
    QTest::addColumn<int>("start");
    QTest::addColumn<int>("count");
    QTest::addColumn<QList<int>>("ids");
    QTest::newRow("first page") << 0 << 3 << QList<int>{0, 1, 2};
    QTest::newRow("middle") << 4 << 2 << QList<int>{4, 5};
    QTest::newRow("last page, short") << 8 << 5 << QList<int>{8, 9};
    QTest::newRow("last row") << 9 << 1 << QList<int>{9};
    QTest::newRow("start at end") << 10 << 5 << QList<int>{};
    QTest::newRow("start beyond end") << 1000 << 5 << QList<int>{};
    QTest::newRow("count 0") << 3 << 0 << QList<int>{};
    QTest::newRow("negative count") << 3 << -1 << QList<int>{};
    QTest::newRow("negative start") << -4 << 2 << QList<int>{0, 1};
    QTest::newRow("everything") << 0 << 1000 << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
}

void TestFileFormats::pagination()
{
    QFETCH(int, start);
    QFETCH(int, count);
    QFETCH(QList<int>, ids);
    for (const char *ext : {"csv", "jsonl", "json"}) {
        QByteArray content = QByteArray(ext) == "csv" ? "id,v\n" : QByteArray(ext) == "json" ? "[" : "";
        for (int i = 0; i < 10; ++i) {
            const QByteArray id = QByteArray::number(i);
            if (QByteArray(ext) == "csv")
                content += id + ",\"multi\nline " + id + "\"\n";
            else
                content += "{\"id\":\"" + id + "\"}" + (QByteArray(ext) == "json" ? (i < 9 ? "," : "]") : "\n");
        }
        auto source = open(write(QStringLiteral("p.") + QLatin1String(ext), content));
        const auto rows = source->readRows(start, count);
        QVERIFY(rows.ok());
        QList<int> got;
        for (const auto &r : rows.value())
            got.append(std::stoi(r.value.at("id").get<std::string>()));
        QCOMPARE(got, ids);
    }
}

void TestFileFormats::indexIsReused()
{
    const QString path = write(QStringLiteral("r.csv"), "a\n1\n2\n");
    QCOMPARE(open(path)->rowCount().value(), int64_t(2));
    const QString index = RowIndex::indexPathFor(path, indexDir(), FileFormat::Csv);
    QVERIFY(QFileInfo::exists(index));
    QCOMPARE(QDir(indexDir()).entryList({QStringLiteral("*.rowidx")}).size(), 1);
    const auto builtAt = QFileInfo(index).lastModified();

    QThread::msleep(20); // a rewrite would get a later mtime
    auto again = open(path);
    QCOMPARE(again->rowCount().value(), int64_t(2));
    QCOMPARE(again->readRows(1, 1).value().front().value.at("a"), api::Json("2"));
    QCOMPARE(QFileInfo(index).lastModified(), builtAt);
}

void TestFileFormats::indexIsRebuiltAfterChange()
{
    const QString path = write(QStringLiteral("g.jsonl"), "{\"n\":1}\n{\"n\":2}\n");
    auto source = open(path);
    QCOMPARE(source->rowCount().value(), int64_t(2));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"n\":3}\n");
    }
    // The same source object notices the change...
    QCOMPARE(source->rowCount().value(), int64_t(3));
    QCOMPARE(source->readRows(2, 5).value().front().value.at("n"), api::Json(3));
    // ...and so does a new one, through the rewritten index file.
    QCOMPARE(open(path)->readRows(0, 5).value().size(), size_t(3));
    QCOMPARE(QDir(indexDir()).entryList({QStringLiteral("*.rowidx")}).size(), 1);

    // Same size, different content and mtime: rebuilt too.
    QThread::msleep(20);
    write(QStringLiteral("g.jsonl"), "{\"n\":7}\n{\"n\":8}\n{\"n\":9}\n");
    QCOMPARE(source->readRows(0, 1).value().front().value.at("n"), api::Json(7));
}

void TestFileFormats::rowsAcrossReadChunks()
{
    // ~12 MB: row boundaries, quotes and CRLFs fall across the scanner's 8 MB reads.
    const int rows = 60000;
    QFile f(m_dir->filePath(QStringLiteral("big.csv")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("id,text,json\r\n");
    const QByteArray filler(150, 'x');
    for (int i = 0; i < rows; ++i) {
        const QByteArray id = QByteArray::number(i);
        f.write(id + ",\"" + filler + "\n" + id + "\",\"{\"\"k\"\": \"\"" + id + "\"\"}\"\r\n");
        if (i % 1000 == 0)
            f.write("\r\n"); // a blank line now and then
    }
    f.close();
    auto source = open(f.fileName());
    QCOMPARE(source->rowCount().value(), int64_t(rows));
    for (int i : {0, 1, 27777, 55555, rows - 1}) {
        const auto page = source->readRows(i, 1);
        QVERIFY(page.ok());
        const auto &row = page.value().front().value;
        QCOMPARE(row.at("id"), api::Json(std::to_string(i)));
        QCOMPARE(row.at("text"), api::Json(filler.toStdString() + "\n" + std::to_string(i)));
        QCOMPARE(row.at("json"), api::Json("{\"k\": \"" + std::to_string(i) + "\"}"));
    }
}

void TestFileFormats::concurrentReads()
{
    QByteArray content = "id,q\n";
    for (int i = 0; i < 2000; ++i)
        content += QByteArray::number(i) + ",\"q, " + QByteArray::number(i) + "\"\n";
    const QString path = write(QStringLiteral("c.csv"), content);

    // Several threads race for the first index build and then read pages at once.
    std::shared_ptr<RowSource> source(open(path));
    QList<int> starts;
    for (int i = 0; i < 200; ++i)
        starts.append((i * 37) % 2000);
    QThreadPool pool;
    pool.setMaxThreadCount(8);
    const QList<std::string> parallel = QtConcurrent::blockingMapped(&pool, starts, [source](int start) {
        const auto rows = source->readRows(start, 50);
        return rows.ok() ? toArray(rows.value()).dump() : rows.error().toString();
    });
    auto fresh = open(path);
    for (int i = 0; i < starts.size(); ++i)
        QCOMPARE(parallel[i], toArray(fresh->readRows(starts[i], 50).value()).dump());
}

QTEST_GUILESS_MAIN(TestFileFormats)
#include "tst_file_formats.moc"
