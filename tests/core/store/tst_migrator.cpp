#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "core/store/database.h"
#include "core/store/migrator.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

namespace {
void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

// Columns of a table in the public schema, sorted.
QStringList columns(Database &db, const QString &table)
{
    auto q = db.exec(u"SELECT column_name FROM information_schema.columns"
                     " WHERE table_schema = 'public' AND table_name = ? ORDER BY column_name"_s,
        { table });
    QStringList names;
    while (q && q->next())
        names << q->value(0).toString();
    return names;
}

qint64 scalar(Database &db, const QString &sql)
{
    auto q = db.exec(sql);
    return q && q->next() ? q->value(0).toLongLong() : -1;
}
} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_serverUrl = services->databaseUrl;
    }

    void createsTheWholeSchema()
    {
        auto tdb = TestDatabase::create(m_serverUrl, u"schema"_s);
        QVERIFY_RESULT(tdb);
        Database &db = (*tdb)->database();
        Migrator migrator(db);
        const auto available = migrator.available();
        QVERIFY_RESULT(available);
        const auto applied = migrator.migrate();
        QVERIFY_RESULT(applied);
        QCOMPARE(*applied, int(available->size()));

        const QHash<QString, QStringList> expected {
            { u"employees"_s,
                { u"active"_s, u"created_at"_s, u"email"_s, u"id"_s, u"name"_s, u"updated_at"_s,
                    u"xero_earnings_rate_id"_s, u"xero_employee_id"_s, u"xero_tenant_id"_s } },
            { u"timesheet_submissions"_s,
                { u"approved_at"_s, u"approved_by"_s, u"created_at"_s, u"id"_s, u"period_end"_s,
                    u"period_start"_s, u"rejection_reason"_s, u"status"_s, u"updated_at"_s,
                    u"user_id"_s, u"version"_s } },
            { u"timesheet_entries"_s,
                { u"description"_s, u"earnings_rate_id"_s, u"hours"_s, u"id"_s, u"submission_id"_s,
                    u"tracking_item_id"_s, u"work_date"_s, u"xero_project_id"_s,
                    u"xero_task_id"_s } },
            { u"xero_sync_log"_s,
                { u"created_at"_s, u"details"_s, u"duration_ms"_s, u"error"_s, u"id"_s, u"job_id"_s,
                    u"metadata"_s, u"operation"_s, u"retry_count"_s, u"status"_s,
                    u"submission_id"_s, u"trigger"_s, u"updated_at"_s } },
            { u"xero_sync_state"_s,
                { u"attempted_version"_s, u"last_error"_s, u"last_synced_version"_s,
                    u"payload_hash"_s, u"status"_s, u"submission_id"_s, u"synced_at"_s, u"target"_s,
                    u"tenant_id"_s, u"updated_at"_s, u"xero_timesheet_id"_s } },
            { u"audit_log"_s,
                { u"action"_s, u"actor"_s, u"created_at"_s, u"details"_s, u"id"_s, u"target"_s } },
            { u"xero_connection"_s,
                { u"access_token_enc"_s, u"access_token_expires_at"_s, u"connected_at"_s,
                    u"connection_id"_s, u"position"_s, u"refresh_token_enc"_s,
                    u"refresh_token_updated_at"_s, u"region"_s, u"scopes"_s, u"status"_s,
                    u"tenant_id"_s, u"tenant_name"_s, u"tenant_type"_s, u"token_set_id"_s,
                    u"updated_at"_s } },
            { u"xero_token_sets"_s,
                { u"access_token_enc"_s, u"access_token_expires_at"_s, u"fence"_s, u"id"_s,
                    u"refresh_token_enc"_s, u"scopes"_s, u"status"_s, u"status_reason"_s,
                    u"updated_at"_s } },
            { u"api_tokens"_s,
                { u"created_at"_s, u"id"_s, u"last_used_at"_s, u"name"_s, u"revoked_at"_s,
                    u"role"_s, u"token_hash"_s } },
        };
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(columns(db, it.key()), it.value());

        // The dashboard's filters and the 24 h statistics have indexes.
        auto q = db.exec(u"SELECT indexdef FROM pg_indexes WHERE tablename = 'xero_sync_log'"_s);
        QVERIFY_RESULT(q);
        QStringList defs;
        while (q->next())
            defs << q->value(0).toString();
        const QString all = defs.join(u'\n');
        for (const char *col :
            { "(status, id)", "(trigger, id)", "(submission_id, id)", "(created_at)" })
            QVERIFY2(all.contains(QLatin1StringView(col)), col);
        // Refresh tokens are never stored as text.
        QCOMPARE(scalar(db,
                     u"SELECT count(*) FROM information_schema.columns WHERE table_name IN"
                     " ('xero_connection', 'xero_token_sets') AND column_name LIKE '%token%'"
                     " AND data_type <> 'bytea' AND column_name NOT LIKE '%_at'"
                     " AND column_name <> 'token_set_id'"_s),
            0);
    }

    void secondRunIsANoOp()
    {
        auto tdb = TestDatabase::create(m_serverUrl, u"twice"_s);
        QVERIFY_RESULT(tdb);
        Database &db = (*tdb)->database();
        Migrator migrator(db);
        QVERIFY_RESULT(migrator.migrate());
        const qint64 rows = scalar(db, u"SELECT count(*) FROM schema_migrations"_s);
        const auto again = migrator.migrate();
        QVERIFY_RESULT(again);
        QCOMPARE(*again, 0);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM schema_migrations"_s), rows);
        const auto applied = migrator.applied();
        QVERIFY_RESULT(applied);
        QCOMPARE(applied->size(), qsizetype(rows));
    }

    void concurrentMigratorsApplyEachOnce()
    {
        auto tdb = TestDatabase::create(m_serverUrl, u"concurrent"_s);
        QVERIFY_RESULT(tdb);
        constexpr int AGENTS = 4;
        std::array<Result<int>, AGENTS> results;
        std::array<std::unique_ptr<Database>, AGENTS> databases;
        QList<QThread *> threads;
        for (int i = 0; i < AGENTS; ++i) {
            databases[i] = (*tdb)->open();
            threads << QThread::create([&, i] {
                Migrator migrator(*databases[i]);
                results[i] = migrator.migrate();
                databases[i].reset(); // its connection belongs to this thread
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        int total = 0;
        for (const auto &r : results) {
            QVERIFY_RESULT(r);
            total += *r;
        }
        Migrator migrator((*tdb)->database());
        const auto available = migrator.available();
        QVERIFY_RESULT(available);
        QCOMPARE(total, int(available->size()));
        QCOMPARE(scalar((*tdb)->database(), u"SELECT count(*) FROM schema_migrations"_s),
            qint64(available->size()));
    }

    void editedMigrationIsRefused()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"0001_first.sql"_s), "CREATE TABLE first_t (id int);");
        auto tdb = TestDatabase::create(m_serverUrl, u"edited"_s);
        QVERIFY_RESULT(tdb);
        Migrator migrator((*tdb)->database(), dir.path());
        QCOMPARE(migrator.migrate().value_or(-1), 1);
        writeFile(dir.filePath(u"0001_first.sql"_s), "CREATE TABLE first_t (id bigint);");
        const auto r = migrator.migrate();
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Conflict);
        QVERIFY2(r.error().message.contains(u"0001_first"_s), qPrintable(r.error().message));
    }

    void failingMigrationRollsBackAndCanBeFixed()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"0001_ok.sql"_s), "CREATE TABLE ok_t (id int);");
        writeFile(dir.filePath(u"0002_bad.sql"_s),
            "CREATE TABLE half_t (id int);\nINSERT INTO half_t VALUES (1);\nSELECT 1 / 0;");
        auto tdb = TestDatabase::create(m_serverUrl, u"failing"_s);
        QVERIFY_RESULT(tdb);
        Database &db = (*tdb)->database();
        Migrator migrator(db, dir.path());
        const auto r = migrator.migrate();
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(u"0002_bad"_s), qPrintable(r.error().message));
        QVERIFY2(r.error().message.contains(u"division by zero"_s), qPrintable(r.error().message));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM schema_migrations"_s), 1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM pg_tables WHERE tablename = 'half_t'"_s), 0);

        writeFile(dir.filePath(u"0002_bad.sql"_s), "CREATE TABLE half_t (id int);");
        QCOMPARE(migrator.migrate().value_or(-1), 1);
        QCOMPARE(scalar(db, u"SELECT count(*) FROM pg_tables WHERE tablename = 'half_t'"_s), 1);
    }

    void illNamedFileIsRefused()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"1_init.sql"_s), "SELECT 1;");
        auto tdb = TestDatabase::create(m_serverUrl, u"illnamed"_s);
        QVERIFY_RESULT(tdb);
        Migrator migrator((*tdb)->database(), dir.path());
        const auto r = migrator.migrate();
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(u"1_init.sql"_s));
    }

private:
    QString m_serverUrl;
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
