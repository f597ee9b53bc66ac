#include <csignal>

#include <pthread.h>
#include <sys/socket.h>

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include "core/queue/redisconnection.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

namespace {
bool sigPipeBlocked()
{
    sigset_t current;
    sigemptyset(&current);
    pthread_sigmask(SIG_BLOCK, nullptr, &current);
    return sigismember(&current, SIGPIPE) == 1;
}
} // namespace

//! Writes to a dead socket must come back as errors, not kill the process with SIGPIPE (QTest's
//! crash handler turns an unhandled SIGPIPE into a failed run). No Redis needed: a listening
//! socket accepts the TCP connection from its backlog.
class TestRedisConnection : public QObject
{
    Q_OBJECT

private slots:

    void init()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        m_config.host = u"127.0.0.1"_s;
        m_config.port = m_server.serverPort();
    }

    void cleanup() { m_server.close(); }

    void writeAfterShutdownIsAnError()
    {
        RedisConnection connection(m_config);
        QVERIFY(connection.connect());
        // Our side only: a socket the server closed is replaced before a write
        // (tst_redisreconnect); this one looks open and the write hits EPIPE.
        QCOMPARE(::shutdown(connection.socketDescriptor(), SHUT_WR), 0);
        for (const QByteArray &command : { QByteArray("PING"), QByteArray("INFO") }) {
            auto reply = connection.command({ command });
            QVERIFY(!reply);
            QCOMPARE(reply.error().code, ErrorCode::Unavailable);
            QVERIFY(reply.error().retryable);
        }
        QVERIFY(!sigPipeBlocked());
    }

    void pipelineAfterShutdownIsAnError()
    {
        RedisConnection connection(m_config);
        QVERIFY(connection.connect());
        QCOMPARE(::shutdown(connection.socketDescriptor(), SHUT_WR), 0);
        auto replies = connection.pipeline({ { "SET", "k", "v" }, { "GET", "k" } });
        QVERIFY(!replies);
        QCOMPARE(replies.error().code, ErrorCode::Unavailable);
        QVERIFY(!sigPipeBlocked());
    }

    void pipelineAfterPeerCloseIsAnError()
    {
        RedisConnection connection(m_config);
        QVERIFY(connection.connect());
        abortPeer();
        m_server.close(); // the new connection the dead one is replaced with is refused
        const QByteArray big(256 * 1024, 'x');
        bool failed = false;
        // The first write may still land in the socket buffer before the RST arrives.
        for (int i = 0; i < 4 && !failed; ++i) {
            auto replies = connection.pipeline({ { "SET", "k", big }, { "GET", "k" } });
            failed = !replies;
            if (failed)
                QCOMPARE(replies.error().code, ErrorCode::Unavailable);
        }
        QVERIFY(failed);
        QVERIFY(!sigPipeBlocked());
    }

    void sendAfterPeerCloseIsAnError()
    {
        RedisConnection connection(m_config);
        QVERIFY(connection.connect());
        abortPeer();
        const QByteArray big(256 * 1024, 'x');
        bool failed = false;
        for (int i = 0; i < 4 && !failed; ++i)
            failed = !connection.send({ "SUBSCRIBE", big });
        QVERIFY(failed);
        QVERIFY(!sigPipeBlocked());
    }

private:
    void abortPeer()
    {
        QVERIFY(m_server.waitForNewConnection(5000));
        QTcpSocket *peer = m_server.nextPendingConnection();
        QVERIFY(peer);
        peer->abort(); // RST on our next write, EPIPE on the one after
        delete peer;
    }

    QTcpServer m_server;
    RedisConfig m_config;
};

QTEST_GUILESS_MAIN(TestRedisConnection)
#include "tst_redisconnection.moc"
