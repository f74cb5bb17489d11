#pragma once

// Versioned schema migrations. Each migration is a list of portable SQL statements (SQLite and
// PostgreSQL) applied in one transaction; `schema_migrations` records which ran. Never edit a
// migration that has shipped: add a new one.

#include <QStringList>

#include <vector>

namespace wb::store {

struct Migration
{
    int version;
    const char *description;
    QStringList statements;
};

const std::vector<Migration> &migrations();

} // namespace wb::store
