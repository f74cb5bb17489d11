#pragma once

// The engine's durable state: a registry of resources (datasets now; benchmarks, jobs and
// checkpoints later) and the rows appended to datasets. Through Qt SQL: a SQLite file by default
// (WAL), or a PostgreSQL database that several server processes share. Versioned migrations (the
// same portable SQL on both), every multi-row change in one transaction.
//
// Threading: any thread may call any method. Qt SQL connections belong to the thread that opened
// them, so the store keeps one connection per calling thread; writes are also serialised by a
// mutex so SQLite never answers "database is locked" to a concurrent writer of this process.
// Across processes: SQLite's BEGIN IMMEDIATE, or on PostgreSQL a transaction-scoped advisory lock
// taken by every write transaction (so `seq` and `position` = MAX + 1 stay dense and unique), and a
// session advisory lock while migrating (two servers starting at once migrate once).
//
// Errors follow core/api/error.h: 404 unknown resource, 409 conflict, 500 database failure (the
// detail names the operation and the driver's message).

#include "api/json_io.h"
#include "api/result.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace wb::store {

//! One registered object: its kind ("dataset"), id and JSON body (the API schema's JSON).
struct Resource
{
    std::string kind;
    std::string id;
    api::Json body;
    std::string owner; //!< principal that created it; "" when auth is off
    //! Registration number, unique across the store and never reused: a resource unregistered and
    //! registered again under the same id gets a new one, so caches can key on (id, seq).
    int64_t seq = 0;
};

class Store
{
public:
    //! Opens the store named by `databaseUrl` and migrates it to the current schema:
    //!  - empty: the SQLite file `defaultSqlitePath` (openSqlite);
    //!  - "postgresql://user[:password]@host[:port]/db[?sslmode=...&...]" (or "postgres://"):
    //!    PostgreSQL through the QPSQL driver (libqt6sql6-psql). Query items are passed to libpq
    //!    as connection parameters (sslmode, connect_timeout (default 10), application_name, ...).
    //! A missing driver, a malformed URL or an unreachable server is a 500 naming what to install
    //! or what failed; the password never appears in an error or in describe().
    static api::Result<std::unique_ptr<Store>> open(const QString &databaseUrl,
                                                    const QString &defaultSqlitePath);
    //! Opens (creating if needed) the SQLite file and migrates it to the current schema.
    static api::Result<std::unique_ptr<Store>> openSqlite(const QString &path);
    ~Store();

    //! Schema version after migrations (for tests and `--version` diagnostics).
    int schemaVersion() const;
    //! "sqlite:/path/to/store.sqlite" or "postgresql://user@host[:port]/db" (never the password).
    QString describe() const;

    api::Result<std::optional<Resource>> getResource(const std::string &kind, const std::string &id);
    //! In registration order.
    api::Result<std::vector<Resource>> listResources(const std::string &kind);
    //! Inserts; an existing resource with an equal body is left as it is (and returned), one with a
    //! different body is a 409 that names it. Returns the stored resource.
    api::Result<Resource> registerResource(const Resource &resource);
    //! Replaces the body of an existing resource (404 if absent).
    api::Status updateResource(const Resource &resource);
    //! Removes the resource and its rows in one transaction; 404 if absent.
    api::Status deleteResource(const std::string &kind, const std::string &id);

    //! Appends rows after the resource's existing rows, atomically; 404 if the resource is gone.
    api::Status appendRows(const std::string &kind, const std::string &id,
                           const std::vector<api::JsonObject> &rows);
    api::Result<int64_t> rowCount(const std::string &kind, const std::string &id);
    //! Rows [start, start+count) of the appended rows, in order.
    api::Result<std::vector<api::JsonObject>> readRows(const std::string &kind, const std::string &id,
                                                       int64_t start, int64_t count);

    //! Small key/value settings of the store itself (e.g. "samples_seeded").
    api::Result<std::optional<std::string>> getMeta(const std::string &key);
    api::Status setMeta(const std::string &key, const std::string &value);

private:
    struct Private;
    explicit Store(std::unique_ptr<Private> d);
    static api::Result<std::unique_ptr<Store>> openAndMigrate(std::unique_ptr<Private> p);
    std::unique_ptr<Private> d;
};

} // namespace wb::store
