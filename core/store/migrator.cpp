#include "migrator.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include "core/store/database.h"
#include "core/store/storelogging.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
// Arbitrary but fixed: every xerosync agent on this database contends for the same lock.
constexpr qint64 MIGRATION_LOCK_KEY = 7865727300000000;

const auto CREATE_TABLE =
    u"CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY, name text NOT NULL,"
    " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"_s;
} // namespace

Migrator::Migrator(Database &database, QString resourceDir)
    : m_database(database)
    , m_resourceDir(std::move(resourceDir))
{ }

Result<QList<Migration>> Migrator::available() const
{
    static const QRegularExpression pattern(u"^(\\d{4})_([a-z0-9_]+)\\.sql$"_s);
    QList<Migration> migrations;
    const QDir dir(m_resourceDir);
    const auto files = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &fileName : files) {
        const auto match = pattern.match(fileName);
        if (!match.hasMatch())
            return fail(ErrorCode::Internal,
                u"migration file '%1' is not named NNNN_name.sql"_s.arg(fileName));
        QFile file(dir.filePath(fileName));
        if (!file.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Internal, u"cannot read migration %1"_s.arg(fileName));
        const QByteArray bytes = file.readAll();
        migrations.append({ match.captured(1).toInt(), match.captured(2), QString::fromUtf8(bytes),
            QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()) });
    }
    if (migrations.isEmpty())
        return fail(ErrorCode::Internal, u"no migrations found in %1"_s.arg(m_resourceDir));
    for (qsizetype i = 1; i < migrations.size(); ++i) {
        if (migrations[i].version == migrations[i - 1].version)
            return fail(ErrorCode::Internal,
                u"two migrations have version %1"_s.arg(migrations[i].version));
    }
    return migrations;
}

Result<QList<int>> Migrator::applied()
{
    auto exists = m_database.exec(u"SELECT to_regclass('schema_migrations') IS NOT NULL"_s);
    if (!exists)
        return std::unexpected(exists.error());
    if (!exists->next() || !exists->value(0).toBool())
        return QList<int> {};
    auto rows = m_database.exec(u"SELECT version FROM schema_migrations ORDER BY version"_s);
    if (!rows)
        return std::unexpected(rows.error());
    QList<int> versions;
    while (rows->next())
        versions.append(rows->value(0).toInt());
    return versions;
}

Result<int> Migrator::migrate()
{
    auto all = available();
    if (!all)
        return std::unexpected(all.error());
    // Session-level lock on this thread's connection: waits while another agent migrates.
    if (auto lock = m_database.exec(u"SELECT pg_advisory_lock(?)"_s, { MIGRATION_LOCK_KEY }); !lock)
        return std::unexpected(lock.error());
    auto result = migrateLocked(*all);
    if (auto unlock = m_database.exec(u"SELECT pg_advisory_unlock(?)"_s, { MIGRATION_LOCK_KEY });
        !unlock)
        qCWarning(lcMigrations) << "could not release the migration lock:"
                                << unlock.error().message;
    return result;
}

Result<int> Migrator::migrateLocked(const QList<Migration> &all)
{
    if (auto created = m_database.execScript(CREATE_TABLE); !created)
        return std::unexpected(created.error());
    auto rows = m_database.exec(u"SELECT version, checksum FROM schema_migrations"_s);
    if (!rows)
        return std::unexpected(rows.error());
    QHash<int, QString> done;
    while (rows->next())
        done.insert(rows->value(0).toInt(), rows->value(1).toString());

    int count = 0;
    for (const Migration &migration : all) {
        if (const auto it = done.constFind(migration.version); it != done.constEnd()) {
            if (*it != migration.checksum)
                return fail(ErrorCode::Conflict,
                    u"migration %1_%2 was changed after it was applied; add a new migration instead"_s
                        .arg(migration.version, 4, 10, QChar(u'0'))
                        .arg(migration.name));
            continue;
        }
        auto applied = m_database.transaction([&]() -> Result<void> {
            if (auto script = m_database.execScript(migration.sql); !script)
                return script;
            auto insert = m_database.exec(
                u"INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"_s,
                { migration.version, migration.name, migration.checksum });
            if (!insert)
                return std::unexpected(insert.error());
            return {};
        });
        if (!applied) {
            Error error = applied.error();
            error.message =
                u"migration %1_%2 failed: %3"_s.arg(migration.version, 4, 10, QChar(u'0'))
                    .arg(migration.name, error.message);
            return std::unexpected(error);
        }
        qCInfo(lcMigrations) << "applied migration" << migration.version << migration.name;
        ++count;
    }
    const int latest = std::ranges::max(done.keys() + QList<int> { 0 });
    if (latest > all.last().version)
        qCWarning(lcMigrations) << "the database has schema version" << latest
                                << "which is newer than this build's" << all.last().version;
    return count;
}

} // namespace XeroSync
