#include <QElapsedTimer>
#include <QFuture>
#include <QTest>
#include <QThread>
#include <QUrl>

#include "core/store/database.h"
#include "support/privateservices.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

class TestDatabase_ : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_services = *services;
        auto db = TestDatabase::create(m_services.databaseUrl, u"database"_s);
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        QVERIFY_RESULT(m_db->database().execScript(
            u"CREATE TABLE t (id int PRIMARY KEY, name text, n int, at timestamptz)"_s));
    }

    void cleanupTestCase() { m_db.reset(); }

    void queriesOverTcp()
    {
        auto q = m_db->database().exec(u"SELECT ?::int + 1"_s, { 41 });
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toInt(), 42);
    }

    void queriesOverUnixSocket()
    {
        QVERIFY(!m_services.pgSocketDir.isEmpty());
        const QString url = u"postgres://postgres@%1:%2/%3"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(m_services.pgSocketDir)),
            QString::number(m_services.pgPort), m_db->name());
        auto database = Database::fromUrl(url);
        QVERIFY_RESULT(database);
        QVERIFY((*database)->config().isUnixSocket());
        auto q = (*database)->exec(u"SELECT inet_server_addr() IS NULL"_s); // NULL over a socket
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QVERIFY(q->value(0).toBool());
    }

    void oneConnectionPerThread()
    {
        Database &db = m_db->database();
        auto mine = db.connection();
        QVERIFY_RESULT(mine);
        QString otherName;
        int otherPid = 0;
        QThread *thread = QThread::create([&] {
            auto conn = db.connection();
            if (!conn)
                return;
            otherName = conn->connectionName();
            auto q = db.exec(u"SELECT pg_backend_pid()"_s);
            if (q && q->next())
                otherPid = q->value(0).toInt();
        });
        const QString threadConnection = [&] {
            thread->start();
            thread->wait(10000);
            return otherName;
        }();
        QVERIFY(thread->isFinished());
        delete thread;
        // The worker's connection went away with its thread.
        QVERIFY(!QSqlDatabase::contains(threadConnection));
        auto q = db.exec(u"SELECT pg_backend_pid()"_s);
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QVERIFY(!otherName.isEmpty());
        QVERIFY(otherName != mine->connectionName());
        QVERIFY(otherPid != 0);
        QVERIFY(otherPid != q->value(0).toInt());
    }

    void timestampsRoundTripInUtc()
    {
        const QDateTime at(QDate(2026, 3, 29), QTime(1, 30, 15, 250), Qt::UTC);
        QVERIFY_RESULT(
            m_db->database().exec(u"INSERT INTO t (id, at) VALUES (?, ?)"_s, { 100, at }));
        auto q = m_db->database().exec(u"SELECT at FROM t WHERE id = 100"_s);
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toDateTime().toUTC(), at);
    }

    void errorsMapToCodes()
    {
        Database &db = m_db->database();
        QVERIFY_RESULT(db.exec(u"INSERT INTO t (id, name) VALUES (1, 'a')"_s));
        QVERIFY_ERROR(db.exec(u"INSERT INTO t (id, name) VALUES (1, 'b')"_s), ErrorCode::Conflict);
        QVERIFY_ERROR(db.exec(u"SELECT CAST(? AS int)"_s, { u"twelve"_s }), ErrorCode::BadRequest);
        QVERIFY_ERROR(db.exec(u"SELEC 1"_s), ErrorCode::Internal);
        QVERIFY_ERROR(db.exec(u"SELECT * FROM no_such_table"_s), ErrorCode::Internal);
        // A failed statement outside a transaction leaves the connection usable.
        QVERIFY_RESULT(db.exec(u"SELECT 1"_s));
    }

    void bindsAreNotInterpolated()
    {
        const QString nasty = u"x'); DROP TABLE t; --"_s;
        QVERIFY_RESULT(
            m_db->database().exec(u"INSERT INTO t (id, name) VALUES (?, ?)"_s, { 7, nasty }));
        auto q = m_db->database().exec(u"SELECT name FROM t WHERE id = 7"_s);
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toString(), nasty);
    }

    void transactionCommitsOrRollsBack()
    {
        Database &db = m_db->database();
        QVERIFY_RESULT(db.transaction([&]() -> Result<void> {
            auto q = db.exec(u"INSERT INTO t (id, name) VALUES (20, 'kept')"_s);
            if (!q)
                return std::unexpected(q.error());
            return {};
        }));
        const auto failed = db.transaction([&]() -> Result<void> {
            if (auto q = db.exec(u"INSERT INTO t (id, name) VALUES (21, 'dropped')"_s); !q)
                return std::unexpected(q.error());
            return fail(ErrorCode::Validation, u"changed my mind"_s);
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().message, u"changed my mind"_s);
        auto q = db.exec(u"SELECT string_agg(name, ',' ORDER BY id) FROM t WHERE id IN (20, 21)"_s);
        QVERIFY_RESULT(q);
        QVERIFY(q->next());
        QCOMPARE(q->value(0).toString(), u"kept"_s);
    }

    void unreachableServerIsUnavailableWithoutPassword()
    {
        // A port nothing listens on: refused at once.
        auto database = Database::fromUrl(u"postgres://app:hunter2@127.0.0.1:1/x"_s);
        QVERIFY_RESULT(database);
        const auto q = (*database)->exec(u"SELECT 1"_s);
        QVERIFY(!q);
        QCOMPARE(q.error().code, ErrorCode::Unavailable);
        QVERIFY(q.error().retryable);
        QVERIFY2(q.error().message.contains(u"127.0.0.1:1"_s), qPrintable(q.error().message));
        QVERIFY(!q.error().message.contains(u"hunter2"_s));
    }

    void unknownDatabaseIsAClearError()
    {
        QString url = m_services.databaseUrl;
        url = url.left(url.lastIndexOf(u'/')) + u"/no_such_db_xyz"_s;
        auto database = Database::fromUrl(url);
        QVERIFY_RESULT(database);
        const auto q = (*database)->exec(u"SELECT 1"_s);
        QVERIFY(!q);
        QVERIFY2(q.error().message.contains(u"no_such_db_xyz"_s), qPrintable(q.error().message));
    }

    void reconnectsAfterServerRestart()
    {
        PrivateServices own;
        auto services = own.start(u"pg"_s);
        QVERIFY_RESULT(services);
        auto database = Database::fromUrl(services->databaseUrl);
        QVERIFY_RESULT(database);
        Database &db = **database;
        auto before = db.exec(u"SELECT pg_backend_pid()"_s);
        QVERIFY_RESULT(before);
        QVERIFY(before->next());
        const int pidBefore = before->value(0).toInt();

        QVERIFY_RESULT(own.restart(u"pg"_s));
        auto after = db.exec(u"SELECT pg_backend_pid()"_s);
        QVERIFY_RESULT(after);
        QVERIFY(after->next());
        QVERIFY(after->value(0).toInt() != pidBefore);

        // While the server is down: a prompt, retryable error; afterwards it works again.
        QVERIFY_RESULT(own.stop(u"pg"_s));
        QElapsedTimer timer;
        timer.start();
        const auto down = db.exec(u"SELECT 1"_s);
        QVERIFY(!down);
        QCOMPARE(down.error().code, ErrorCode::Unavailable);
        QVERIFY(down.error().retryable);
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY_RESULT(own.start(u"pg"_s));
        QVERIFY_RESULT(db.exec(u"SELECT 1"_s));
    }

private:
    TestServices m_services;
    std::unique_ptr<TestDatabase> m_db;
};

QTEST_GUILESS_MAIN(TestDatabase_)
#include "tst_database.moc"
