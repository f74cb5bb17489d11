// The store on a real SQLite file: migrations, the registry's conflict rules, appended rows,
// atomic deletion, concurrent writers, and refusing a store from a newer build.

#include "store/store.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace wb;

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path() const { return m_dir.filePath(QStringLiteral("store.sqlite")); }

    static store::Resource dataset(const std::string &id, const std::string &uri)
    {
        return store::Resource{"dataset", id, api::Json{{"identifier", id}, {"uri", uri}}, {}};
    }

private Q_SLOTS:
    void init()
    {
        QFile::remove(path());
        QFile::remove(path() + QStringLiteral("-wal"));
        QFile::remove(path() + QStringLiteral("-shm"));
    }

    void migratesNewStoreToCurrentVersionAndReopens()
    {
        {
            auto s = store::Store::openSqlite(path());
            QVERIFY2(s, s ? "" : s.error().detail.c_str());
            QCOMPARE(s.value()->schemaVersion(), 1);
            QVERIFY(s.value()->registerResource(dataset("a", "x.csv")));
        }
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        QCOMPARE(s.value()->schemaVersion(), 1);
        auto got = s.value()->getResource("dataset", "a");
        QVERIFY(got && got.value());
        QCOMPARE(got.value()->body["uri"].get<std::string>(), std::string("x.csv"));
    }

    void usesWriteAheadLogging()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        QVERIFY(s.value()->setMeta("k", "v"));
        QVERIFY(QFileInfo::exists(path() + QStringLiteral("-wal")));
    }

    void identicalRegistrationIsNoOpAndDifferentIsConflict()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("a", "x.csv")));
        QVERIFY(store.registerResource(dataset("a", "x.csv")));
        auto conflict = store.registerResource(dataset("a", "y.csv"));
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().status, 409);
        QVERIFY(conflict.error().detail.find("'a'") != std::string::npos);
        auto list = store.listResources("dataset");
        QVERIFY(list);
        QCOMPARE(list->size(), size_t(1));
        QCOMPARE(list->front().body["uri"].get<std::string>(), std::string("x.csv")); // unchanged
    }

    void listsInRegistrationOrderPerKind()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        auto &store = *s.value();
        for (const char *id : {"zeta", "alpha", "mid"})
            QVERIFY(store.registerResource(dataset(id, "f")));
        QVERIFY(store.registerResource(store::Resource{"benchmark", "b", api::Json::object(), {}}));
        auto list = store.listResources("dataset");
        QVERIFY(list);
        QCOMPARE(list->size(), size_t(3));
        QCOMPARE(list->at(0).id, std::string("zeta"));
        QCOMPARE(list->at(2).id, std::string("mid"));
    }

    void appendedRowsKeepOrderAndDieWithTheResource()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("d", "f")));
        std::vector<api::JsonObject> rows;
        for (int i = 0; i < 5; ++i)
            rows.push_back(api::JsonObject{api::Json{{"i", i}, {"b", "x"}}});
        QVERIFY(store.appendRows("dataset", "d", rows));
        QVERIFY(store.appendRows("dataset", "d", {api::JsonObject{api::Json{{"i", 5}}}}));
        QCOMPARE(store.rowCount("dataset", "d").value(), int64_t(6));
        auto page = store.readRows("dataset", "d", 3, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), size_t(3));
        QCOMPARE(page->at(0).value["i"].get<int>(), 3);
        QCOMPARE(page->at(2).value["i"].get<int>(), 5);
        // Key order of a row survives the round trip (columns show in the order given).
        QCOMPARE(page->at(0).value.begin().key(), std::string("i"));

        QVERIFY(store.deleteResource("dataset", "d"));
        QCOMPARE(store.rowCount("dataset", "d").value(), int64_t(0));
        auto missing = store.appendRows("dataset", "d", rows);
        QVERIFY(!missing);
        QCOMPARE(missing.error().status, 404);
        QCOMPARE(store.deleteResource("dataset", "d").error().status, 404);
    }

    void concurrentAppendsFromManyThreadsAllLand()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("d", "f")));
        QList<QFuture<bool>> futures;
        for (int t = 0; t < 8; ++t)
            futures.append(QtConcurrent::run([&store, t] {
                for (int i = 0; i < 25; ++i)
                    if (!store.appendRows("dataset", "d", {api::JsonObject{api::Json{{"t", t}, {"i", i}}}}))
                        return false;
                return true;
            }));
        for (auto &f : futures)
            QVERIFY(f.result());
        QCOMPARE(store.rowCount("dataset", "d").value(), int64_t(200));
        auto all = store.readRows("dataset", "d", 0, 1000);
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(200)); // positions are dense: no gaps, no duplicates
    }

    void refusesStoreFromNewerBuild()
    {
        {
            auto s = store::Store::openSqlite(path());
            QVERIFY(s);
        }
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poke"));
            db.setDatabaseName(path());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("poke"));
        auto s = store::Store::openSqlite(path());
        QVERIFY(!s);
        QVERIFY(s.error().detail.find("newer") != std::string::npos);
    }

    void metaRoundTripsAndOverwrites()
    {
        auto s = store::Store::openSqlite(path());
        QVERIFY(s);
        QVERIFY(!s.value()->getMeta("x").value());
        QVERIFY(s.value()->setMeta("x", "1"));
        QVERIFY(s.value()->setMeta("x", "2"));
        QCOMPARE(*s.value()->getMeta("x").value(), std::string("2"));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
