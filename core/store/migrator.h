#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

class Database;

struct Migration
{
    int version = 0;
    QString name;
    QString sql;
    QString checksum; //!< SHA-256 of the file, to notice a migration edited after release
};

//! Applies the SQL files embedded under :/xerosync/migrations (NNNN_name.sql) in order, each once
//! and in its own transaction, recorded in `schema_migrations`. A session advisory lock makes
//! agents that start at the same moment apply them one after the other.
class Migrator final
{
public:
    explicit Migrator(
        Database &database, QString resourceDir = QStringLiteral(":/xerosync/migrations"));

    //! The embedded migrations, sorted by version; an ill-named file is an error.
    Result<QList<Migration>> available() const;

    //! Versions already applied, ascending.
    Result<QList<int>> applied();

    //! Applies what is pending; returns how many were applied (0 when up to date).
    Result<int> migrate();

private:
    Result<int> migrateLocked(const QList<Migration> &all);

    Database &m_database;
    const QString m_resourceDir;
};

} // namespace XeroSync
