#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include "agent/agentprocess.h"
#include "app/net/agentclient.h"
#include "app/net/eventstream.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testservices.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;

//! The dashboard against a real agent serving HTTPS with a self-signed certificate: the
//! untrusted state names the certificate's SHA-256 fingerprint, a wrong pin is still refused,
//! and pinning the right one connects both the API calls and the wss:// push channel.
class TestAgentTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    AgentProcess m_agent;
    std::unique_ptr<TestDatabase> m_db;
    QString m_queueName;
    QString m_admin;
    QByteArray m_fingerprint;

    static bool waitForState(const AgentClient &client, AgentClient::State state)
    {
        return QTest::qWaitFor([&] { return client.state() == state; }, 10'000);
    }

private slots:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"agenttls"_s);
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        const QString cert = m_dir.filePath(u"cert.pem"_s);
        const QString key = m_dir.filePath(u"key.pem"_s);
        QVERIFY_RESULT(AgentProcess::makeCertificate(cert, key));
        const auto certificates = QSslCertificate::fromPath(cert);
        QCOMPARE(certificates.size(), 1);
        m_fingerprint = certificates.first().digest(QCryptographicHash::Sha256).toHex();
        m_queueName = u"agenttls-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        QProcessEnvironment &env = m_agent.environment();
        env.insert(u"REDIS_URL"_s, services->redisUrl);
        env.insert(u"DATABASE_URL"_s, m_db->url());
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-web"_s);
        m_agent.setConfig(u"[http]\nport=0\ntls_cert=%1\ntls_key=%2\n[queue]\nname=%3\n"
                          "[workers]\nconcurrency=1\ncatch_up_interval_ms=3600000\n"
                          "[xero]\ntoken_key_file=%4\n"_s
                              .arg(cert, key, m_queueName, m_dir.filePath(u"token.key"_s))
                              .toUtf8());
        const auto admin = m_agent.createToken(u"dashboard"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        m_admin = *admin;
        QVERIFY_RESULT(m_agent.start());
        QCOMPARE(m_agent.url({}).scheme(), u"https"_s);
    }

    void cleanupTestCase() { m_agent.kill(); }

    void untrustedCertificateNamesItsFingerprint()
    {
        AgentClient client;
        client.setRetryIntervals(200, 400);
        client.setAgent(m_agent.url({}), m_admin);
        client.connectToAgent();
        QVERIFY(waitForState(client, AgentClient::State::TlsUntrusted));
        QCOMPARE(client.untrustedFingerprint(), m_fingerprint);
        // It stays there: no retry loop gets through by itself.
        QTest::qWait(1000);
        QCOMPARE(client.state(), AgentClient::State::TlsUntrusted);
    }

    void aWrongPinIsRefused()
    {
        AgentClient client;
        client.setAgent(m_agent.url({}), m_admin, QByteArray(64, 'a'));
        client.connectToAgent();
        QVERIFY(waitForState(client, AgentClient::State::TlsUntrusted));
        QCOMPARE(client.untrustedFingerprint(), m_fingerprint);
    }

    void thePinnedCertificateConnectsApiAndPush()
    {
        AgentClient client;
        client.setAgent(m_agent.url({}), m_admin, m_fingerprint);
        EventStream stream(&client);
        QSignalSpy opened(&stream, &EventStream::opened);
        QSignalSpy counts(&stream, &EventStream::countsChanged);
        client.connectToAgent();
        QVERIFY(waitForState(client, AgentClient::State::Connected));
        std::optional<Result<nlohmann::json>> status;
        client.get(u"/api/xero/sync/queue/status"_s, {}, &client,
            [&status](Result<nlohmann::json> answer) { status = std::move(answer); });
        QTRY_VERIFY_WITH_TIMEOUT(status.has_value(), 10'000);
        QVERIFY2(*status, qPrintable(status->has_value() ? QString() : status->error().message));
        QVERIFY((**status).contains("counts"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(!counts.isEmpty(), 10'000); // the hello carries the counts
    }
};

QTEST_MAIN(TestAgentTls)
#include "tst_agenttls.moc"
