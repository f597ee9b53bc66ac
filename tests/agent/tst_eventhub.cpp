#include <memory>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include "agent/http/eventhub.h"

using namespace XeroSync;
using namespace Qt::StringLiterals;

// The push channel's hub on real WebSockets over loopback: a client is greeted once the queue's
// event feed is ready (or after FeedWaitMs without it), and the hub says when clients come and go
// so the agent runs the feed only while someone listens.
class TestEventHub : public QObject
{
    Q_OBJECT

private:
    struct Client
    {
        QWebSocket socket;
        QStringList received;
    };

    QWebSocketServer m_server { u"tst_eventhub"_s, QWebSocketServer::NonSecureMode };
    std::unique_ptr<EventHub> m_hub;

    // Connects a client and hands the server's end to the hub; nullptr if it did not connect.
    std::unique_ptr<Client> connectClient()
    {
        auto client = std::make_unique<Client>();
        Client *c = client.get();
        connect(&c->socket, &QWebSocket::textMessageReceived, &c->socket,
            [c](const QString &message) { c->received << message; });
        c->socket.open(m_server.serverUrl());
        if (!QTest::qWaitFor([this] { return m_server.hasPendingConnections(); }, 5000))
            return nullptr;
        m_hub->addClient(m_server.nextPendingConnection());
        if (!QTest::qWaitFor(
                [c] { return c->socket.state() == QAbstractSocket::ConnectedState; }, 5000))
            return nullptr;
        return client;
    }

    static bool isHello(const QString &message)
    {
        return message.contains(u"\"type\":\"hello\""_s)
            && message.contains(u"\"counts\":{\"waiting\":3}"_s);
    }

private slots:

    void initTestCase() { QVERIFY(m_server.listen(QHostAddress::LocalHost)); }

    void init()
    {
        m_hub = std::make_unique<EventHub>([] { return nlohmann::json { { "waiting", 3 } }; });
    }

    void cleanup() { m_hub.reset(); }

    void greetsOnceTheFeedIsReady()
    {
        QSignalSpy counts(m_hub.get(), &EventHub::clientCountChanged);
        auto client = connectClient();
        QVERIFY(client);
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts.last().at(0).toInt(), 1);
        QCOMPARE(m_hub->clientCount(), 1);
        m_hub->post("active", { { "jobId", "7" } });
        // Nothing reaches a client before its hello: two flush intervals pass in silence.
        QTest::qWait(2 * EventHub::FlushIntervalMs + 50);
        QVERIFY(client->received.isEmpty());

        m_hub->setFeedReady(true);
        QTRY_VERIFY_WITH_TIMEOUT(!client->received.isEmpty(), 5000);
        QVERIFY2(isHello(client->received.first()), qPrintable(client->received.first()));
        m_hub->post("completed", { { "jobId", "7" } });
        QTRY_VERIFY_WITH_TIMEOUT(client->received.join(u'\n').contains(u"\"completed\""_s), 5000);
    }

    void greetsWithoutTheFeedAfterAWhile()
    {
        QElapsedTimer waited;
        waited.start();
        auto client = connectClient();
        QVERIFY(client);
        QTRY_VERIFY_WITH_TIMEOUT(!client->received.isEmpty(), EventHub::FeedWaitMs + 5000);
        QVERIFY(waited.elapsed() >= EventHub::FeedWaitMs - 100);
        QVERIFY(isHello(client->received.first()));
    }

    void saysWhenClientsComeAndGo()
    {
        m_hub->setFeedReady(true);
        QSignalSpy counts(m_hub.get(), &EventHub::clientCountChanged);
        auto first = connectClient();
        auto second = connectClient();
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(!first->received.isEmpty() && !second->received.isEmpty(), 5000);
        QVERIFY(isHello(first->received.first()));
        QCOMPARE(counts.last().at(0).toInt(), 2);

        first->socket.close();
        QTRY_COMPARE_WITH_TIMEOUT(counts.last().at(0).toInt(), 1, 5000);
        second->socket.close();
        QTRY_COMPARE_WITH_TIMEOUT(counts.last().at(0).toInt(), 0, 5000);
        QCOMPARE(m_hub->clientCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEventHub)
#include "tst_eventhub.moc"
