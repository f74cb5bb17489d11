// RFC 2397 data: URIs: media type and charset, base64 and percent-encoded payloads, errors.

#include "engine/sources/data_uri.h"

#include <QTest>

using namespace wb;
using namespace wb::engine;

class TestDataUri : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void limitIsCheckedBeforeDecoding();
};

void TestDataUri::decodes_data()
{
    QTest::addColumn<QByteArray>("uri");
    QTest::addColumn<QByteArray>("mime");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QByteArray>("bytes");

    const QByteArray csv = "a,b\n1,\"x y\"\n";
    QTest::newRow("base64 csv") << QByteArray("data:text/csv;base64," + csv.toBase64()) << QByteArray("text/csv")
                                << QByteArray() << csv;
    QTest::newRow("percent-encoded") << QByteArray("data:text/csv,a%2Cb%0A1%2C%22x%20y%22%0A")
                                     << QByteArray("text/csv") << QByteArray() << csv;
    QTest::newRow("default mime") << QByteArray("data:,Hello%2C%20World!") << QByteArray("text/plain")
                                  << QByteArray() << QByteArray("Hello, World!");
    QTest::newRow("upper-case scheme and type") << QByteArray("DATA:Application/JSON,[1]")
                                                << QByteArray("application/json") << QByteArray()
                                                << QByteArray("[1]");
    QTest::newRow("charset only") << QByteArray("data:;charset=utf-8,caf%C3%A9") << QByteArray("text/plain")
                                  << QByteArray("utf-8") << QByteArray("caf\xC3\xA9");
    QTest::newRow("iso-8859-1 percent") << QByteArray("data:text/csv;charset=iso-8859-1,caf%E9")
                                        << QByteArray("text/csv") << QByteArray("iso-8859-1")
                                        << QByteArray("caf\xC3\xA9");
    QTest::newRow("iso-8859-1 base64") << QByteArray("data:text/plain;charset=ISO-8859-1;base64," + QByteArray("\xE9t\xE9").toBase64())
                                       << QByteArray("text/plain") << QByteArray("ISO-8859-1")
                                       << QByteArray("\xC3\xA9t\xC3\xA9");
    QTest::newRow("other parameters ignored") << QByteArray("data:text/csv;name=x.csv;base64,YQ==")
                                              << QByteArray("text/csv") << QByteArray() << QByteArray("a");
    QTest::newRow("unpadded base64") << QByteArray("data:text/plain;base64,YWI") << QByteArray("text/plain")
                                     << QByteArray() << QByteArray("ab");
    QTest::newRow("percent-escaped base64") << QByteArray("data:text/plain;base64,Pz8%2F") << QByteArray("text/plain")
                                            << QByteArray() << QByteArray("???");
    QTest::newRow("empty payload") << QByteArray("data:text/csv;base64,") << QByteArray("text/csv")
                                   << QByteArray() << QByteArray();
}

void TestDataUri::decodes()
{
    QFETCH(QByteArray, uri);
    QFETCH(QByteArray, mime);
    QFETCH(QByteArray, charset);
    QFETCH(QByteArray, bytes);
    const auto parsed = parseDataUri(uri.toStdString(), 1 << 20);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
    QCOMPARE(QByteArray::fromStdString(parsed->mimeType), mime);
    QCOMPARE(QByteArray::fromStdString(parsed->charset), charset);
    QCOMPARE(QByteArray::fromStdString(parsed->bytes), bytes);
}

void TestDataUri::rejects_data()
{
    QTest::addColumn<QByteArray>("uri");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("not data") << QByteArray("file:///x.csv") << 400 << "not a data: URI";
    QTest::newRow("missing comma") << QByteArray("data:text/csv;base64") << 400 << "no ','";
    QTest::newRow("bad base64") << QByteArray("data:text/csv;base64,YW*=") << 400 << "invalid base64";
    QTest::newRow("bad percent") << QByteArray("data:text/csv,a%2") << 400 << "invalid percent-encoding";
    QTest::newRow("bad percent hex") << QByteArray("data:text/csv,a%zz") << 400 << "invalid percent-encoding";
    QTest::newRow("bad media type") << QByteArray("data:csv,a") << 400 << "invalid media type 'csv'";
    QTest::newRow("base64 not last") << QByteArray("data:text/csv;base64;charset=utf-8,YQ==") << 400 << "';base64'";
    QTest::newRow("bad parameter") << QByteArray("data:text/csv;=x,a") << 400 << "invalid parameter";
    QTest::newRow("unknown charset") << QByteArray("data:text/csv;charset=klingon-42,a") << 400 << "unknown charset 'klingon-42'";
    QTest::newRow("not ascii") << QByteArray("data:text/csv;charset=us-ascii,%E9") << 400 << "not valid us-ascii";
    QTest::newRow("too large base64") << QByteArray("data:text/csv;base64," + QByteArray(200, 'A')) << 413 << "limit of 100";
    QTest::newRow("too large percent") << QByteArray("data:text/csv," + QByteArray(101, 'a')) << 413 << "limit of 100";
}

void TestDataUri::rejects()
{
    QFETCH(QByteArray, uri);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const auto parsed = parseDataUri(uri.toStdString(), 100);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().status, status);
    QVERIFY2(QString::fromStdString(parsed.error().detail).contains(detail), parsed.error().detail.c_str());
}

void TestDataUri::limitIsCheckedBeforeDecoding()
{
    // Exactly at the limit passes; the estimate must not be off by the padding.
    const QByteArray payload(99, 'z');
    const std::string uri = "data:text/plain;base64," + payload.toBase64().toStdString();
    QVERIFY(parseDataUri(uri, 99).ok());
    QCOMPARE(parseDataUri(uri, 98).error().status, 413);
    // Garbage that is too large is a 413, not a base64 error: nothing was decoded.
    QCOMPARE(parseDataUri("data:text/plain;base64," + std::string(400, '*'), 100).error().status, 413);
    QCOMPARE(parseDataUri("data:text/plain,%41%41%41", 3).value().bytes, std::string("AAA"));
}

QTEST_GUILESS_MAIN(TestDataUri)
#include "tst_data_uri.moc"
