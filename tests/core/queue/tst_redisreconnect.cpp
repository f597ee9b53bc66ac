#include <QTest>

#include "core/queue/redisconnection.h"
#include "support/privateservices.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

//! A connection Redis closed while it was idle (CLIENT KILL, a restart, the `timeout` setting) is
//! replaced before the next command, which then runs: it never reached the old connection, so it
//! must not come back as a "connection lost, may or may not have run" error.
class TestRedisReconnect : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase()
    {
        auto services = TestServices::load();
        QVERIFY_RESULT(services);
        m_config = RedisConfig::fromUrl(services->redisUrl).value();
        m_admin = std::make_unique<RedisConnection>(m_config);
        m_key = "xerosync-test:reconnect:" + QByteArray::number(QCoreApplication::applicationPid());
    }

    void cleanup() { QVERIFY_RESULT(m_admin->command({ "DEL", m_key })); }

    void aCommandAfterAKillRuns_data()
    {
        QTest::addColumn<bool>("pipelined");
        QTest::newRow("command") << false;
        QTest::newRow("pipeline") << true;
    }

    void aCommandAfterAKillRuns()
    {
        QFETCH(bool, pipelined);
        RedisConnection connection(m_config);
        connection.setRecordsClientId(true);
        QVERIFY_RESULT(connection.connect());
        const qint64 before = connection.clientId();
        QVERIFY(before > 0);
        // By id: the shared server's other connections belong to tests running beside this one.
        auto killed = m_admin->command({ "CLIENT", "KILL", "ID", QByteArray::number(before) });
        QVERIFY_RESULT(killed);
        QCOMPARE(killed->integer, 1);

        if (pipelined) {
            auto replies =
                connection.pipeline({ { "SET", m_key, "after-kill" }, { "GET", m_key } });
            QVERIFY_RESULT(replies);
            QCOMPARE(replies->value(1).string, QByteArray("after-kill"));
        } else {
            auto reply = connection.command({ "SET", m_key, "after-kill" });
            QVERIFY_RESULT(reply);
            QCOMPARE(reply->string, QByteArray("OK"));
        }
        QVERIFY(connection.clientId() > 0);
        QVERIFY(connection.clientId() != before);
        QCOMPARE(m_admin->command({ "GET", m_key })->string, QByteArray("after-kill"));
    }

    void anIdleConnectionTheServerTimedOutIsReplaced()
    {
        PrivateServices own; // CONFIG SET timeout would cut the shared server's idle clients
        auto services = own.start(u"redis"_s);
        QVERIFY_RESULT(services);
        const RedisConfig config = RedisConfig::fromUrl(services->redisUrl).value();
        RedisConnection admin(config);
        QVERIFY_RESULT(admin.command({ "CONFIG", "SET", "timeout", "1" }));
        RedisConnection idle(config);
        idle.setRecordsClientId(true);
        QVERIFY_RESULT(idle.command({ "SET", "k", "1" }));
        const QByteArray id = "id=" + QByteArray::number(idle.clientId()) + ' ';
        // Redis drops clients idle for over a second on its next client sweep.
        QTRY_VERIFY_WITH_TIMEOUT(!admin.command({ "CLIENT", "LIST" })->string.contains(id), 15000);

        auto reply = idle.command({ "INCR", "k" });
        QVERIFY_RESULT(reply);
        QCOMPARE(reply->integer, 2);
    }

private:
    RedisConfig m_config;
    std::unique_ptr<RedisConnection> m_admin;
    QByteArray m_key;
};

QTEST_GUILESS_MAIN(TestRedisReconnect)
#include "tst_redisreconnect.moc"
