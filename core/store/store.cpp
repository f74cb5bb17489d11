#include "store/store.h"

#include "store/migrations.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadStorage>
#include <QVariant>

namespace wb::store {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

api::Error dbError(const char *what, const QSqlError &e)
{
    return api::Error::internal(std::string("store: ") + what + " failed: " + e.text().toStdString());
}

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

} // namespace

struct Store::Private
{
    QString path;
    QString connectionPrefix;
    int schemaVersion = 0;
    QMutex writeMutex; // serialises writers of this process; SQLite allows one at a time anyway
    QThreadStorage<ThreadConnection *> connections;

    //! This thread's connection, opened and configured on first use.
    api::Result<QSqlDatabase> db()
    {
        if (!connections.hasLocalData()) {
            auto *c = new ThreadConnection{connectionPrefix
                                           + QString::number(reinterpret_cast<quintptr>(
                                                                 QThread::currentThread()),
                                                             16)};
            connections.setLocalData(c);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), c->name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
            if (!db.open())
                return dbError("opening the database", db.lastError());
            QSqlQuery pragma(db);
            for (const char *p : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                  "PRAGMA foreign_keys=ON"}) {
                if (!pragma.exec(QString::fromLatin1(p)))
                    return dbError(p, pragma.lastError());
            }
        }
        return QSqlDatabase::database(connections.localData()->name, false);
    }
};

//! A write transaction. SQLite's BEGIN IMMEDIATE takes the write lock up front, so a transaction
//! never fails half-way with "database is locked"; the destructor rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db)), m_query(m_db)
    {
        m_ok = m_query.exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~Transaction()
    {
        if (m_ok && !m_done)
            m_query.exec(QStringLiteral("ROLLBACK"));
    }
    bool begun() const { return m_ok; }
    QSqlError error() const { return m_query.lastError(); }
    bool commit()
    {
        m_done = m_query.exec(QStringLiteral("COMMIT"));
        return m_done;
    }

private:
    QSqlDatabase m_db;
    QSqlQuery m_query;
    bool m_ok = false;
    bool m_done = false;
};

Store::Store(std::unique_ptr<Private> d) : d(std::move(d)) {}

Store::~Store()
{
    // Other threads' connections close when those threads end (ThreadConnection).
    if (d->connections.hasLocalData())
        d->connections.setLocalData(nullptr);
}

api::Result<std::unique_ptr<Store>> Store::openSqlite(const QString &path)
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return api::Error::internal("store: the Qt SQLite driver (libqt6sql6-sqlite) is not installed");
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return api::Error::internal("store: cannot create the folder " + info.absolutePath().toStdString());

    auto p = std::make_unique<Private>();
    p->path = info.absoluteFilePath();
    p->connectionPrefix = QStringLiteral("wb-store-%1-").arg(g_storeCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<Store> store(new Store(std::move(p)));

    auto db = store->d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&store->d->writeMutex);
    QSqlQuery query(db.value());
    if (!query.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " description TEXT NOT NULL, applied_at TEXT NOT NULL)")))
        return dbError("creating schema_migrations", query.lastError());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
        || !query.next())
        return dbError("reading the schema version", query.lastError());
    int version = query.value(0).toInt();
    const int newest = migrations().empty() ? 0 : migrations().back().version;
    if (version > newest)
        return api::Error::internal("store: " + path.toStdString() + " has schema version "
                                    + std::to_string(version) + ", newer than this build ("
                                    + std::to_string(newest) + "); refusing to touch it");

    for (const Migration &m : migrations()) {
        if (m.version <= version)
            continue;
        Transaction tx(db.value());
        if (!tx.begun())
            return dbError("starting a migration", tx.error());
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
    return QStringLiteral("sqlite:") + d->path;
}

static Resource resourceFromQuery(const QSqlQuery &query)
{
    Resource r;
    r.kind = query.value(0).toString().toStdString();
    r.id = query.value(1).toString().toStdString();
    r.body = api::Json::parse(query.value(2).toString().toStdString(), nullptr, false);
    r.owner = query.value(3).toString().toStdString();
    return r;
}

api::Result<std::optional<Resource>> Store::getResource(const std::string &kind, const std::string &id)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("SELECT kind, id, body, owner FROM resources WHERE kind = ? AND id = ?"));
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
        "SELECT kind, id, body, owner FROM resources WHERE kind = ? ORDER BY seq"));
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
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    Transaction tx(db.value());
    if (!tx.begun())
        return dbError("starting a transaction", tx.error());
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("SELECT kind, id, body, owner FROM resources WHERE kind = ? AND id = ?"));
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
    query.prepare(QStringLiteral(
        "INSERT INTO resources (kind, id, body, owner, created_at, seq) VALUES (?, ?, ?, ?, ?,"
        " (SELECT COALESCE(MAX(seq), 0) + 1 FROM resources))"));
    query.addBindValue(q(resource.kind));
    query.addBindValue(q(resource.id));
    query.addBindValue(q(resource.body.dump()));
    query.addBindValue(q(resource.owner));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return dbError("storing a resource", query.lastError());
    if (!tx.commit())
        return dbError("committing a resource", tx.error());
    return resource;
}

api::Status Store::updateResource(const Resource &resource)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("UPDATE resources SET body = ? WHERE kind = ? AND id = ?"));
    query.addBindValue(q(resource.body.dump()));
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
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    Transaction tx(db.value());
    if (!tx.begun())
        return dbError("starting a transaction", tx.error());
    QSqlQuery query(db.value());
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
    if (!tx.commit())
        return dbError("committing a deletion", tx.error());
    return {};
}

api::Status Store::appendRows(const std::string &kind, const std::string &id,
                              const std::vector<api::JsonObject> &rows)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QMutexLocker lock(&d->writeMutex);
    Transaction tx(db.value());
    if (!tx.begun())
        return dbError("starting a transaction", tx.error());
    QSqlQuery query(db.value());
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
        query.bindValue(3, q(row.value.dump()));
        if (!query.exec())
            return dbError("appending a row", query.lastError());
    }
    if (!tx.commit())
        return dbError("committing appended rows", tx.error());
    return {};
}

api::Result<int64_t> Store::rowCount(const std::string &kind, const std::string &id)
{
    auto db = d->db();
    if (!db)
        return db.error();
    QSqlQuery query(db.value());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM resource_rows WHERE kind = ? AND id = ?"));
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
