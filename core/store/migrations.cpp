#include "store/migrations.h"

namespace wb::store {

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all = {
        {1,
         "resources registry, appended rows, store settings",
         {
             QStringLiteral("CREATE TABLE resources ("
                            " kind TEXT NOT NULL,"
                            " id TEXT NOT NULL,"
                            " body TEXT NOT NULL,"
                            " owner TEXT NOT NULL DEFAULT '',"
                            " created_at TEXT NOT NULL,"
                            " seq BIGINT NOT NULL,"
                            " PRIMARY KEY (kind, id))"),
             QStringLiteral("CREATE INDEX resources_by_seq ON resources (kind, seq)"),
             // Rows appended to a resource (a dataset), kept in order by `position`.
             QStringLiteral("CREATE TABLE resource_rows ("
                            " kind TEXT NOT NULL,"
                            " id TEXT NOT NULL,"
                            " position BIGINT NOT NULL,"
                            " body TEXT NOT NULL,"
                            " PRIMARY KEY (kind, id, position))"),
             QStringLiteral("CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
         }},
    };
    return all;
}

} // namespace wb::store
