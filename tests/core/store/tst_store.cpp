// The store on both backends: a real SQLite file, and a real PostgreSQL database when
// WB_TEST_POSTGRES_URL names one (scripts/workbench.sh test starts a throwaway cluster and sets it).
// Every test function runs once per backend (initTestCase_data): migrations, the registry's
// conflict rules, appended rows, atomic deletion, concurrent writers, two stores on one database
// (two server processes), concurrent first opens, and refusing a store from a newer build.
//
// PostgreSQL rows work in a schema of their own (wbtest_<pid>, via the libpq `options` parameter
// search_path), dropped and recreated before every test function, so each starts from an empty
// database and nothing else in the database is touched.

#include "store/store.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <map>
#include <set>
#include <tuple>

using namespace wb;

namespace {

const char kSqlite[] = "sqlite";
const char kPostgres[] = "postgresql";

QString postgresBaseUrl()
{
    return qEnvironmentVariable("WB_TEST_POSTGRES_URL").trimmed();
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_backend;
    const QString m_schema = QStringLiteral("wbtest_%1").arg(QCoreApplication::applicationPid());

    bool isPostgres() const { return m_backend == QLatin1String(kPostgres); }
    QString path() const { return m_dir.filePath(QStringLiteral("store.sqlite")); }

    //! The URL a server would be given: the test database, confined to this run's schema.
    QString url() const
    {
        if (!isPostgres())
            return QString();
        const QString base = postgresBaseUrl();
        return base + (base.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?'))
               + QStringLiteral("options=")
               + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("-c search_path=") + m_schema));
    }

    api::Result<std::unique_ptr<store::Store>> open() const { return store::Store::open(url(), path()); }

    //! Runs SQL on a connection of its own (not the store's), as another program would.
    bool rawExec(const QStringList &statements, bool inTestSchema = true)
    {
        const QString name = QStringLiteral("tst-store-raw");
        bool ok = true;
        {
            QSqlDatabase db;
            if (isPostgres()) {
                const QUrl u(postgresBaseUrl());
                db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
                db.setHostName(u.host());
                db.setPort(u.port(-1));
                db.setUserName(u.userName());
                db.setPassword(u.password());
                db.setDatabaseName(u.path().mid(1));
                db.setConnectOptions(inTestSchema
                                         ? QStringLiteral("options='-c client_min_messages=warning -c search_path=%1'").arg(m_schema)
                                         : QStringLiteral("options='-c client_min_messages=warning'"));
            } else {
                db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path());
            }
            if (!db.open()) {
                qWarning() << "raw connection failed:" << db.lastError().text();
                ok = false;
            }
            QSqlQuery query(db);
            for (const QString &sql : statements) {
                if (!ok)
                    break;
                if (!query.exec(sql)) {
                    qWarning() << sql << "failed:" << query.lastError().text();
                    ok = false;
                }
            }
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }

    static store::Resource dataset(const std::string &id, const std::string &uri)
    {
        return store::Resource{"dataset", id, api::Json{{"identifier", id}, {"uri", uri}}, {}};
    }

    //! For tests whose subject does not depend on the backend: they run in the sqlite row only.
    bool backendIndependent() const { return isPostgres(); }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow(kSqlite) << QString::fromLatin1(kSqlite);
        QTest::newRow(kPostgres) << QString::fromLatin1(kPostgres);
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_backend = backend;
        if (isPostgres()) {
            if (postgresBaseUrl().isEmpty())
                QSKIP("PostgreSQL rows are off: set WB_TEST_POSTGRES_URL=postgresql://user@host:port/db "
                      "(a database the test may create a schema in; scripts/workbench.sh test starts "
                      "a throwaway server and sets it)");
            if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
                QFAIL("WB_TEST_POSTGRES_URL is set but the Qt PostgreSQL driver is missing: "
                      "install libqt6sql6-psql");
            QVERIFY2(rawExec({QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema),
                              QStringLiteral("CREATE SCHEMA %1").arg(m_schema)},
                             false),
                     "cannot reset the test schema in WB_TEST_POSTGRES_URL's database");
        } else {
            QFile::remove(path());
            QFile::remove(path() + QStringLiteral("-wal"));
            QFile::remove(path() + QStringLiteral("-shm"));
        }
    }

    void cleanupTestCase()
    {
        if (!postgresBaseUrl().isEmpty() && QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
            m_backend = QString::fromLatin1(kPostgres);
            rawExec({QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema)}, false);
        }
    }

    void migratesNewStoreToCurrentVersionAndReopens()
    {
        {
            auto s = open();
            QVERIFY2(s, s ? "" : s.error().detail.c_str());
            QCOMPARE(s.value()->schemaVersion(), 1);
            QVERIFY(s.value()->registerResource(dataset("a", "x.csv")));
            if (isPostgres()) {
                const QString described = s.value()->describe();
                QVERIFY2(described.startsWith(QLatin1String("postgresql://")), qPrintable(described));
                const QString password = QUrl(postgresBaseUrl()).password();
                QVERIFY(password.isEmpty() || !described.contains(password));
                QVERIFY(!described.contains(QLatin1Char('?')));
            } else {
                QCOMPARE(s.value()->describe(), QStringLiteral("sqlite:") + path());
            }
        }
        auto s = open();
        QVERIFY(s);
        QCOMPARE(s.value()->schemaVersion(), 1);
        auto got = s.value()->getResource("dataset", "a");
        QVERIFY(got && got.value());
        QCOMPARE(got.value()->body["uri"].get<std::string>(), std::string("x.csv"));
    }

    void usesWriteAheadLogging()
    {
        if (isPostgres())
            QSKIP("WAL files are SQLite's");
        auto s = open();
        QVERIFY(s);
        QVERIFY(s.value()->setMeta("k", "v"));
        QVERIFY(QFileInfo::exists(path() + QStringLiteral("-wal")));
    }

    void identicalRegistrationIsNoOpAndDifferentIsConflict()
    {
        auto s = open();
        QVERIFY2(s, s ? "" : s.error().detail.c_str());
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
        // After a rolled-back conflict the connection is still usable (PostgreSQL aborts the
        // transaction on error; it must have been ended).
        QVERIFY(store.registerResource(dataset("b", "z.csv")));
        QVERIFY(store.updateResource(dataset("b", "w.csv")));
        QCOMPARE(store.getResource("dataset", "b").value()->body["uri"].get<std::string>(),
                 std::string("w.csv"));
        QCOMPARE(store.updateResource(dataset("nope", "w.csv")).error().status, 404);
    }

    void invalidUtf8InABodyIsStoredReplacedNotThrown()
    {
        // E.g. a job's error message quoting a parser's "last read: '\xC2'": the write must
        // succeed (a throw would kill the job thread), the broken byte stored as U+FFFD.
        auto s = open();
        QVERIFY2(s, s ? "" : s.error().detail.c_str());
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("u", "x.csv")));
        QVERIFY(store.updateResource(dataset("u", "bad \xC2 byte")));
        QCOMPARE(store.getResource("dataset", "u").value()->body["uri"].get<std::string>(),
                 std::string("bad \xEF\xBF\xBD byte"));
        QVERIFY(store.appendRows("dataset", "u", {api::JsonObject{api::Json{{"text", "\xC2"}}}}));
        auto rows = store.readRows("dataset", "u", 0, 1);
        QVERIFY(rows);
        QCOMPARE(rows->front().value["text"].get<std::string>(), std::string("\xEF\xBF\xBD"));
    }

    void listsInRegistrationOrderPerKind()
    {
        auto s = open();
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

    void registrationNumbersAreNeverReused()
    {
        auto s = open();
        QVERIFY(s);
        auto &store = *s.value();
        auto first = store.registerResource(dataset("x", "a.csv"));
        QVERIFY(first);
        QVERIFY(first->seq > 0);
        QCOMPARE(store.getResource("dataset", "x").value()->seq, first->seq);
        QVERIFY(store.deleteResource("dataset", "x")); // x had the largest number
        auto again = store.registerResource(dataset("x", "b.csv"));
        QVERIFY(again);
        QVERIFY2(again->seq > first->seq, qPrintable(QStringLiteral("%1 then %2").arg(first->seq).arg(again->seq)));
        auto idempotent = store.registerResource(dataset("x", "b.csv"));
        QVERIFY(idempotent);
        QCOMPARE(idempotent->seq, again->seq);
    }

    void appendedRowsKeepOrderAndDieWithTheResource()
    {
        auto s = open();
        QVERIFY(s);
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("d", "f")));
        std::vector<api::JsonObject> rows;
        for (int i = 0; i < 5; ++i)
            rows.push_back(api::JsonObject{api::Json{{"i", i}, {"b", "x"}}});
        QVERIFY(store.appendRows("dataset", "d", rows));
        QVERIFY(store.appendRows("dataset", "d", {api::JsonObject{api::Json{{"i", 5}, {"q", "it's \\ \"x\""}}}}));
        QCOMPARE(store.rowCount("dataset", "d").value(), int64_t(6));
        auto page = store.readRows("dataset", "d", 3, 10);
        QVERIFY(page);
        QCOMPARE(page->size(), size_t(3));
        QCOMPARE(page->at(0).value["i"].get<int>(), 3);
        QCOMPARE(page->at(2).value["i"].get<int>(), 5);
        QCOMPARE(page->at(2).value["q"].get<std::string>(), std::string("it's \\ \"x\""));
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
        auto s = open();
        QVERIFY(s);
        auto &store = *s.value();
        QVERIFY(store.registerResource(dataset("d", "f")));
        QThreadPool pool; // before the store ends, so its threads' connections close first
        pool.setMaxThreadCount(8);
        QList<QFuture<bool>> futures;
        for (int t = 0; t < 8; ++t)
            futures.append(QtConcurrent::run(&pool, [&store, t] {
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

    //! Two Store instances on one database behave like two server processes: each has its own
    //! connections and its own in-process mutex, so only the database's locking keeps `position`
    //! and `seq` (MAX + 1) unique and dense.
    void twoStoresOnOneDatabaseShareRegistryAndAppendDensely()
    {
        auto a = open();
        QVERIFY2(a, a ? "" : a.error().detail.c_str());
        auto b = open();
        QVERIFY2(b, b ? "" : b.error().detail.c_str());
        store::Store *stores[] = {a.value().get(), b.value().get()};

        // Registered through one, visible through the other, with the same conflict rules.
        QVERIFY(stores[0]->registerResource(dataset("shared", "s.csv")));
        auto seen = stores[1]->getResource("dataset", "shared");
        QVERIFY(seen && seen.value());
        QCOMPARE(seen.value()->body["uri"].get<std::string>(), std::string("s.csv"));
        QCOMPARE(stores[1]->registerResource(dataset("shared", "other.csv")).error().status, 409);

        constexpr int threadsPerStore = 4, batches = 10, rowsPerBatch = 3;
        QThreadPool poolA, poolB; // destroyed before the stores: their threads' connections close
        QThreadPool *pools[] = {&poolA, &poolB};
        QList<QFuture<bool>> futures;
        for (int s = 0; s < 2; ++s) {
            pools[s]->setMaxThreadCount(threadsPerStore);
            for (int t = 0; t < threadsPerStore; ++t)
                futures.append(QtConcurrent::run(pools[s], [store = stores[s], s, t] {
                    // Registrations race too: `seq` must stay unique across the two stores.
                    const std::string own = "r-" + std::to_string(s) + "-" + std::to_string(t);
                    if (!store->registerResource(dataset(own, "f")))
                        return false;
                    for (int i = 0; i < batches; ++i) {
                        std::vector<api::JsonObject> rows;
                        for (int j = 0; j < rowsPerBatch; ++j)
                            rows.push_back(api::JsonObject{api::Json{{"s", s}, {"t", t}, {"i", i}, {"j", j}}});
                        if (auto ok = store->appendRows("dataset", "shared", rows); !ok) {
                            qWarning() << "append failed:" << ok.error().detail.c_str();
                            return false;
                        }
                    }
                    return true;
                }));
        }
        for (auto &f : futures)
            QVERIFY(f.result());

        const int64_t total = 2 * threadsPerStore * batches * rowsPerBatch;
        for (store::Store *store : stores) {
            QCOMPARE(store->rowCount("dataset", "shared").value(), total);
            auto all = store->readRows("dataset", "shared", 0, total + 10);
            QVERIFY(all);
            QCOMPARE(int64_t(all->size()), total); // positions 0..total-1: dense, no duplicates
            std::set<std::tuple<int, int, int, int>> distinct;
            std::map<std::pair<int, int>, int> lastBatch; // a writer's batches stay in its order
            for (size_t k = 0; k < all->size(); k += rowsPerBatch) {
                const auto &first = all->at(k).value;
                const auto writer = std::make_pair(first["s"].get<int>(), first["t"].get<int>());
                auto last = lastBatch.find(writer);
                QVERIFY(last == lastBatch.end() || last->second < first["i"].get<int>());
                lastBatch[writer] = first["i"].get<int>();
                for (int j = 0; j < rowsPerBatch; ++j) { // a batch is contiguous
                    const auto &row = all->at(k + j).value;
                    QCOMPARE(row["i"].get<int>(), first["i"].get<int>());
                    QCOMPARE(row["j"].get<int>(), j);
                    distinct.insert({row["s"].get<int>(), row["t"].get<int>(), row["i"].get<int>(), j});
                }
            }
            QCOMPARE(int64_t(distinct.size()), total);
        }

        auto listA = stores[0]->listResources("dataset");
        auto listB = stores[1]->listResources("dataset");
        QVERIFY(listA && listB);
        QCOMPARE(listA->size(), size_t(1 + 2 * threadsPerStore));
        QCOMPARE(listB->size(), listA->size());
        for (size_t k = 0; k < listA->size(); ++k)
            QCOMPARE(listA->at(k).id, listB->at(k).id);
        QCOMPARE(listA->front().id, std::string("shared"));

        // Unregistered through one: gone for the other, rows included.
        QVERIFY(stores[1]->deleteResource("dataset", "shared"));
        QVERIFY(!stores[0]->getResource("dataset", "shared").value());
        QCOMPARE(stores[0]->rowCount("dataset", "shared").value(), int64_t(0));
    }

    //! Two servers starting at once on a new database: one migrates, the other finds it done.
    void concurrentFirstOpensMigrateOnce()
    {
        QThreadPool pool;
        pool.setMaxThreadCount(3);
        QList<QFuture<QString>> futures;
        for (int k = 0; k < 3; ++k)
            futures.append(QtConcurrent::run(&pool, [this] {
                auto s = open();
                if (!s)
                    return QString::fromStdString(s.error().detail);
                return s.value()->schemaVersion() == 1 ? QString() : QStringLiteral("wrong version");
            }));
        for (auto &f : futures)
            QVERIFY2(f.result().isEmpty(), qPrintable(f.result()));
        auto s = open();
        QVERIFY(s);
        QCOMPARE(s.value()->schemaVersion(), 1);
    }

    void refusesStoreFromNewerBuild()
    {
        {
            auto s = open();
            QVERIFY(s);
        }
        QVERIFY(rawExec({QStringLiteral(
            "INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')")}));
        auto s = open();
        QVERIFY(!s);
        QVERIFY(s.error().detail.find("newer") != std::string::npos);
    }

    void metaRoundTripsAndOverwrites()
    {
        auto s = open();
        QVERIFY(s);
        QVERIFY(!s.value()->getMeta("x").value());
        QVERIFY(s.value()->setMeta("x", "1"));
        QVERIFY(s.value()->setMeta("x", "2"));
        QCOMPARE(*s.value()->getMeta("x").value(), std::string("2"));
    }

    void emptyUrlOpensTheSqliteFile()
    {
        if (backendIndependent())
            QSKIP("does not depend on the backend: runs in the sqlite row");
        auto s = store::Store::open(QString(), path());
        QVERIFY(s);
        QCOMPARE(s.value()->describe(), QStringLiteral("sqlite:") + path());
    }

    void badUrlsAreClearErrorsWithoutThePassword()
    {
        if (backendIndependent())
            QSKIP("does not depend on the backend: runs in the sqlite row");
        const bool haveDriver = QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"));
        struct Case
        {
            const char *url;
            const char *expected; // in the detail
        };
        const Case cases[] = {
            {"mysql://me:s3cr3t-pw@localhost/db", "unsupported database URL"},
            {"postgresql://me:s3cr3t-pw@localhost/", haveDriver ? "names no database" : "libqt6sql6-psql"},
            {"postgresql://me:s3cr3t-pw@localhost/db?evil;key=1", haveDriver ? "unsupported parameter" : "libqt6sql6-psql"},
            // Nothing listens on port 1: refused at once.
            {"postgres://me:s3cr3t-pw@127.0.0.1:1/db?connect_timeout=5",
             haveDriver ? "cannot connect to PostgreSQL at postgresql://me@127.0.0.1:1/db" : "libqt6sql6-psql"},
        };
        for (const Case &c : cases) {
            auto s = store::Store::open(QString::fromLatin1(c.url), path());
            QVERIFY2(!s, c.url);
            QCOMPARE(s.error().status, 500);
            QVERIFY2(s.error().detail.find(c.expected) != std::string::npos, s.error().detail.c_str());
            QVERIFY2(s.error().detail.find("s3cr3t") == std::string::npos, s.error().detail.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
