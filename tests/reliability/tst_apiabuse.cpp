#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include "../agent/agentprocess.h"
#include "core/queue/queue.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

namespace {
//! An answer read off the socket as it came, for requests QNetworkAccessManager would normalise.
struct RawReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};
} // namespace

//! The agent's API under abuse: oversized bodies, slow clients, floods of bad tokens, path
//! traversal and header injection. Each is refused with the one error shape
//! (`{"error": {code, message}}`), good clients keep being served and nothing changes.
class TestApiAbuse : public QObject
{
    Q_OBJECT

private:
    AgentProcess m_agent;
    TestHttpClient m_http;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Queue> m_queue;
    QString m_queueName;
    QString m_admin;

    TestHttpClient::Headers auth(const QString &token) const
    {
        return { { "Authorization", "Bearer " + token.toUtf8() },
            { "Content-Type", "application/json" } };
    }

    //! Sends `request` byte for byte and reads until the agent closes or 5 s pass.
    qint64 agentRssKb() const
    {
        QFile status(u"/proc/%1/status"_s.arg(m_agent.pid()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
        return -1;
    }

    RawReply raw(const QByteArray &request)
    {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_agent.port());
        RawReply reply;
        if (!socket.waitForConnected(3000))
            return reply;
        socket.write(request);
        QByteArray all;
        QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
            if (socket.waitForReadyRead(100))
                all += socket.readAll();
            const int end = int(all.indexOf("\r\n\r\n"));
            if (end > 0) {
                const QByteArray head = all.left(end);
                const int length = head.toLower().indexOf("content-length:");
                if (length >= 0) {
                    const int lineEnd = int(head.indexOf("\r\n", length));
                    const int want = head.mid(length + 15, lineEnd < 0 ? -1 : lineEnd - length - 15)
                                         .trimmed()
                                         .toInt();
                    if (all.size() >= end + 4 + want)
                        break;
                }
            }
        }
        all += socket.readAll();
        const int end = int(all.indexOf("\r\n\r\n"));
        reply.head = end < 0 ? all : all.left(end);
        reply.body = end < 0 ? QByteArray() : all.mid(end + 4);
        const QList<QByteArray> statusLine = reply.head.split(' ');
        reply.status = statusLine.size() > 1 ? statusLine[1].toInt() : 0;
        return reply;
    }

    static bool isErrorShape(const QByteArray &body)
    {
        const Json json = Json::parse(body.constBegin(), body.constEnd(), nullptr, false);
        return json.is_object() && json.contains("error") && json["error"].is_object()
            && json["error"].value("code", "").size() > 0
            && json["error"].value("message", "").size() > 0;
    }

    int jobsInQueue()
    {
        const auto c = m_queue->counts();
        return c ? c->waiting + c->active + c->delayed + c->failed + c->completed + c->paused : -1;
    }

    int auditRows()
    {
        auto q = m_db->database().exec(u"SELECT count(*) FROM audit_log"_s);
        return q && q->next() ? q->value(0).toInt() : -1;
    }

private slots:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"apiabuse"_s);
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        m_queueName = u"abuse-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        QueueSettings settings;
        settings.name = m_queueName;
        m_queue = std::make_unique<Queue>(*redis, settings);

        QProcessEnvironment &env = m_agent.environment();
        env.insert(u"REDIS_URL"_s, services->redisUrl);
        env.insert(u"DATABASE_URL"_s, m_db->url());
        env.insert(u"XERO_ENVIRONMENT"_s, u"sandbox"_s);
        env.insert(u"XERO_BASE_URL"_s, u"http://127.0.0.1:1"_s); // Xero is not needed here
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-web"_s);
        m_agent.setConfig(u"[http]\nport=0\nmax_body_bytes=65536\n[queue]\nname=%1\n[workers]\n"
                          "catch_up_interval_ms=3600000\nhealth_check_interval_ms=3600000\n"
                          "[xero]\ntoken_key_file=%2\n"_s
                              .arg(m_queueName, QDir::temp().filePath(m_queueName + u".key"_s))
                              .toUtf8());
        const auto admin = m_agent.createToken(u"abuse admin"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        m_admin = *admin;
        QVERIFY_RESULT(m_agent.start());
    }

    void cleanupTestCase()
    {
        m_agent.kill();
        if (m_queue)
            (void)m_queue->destroy();
        QFile::remove(QDir::temp().filePath(m_queueName + u".key"_s));
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << "agent log:\n" << m_agent.log().right(3000);
    }

    void oversizedBodiesAre413()
    {
        const int audits = auditRows();
        const int jobs = jobsInQueue(); // the agent's own health-check job may be there
        // A valid request padded far over the 64 KiB limit: refused, not parsed, nothing queued.
        Json body { { "submissionIds", Json::array({ "TS-1" }) },
            { "padding", std::string(200 * 1024, 'x') } };
        const HttpReply reply = m_http.send("POST", m_agent.url(u"/api/xero/sync/manual"_s),
            QByteArray::fromStdString(body.dump()), auth(m_admin));
        QCOMPARE(reply.status, 413);
        QVERIFY2(isErrorShape(reply.body), reply.body.left(200).constData());
        QCOMPARE(jobsInQueue(), jobs);
        QCOMPARE(auditRows(), audits);
        // A Content-Length far over the limit with no body behind it: refused, not waited for.
        const RawReply lying = raw("POST /api/xero/sync/manual HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer "
            + m_admin.toUtf8() + "\r\nContent-Length: 999999999\r\n\r\n{");
        QVERIFY2(lying.status == 413, lying.head.constData());
        QVERIFY2(isErrorShape(lying.body), lying.body.constData());
        QCOMPARE(jobsInQueue(), jobs);
        // A chunked body has no size up front: refused rather than read to the end.
        const RawReply chunked = raw("POST /api/xero/sync/manual HTTP/1.1\r\nHost: x\r\n"
                                     "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n");
        QVERIFY2(chunked.status == 411, chunked.head.constData());
        // A head over 64 KiB (one endless header).
        const RawReply longHead =
            raw("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Long: " + QByteArray(70 * 1024, 'a'));
        QVERIFY2(longHead.status == 431, longHead.head.constData());
        // The agent still serves.
        QCOMPARE(m_http.get(m_agent.url(u"/api/health"_s)).status, 200);
    }

    void aHugeBodyIsRefusedBeforeItIsRead()
    {
        // 512 MiB announced, and up to 64 MiB actually sent: the agent answers 413 after the head,
        // drops at most a MiB of what follows and closes, instead of buffering what arrives
        // (QHttpServer alone would keep all of it).
        // Warm up first: the first requests load what the agent loads lazily.
        QCOMPARE(m_http.get(m_agent.url(u"/api/health"_s)).status, 200);
        const qint64 rssBefore = agentRssKb();
        QVERIFY(rssBefore > 0);
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_agent.port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("POST /api/xero/sync/manual HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_admin.toUtf8() + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(512LL * 1024 * 1024) + "\r\n\r\n");
        QByteArray answer;
        const QByteArray chunk(1024 * 1024, 'x');
        // The 413 leaves as soon as the head is in: take it before sending the body, since the
        // reset that answers a sender who goes on can make the socket drop what it had received.
        QElapsedTimer waited;
        waited.start();
        while (!answer.contains("\r\n\r\n") && socket.isOpen() && waited.elapsed() < 3000) {
            socket.waitForReadyRead(100);
            answer += socket.readAll();
        }
        for (int i = 0; i < 64 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
            socket.write(chunk);
            socket.waitForBytesWritten(1000);
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.left(200).constData());
        QTRY_VERIFY_WITH_TIMEOUT(socket.state() == QAbstractSocket::UnconnectedState, 5000);
        // What the agent holds did not grow by the body (allow 16 MiB of ordinary noise).
        const qint64 growthKb = agentRssKb() - rssBefore;
        QVERIFY2(growthKb < 16 * 1024, qPrintable(u"agent grew by %1 KiB"_s.arg(growthKb)));
        QCOMPARE(m_http.get(m_agent.url(u"/api/health"_s)).status, 200);
    }

    void slowClientsDoNotStarveOthers()
    {
        // Slow-loris: many connections that send half a request and then nothing.
        std::vector<std::unique_ptr<QTcpSocket>> slow;
        for (int i = 0; i < 200; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(u"127.0.0.1"_s, m_agent.port());
            QVERIFY(socket->waitForConnected(3000));
            socket->write("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            socket->flush();
            slow.push_back(std::move(socket));
        }
        QTest::qWait(200);
        for (int i = 0; i < 5; ++i) {
            const HttpReply reply = m_http.send(
                "GET", m_agent.url(u"/api/xero/sync/queue/status"_s), {}, auth(m_admin), 3000);
            QCOMPARE(reply.status, 200);
        }
        slow.clear();
        QCOMPARE(m_http.get(m_agent.url(u"/api/health"_s)).status, 200);
    }

    void floodOfBadTokens()
    {
        const int audits = auditRows();
        const QByteArray logBefore = m_agent.log();
        auto *random = QRandomGenerator::global();
        // Near misses of the real token, random well-formed ones, and junk.
        QList<QByteArray> bad;
        for (int i = 0; i < 300; ++i) {
            QByteArray token = m_admin.toUtf8();
            token[token.size() - 1 - int(random->bounded(8))] ^= 0x01;
            bad << token;
        }
        for (int i = 0; i < 600; ++i)
            bad << "xs_"
                    + QUuid::createUuid()
                          .toByteArray(QUuid::Id128)
                          .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        bad << QByteArray(10'000, 'a') << "xs_"
            << "Basic "
            << "xs_\xff\xfe"
            << "' OR 1=1 --";
        for (const QByteArray &token : std::as_const(bad)) {
            const HttpReply reply =
                m_http.send("GET", m_agent.url(u"/api/xero/sync/queue/status"_s), {},
                    { { "Authorization", "Bearer " + token } });
            QVERIFY2(reply.status == 401,
                qPrintable(
                    u"%1 for %2"_s.arg(reply.status).arg(QString::fromLatin1(token.left(20)))));
            QVERIFY(isErrorShape(reply.body));
        }
        // No lock-out: the real token works at once, and nothing was audited.
        const HttpReply good =
            m_http.send("GET", m_agent.url(u"/api/xero/sync/queue/status"_s), {}, auth(m_admin));
        QCOMPARE(good.status, 200);
        QCOMPARE(auditRows(), audits);
        // Logged once, then counted: the flood does not flood the log either.
        const QByteArray added = m_agent.log().mid(logBefore.size());
        const int lines = int(added.count("rejected"));
        QVERIFY2(lines >= 1 && lines <= 3, added.right(2000).constData());
        for (const QByteArray &token : std::as_const(bad)) {
            if (token.size() >= 20)
                QVERIFY2(!added.contains(token.right(16)), "a presented token was logged");
        }
    }

    void pathTraversalAndOddPaths_data()
    {
        QTest::addColumn<QByteArray>("request");
        const QByteArray h = " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ADMIN\r\n\r\n";
        QTest::newRow("dot segments") << "GET /api/../../../../etc/passwd" + h;
        QTest::newRow("encoded dot segments") << "GET /api/%2e%2e/%2e%2e/etc/passwd" + h;
        QTest::newRow("job id traversal")
            << "POST /api/xero/sync/jobs/..%2F..%2F..%2Fetc%2Fpasswd/retry" + h;
        QTest::newRow("job id is a Redis key")
            << "DELETE /api/xero/sync/jobs/..%2Fbull%3Axero-sync%3Aactive" + h;
        QTest::newRow("submission traversal")
            << "GET /api/xero/sync/submissions/..%2F..%2Fetc%2Fpasswd" + h;
        QTest::newRow("nul byte") << "GET /api/xero/sync/submissions/TS%00-1" + h;
        QTest::newRow("unknown route") << "GET /etc/passwd" + h;
        QTest::newRow("header injection in a job id")
            << "POST /api/xero/sync/jobs/x%0d%0aSet-Cookie:%20pwned=1/retry" + h;
        QTest::newRow("header injection in a query")
            << "GET /api/xero/sync/logs?status=%0d%0aSet-Cookie:%20pwned=1" + h;
        QTest::newRow("absolute URI to another host")
            << "GET http://evil.example/api/xero/sync/queue/status" + h;
    }

    void pathTraversalAndOddPaths()
    {
        QFETCH(QByteArray, request);
        request.replace("ADMIN", m_admin.toUtf8());
        const int jobs = jobsInQueue();
        const int audits = auditRows();
        const RawReply reply = raw(request);
        QVERIFY2(reply.status >= 200 && reply.status < 500, reply.head.constData());
        QVERIFY2(!reply.body.contains("root:"), reply.body.left(200).constData());
        QVERIFY2(!reply.head.toLower().contains("set-cookie"), reply.head.constData());
        if (reply.status >= 400)
            QVERIFY2(isErrorShape(reply.body),
                qPrintable(u"HTTP %1: %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body))));
        QCOMPARE(jobsInQueue(), jobs);
        QCOMPARE(auditRows(), audits);
    }

    void malformedRequestsKeepTheAgentUp()
    {
        const QByteArray garbage[] = { "\r\n\r\n", "GET\r\n\r\n", "NOTAMETHOD / HTTP/1.1\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: x\r\n\r\n", QByteArray(64 * 1024, 'A') + "\r\n\r\n",
            "GET /api/health HTTP/1.1\r\nHost: x\r\n" + QByteArray(2000, 'H') + ": y\r\n\r\n",
            "POST /api/xero/sync/manual HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n" };
        for (const QByteArray &request : garbage)
            (void)raw(request);
        QVERIFY(m_agent.isRunning());
        QCOMPARE(m_http.get(m_agent.url(u"/api/health"_s)).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestApiAbuse)
#include "tst_apiabuse.moc"
