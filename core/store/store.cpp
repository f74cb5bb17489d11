#include "store/store.h"

#include "store/migrations.h"

#include <QAtomicInt>

#include <algorithm>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QRegularExpression>
#include <QThreadStorage>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

namespace wb::store {

namespace {

//! JSON text as stored. Invalid UTF-8 in a string (e.g. an error message quoting a broken byte)
//! becomes U+FFFD instead of throwing: a write must not fail, or a caller's thread die, over it.
std::string storedText(const api::Json &j)
{
    return j.dump(-1, ' ', false, api::Json::error_handler_t::replace);
}


QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

api::Error dbError(const char *what, const QSqlError &e)
{
    return api::Error::internal(std::string("store: ") + what + " failed: " + e.text().toStdString());
}

enum class Backend { Sqlite, Postgres };

// PostgreSQL advisory lock keys ("WBSTORE" + 1 / 2), shared by every process using the database.
// Write transactions take kWriteLock for their duration; migrations hold kMigrateLock.
constexpr qint64 kWriteLock = 0x5742'5354'4F52'4501;
constexpr qint64 kMigrateLock = 0x5742'5354'4F52'4502;

//! Removes this thread's connection when the thread ends (Qt SQL connections are per thread).
struct ThreadConnection
{
    QString name;
    ~ThreadConnection()
    {
        if (QSqlDatabase::contains(name)) {
            {
                QSqlDatabase db = QSqlDatabase::database(name, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
    }
};

QAtomicInt g_storeCounter;

//! A libpq conninfo value, quoted ('...' with \ and ' escaped).
QString conninfoQuoted(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}

} // namespace

//! A write transaction; the destructor rolls back unless committed. SQLite's BEGIN IMMEDIATE takes
//! the write lock up front, so a transaction never fails half-way with "database is locked". On
//! PostgreSQL, BEGIN plus a transaction-scoped advisory lock: writers of every process sharing the
//! database take turns, so MAX + 1 (seq, position) computed inside the transaction stays unique.
class Transaction
{
public:
    Transaction(QSqlDatabase db, Backend backend) : m_db(std::move(db)), m_query(m_db)
    {
        if (backend == Backend::Sqlite) {
            m_ok = m_query.exec(QStringLiteral("BEGIN IMMEDIATE"));
            return;
        }
        if (!m_query.exec(QStringLiteral("BEGIN")))
            return;
        if (!m_query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWriteLock))) {
            m_error = m_query.lastError();
            m_query.exec(QStringLiteral("ROLLBACK"));
            return;
        }
        m_ok = true;
    }
    ~Transaction()
    {
        if (m_ok && !m_done)
            m_query.exec(QStringLiteral("ROLLBACK"));
    }
    bool begun() const { return m_ok; }
    QSqlError error() const { return m_error.isValid() ? m_error : m_query.lastError(); }
    bool commit()
    {
        m_done = m_query.exec(QStringLiteral("COMMIT"));
        return m_done;
    }

private:
    QSqlDatabase m_db;
    QSqlQuery m_query;
    QSqlError m_error;
    bool m_ok = false;
    bool m_done = false;
};

struct Store::Private
{
    Backend backend = Backend::Sqlite;
    QString path; // SQLite file
    // PostgreSQL connection parameters.
    QString host, user, password, database, connectOptions;
    int port = -1;

    QString connectionPrefix;
    int schemaVersion = 0;
    QMutex writeMutex; // serialises writers of this process; SQLite allows one at a time anyway
    QThreadStorage<ThreadConnection *> connections;
    QMutex namesMutex;
    QStringList connectionNames; // every thread's connection, removed with the store

    QString describe() const
    {
        if (backend == Backend::Sqlite)
            return QStringLiteral("sqlite:") + path;
        QString s = QStringLiteral("postgresql://");
        if (!user.isEmpty())
            s += QString::fromUtf8(QUrl::toPercentEncoding(user)) + QLatin1Char('@');
        s += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
        if (port != -1)
            s += QLatin1Char(':') + QString::number(port);
        return s + QLatin1Char('/') + QString::fromUtf8(QUrl::toPercentEncoding(database));
    }

    //! This thread's connection, opened and configured on first use (and reopened after a failed
    //! open, so a server that was briefly unreachable does not poison the thread).
    api::Result<QSqlDatabase> db()
    {
        if (!connections.hasLocalData()) {
            auto *c = new ThreadConnection{connectionPrefix
                                           + QString::number(reinterpret_cast<quintptr>(
                                                                 QThread::currentThread()),
                                                             16)};
            connections.setLocalData(c);
            {
                QMutexLocker lock(&namesMutex);
                connectionNames.append(c->name);
            }
            if (backend == Backend::Sqlite) {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->name);
                db.setDatabaseName(path);
                db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
            } else {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), c->name);
                db.setHostName(host);
                db.setPort(port);
                db.setUserName(user);
                db.setPassword(password);
                db.setDatabaseName(database);
                db.setConnectOptions(connectOptions);
            }
        }
        QSqlDatabase db = QSqlDatabase::database(connections.localData()->name, false);
        if (db.isOpen())
            return db;
        if (!db.open()) {
            if (backend == Backend::Sqlite)
                return dbError("opening the database", db.lastError());
            return api::Error::internal("store: cannot connect to PostgreSQL at "
                                        + describe().toStdString() + ": "
                                        + db.lastError().text().trimmed().toStdString());
        }
        if (backend == Backend::Postgres) {
            // "relation already exists, skipping" and the like are not worth a line on stderr.
            QSqlQuery set(db);
            if (!set.exec(QStringLiteral("SET client_min_messages = warning"))) {
                const auto error = dbError("configuring the connection", set.lastError());
                set.finish();
                db.close();
                return error;
            }
        } else {
            QSqlQuery pragma(db);
            for (const char *p : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                  "PRAGMA foreign_keys=ON"}) {
                if (!pragma.exec(QString::fromLatin1(p))) {
                    const auto error = dbError(p, pragma.lastError());
                    pragma.finish();
                    db.close();
                    return error;
                }
            }
        }
        return db;
    }

    //! Runs `body(query)` as one write transaction: this process's writers take turns (writeMutex),
    //! and Transaction serialises writers across processes. Commits when `body` succeeds, rolls
    //! back otherwise. `what` names the operation in a commit error.
    template<typename T, typename Body>
    api::Result<T> write(const char *what, Body body)
    {
        auto connection = db();
        if (!connection)
            return connection.error();
        QMutexLocker lock(&writeMutex);
        // Declared before the transaction so that, on an error, its prepared statement is freed
        // after the rollback (PostgreSQL refuses DEALLOCATE inside an aborted transaction).
        QSqlQuery query(connection.value());
        Transaction tx(connection.value(), backend);
        if (!tx.begun())
            return dbError("starting a transaction", tx.error());
        api::Result<T> result = body(query);
        if (result && !tx.commit())
            return dbError(what, tx.error());
        return result;
    }
};


//! Holds PostgreSQL's migration lock (a session advisory lock) while alive.
class MigrationLock
{
public:
    MigrationLock(QSqlDatabase db, Backend backend) : m_query(db)
    {
        if (backend != Backend::Postgres) {
            m_ok = true;
            return;
        }
        m_ok = m_query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrateLock));
        m_held = m_ok;
    }
    ~MigrationLock()
    {
        if (m_held)
            m_query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrateLock));
    }
    bool ok() const { return m_ok; }
    QSqlError error() const { return m_query.lastError(); }

private:
    QSqlQuery m_query;
    bool m_ok = false;
    bool m_held = false;
};

Store::Store(std::unique_ptr<Private> d) : d(std::move(d)) {}

Store::~Store()
{
    if (d->connections.hasLocalData())
        d->connections.setLocalData(nullptr);
    // Other threads' connections: Qt never runs their ThreadConnection once this storage is gone,
    // so close them here (no call is in flight when the store is destroyed). Otherwise every
    // PostgreSQL connection would stay open until the process ends.
    QMutexLocker lock(&d->namesMutex);
    for (const QString &name : std::as_const(d->connectionNames))
        QSqlDatabase::removeDatabase(name);
}

api::Result<std::unique_ptr<Store>> Store::open(const QString &databaseUrl,
                                                const QString &defaultSqlitePath)
{
    const QString text = databaseUrl.trimmed();
    if (text.isEmpty())
        return openSqlite(defaultSqlitePath);
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const std::string shown = url.toDisplayString(QUrl::RemovePassword).toStdString();
    if (scheme == QLatin1String("sqlite") && !url.path().isEmpty())
        return openSqlite(url.path());
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return api::Error::internal(
            "store: unsupported database URL '" + (url.isValid() ? shown : std::string("(malformed)"))
            + "': use postgresql://user[:password]@host[:port]/database, or leave it empty for "
              "the SQLite file in the data folder");
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return api::Error::internal(
            "store: the Qt PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql "
            "(Debian: apt-get install libqt6sql6-psql) to use " + shown);

    auto p = std::make_unique<Private>();
    p->backend = Backend::Postgres;
    p->host = url.host(QUrl::FullyDecoded);
    p->port = url.port(-1);
    p->user = url.userName(QUrl::FullyDecoded);
    p->password = url.password(QUrl::FullyDecoded);
    p->database = url.path(QUrl::FullyDecoded).mid(1);
    if (p->database.isEmpty() || p->database.contains(QLatin1Char('/')))
        return api::Error::internal("store: the database URL '" + shown
                                    + "' names no database: use postgresql://user@host/database");

    QStringList options;
    bool hasTimeout = false;
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z_]+$"));
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!keyPattern.match(key).hasMatch() || value.contains(QLatin1Char(';'))
            || key == QLatin1String("password"))
            return api::Error::internal("store: unsupported parameter '" + key.toStdString()
                                        + "' in the database URL '" + shown + "'");
        hasTimeout = hasTimeout || key == QLatin1String("connect_timeout");
        options << key + QLatin1Char('=') + conninfoQuoted(value);
    }
    if (!hasTimeout)
        options << QStringLiteral("connect_timeout=10"); // an unreachable host fails, not hangs
    p->connectOptions = options.join(QLatin1Char(';'));
    return openAndMigrate(std::move(p));
}

api::Result<std::unique_ptr<Store>> Store::openSqlite(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return api::Error::internal("store: the Qt SQLite driver (libqt6sql6-sqlite) is not installed");
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return api::Error::internal("store: cannot create the folder " + info.absolutePath().toStdString());

    auto p = std::make_unique<Private>();
    p->backend = Backend::Sqlite;
    p->path = info.absoluteFilePath();
    return openAndMigrate(std::move(p));
}

api::Result<std::unique_ptr<Store>> Store::openAndMigrate(std::unique_ptr<Private> p)
{
    p->connectionPrefix = QStringLiteral("wb-store-%1-").arg(g_storeCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Store> store(new Store(std::move(p)));
    const Backend backend = store->d->backend;

    auto db = store->d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&store->d->writeMutex);
    // Two servers starting at once on one PostgreSQL database: the second waits here, then finds
    // the schema current.
    MigrationLock migrationLock(db.value(), backend);
    if (!migrationLock.ok())
        return dbError("taking the migration lock", migrationLock.error());
    QSqlQuery query(db.value());
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " description TEXT NOT NULL, applied_at TEXT NOT NULL)")))
        return dbError("creating schema_migrations", query.lastError());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return dbError("reading the schema version", query.lastError());
    int version = query.value(0).toInt();
    query.finish();
    const int newest = migrations().empty() ? 0 : migrations().back().version;
    if (version > newest)
        return api::Error::internal("store: " + store->describe().toStdString() + " has schema version "
                                    + std::to_string(version) + ", newer than this build ("
                                    + std::to_string(newest) + "); refusing to touch it");

    for (const Migration &m : migrations()) {
        if (m.version <= version)
            continue;
        Transaction tx(db.value(), backend);
        if (!tx.begun())
            return dbError("starting a migration", tx.error());
        // Another process may have migrated meanwhile (SQLite has no migration lock; its
        // BEGIN IMMEDIATE serialises the check and the change).
        if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
            || !query.next())
            return dbError("reading the schema version", query.lastError());
        version = std::max(version, query.value(0).toInt());
        query.finish();
        if (m.version <= version)
            continue;
        for (const QString &sql : m.statements)
            if (!query.exec(sql))
                return dbError(m.description, query.lastError());
        query.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        query.addBindValue(m.version);
        query.addBindValue(QString::fromUtf8(m.description));
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!query.exec())
            return dbError("recording a migration", query.lastError());
        if (!tx.commit())
            return dbError("committing a migration", tx.error());
        version = m.version;
    }
    store->d->schemaVersion = version;
    return store;
}

int Store::schemaVersion() const
{
    return d->schemaVersion;
}

QString Store::describe() const
{
    return d->describe();
}

static Resource resourceFromQuery(const QSqlQuery &query)
{
    Resource r;
    r.kind = query.value(0).toString().toStdString();
    r.id = query.value(1).toString().toStdString();
    r.body = api::Json::parse(query.value(2).toString().toStdString(), nullptr, false);
    r.owner = query.value(3).toString().toStdString();
    r.seq = query.value(4).toLongLong();
    return r;
}

api::Result<std::optional<Resource>> Store::getResource(const std::string &kind, const std::string &id)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("SELECT kind, id, body, owner, seq FROM resources WHERE kind = ? AND id = ?"));
    query.addBindValue(q(kind));
    query.addBindValue(q(id));
    if (!query.exec())
        return dbError("reading a resource", query.lastError());
    if (!query.next())
        return std::optional<Resource>();
    return std::optional<Resource>(resourceFromQuery(query));
}

api::Result<std::vector<Resource>> Store::listResources(const std::string &kind)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT kind, id, body, owner, seq FROM resources WHERE kind = ? ORDER BY seq"));
    query.addBindValue(q(kind));
    if (!query.exec())
        return dbError("listing resources", query.lastError());
    std::vector<Resource> out;
    while (query.next())
        out.push_back(resourceFromQuery(query));
    return out;
}

api::Result<Resource> Store::registerResource(const Resource &resource)
{
    return d->write<Resource>("committing a resource", [&](QSqlQuery &query) -> api::Result<Resource> {
        query.prepare(QStringLiteral("SELECT kind, id, body, owner, seq FROM resources WHERE kind = ? AND id = ?"));
        query.addBindValue(q(resource.kind));
        query.addBindValue(q(resource.id));
        if (!query.exec())
            return dbError("reading a resource", query.lastError());
        if (query.next()) {
            Resource existing = resourceFromQuery(query);
            if (existing.body == resource.body)
                return existing;
            return api::Error::conflict("A " + resource.kind + " with id '" + resource.id
                                        + "' already exists with different content. Unregister it "
                                          "first if you want to replace it.");
        }
        // The next registration number: past every number ever given (kept in store_meta, since the
        // resource that had the largest one may have been unregistered), so (id, seq) is never reused.
        if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM resources")) || !query.next())
            return dbError("numbering a resource", query.lastError());
        int64_t next = query.value(0).toLongLong() + 1;
        if (!query.exec(QStringLiteral("SELECT value FROM store_meta WHERE key = 'resource_seq'")))
            return dbError("numbering a resource", query.lastError());
        if (query.next())
            next = std::max<int64_t>(next, query.value(0).toString().toLongLong() + 1);
        query.prepare(QStringLiteral(
            "INSERT INTO store_meta (key, value) VALUES ('resource_seq', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
        query.addBindValue(QString::number(next));
        if (!query.exec())
            return dbError("numbering a resource", query.lastError());

        query.prepare(QStringLiteral(
            "INSERT INTO resources (kind, id, body, owner, created_at, seq) VALUES (?, ?, ?, ?, ?, ?)"));
        query.addBindValue(q(resource.kind));
        query.addBindValue(q(resource.id));
        query.addBindValue(q(storedText(resource.body)));
        query.addBindValue(q(resource.owner));
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        query.addBindValue(qint64(next));
        if (!query.exec())
            return dbError("storing a resource", query.lastError());
        Resource stored = resource;
        stored.seq = next;
        return stored;
    });
}

api::Status Store::updateResource(const Resource &resource)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("UPDATE resources SET body = ? WHERE kind = ? AND id = ?"));
    query.addBindValue(q(storedText(resource.body)));
    query.addBindValue(q(resource.kind));
    query.addBindValue(q(resource.id));
    if (!query.exec())
        return dbError("updating a resource", query.lastError());
    if (query.numRowsAffected() == 0)
        return api::Error::notFound(resource.kind + " '" + resource.id + "' not found");
    return {};
}

api::Status Store::deleteResource(const std::string &kind, const std::string &id)
{
    return d->write<void>("committing a deletion", [&](QSqlQuery &query) -> api::Result<void> {
        query.prepare(QStringLiteral("DELETE FROM resources WHERE kind = ? AND id = ?"));
        query.addBindValue(q(kind));
        query.addBindValue(q(id));
        if (!query.exec())
            return dbError("deleting a resource", query.lastError());
        if (query.numRowsAffected() == 0)
            return api::Error::notFound(kind + " '" + id + "' not found");
        query.prepare(QStringLiteral("DELETE FROM resource_rows WHERE kind = ? AND id = ?"));
        query.addBindValue(q(kind));
        query.addBindValue(q(id));
        if (!query.exec())
            return dbError("deleting appended rows", query.lastError());
        return {};
    });
}

api::Status Store::appendRows(const std::string &kind, const std::string &id,
                              const std::vector<api::JsonObject> &rows)
{
    return d->write<void>("committing appended rows", [&](QSqlQuery &query) -> api::Result<void> {
        // Checked inside the transaction, so a concurrent unregister cannot leave orphan rows.
        query.prepare(QStringLiteral("SELECT 1 FROM resources WHERE kind = ? AND id = ?"));
        query.addBindValue(q(kind));
        query.addBindValue(q(id));
        if (!query.exec())
            return dbError("reading a resource", query.lastError());
        if (!query.next())
            return api::Error::notFound(kind + " '" + id + "' not found");
        query.prepare(QStringLiteral(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM resource_rows WHERE kind = ? AND id = ?"));
        query.addBindValue(q(kind));
        query.addBindValue(q(id));
        if (!query.exec() || !query.next())
            return dbError("counting appended rows", query.lastError());
        qint64 position = query.value(0).toLongLong();

        query.prepare(QStringLiteral(
            "INSERT INTO resource_rows (kind, id, position, body) VALUES (?, ?, ?, ?)"));
        for (const auto &row : rows) {
            query.bindValue(0, q(kind));
            query.bindValue(1, q(id));
            query.bindValue(2, position++);
            query.bindValue(3, q(storedText(row.value)));
            if (!query.exec())
                return dbError("appending a row", query.lastError());
        }
        return {};
    });
}

api::Result<int64_t> Store::rowCount(const std::string &kind, const std::string &id)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    // Positions are dense from 0, so the largest one answers from the primary key's index
    // (COUNT(*) would walk every appended row).
    query.prepare(QStringLiteral(
        "SELECT COALESCE(MAX(position) + 1, 0) FROM resource_rows WHERE kind = ? AND id = ?"));
    query.addBindValue(q(kind));
    query.addBindValue(q(id));
    if (!query.exec() || !query.next())
        return dbError("counting appended rows", query.lastError());
    return int64_t(query.value(0).toLongLong());
}

api::Result<std::vector<api::JsonObject>> Store::readRows(const std::string &kind,
                                                          const std::string &id, int64_t start,
                                                          int64_t count)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.setForwardOnly(true);
    // Positions are dense from 0 (rows are only appended, and removed only with the resource).
    query.prepare(QStringLiteral("SELECT body FROM resource_rows WHERE kind = ? AND id = ?"
                                 " AND position >= ? AND position < ? ORDER BY position"));
    query.addBindValue(q(kind));
    query.addBindValue(q(id));
    query.addBindValue(qint64(start));
    query.addBindValue(qint64(start + count));
    if (!query.exec())
        return dbError("reading appended rows", query.lastError());
    std::vector<api::JsonObject> out;
    while (query.next()) {
        api::JsonObject row;
        row.value = api::Json::parse(query.value(0).toString().toStdString(), nullptr, false);
        if (!row.value.is_object())
            return api::Error::internal("store: an appended row of " + id + " is corrupt");
        out.push_back(std::move(row));
    }
    return out;
}

api::Result<std::optional<std::string>> Store::getMeta(const std::string &key)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("SELECT value FROM store_meta WHERE key = ?"));
    query.addBindValue(q(key));
    if (!query.exec())
        return dbError("reading a setting", query.lastError());
    if (!query.next())
        return std::optional<std::string>();
    return std::optional<std::string>(query.value(0).toString().toStdString());
}

api::Status Store::setMeta(const std::string &key, const std::string &value)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral(
        "INSERT INTO store_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(q(key));
    query.addBindValue(q(value));
    if (!query.exec())
        return dbError("writing a setting", query.lastError());
    return {};
}

} // namespace wb::store
