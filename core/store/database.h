#pragma once

#include <functional>

#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

#include "core/common/error.h"
#include "core/store/databaseconfig.h"

namespace XeroSync {

//! PostgreSQL through QtSql's QPSQL driver: one named connection per thread (a QSqlDatabase may
//! only be used from the thread that created it), reopened after the server went away.
//! Thread-safe; the stores hold a reference to one Database shared by all threads.
class Database final
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    static Result<std::unique_ptr<Database>> fromUrl(const QString &url);

    const DatabaseConfig &config() const { return m_config; }

    //! This thread's connection, opened (or reopened) as needed.
    Result<QSqlDatabase> connection();

    //! A connection of its own under `name`, not shared with the stores (the approval listener
    //! needs one). The caller closes it and calls QSqlDatabase::removeDatabase(name).
    static Result<QSqlDatabase> openDedicated(const DatabaseConfig &config, const QString &name);

    //! Prepares, binds (positional `?`) and runs one statement on this thread's connection.
    //! Outside a transaction, a statement that failed because the server went away (restart,
    //! failover) is retried once on a fresh connection: the server had not run it, because the
    //! connection was already dead when it was sent.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds = {});

    //! Runs `work` inside BEGIN/COMMIT on this thread's connection; ROLLBACK when it fails.
    Result<void> transaction(const std::function<Result<void>()> &work);

    //! A script of one or more statements (split by SqlScript), each run unprepared in turn;
    //! stops at the first failure. For migrations and tests.
    Result<void> execScript(const QString &sql);

    //! The Error for a QtSql error: SQLSTATE classes map to codes; connection loss is retryable.
    static Error toError(const QSqlError &error, const QString &context);

private:
    QString threadConnectionName() const;
    Result<QSqlDatabase> reopen(QSqlDatabase db);
    bool isAlive(QSqlDatabase &db) const;
    Result<QSqlQuery> run(QSqlDatabase &db, const QString &sql, const QVariantList &binds) const;

    const DatabaseConfig m_config;
    const QString m_prefix;
    mutable QMutex m_mutex;
    QSet<QString> m_connectionNames;
    static thread_local int s_transactionDepth;
};

} // namespace XeroSync
