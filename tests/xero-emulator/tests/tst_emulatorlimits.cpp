#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "emulatorfixture.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Rate limits, idempotency, fault injection, the clock and saved state (research §9, §10,
//! §12 items 6–9, 19).
class TestEmulatorLimits : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::string m_token;
    Json m_employees;
    std::string m_rate;
    const char *m_tenant = EmulatorFixture::AuTenant;

    static QDate week(int n) { return QDate(2026, 1, 5).addDays(7 * n); }

    Json timesheet(int employee, int weekNumber) const
    {
        const auto start = week(weekNumber);
        return Json::array(
            { { { "EmployeeID", m_employees[static_cast<size_t>(employee)]["EmployeeID"] },
                { "StartDate", start.toString(Qt::ISODate).toStdString() },
                { "EndDate", start.addDays(6).toString(Qt::ISODate).toStdString() },
                { "TimesheetLines",
                    Json::array({ { { "EarningsRateID", m_rate },
                        { "NumberOfUnits", { 8, 8, 8, 8, 8, 0, 0 } } } }) } } });
    }

    HttpReply calendars()
    {
        return m_emulator.api(
            "GET", QStringLiteral("/payroll.xro/1.0/PayrollCalendars"), m_tenant, m_token);
    }

    HttpReply create(const Json &body, const QByteArray &key = {})
    {
        TestHttpClient::Headers headers;
        if (!key.isEmpty())
            headers.append({ QByteArrayLiteral("Idempotency-Key"), key });
        return m_emulator.api("POST", QStringLiteral("/payroll.xro/1.0/Timesheets"), m_tenant,
            m_token, body, headers);
    }

    Json tenantState()
    {
        return m_emulator
            .control(
                "GET", QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(m_tenant)))
            .json();
    }

    void configure(const Json &config)
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("config"), config).status, 200);
    }

    void fault(const Json &rule)
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("faults"), rule).status, 200);
    }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        m_token = m_emulator.customToken();
        m_employees =
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Employees"), m_tenant, m_token)
                .json()["Employees"];
        const auto items =
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/PayItems"), m_tenant, m_token)
                .json();
        m_rate = items["PayItems"]["EarningsRates"][0]["EarningsRateID"].get<std::string>();
    }

    void init()
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("reset")).status, 200);
        // A frozen clock keeps every call of a test inside one rate-limit window.
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("clock"), Json { { "freeze", true } }).status,
            200);
        m_token = m_emulator.customToken();
    }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.checkedCount() > 50);
        QVERIFY_CONFORMS(m_emulator);
    }

    void rateHeadersCountDown()
    {
        auto reply = calendars();
        QCOMPARE(reply.header("X-DayLimit-Remaining"), QByteArray("4999"));
        QCOMPARE(reply.header("X-MinLimit-Remaining"), QByteArray("59"));
        QCOMPARE(reply.header("X-AppMinLimit-Remaining"), QByteArray("9999"));
        QVERIFY(!reply.header("Xero-Correlation-Id").isEmpty());
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
        reply = calendars();
        QCOMPARE(reply.header("X-DayLimit-Remaining"), QByteArray("4998"));
        QCOMPARE(reply.header("X-MinLimit-Remaining"), QByteArray("58"));
    }

    void minuteLimitAnswers429WithRetryAfter()
    {
        for (int i = 0; i < 60; ++i)
            QCOMPARE(calendars().status, 200);
        auto reply = calendars();
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("X-Rate-Limit-Problem"), QByteArray("minute"));
        QCOMPARE(reply.header("X-MinLimit-Remaining"), QByteArray("0"));
        const int retryAfter = reply.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, reply.header("Retry-After").constData());
        // A refused call is not counted; after Retry-After seconds the window is fresh.
        QCOMPARE(calendars().status, 429);
        m_emulator.control(
            "POST", QStringLiteral("clock"), Json { { "advanceSeconds", retryAfter } });
        reply = calendars();
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("X-MinLimit-Remaining"), QByteArray("59"));
        QCOMPARE(reply.header("X-DayLimit-Remaining"), QByteArray("4939"));
        QCOMPARE(m_emulator.control("GET", QStringLiteral("stats"))
                     .json()["rateLimits"]["rejected"]["minute"]
                     .get<int>(),
            2);
    }

    void dailyAndAppLimits()
    {
        configure({ { "dailyLimit", 3 } });
        for (int i = 0; i < 3; ++i)
            QCOMPARE(calendars().status, 200);
        auto reply = calendars();
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("X-Rate-Limit-Problem"), QByteArray("day"));
        const int retryAfter = reply.header("Retry-After").toInt();
        QVERIFY(retryAfter > 0 && retryAfter <= 86400);
        m_emulator.control(
            "POST", QStringLiteral("clock"), Json { { "advanceSeconds", retryAfter } });
        m_token = m_emulator.customToken(); // a day later the access token has expired too
        QCOMPARE(calendars().status, 200);

        configure({ { "dailyLimit", 5000 }, { "appMinuteLimit", 2 } });
        m_emulator.control("POST", QStringLiteral("clock"), Json { { "advanceSeconds", 60 } });
        calendars();
        calendars();
        reply = calendars();
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.header("X-Rate-Limit-Problem"), QByteArray("appminute"));
    }

    void concurrentLimit()
    {
        configure({ { "latencyMs", 400 }, { "concurrentLimit", 3 } });
        QNetworkAccessManager network; // up to six connections to one host at once
        std::vector<QNetworkReply *> replies;
        for (int i = 0; i < 6; ++i) {
            QNetworkRequest request(
                m_emulator.url(QStringLiteral("/payroll.xro/1.0/PayrollCalendars")));
            request.setRawHeader("Authorization", "Bearer " + QByteArray::fromStdString(m_token));
            replies.push_back(network.get(request));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(),
                                     [](QNetworkReply *r) { return r->isFinished(); }),
            10'000);
        int ok = 0;
        int refused = 0;
        for (auto *reply : replies) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            ok += status == 200 ? 1 : 0;
            if (status == 429) {
                ++refused;
                QCOMPARE(reply->rawHeader("X-Rate-Limit-Problem"), QByteArray("concurrent"));
                QVERIFY(!reply->hasRawHeader("Retry-After"));
            }
            reply->deleteLater();
        }
        QVERIFY2(ok >= 3 && refused >= 1,
            qPrintable(QStringLiteral("%1 ok, %2 refused").arg(ok).arg(refused)));
        const auto peak = m_emulator.control("GET", QStringLiteral("stats"))
                              .json()["rateLimits"]["peakInFlight"][m_tenant]
                              .get<int>();
        QCOMPARE(peak, 3);
    }

    void idempotentReplay()
    {
        auto first = create(timesheet(1, 40), "sync-42-v1");
        QCOMPARE(first.status, 200);
        auto again = create(timesheet(1, 40), "sync-42-v1");
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("X-Emulator-Idempotent-Replay"), QByteArray("true"));
        QCOMPARE(again.json()["Timesheets"][0]["TimesheetID"].get<std::string>(),
            first.json()["Timesheets"][0]["TimesheetID"].get<std::string>());
        QCOMPARE(tenantState()["count"].get<int>(), 1);
        // The same key with another body is refused; an over-long key too.
        auto other = create(timesheet(2, 40), "sync-42-v1");
        QCOMPARE(other.status, 400);
        QVERIFY(other.json()["Message"].get<std::string>().find("different request")
            != std::string::npos);
        QCOMPARE(create(timesheet(2, 40), QByteArray(129, 'k')).status, 400);
        // After the TTL the key is forgotten: the retry reaches validation and meets the original.
        m_emulator.control("POST", QStringLiteral("clock"), Json { { "advanceSeconds", 361 } });
        const auto late = create(timesheet(1, 40), "sync-42-v1");
        QCOMPARE(late.status, 400);
        QCOMPARE(late.json()["Timesheets"][0]["ValidationErrors"][0]["Message"].get<std::string>(),
            std::string("This timesheet already exists, please provide the timesheet ID"));
        QCOMPARE(tenantState()["count"].get<int>(), 1);
    }

    void statusFaults()
    {
        fault({ { "kind", "500" }, { "count", 2 }, { "pathContains", "/Timesheets" },
            { "method", "POST" } });
        QCOMPARE(calendars().status, 200); // does not match the rule
        QCOMPARE(create(timesheet(3, 41)).status, 500);
        QCOMPARE(create(timesheet(3, 41)).status, 500);
        QCOMPARE(tenantState()["count"].get<int>(), 0);
        QCOMPARE(create(timesheet(3, 41)).status, 200);
        fault({ { "kind", "503" } });
        const auto maintenance = calendars();
        QCOMPARE(maintenance.status, 503);
        QVERIFY(maintenance.header("Content-Type").startsWith("text/plain"));
        QVERIFY(maintenance.body.contains("offline for maintenance"));
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("faults"), Json { { "kind", "explode" } })
                .status,
            400);
        QCOMPARE(m_emulator.control("GET", QStringLiteral("faults")).json()["faults"].size(), 0u);
    }

    void lostResponseThenIdempotentRetryIsExactlyOnce()
    {
        // Two drops: QNetworkAccessManager resends a request once when a kept-alive connection
        // closes before any answer, with the same Idempotency-Key, which the emulator replays.
        fault({ { "kind", "drop" }, { "pathContains", "/Timesheets" }, { "count", 2 } });
        const auto lost = create(timesheet(4, 42), "sync-77-v3");
        QCOMPARE(lost.status, 0); // the connection closed without an answer...
        QCOMPARE(tenantState()["count"].get<int>(), 1); // ...after the timesheet was written
        const auto retry = create(timesheet(4, 42), "sync-77-v3");
        QCOMPARE(retry.status, 200);
        const auto state = tenantState();
        QCOMPARE(state["count"].get<int>(), 1);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);
        QCOMPARE(retry.json()["Timesheets"][0]["TimesheetID"].get<std::string>(),
            state["timesheets"][0]["timesheetID"].get<std::string>());
    }

    void lostRefreshResponseIsSavedByGrace()
    {
        const auto tokens = m_emulator.authorize();
        fault({ { "kind", "drop" }, { "pathContains", "/connect/token" }, { "count", 2 } });
        const auto lost =
            m_emulator.token("grant_type=refresh_token&client_id=xerosync-desktop&refresh_token="
                + QByteArray::fromStdString(tokens.refresh));
        QCOMPARE(lost.status, 0);
        const auto retry =
            m_emulator.token("grant_type=refresh_token&client_id=xerosync-desktop&refresh_token="
                + QByteArray::fromStdString(tokens.refresh));
        QCOMPARE(retry.status, 200);
        QVERIFY(m_emulator.control("GET", QStringLiteral("stats"))
                    .json()["oauth"]["graceReuses"]
                    .get<int>()
            >= 1);
        QCOMPARE(m_emulator.control("GET", QStringLiteral("stats"))
                     .json()["oauth"]["invalidGrants"]
                     .get<int>(),
            0);
    }

    void timeoutAndSlowFaults()
    {
        fault({ { "kind", "timeout" }, { "delayMs", 3000 } });
        const auto timedOut = m_emulator.http().send("GET",
            m_emulator.url(QStringLiteral("/payroll.xro/1.0/PayrollCalendars")), {},
            { { "Authorization", "Bearer " + QByteArray::fromStdString(m_token) } }, 500);
        QCOMPARE(timedOut.status, 0);
        fault({ { "kind", "slow" }, { "delayMs", 400 } });
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(calendars().status, 200);
        QVERIFY(timer.elapsed() >= 350);
    }

    void clockControl()
    {
        auto reply = m_emulator.control(
            "POST", QStringLiteral("clock"), Json { { "set", "2027-03-10T12:00:00Z" } });
        QCOMPARE(reply.json()["now"].get<std::string>(), std::string("2027-03-10T12:00:00Z"));
        m_token = m_emulator.customToken(); // months later: the old access token has expired
        // The calendars report the period that contains the emulator's today (a Monday start).
        const auto start =
            calendars().json()["PayrollCalendars"][0]["StartDate"].get<std::string>();
        const auto expected =
            QDateTime(QDate(2027, 3, 8), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(start, "/Date(" + std::to_string(expected) + "+0000)/");
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("clock"), Json { { "set", "yesterday" } })
                .status,
            400);
    }

    void stateSurvivesSaveAndLoad()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = dir.filePath(QStringLiteral("state.json")).toStdString();
        QCOMPARE(create(timesheet(5, 43)).status, 200);
        QCOMPARE(m_emulator.control("POST", QStringLiteral("state/save"), Json { { "path", path } })
                     .status,
            200);
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("reset"), Json { { "seed", "none" } }).status,
            200);
        QCOMPARE(
            m_emulator.control("GET", QStringLiteral("health")).json()["tenants"].get<int>(), 0);
        QCOMPARE(m_emulator.control("POST", QStringLiteral("state/load"), Json { { "path", path } })
                     .status,
            200);
        QCOMPARE(tenantState()["count"].get<int>(), 1);
        // Tokens are part of the state: the token from before the reset works again.
        QCOMPARE(calendars().status, 200);
        QCOMPARE(m_emulator
                     .control("POST", QStringLiteral("state/load"),
                         Json { { "path", "/nonexistent/x.json" } })
                     .status,
            400);
    }

    void servesHttpsWithAGivenCertificate()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
            { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem")) });
        QVERIFY2(openssl.waitForFinished(30'000) && openssl.exitCode() == 0,
            openssl.readAllStandardError().constData());
        EmulatorProcess tls;
        QVERIFY_RESULT(
            tls.start({ QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("cert.pem")),
                QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("key.pem")) }));
        QCOMPARE(tls.baseUrl().scheme(), QStringLiteral("https"));
        QNetworkAccessManager network;
        auto *reply = network.get(QNetworkRequest(tls.url(QStringLiteral("/__emulator/health"))));
        reply->ignoreSslErrors(); // self-signed for the test
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().contains("\"status\":\"ok\""));
        reply->deleteLater();
        // Plain HTTP to the TLS port gets no answer.
        QCOMPARE(m_emulator.http()
                     .send("GET",
                         QUrl(tls.url(QStringLiteral("/__emulator/health"))
                                  .toString()
                                  .replace(QStringLiteral("https:"), QStringLiteral("http:"))),
                         {}, {}, 2000)
                     .status,
            0);
    }

    void transportErrorsAndLog()
    {
        // An oversized body, malformed HTTP and a malformed control body.
        const auto big = m_emulator.http().send("POST",
            m_emulator.url(QStringLiteral("/payroll.xro/1.0/Timesheets")),
            QByteArray(5 * 1024 * 1024, 'x'),
            { { "Authorization", "Bearer " + QByteArray::fromStdString(m_token) } });
        QCOMPARE(big.status, 413);
        QTcpSocket socket;
        socket.connectToHost(m_emulator.process().baseUrl().host(),
            static_cast<quint16>(m_emulator.process().baseUrl().port()));
        QVERIFY(socket.waitForConnected(3000));
        socket.write("NONSENSE\r\n\r\n");
        QTRY_VERIFY(
            socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 400"));
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("seed"), Json::array({ 1, 2 })).status, 400);
        QCOMPARE(m_emulator.control("GET", QStringLiteral("nothing-here")).status, 404);
        // One line per request: method, path, tenant, status, latency.
        calendars();
        const QByteArray line =
            QByteArray("GET /payroll.xro/1.0/PayrollCalendars ") + m_tenant + " 200 ";
        QTRY_VERIFY(m_emulator.process().log().contains(line));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorLimits)
#include "tst_emulatorlimits.moc"
