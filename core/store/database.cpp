#include "database.h"

#include <atomic>

#include <QCoreApplication>
#include <QThread>

#include "core/store/sqlscript.h"
#include "core/store/storelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

thread_local int Database::s_transactionDepth = 0;

namespace {
std::atomic<int> s_instanceCounter { 0 };

bool looksLikeConnectionLoss(const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString state = error.nativeErrorCode();
    // 08xxx connection exception; 57P01..57P03 admin/crash shutdown, cannot connect now.
    if (state.startsWith(u"08") || state.startsWith(u"57P"))
        return true;
    // libpq reports a socket closed under it without a SQLSTATE.
    const QString text = error.databaseText() + error.driverText();
    return state.isEmpty()
        && (text.contains(u"server closed the connection"_s)
            || text.contains(u"no connection to the server"_s)
            || text.contains(u"terminating connection"_s)
            || text.contains(u"connection to server"_s));
}
} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_prefix(u"xerosync-db%1"_s.arg(s_instanceCounter.fetch_add(1)))
{ }

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    // removeDatabase() closes the connection; database() would warn for another thread's.
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Database>> Database::fromUrl(const QString &url)
{
    auto config = DatabaseConfig::fromUrl(url);
    if (!config)
        return std::unexpected(config.error());
    return std::make_unique<Database>(*config);
}

QString Database::threadConnectionName() const
{
    return u"%1-t%2"_s.arg(m_prefix).arg(quintptr(QThread::currentThreadId()));
}

Result<QSqlDatabase> Database::openDedicated(const DatabaseConfig &config, const QString &name)
{
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return fail(ErrorCode::Internal,
            u"the Qt PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql"_s);
    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db.setHostName(config.host);
    db.setPort(config.port);
    db.setUserName(config.user);
    db.setPassword(config.password);
    db.setDatabaseName(config.database);
    db.setConnectOptions(config.connectOptions);
    if (!db.open()) {
        // libpq's message names host and port but never the password.
        return fail(ErrorCode::Unavailable,
            u"cannot connect to PostgreSQL at %1: %2"_s.arg(
                config.redacted(), db.lastError().text().trimmed()),
            true);
    }
    // UTC keeps timestamps unambiguous; warnings-only keeps libpq from printing NOTICEs
    // ("relation already exists, skipping") on stderr.
    QSqlQuery session(db);
    if (!session.exec(u"SET TIME ZONE 'UTC'"_s)
        || !session.exec(u"SET client_min_messages = warning"_s)) {
        return std::unexpected(toError(session.lastError(), u"session setup"_s));
    }
    return db;
}

Result<QSqlDatabase> Database::connection()
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    } else {
        QMutexLocker lock(&m_mutex);
        m_connectionNames.insert(name);
        // A worker thread's connection goes with the thread; finished() is emitted from that
        // thread, the only one allowed to remove it. Captures only the name: the Database may
        // be gone by then.
        QThread *thread = QThread::currentThread();
        if (QCoreApplication::instance() && thread != QCoreApplication::instance()->thread()) {
            QObject::connect(
                thread, &QThread::finished, thread, [name] { QSqlDatabase::removeDatabase(name); },
                Qt::DirectConnection);
        }
    }
    auto db = openDedicated(m_config, name);
    if (db)
        qCDebug(lcStore) << "opened connection" << name << "to" << m_config.redacted();
    return db;
}

bool Database::isAlive(QSqlDatabase &db) const
{
    if (!db.isOpen()) // QPSQL closes a connection whose socket the server dropped
        return false;
    QSqlQuery probe(db);
    return probe.exec(u"SELECT 1"_s);
}

Result<QSqlDatabase> Database::reopen(QSqlDatabase db)
{
    qCWarning(lcStore) << "connection to" << m_config.redacted() << "was lost; reconnecting";
    db.close();
    return connection();
}

Result<QSqlQuery> Database::run(
    QSqlDatabase &db, const QString &sql, const QVariantList &binds) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.setNumericalPrecisionPolicy(QSql::LowPrecisionDouble);
    const bool ok = binds.isEmpty() ? query.exec(sql) : [&] {
        if (!query.prepare(sql))
            return false;
        for (const QVariant &value : binds)
            query.addBindValue(value);
        return query.exec();
    }();
    if (!ok)
        return std::unexpected(toError(query.lastError(), sql.simplified().left(60)));
    return query;
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &binds)
{
    auto db = connection();
    if (!db)
        return std::unexpected(db.error());
    auto result = run(*db, sql, binds);
    if (result || s_transactionDepth > 0 || !result.error().retryable || isAlive(*db))
        return result;
    auto fresh = reopen(*db);
    if (!fresh)
        return std::unexpected(fresh.error());
    return run(*fresh, sql, binds);
}

Result<void> Database::execScript(const QString &sql)
{
    for (const QString &statement : SqlScript::split(sql)) {
        if (auto result = exec(statement); !result)
            return std::unexpected(result.error());
    }
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>()> &work)
{
    if (auto begin = exec(u"BEGIN"_s); !begin)
        return std::unexpected(begin.error());
    ++s_transactionDepth;
    Result<void> outcome = work();
    --s_transactionDepth;
    if (!outcome) {
        if (auto rollback = exec(u"ROLLBACK"_s); !rollback)
            qCWarning(lcStore) << "rollback failed:" << rollback.error().message;
        return outcome;
    }
    if (auto commit = exec(u"COMMIT"_s); !commit)
        return std::unexpected(commit.error());
    return {};
}

Error Database::toError(const QSqlError &error, const QString &context)
{
    const QString state = error.nativeErrorCode();
    const QString text = error.databaseText().trimmed().isEmpty() ? error.text().trimmed()
                                                                  : error.databaseText().trimmed();
    const QString message = context.isEmpty() ? text : u"%1 (in: %2)"_s.arg(text, context);
    if (looksLikeConnectionLoss(error))
        return { ErrorCode::Unavailable, u"PostgreSQL unavailable: "_s + message, true };
    if (state == u"23505")
        return { ErrorCode::Conflict, message, false };
    if (state == u"40001" || state == u"40P01" || state == u"55P03")
        return { ErrorCode::Conflict, message, true }; // serialization, deadlock, lock timeout
    if (state == u"57014")
        return { ErrorCode::Timeout, message, true }; // statement timeout / cancel
    if (state.startsWith(u"22") || state.startsWith(u"23"))
        return { ErrorCode::BadRequest, message, false }; // data exception, constraint
    return { ErrorCode::Internal, message, false };
}

} // namespace XeroSync
