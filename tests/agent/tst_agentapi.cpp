#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include "agentprocess.h"
#include "core/queue/queue.h"
#include "core/sync/redisratelimitgate.h"
#include "support/emulatorprocess.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/testqueue.h"
#include "support/testservices.h"
#include "support/xerotesttokens.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

namespace {
constexpr auto AU_TENANT = "f4030178-4747-52fe-ab99-de32679cf1b4";
constexpr auto UK_TENANT = "dee3baf2-45ea-5ef1-af47-ac168ce94c34";
//! The default seed's first UK employee, on the UK weekly calendar (weeks from 2026-01-05).
constexpr auto UK_EMPLOYEE = "278d4dd5-0392-5870-b9de-1431f62443be";
constexpr auto UK_EMPLOYEE_2 = "1df0c8ca-ef32-5156-ab35-6a1103abf3c5"; //!< also weekly
constexpr auto WEBHOOK_TOKEN = "webhook-token-for-tests-0123456789";
constexpr auto WEBHOOK_SECRET = "webhook-hmac-secret-0123456789";
constexpr auto REDIRECT = "http://127.0.0.1:1/agent-test/callback";
} // namespace

//! xerosync-agent end to end: a real process with a config file and environment, real Redis and
//! PostgreSQL, the emulator as Xero. Every route's happy path and its bad input, the three
//! approval paths, catch-up after downtime, graceful shutdown and the push channel.
class TestAgentApi : public QObject
{
    Q_OBJECT

private:
    EmulatorProcess m_emulator;
    AgentProcess m_agent;
    TestHttpClient m_http;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<Queue> m_queue;
    QString m_admin;
    QString m_viewer;
    QString m_queueName;
    Json m_employees;
    int m_nextEmployee = 0;

    TestHttpClient::Headers auth(const QString &token) const
    {
        return { { "Authorization", "Bearer " + token.toUtf8() },
            { "Content-Type", "application/json" } };
    }

    HttpReply call(const QByteArray &method, const QString &path, const QString &token,
        const QByteArray &body = {})
    {
        return m_http.send(method, m_agent.url(path), body,
            token.isEmpty() ? TestHttpClient::Headers {} : auth(token));
    }

    HttpReply post(const QString &path, const Json &body, const QString &token)
    {
        return call("POST", path, token, QByteArray::fromStdString(body.dump()));
    }

    void exec(const QString &sql, const QVariantList &binds = {})
    {
        QVERIFY_RESULT(m_db->database().exec(sql, binds));
    }

    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        auto q = m_db->database().exec(sql, binds);
        return q && q->next() ? q->value(0) : QVariant();
    }

    //! A submission of the next unused emulator employee for the week of 2026-11-02 (AU weekly
    //! calendar), inserted as SUBMITTED; approve() makes the trigger announce it.
    QString addSubmission(const QString &id)
    {
        const int index = m_nextEmployee++;
        const QString user = u"user-%1"_s.arg(index);
        const QString xeroId =
            QString::fromStdString(m_employees[size_t(index)]["EmployeeID"].get<std::string>());
        exec(u"INSERT INTO employees (id, name, xero_employee_id) VALUES (?, ?, ?)"_s,
            { user, u"Person %1"_s.arg(index), xeroId });
        exec(u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status, "
             u"version) "
             "VALUES (?, ?, '2026-11-02', '2026-11-08', 'SUBMITTED', 1)"_s,
            { id, user });
        exec(
            u"INSERT INTO timesheet_entries (submission_id, work_date, hours) VALUES (?, '2026-11-02', 8), (?, '2026-11-03', 7.5)"_s,
            { id, id });
        return xeroId;
    }

    void approve(const QString &id)
    {
        exec(
            u"UPDATE timesheet_submissions SET status = 'APPROVED', approved_by = 'manager', approved_at = now() WHERE id = ?"_s,
            { id });
    }

    QString syncStatus(const QString &id)
    {
        return scalar(u"SELECT status FROM xero_sync_state WHERE submission_id = ?"_s, { id })
            .toString();
    }

    //! How many timesheets the emulator holds for the employee, and how often one was created.
    std::pair<int, int> xeroTimesheets(
        const QString &xeroEmployeeId, const char *tenant = AU_TENANT)
    {
        const Json state = m_http
                               .get(m_emulator.url(u"/__emulator/tenants/%1/timesheets"_s.arg(
                                   QLatin1StringView(tenant))))
                               .json();
        int sheets = 0;
        int creates = 0;
        for (const auto &sheet : state["timesheets"]) {
            if (sheet.value("employeeID", "") == xeroEmployeeId.toStdString())
                ++sheets;
        }
        for (const auto &create : state["creates"]) {
            if (create.value("employeeId", "") == xeroEmployeeId.toStdString())
                creates += create.value("creates", 0);
        }
        return { sheets, creates };
    }

    JobCounts counts() { return m_queue->counts().value_or(JobCounts {}); }

    //! Why the job's last attempt failed (empty while it has not failed).
    QString failedReason(const QString &jobId)
    {
        return m_queue->job(jobId).value_or(std::nullopt).value_or(Job {}).failedReason;
    }

    void expectError(
        const HttpReply &reply, int status, const char *code, const QString &field = {})
    {
        QVERIFY2(reply.status == status,
            qPrintable(u"HTTP %1, expected %2: %3"_s.arg(reply.status)
                           .arg(status)
                           .arg(QString::fromUtf8(reply.body))));
        const Json body = reply.json();
        QVERIFY2(body.contains("error") && body["error"].is_object(), reply.body.constData());
        QCOMPARE(body["error"]["code"].get<std::string>(), std::string(code));
        QVERIFY(!body["error"]["message"].get<std::string>().empty());
        if (!field.isEmpty())
            QCOMPARE(QString::fromStdString(body["error"].value("field", "")), field);
    }

    //! Another agent with its own database and queue, on the emulator's custom connection
    //! (client id and secret, no consent page; the custom app is bound to the AU organisation).
    void configureCustomAgent(AgentProcess &agent, const QString &redisUrl,
        const QString &databaseUrl, const QTemporaryDir &dir, const QString &name)
    {
        QProcessEnvironment &env = agent.environment();
        env.insert(u"REDIS_URL"_s, redisUrl);
        env.insert(u"DATABASE_URL"_s, databaseUrl);
        env.insert(u"XERO_ENVIRONMENT"_s, u"sandbox"_s);
        env.insert(u"XERO_BASE_URL"_s, m_emulator.baseUrl().toString());
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-custom"_s);
        env.insert(u"XERO_CLIENT_SECRET"_s, u"demo-custom-secret"_s);
        env.insert(u"XERO_CONNECTION"_s, u"custom"_s);
        agent.setConfig(u"[http]\nport=0\n[queue]\nname=%1-%2\n[workers]\nconcurrency=1\n"
                        "catch_up_interval_ms=3600000\nhealth_check_interval_ms=3600000\n"
                        "[xero]\ntoken_key_file=%3\ncalls_per_minute=1000\n"_s
                            .arg(m_queueName, name, dir.filePath(u"token.key"_s))
                            .toUtf8());
    }

    void connectToXero()
    {
        auto connect = m_http.send(
            "GET", m_agent.url(u"/api/xero/connect?redirect=false"_s), {}, auth(m_admin));
        QCOMPARE(connect.status, 200);
        const QUrl authorize(
            QString::fromStdString(connect.json()["authorizeUrl"].get<std::string>()));
        QCOMPARE(authorize.host(), m_emulator.baseUrl().host());
        // The emulator consents at once and sends the browser to the redirect URI.
        QNetworkAccessManager network;
        QNetworkRequest request(authorize);
        request.setAttribute(
            QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        const QUrl back(QString::fromUtf8(reply->rawHeader("Location")));
        reply->deleteLater();
        QVERIFY2(
            back.toString().startsWith(QLatin1StringView(REDIRECT)), qPrintable(back.toString()));
        const HttpReply callback =
            m_http.get(m_agent.url(u"/api/xero/callback?"_s + back.query(QUrl::FullyEncoded)));
        QVERIFY2(callback.status == 200, callback.body.constData());
        QVERIFY(callback.body.contains("Connected to Xero"));
    }

private slots:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"agentapi"_s);
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        QVERIFY_RESULT(m_emulator.start());
        const Json app { { "clientId", "xerosync-web" }, { "type", "web" },
            { "clientSecret", "demo-web-secret" }, { "redirectUris", Json::array({ REDIRECT }) } };
        QCOMPARE(m_http.postJson(m_emulator.url(u"/__emulator/apps"_s), app).status, 200);
        const auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        QVERIFY_RESULT(endpoints);
        const auto token = XeroTestTokens::customConnection(*endpoints);
        QVERIFY_RESULT(token);
        m_employees = m_http
                          .get(m_emulator.url(u"/payroll.xro/1.0/Employees"_s),
                              { { "Authorization", "Bearer " + token->toUtf8() } })
                          .json()["Employees"];
        QCOMPARE(m_employees.size(), 24u);
        // These tests are about the API, not Xero's minute limit (the sync and chaos tests are):
        // the emulator allows what the agent's gate does (calls_per_minute below), so a test's
        // timing does not depend on how many calls the tests before it made this minute.
        QCOMPARE(
            m_http.postJson(m_emulator.url(u"/__emulator/config"_s), { { "minuteLimit", 1000 } })
                .status,
            200);

        m_queueName = u"agent-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
        auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        QueueSettings settings;
        settings.name = m_queueName;
        m_queue = std::make_unique<Queue>(*redis, settings);

        QProcessEnvironment &env = m_agent.environment();
        env.insert(u"REDIS_URL"_s, services->redisUrl);
        env.insert(u"DATABASE_URL"_s, m_db->url());
        env.insert(u"XERO_ENVIRONMENT"_s, u"sandbox"_s);
        env.insert(u"XERO_BASE_URL"_s, m_emulator.baseUrl().toString());
        env.insert(u"XERO_CLIENT_ID"_s, u"xerosync-web"_s);
        env.insert(u"XERO_CLIENT_SECRET"_s, u"demo-web-secret"_s);
        env.insert(u"XERO_REDIRECT_URI"_s, QString::fromLatin1(REDIRECT));
        m_agent.setConfig(
            u"[http]\nport=0\nmax_body_bytes=65536\npush_linger_ms=1000\n[queue]\nname=%1\n["
            u"workers]\nconcurrency="
            u"2\ncatch_up_interval_ms=3600000\nhealth_check_interval_ms=3600000\n"
            "shutdown_timeout_ms=20000\n[xero]\ntoken_key_file=%2\ncalls_per_minute=1000\nkeep_alive_check_ms=1000\n[webhook]\ntoken=%3\nhmac_secret=%4\n"_s
                .arg(m_queueName, QDir::temp().filePath(m_queueName + u".key"_s),
                    QLatin1StringView(WEBHOOK_TOKEN), QLatin1StringView(WEBHOOK_SECRET))
                .toUtf8());

        const auto admin = m_agent.createToken(u"finance admin"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        m_admin = *admin;
        QVERIFY(m_admin.startsWith(u"xs_"_s));
        const auto viewer = m_agent.createToken(u"auditor"_s, u"viewer"_s);
        QVERIFY_RESULT(viewer);
        m_viewer = *viewer;
        const auto duplicate = m_agent.run({ u"token"_s, u"create"_s, u"--name"_s, u"auditor"_s });
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY(duplicate.err.contains("already exists"));

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
            qWarning().noquote() << "agent log:\n" << m_agent.log().right(4000);
    }

    void healthIsPublicAndNamesEachDependency()
    {
        const HttpReply reply = call("GET", u"/api/health"_s, {});
        QCOMPARE(reply.status, 200);
        const Json body = reply.json();
        QCOMPARE(body["status"].get<std::string>(), std::string("ok"));
        QCOMPARE(body["apiVersion"].get<int>(), 1);
        QVERIFY(body["checks"]["redis"]["ok"].get<bool>());
        QVERIFY(body["checks"]["postgres"]["ok"].get<bool>());
        QVERIFY(!body["checks"]["xero"]["ok"].get<bool>()); // not connected yet
    }

    void tokensAndRoles_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("adminOnly");
        QTest::newRow("status") << QByteArray("GET") << u"/api/xero/sync/queue/status"_s << false;
        QTest::newRow("logs") << QByteArray("GET") << u"/api/xero/sync/logs"_s << false;
        QTest::newRow("stats") << QByteArray("GET") << u"/api/xero/sync/stats"_s << false;
        QTest::newRow("jobs") << QByteArray("GET") << u"/api/xero/sync/jobs"_s << false;
        QTest::newRow("metrics") << QByteArray("GET") << u"/metrics"_s << false;
        QTest::newRow("manual") << QByteArray("POST") << u"/api/xero/sync/manual"_s << true;
        QTest::newRow("batch") << QByteArray("POST") << u"/api/xero/sync/batch"_s << true;
        QTest::newRow("action") << QByteArray("POST") << u"/api/xero/sync/queue/status"_s << true;
        QTest::newRow("retry") << QByteArray("POST") << u"/api/xero/sync/jobs/x/retry"_s << true;
        QTest::newRow("remove") << QByteArray("DELETE") << u"/api/xero/sync/jobs/x"_s << true;
        QTest::newRow("connect") << QByteArray("GET") << u"/api/xero/connect"_s << true;
        QTest::newRow("disconnect") << QByteArray("DELETE") << u"/api/xero/connection"_s << true;
    }

    void tokensAndRoles()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, adminOnly);
        // The agent's own health-check job (queued at start) must not count as a change.
        QTRY_VERIFY_WITH_TIMEOUT(counts().waiting + counts().active == 0, 10'000);
        const JobCounts before = counts();
        expectError(call(method, path, {}, "{}"), 401, "unauthorized");
        expectError(call(method, path, u"xs_not-a-real-token"_s, "{}"), 401, "unauthorized");
        expectError(m_http.send(method, m_agent.url(path), "{}",
                        { { "Authorization", "Basic YWRtaW46YWRtaW4=" } }),
            401, "unauthorized");
        const HttpReply viewer = call(method, path, m_viewer, "{}");
        if (adminOnly)
            expectError(viewer, 403, "forbidden");
        else
            QCOMPARE(viewer.status, 200);
        QCOMPARE(counts(), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE actor = 'auditor'"_s).toInt(), 0);
    }

    void wrongMethodIs405()
    {
        const HttpReply reply = call("PUT", u"/api/xero/sync/manual"_s, m_admin, "{}");
        expectError(reply, 405, "bad_request");
        QCOMPARE(reply.header("Allow"), QByteArray("POST"));
    }

    void xeroConnectsThroughTheCallback()
    {
        const HttpReply forged = call("GET", u"/api/xero/callback?code=abc&state=forged"_s, {});
        QCOMPARE(forged.status, 400);
        QVERIFY(forged.body.contains("unknown or older than 10 minutes"));
        QCOMPARE(scalar(u"SELECT count(*) FROM xero_connection"_s).toInt(), 0);
        connectToXero();
        const HttpReply status = call("GET", u"/api/xero/connection"_s, m_viewer);
        QCOMPARE(status.status, 200);
        const Json body = status.json();
        QVERIFY(body["connected"].get<bool>());
        QCOMPARE(body["organisations"].size(), 2u);
        QCOMPARE(body["organisations"][0]["tenantId"].get<std::string>(), std::string(AU_TENANT));
        // Each organisation's region comes from Xero (Accounting's Organisation) and picks its
        // payroll API; the first connected is the default.
        QCOMPARE(body["organisations"][0]["region"].get<std::string>(), std::string("AU"));
        QCOMPARE(body["organisations"][0]["payroll"].get<std::string>(), std::string("au1"));
        QVERIFY(body["organisations"][0]["active"].get<bool>());
        QCOMPARE(body["organisations"][1]["tenantId"].get<std::string>(), std::string(UK_TENANT));
        QCOMPARE(body["organisations"][1]["region"].get<std::string>(), std::string("UK"));
        QCOMPARE(body["organisations"][1]["payroll"].get<std::string>(), std::string("uk"));
        QVERIFY(!body["organisations"][1]["active"].get<bool>());
        QCOMPARE(
            scalar(u"SELECT count(*) FROM audit_log WHERE action = 'xero.connect'"_s).toInt(), 1);
        // Tokens at rest are ciphertext, never the token itself.
        const QByteArray stored =
            scalar(u"SELECT refresh_token_enc FROM xero_token_sets LIMIT 1"_s).toByteArray();
        QVERIFY(!stored.isEmpty());
        QVERIFY(!stored.contains("refresh"));
        QTRY_VERIFY_WITH_TIMEOUT(
            call("GET", u"/api/health"_s, {}).json()["checks"]["xero"]["ok"].get<bool>(), 5000);
    }

    void approvalInTheDatabaseReachesXeroOnce()
    {
        const QString xeroId = addSubmission(u"db-1"_s);
        approve(u"db-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"db-1"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
        QCOMPARE(
            scalar(
                u"SELECT count(*) FROM audit_log WHERE action = 'approval.seen' AND target = 'db-1'"_s)
                .toInt(),
            1);
        // The same approval announced again adds nothing.
        exec(
            u"SELECT pg_notify('xerosync_timesheet_events', '{\"event\":\"approved\",\"submissionId\":\"db-1\",\"version\":1}')"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(
                u"SELECT count(*) FROM audit_log WHERE action = 'approval.seen' AND target = 'db-1'"_s)
                .toInt(),
            2, 10'000);
        QTest::qWait(500);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
    }

    void employeeOfAnotherOrganisationSyncsThere()
    {
        // employees.xero_tenant_id sends this person's timesheets to the UK organisation, through
        // Payroll UK 2.0 (one line per date), while everyone else goes to the default (AU).
        exec(u"INSERT INTO employees (id, name, xero_employee_id, xero_tenant_id)"
             " VALUES ('uk-user', 'Harper Hall', ?, ?)"_s,
            { QString::fromLatin1(UK_EMPLOYEE), QString::fromLatin1(UK_TENANT).toUpper() });
        exec(u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status)"
             " VALUES ('uk-1', 'uk-user', '2026-11-02', '2026-11-08', 'SUBMITTED')"_s);
        exec(u"INSERT INTO timesheet_entries (submission_id, work_date, hours)"
             " VALUES ('uk-1', '2026-11-02', 7), ('uk-1', '2026-11-04', 6.5)"_s);
        approve(u"uk-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"uk-1"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(QString::fromLatin1(UK_EMPLOYEE), UK_TENANT), std::make_pair(1, 1));
        QCOMPARE(xeroTimesheets(QString::fromLatin1(UK_EMPLOYEE), AU_TENANT), std::make_pair(0, 0));
        const Json sheets = m_http
                                .get(m_emulator.url(u"/__emulator/tenants/%1/timesheets"_s.arg(
                                    QLatin1StringView(UK_TENANT))))
                                .json()["timesheets"];
        double hours = 0;
        for (const auto &sheet : sheets) {
            if (sheet.value("employeeID", "") == UK_EMPLOYEE)
                hours = sheet.value("totalHours", 0.0);
        }
        QCOMPARE(hours, 13.5);
        QCOMPARE(scalar(u"SELECT metadata->>'tenantId' FROM xero_sync_log"
                        " WHERE submission_id = 'uk-1' AND status = 'SUCCESS'"_s)
                     .toString(),
            QString::fromLatin1(UK_TENANT));
        QCOMPARE(scalar(u"SELECT target || ' ' || tenant_id FROM xero_sync_state"
                        " WHERE submission_id = 'uk-1'"_s)
                     .toString(),
            u"payroll-uk "_s + QString::fromLatin1(UK_TENANT));
    }

    void payroll2BatchSyncsEachSubmissionInTurn()
    {
        // Payroll 2.0 has no array create: a batch for the UK organisation runs the single sync
        // for each of its approved submissions, and leaves the other organisation's alone.
        exec(u"ALTER TABLE timesheet_submissions DISABLE TRIGGER timesheet_submissions_notify"_s);
        exec(u"INSERT INTO employees (id, name, xero_employee_id, xero_tenant_id)"
             " VALUES ('uk-user-2', 'Second UK', ?, ?)"_s,
            { QString::fromLatin1(UK_EMPLOYEE_2), QString::fromLatin1(UK_TENANT) });
        for (const char *week : { "2026-11-09", "2026-11-16" }) {
            const QString id = u"ukb-"_s + QLatin1StringView(week);
            exec(
                u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status)"
                " VALUES (?, 'uk-user-2', CAST(? AS date), CAST(? AS date) + 6, 'APPROVED')"_s,
                { id, QString::fromLatin1(week), QString::fromLatin1(week) });
            exec(u"INSERT INTO timesheet_entries (submission_id, work_date, hours)"
                 " VALUES (?, CAST(? AS date), 7.5)"_s,
                { id, QString::fromLatin1(week) });
        }
        exec(u"ALTER TABLE timesheet_submissions ENABLE TRIGGER timesheet_submissions_notify"_s);
        const auto ukCalls = [this] {
            return m_http.get(m_emulator.url(u"/__emulator/stats"_s))
                .json()["apiCallsPerTenant"]
                .value(UK_TENANT, 0);
        };
        const int callsBefore = ukCalls();
        const auto jobId = m_queue->add(u"batch-sync"_s,
            { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" },
                { "tenantId", UK_TENANT } });
        QVERIFY_RESULT(jobId);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(*jobId).value_or(JobState::Unknown), JobState::Completed, 30'000);
        const Json result = m_queue->job(*jobId).value().value().returnValue;
        // uk-1 (already in Xero, left as it is) and the two new ones; the AU ones are not its.
        QCOMPARE(result["total"].get<int>(), 3);
        QCOMPARE(result["synced"].get<int>(), 3);
        QCOMPARE(result["failed"].get<int>(), 0);
        QVERIFY(result["otherOrganisation"].get<int>() >= 1);
        QCOMPARE(
            xeroTimesheets(QString::fromLatin1(UK_EMPLOYEE_2), UK_TENANT), std::make_pair(2, 2));
        QCOMPARE(xeroTimesheets(QString::fromLatin1(UK_EMPLOYEE), UK_TENANT), std::make_pair(1, 1));
        QCOMPARE(scalar(u"SELECT count(*) FROM xero_sync_log WHERE trigger = 'batch'"
                        " AND job_id = ? AND status = 'SUCCESS'"_s,
                     { *jobId })
                     .toInt(),
            3);
        // A pay run reads the organisation's calendars, earnings rates, employees and the
        // timesheets of its range up front (one page each here), then uk-1 costs the read of its
        // lines and each new one its create: 4 + 1 + 2. Each timesheet reading its own employee
        // and looking itself up took 11; each also reading calendars and rates, 15.
        QCOMPARE(ukCalls() - callsBefore, 7);
    }

    void employeeOfAnUnconnectedOrganisationWaits()
    {
        exec(u"INSERT INTO employees (id, name, xero_employee_id, xero_tenant_id)"
             " VALUES ('far-user', 'Nobody', ?, '00000000-0000-4000-8000-00000000beef')"_s,
            { QString::fromLatin1(UK_EMPLOYEE) });
        exec(u"INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, status)"
             " VALUES ('far-1', 'far-user', '2026-11-02', '2026-11-08', 'SUBMITTED')"_s);
        approve(u"far-1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            failedReason(u"sync:far-1:v1"_s).contains(u"is not connected"_s), 20'000);
        QVERIFY(syncStatus(u"far-1"_s).isEmpty());
        QVERIFY(m_queue->remove(u"sync:far-1:v1"_s).has_value());
        exec(u"UPDATE timesheet_submissions SET status = 'REJECTED' WHERE id = 'far-1'"_s);
    }

    void reconnectingKeepsTheDefaultOrganisation()
    {
        const auto before = call("GET", u"/api/xero/connection"_s, m_viewer).json();
        connectToXero();
        const auto after = call("GET", u"/api/xero/connection"_s, m_viewer).json();
        QCOMPARE(after["organisations"].size(), 2u);
        for (size_t i = 0; i < 2; ++i) {
            const auto &was = before["organisations"][i];
            const auto &is = after["organisations"][i];
            QVERIFY(is["tenantId"] == was["tenantId"]);
            QVERIFY(is["active"] == was["active"]);
            QVERIFY2(is["connectedAt"] == was["connectedAt"], is.dump().c_str());
        }
        QCOMPARE(after["organisations"][0]["tenantId"].get<std::string>(), std::string(AU_TENANT));
    }

    void idleTokensAreRefreshedWeekly()
    {
        // Xero ends a refresh token unused for 60 days; the agent refreshes tokens stored more
        // than a week ago, once, even when nothing is synced.
        const auto refreshes = [this] {
            return m_http.get(m_emulator.url(u"/__emulator/stats"_s))
                .json()["oauth"]
                .value("refreshes", -1);
        };
        const int before = refreshes();
        QTest::qWait(1500); // a few checks of fresh tokens: nothing to do
        QCOMPARE(refreshes(), before);
        exec(u"UPDATE xero_token_sets SET updated_at = now() - interval '8 days'"_s);
        QTRY_COMPARE_WITH_TIMEOUT(refreshes(), before + 1, 10'000);
        QTest::qWait(2500);
        QCOMPARE(refreshes(), before + 1); // only the set in use, and only once
        QVERIFY(
            scalar(u"SELECT count(*) FROM xero_token_sets s JOIN xero_connection c"
                   " ON c.token_set_id = s.id WHERE s.updated_at > now() - interval '1 minute'"_s)
                .toInt()
            >= 1);
        QVERIFY(m_agent.log().contains("refreshing idle Xero tokens"));
    }

    void webhookApprovalReachesXeroOnce()
    {
        // A timesheet system without the trigger announces approvals through the webhook.
        exec(u"ALTER TABLE timesheet_submissions DISABLE TRIGGER timesheet_submissions_notify"_s);
        const QString xeroId = addSubmission(u"wh-1"_s);
        approve(u"wh-1"_s);
        const QString xeroId2 = addSubmission(u"wh-2"_s);
        approve(u"wh-2"_s);
        exec(u"ALTER TABLE timesheet_submissions ENABLE TRIGGER timesheet_submissions_notify"_s);
        const JobCounts before = counts();
        const QByteArray body = R"({"submissionId":"wh-1"})";
        const auto webhook = [this](const QByteArray &payload,
                                 const TestHttpClient::Headers &headers) {
            return m_http.send(
                "POST", m_agent.url(u"/api/events/timesheet-approved"_s), payload, headers);
        };
        expectError(webhook(body, {}), 401, "unauthorized");
        expectError(webhook(body, { { "Authorization", "Bearer wrong-token-wrong-token-00" } }),
            401, "unauthorized");
        expectError(
            webhook(body, { { "X-Xerosync-Signature", "sha256=00ff" } }), 401, "unauthorized");
        const TestHttpClient::Headers bearer { { "Authorization",
            QByteArray("Bearer ") + WEBHOOK_TOKEN } };
        expectError(webhook("{not json", bearer), 400, "bad_request");
        expectError(webhook(R"({"submissionId":"wh-1","extra":1})", bearer), 400, "bad_request",
            u"extra"_s);
        expectError(
            webhook(R"({"submissionId":"no-such"})", bearer), 404, "not_found", u"submissionId"_s);
        expectError(webhook(R"({"submissionId":"wh-1","version":7})", bearer), 409, "conflict");
        QCOMPARE(counts(), before);

        const HttpReply accepted = webhook(body, bearer);
        QCOMPARE(accepted.status, 202);
        QCOMPARE(accepted.json()["jobId"].get<std::string>(), std::string("sync:wh-1:v1"));
        QCOMPARE(webhook(body, bearer).json()["jobId"].get<std::string>(),
            std::string("sync:wh-1:v1")); // a repeat is a no-op
        const QByteArray signedBody = R"({"submissionId":"wh-2","version":1})";
        const QByteArray signature = "sha256="
            + QMessageAuthenticationCode::hash(
                signedBody, WEBHOOK_SECRET, QCryptographicHash::Sha256)
                  .toHex();
        QCOMPARE(webhook(signedBody, { { "X-Xerosync-Signature", signature } }).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"wh-1"_s), u"SYNCED"_s, 20'000);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"wh-2"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
        QCOMPARE(xeroTimesheets(xeroId2), std::make_pair(1, 1));
    }

    void jobFromAnotherProducerIsSynced()
    {
        exec(u"ALTER TABLE timesheet_submissions DISABLE TRIGGER timesheet_submissions_notify"_s);
        const QString xeroId = addSubmission(u"bull-1"_s);
        approve(u"bull-1"_s);
        exec(u"ALTER TABLE timesheet_submissions ENABLE TRIGGER timesheet_submissions_notify"_s);
        // What a Node producer's queue.add('sync-timesheet', {submissionId}) stores (bullinterop
        // proves the layouts are the same).
        JobOptions options;
        options.priority = 1;
        QVERIFY_RESULT(
            m_queue->add(u"sync-timesheet"_s, { { "submissionId", "bull-1" } }, options));
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"bull-1"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
    }

    void manualSyncRejectsBadInputAndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("malformed") << QByteArray("{\"submissionIds\": [") << 400 << QString();
        QTest::newRow("wrong type")
            << QByteArray(R"({"submissionIds":"db-1"})") << 400 << u"submissionIds"_s;
        QTest::newRow("empty") << QByteArray(R"({"submissionIds":[]})") << 400
                               << u"submissionIds"_s;
        QTest::newRow("unknown field")
            << QByteArray(R"({"submissionIds":["db-1"],"prio":"high"})") << 400 << u"prio"_s;
        QTest::newRow("bad priority")
            << QByteArray(R"({"submissionIds":["db-1"],"priority":"now"})") << 400 << u"priority"_s;
        QTest::newRow("unknown id") << QByteArray(R"({"submissionIds":["db-1","no-such-id"]})")
                                    << 404 << u"submissionIds"_s;
        QTest::newRow("oversized")
            << QByteArray(R"({"submissionIds":[")") + QByteArray(70'000, 'x') + QByteArray(R"("]})")
            << 413 << QString();
    }

    void manualSyncRejectsBadInputAndChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const JobCounts before = counts();
        const int audits = scalar(u"SELECT count(*) FROM audit_log"_s).toInt();
        const HttpReply reply = call("POST", u"/api/xero/sync/manual"_s, m_admin, body);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_object());
        if (!field.isEmpty())
            QCOMPARE(QString::fromStdString(reply.json()["error"].value("field", "")), field);
        QCOMPARE(counts(), before);
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log"_s).toInt(), audits);
    }

    void manualSyncQueuesAndIsAudited()
    {
        addSubmission(u"m-1"_s);
        expectError(post(u"/api/xero/sync/manual"_s, { { "submissionIds", { "m-1" } } }, m_admin),
            409, "conflict", u"submissionIds"_s);
        approve(u"m-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"m-1"_s), u"SYNCED"_s, 20'000);
        const HttpReply reply = post(u"/api/xero/sync/manual"_s,
            { { "submissionIds", { "m-1", "db-1" } }, { "priority", "high" } }, m_admin);
        QCOMPARE(reply.status, 202);
        const Json queued = reply.json()["queued"];
        QCOMPARE(queued.size(), 2u);
        const QString jobId = QString::fromStdString(queued[0]["jobId"].get<std::string>());
        QVERIFY(jobId.startsWith(u"manual:m-1:v1:"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(jobId).value_or(JobState::Unknown), JobState::Completed, 20'000);
        QCOMPARE(
            scalar(
                u"SELECT actor FROM audit_log WHERE action = 'sync.manual' ORDER BY id DESC LIMIT 1"_s)
                .toString(),
            u"finance admin"_s);
        // Unchanged content: the re-sync wrote nothing new to Xero.
        const auto job = m_queue->job(jobId);
        QVERIFY(job && *job);
        QCOMPARE((*job)->returnValue["action"].get<std::string>(), std::string("unchanged"));
    }

    void batchSyncValidatesAndRuns()
    {
        const JobCounts before = counts();
        expectError(post(u"/api/xero/sync/batch"_s,
                        { { "fromDate", "2026-11-30" }, { "toDate", "2026-11-01" } }, m_admin),
            400, "bad_request", u"toDate"_s);
        expectError(post(u"/api/xero/sync/batch"_s,
                        { { "fromDate", "30/11/2026" }, { "toDate", "2026-11-01" } }, m_admin),
            400, "bad_request", u"fromDate"_s);
        expectError(post(u"/api/xero/sync/batch"_s,
                        { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" },
                            { "userIds", "user-1" } },
                        m_admin),
            400, "bad_request", u"userIds"_s);
        expectError(post(u"/api/xero/sync/batch"_s,
                        { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" },
                            { "tenantId", "x'; DROP" } },
                        m_admin),
            400, "bad_request", u"tenantId"_s);
        expectError(post(u"/api/xero/sync/batch"_s,
                        { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" },
                            { "tenantId", "00000000-0000-4000-8000-00000000beef" } },
                        m_admin),
            400, "bad_request", u"tenantId"_s);
        QCOMPARE(counts(), before);
        const HttpReply reply = post(u"/api/xero/sync/batch"_s,
            { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" } }, m_admin);
        QVERIFY2(reply.status == 202, reply.body.constData());
        QVERIFY(reply.json()["submissions"].get<int>() >= 4);
        const QString jobId = QString::fromStdString(reply.json()["jobId"].get<std::string>());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(jobId).value_or(JobState::Unknown), JobState::Completed, 30'000);
        const auto job = m_queue->job(jobId);
        QVERIFY(job && *job);
        QCOMPARE((*job)->returnValue["failed"].get<int>(), 0);
        // A batch writes one organisation: the UK one's three are left alone.
        QCOMPARE((*job)->returnValue["otherOrganisation"].get<int>(), 3);
        QCOMPARE(xeroTimesheets(QString::fromLatin1(UK_EMPLOYEE), AU_TENANT), std::make_pair(0, 0));
    }

    void batchSaysBeforeItStartsWhenTodaysCallsWillNotDo()
    {
        // Xero tells an agent (any agent: the gate's record is shared) that the UK organisation
        // has 2 calls left today.
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        const auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        RedisRateLimitGate other(*redis, RedisRateLimitGate::Limits {});
        RateLimitInfo said;
        said.dayRemaining = 2;
        other.observe(QString::fromLatin1(UK_TENANT), said, 200);
        QVERIFY_RESULT(m_queue->pause()); // the batch must not run, only be judged
        const HttpReply reply = post(u"/api/xero/sync/batch"_s,
            { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" }, { "tenantId", UK_TENANT } },
            m_admin);
        said.dayRemaining = 5000;
        other.observe(QString::fromLatin1(UK_TENANT), said, 200);
        QVERIFY2(reply.status == 202, reply.body.constData());
        const Json body = reply.json();
        const QString jobId = QString::fromStdString(body["jobId"].get<std::string>());
        QVERIFY_RESULT(m_queue->remove(jobId));
        QVERIFY_RESULT(m_queue->resume());
        // Queued all the same (the gate spreads the calls), and said so in the answer.
        const Json quota = body["quota"];
        QVERIFY2(quota.is_object(), reply.body.constData());
        QCOMPARE(quota["fitsToday"].get<bool>(), false);
        QCOMPARE(quota["remainingToday"].get<int>(), 2);
        QVERIFY(quota["estimatedCalls"].get<int>() > 2);
        QVERIFY(QString::fromStdString(quota["message"].get<std::string>())
                    .contains(u"nothing fails for lack of calls"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_agent.log().contains("the day's allowance frees up"), 5'000);
        // A batch that fits says so too, without a warning.
        QVERIFY_RESULT(m_queue->pause());
        const HttpReply fits = post(u"/api/xero/sync/batch"_s,
            { { "fromDate", "2026-11-01" }, { "toDate", "2026-11-30" }, { "tenantId", UK_TENANT } },
            m_admin);
        QVERIFY_RESULT(
            m_queue->remove(QString::fromStdString(fits.json()["jobId"].get<std::string>())));
        QVERIFY_RESULT(m_queue->resume());
        QCOMPARE(fits.json()["quota"]["fitsToday"].get<bool>(), true);
        QVERIFY(!fits.json()["quota"].contains("message"));
    }

    void queueActions()
    {
        expectError(post(u"/api/xero/sync/queue/status"_s, { { "action", "drain" } }, m_admin), 400,
            "bad_request", u"action"_s);
        HttpReply paused =
            post(u"/api/xero/sync/queue/status"_s, { { "action", "pause" } }, m_admin);
        QCOMPARE(paused.status, 200);
        QVERIFY(paused.json()["paused"].get<bool>());
        const HttpReply status = call("GET", u"/api/xero/sync/queue/status"_s, m_viewer);
        QCOMPARE(status.status, 200);
        QVERIFY(status.json()["paused"].get<bool>());
        QVERIFY(status.json()["counts"].contains("failed"));
        QVERIFY(status.json()["xero"]["connected"].get<bool>());
        QVERIFY(!status.json()["workers"].empty());
        QVERIFY(status.json().contains("stats24h"));
        const Json room = status.json()["rateLimit"][AU_TENANT];
        QVERIFY2(room.value("usedToday", 0) >= 4, status.body.constData()); // the syncs so far
        QCOMPARE(room["perMinute"].get<int>(), 1000);
        QCOMPARE(post(u"/api/xero/sync/queue/status"_s, { { "action", "resume" } }, m_admin)
                     .json()["paused"]
                     .get<bool>(),
            false);
        // A failed job: a job for a submission that does not exist fails for good.
        JobOptions options;
        options.jobId = u"doomed-1"_s;
        QVERIFY_RESULT(
            m_queue->add(u"sync-timesheet"_s, { { "submissionId", "never-existed" } }, options));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(u"doomed-1"_s).value_or(JobState::Unknown), JobState::Failed, 20'000);
        const HttpReply failed = call("GET", u"/api/xero/sync/jobs?state=failed"_s, m_viewer);
        QCOMPARE(failed.status, 200);
        QVERIFY(failed.body.contains("doomed-1"));
        const HttpReply cleared =
            post(u"/api/xero/sync/queue/status"_s, { { "action", "clear-failed" } }, m_admin);
        QCOMPARE(cleared.status, 200);
        QVERIFY(cleared.json()["affected"].get<int>() >= 1);
        QCOMPARE(m_queue->state(u"doomed-1"_s).value_or(JobState::Failed), JobState::Unknown);
        QCOMPARE(
            scalar(
                u"SELECT count(*) FROM audit_log WHERE action IN ('queue.pause','queue.resume','queue.clear-failed') AND actor = 'finance admin'"_s)
                .toInt(),
            3);
    }

    void rejectionCancelsTheWaitingJob()
    {
        QCOMPARE(
            post(u"/api/xero/sync/queue/status"_s, { { "action", "pause" } }, m_admin).status, 200);
        const QString xeroId = addSubmission(u"rej-1"_s);
        approve(u"rej-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->state(u"sync:rej-1:v1"_s).value_or(JobState::Unknown),
            JobState::Paused, 10'000);
        exec(u"UPDATE timesheet_submissions SET status = 'REJECTED' WHERE id = 'rej-1'"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->state(u"sync:rej-1:v1"_s).value_or(JobState::Paused),
            JobState::Unknown, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(
                u"SELECT count(*) FROM audit_log WHERE action = 'approval.rejected' AND target = 'rej-1'"_s)
                .toInt(),
            1, 5000);
        QCOMPARE(post(u"/api/xero/sync/queue/status"_s, { { "action", "resume" } }, m_admin).status,
            200);
        QTest::qWait(300);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(0, 0));
    }

    void jobRoutes()
    {
        expectError(call("GET", u"/api/xero/sync/jobs?state=sideways"_s, m_viewer), 400,
            "bad_request", u"state"_s);
        expectError(
            call("POST", u"/api/xero/sync/jobs/no-such-job/retry"_s, m_admin), 404, "not_found");
        expectError(
            call("DELETE", u"/api/xero/sync/jobs/no-such-job"_s, m_admin), 404, "not_found");
        expectError(call("POST", u"/api/xero/sync/jobs/sync%3Adb-1%3Av1/retry"_s, m_admin), 409,
            "conflict");
        JobOptions options;
        options.jobId = u"doomed-2"_s;
        QVERIFY_RESULT(
            m_queue->add(u"sync-timesheet"_s, { { "submissionId", "never-existed" } }, options));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(u"doomed-2"_s).value_or(JobState::Unknown), JobState::Failed, 20'000);
        QCOMPARE(call("POST", u"/api/xero/sync/jobs/doomed-2/retry"_s, m_admin).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_queue->state(u"doomed-2"_s).value_or(JobState::Unknown), JobState::Failed, 20'000);
        QCOMPARE(call("DELETE", u"/api/xero/sync/jobs/doomed-2"_s, m_admin).status, 200);
        QCOMPARE(m_queue->state(u"doomed-2"_s).value_or(JobState::Failed), JobState::Unknown);
    }

    void logsPageAndFilter()
    {
        expectError(call("GET", u"/api/xero/sync/logs?status=weird"_s, m_viewer), 400,
            "bad_request", u"status"_s);
        expectError(call("GET", u"/api/xero/sync/logs?limit=0"_s, m_viewer), 400, "bad_request",
            u"limit"_s);
        expectError(call("GET", u"/api/xero/sync/logs?afterId=abc"_s, m_viewer), 400, "bad_request",
            u"afterId"_s);
        expectError(call("GET", u"/api/xero/sync/logs?from=2026-12-01&to=2026-11-01"_s, m_viewer),
            400, "bad_request", u"to"_s);
        expectError(call("GET", u"/api/xero/sync/logs?colour=red"_s, m_viewer), 400, "bad_request",
            u"colour"_s);
        const HttpReply first = call("GET", u"/api/xero/sync/logs?afterId=0&limit=2"_s, m_viewer);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json()["rows"].size(), 2u);
        const qint64 newest = first.json()["newestId"].get<qint64>();
        const HttpReply next =
            call("GET", u"/api/xero/sync/logs?afterId=%1&limit=500"_s.arg(newest), m_viewer);
        for (const auto &row : next.json()["rows"])
            QVERIFY(row["id"].get<qint64>() > newest);
        const HttpReply success =
            call("GET", u"/api/xero/sync/logs?status=SUCCESS&submissionId=db-1"_s, m_viewer);
        QVERIFY(!success.json()["rows"].empty());
        for (const auto &row : success.json()["rows"]) {
            QCOMPARE(row["status"].get<std::string>(), std::string("SUCCESS"));
            QCOMPARE(row["submissionId"].get<std::string>(), std::string("db-1"));
            // A list stays small: what went to Xero and back is in the submission's route.
            QVERIFY2(!row["details"].contains("sent") && !row["details"].contains("received"),
                row.dump().c_str());
            QVERIFY(row["details"].contains("action"));
        }
        // Day-long aggregates are shared by all pollers for up to two seconds.
        QTRY_VERIFY_WITH_TIMEOUT(call("GET", u"/api/xero/sync/stats?hours=24"_s, m_viewer)
                                     .json()["totals"]["success"]
                                     .get<int>()
                >= 4,
            5000);
        expectError(call("GET", u"/api/xero/sync/stats?hours=0"_s, m_viewer), 400, "bad_request",
            u"hours"_s);
    }

    void submissionDetail()
    {
        const HttpReply reply = call("GET", u"/api/xero/sync/submissions/db-1"_s, m_viewer);
        QCOMPARE(reply.status, 200);
        const Json body = reply.json();
        QCOMPARE(body["submission"]["totalHours"].get<double>(), 15.5);
        QCOMPARE(body["syncState"]["status"].get<std::string>(), std::string("SYNCED"));
        QVERIFY(!body["log"].empty());
        bool payloads = false;
        for (const auto &row : body["log"])
            payloads = payloads
                || (row["details"].contains("sent") && row["details"].contains("received"));
        QVERIFY2(payloads, body["log"].dump().c_str());
        QCOMPARE(body["job"]["state"].get<std::string>(), std::string("completed"));
        expectError(
            call("GET", u"/api/xero/sync/submissions/no-such"_s, m_viewer), 404, "not_found");
        QVERIFY(
            call("GET", u"/api/xero/sync/employees"_s, m_viewer).json()["employees"].size() >= 4);
    }

    void submissionPreviewShowsWhatWouldBeSent()
    {
        // db-1 is synced: the preview maps the body Xero has, so nothing would change.
        HttpReply reply = call("GET", u"/api/xero/sync/submissions/db-1/preview"_s, m_viewer);
        QVERIFY2(reply.status == 200, reply.body.constData());
        Json body = reply.json();
        QVERIFY2(body["ready"].get<bool>(), body.dump().c_str());
        QVERIFY(body["unchanged"].get<bool>());
        QCOMPARE(body["api"].get<std::string>(), std::string("payroll-au-1.0"));
        QCOMPARE(body["lastSyncedVersion"].get<int>(), 1);

        // Not approved yet: what it would send, per day, and no write, no log row, no job.
        const QString xeroId = addSubmission(u"preview-1"_s);
        reply = call("GET", u"/api/xero/sync/submissions/preview-1/preview"_s, m_viewer);
        QVERIFY2(reply.status == 200, reply.body.constData());
        body = reply.json();
        QVERIFY(!body["ready"].get<bool>()); // SUBMITTED, not APPROVED
        QVERIFY(body["findings"].empty());
        QVERIFY(!body["unchanged"].get<bool>());
        const Json &sent = body["body"];
        QCOMPARE(QString::fromStdString(sent["EmployeeID"].get<std::string>()), xeroId);
        QVERIFY(sent["TimesheetLines"][0]["NumberOfUnits"]
            == Json::array({ 8.0, 7.5, 0.0, 0.0, 0.0, 0.0, 0.0 }));
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(0, 0));
        QCOMPARE(scalar(u"SELECT count(*) FROM xero_sync_log WHERE submission_id = 'preview-1'"_s)
                     .toInt(),
            0);
        QVERIFY(!m_queue->job(u"sync:preview-1:v1"_s).value_or(std::nullopt));

        // A 25-hour day: the validator's finding, and no body.
        exec(u"INSERT INTO timesheet_entries (submission_id, work_date, hours) VALUES "
             "('preview-1', '2026-11-04', 25)"_s);
        body = call("GET", u"/api/xero/sync/submissions/preview-1/preview"_s, m_viewer).json();
        QVERIFY(!body["ready"].get<bool>());
        QVERIFY2(!body["findings"].empty(), body.dump().c_str());
        QVERIFY(!body.contains("body"));

        expectError(call("GET", u"/api/xero/sync/submissions/no-such/preview"_s, m_viewer), 404,
            "not_found");
        expectError(
            call("GET", u"/api/xero/sync/submissions/db-1/preview"_s, {}), 401, "unauthorized");
        expectError(call("POST", u"/api/xero/sync/submissions/db-1/preview"_s, m_admin), 405,
            "bad_request");
        exec(u"DELETE FROM timesheet_entries WHERE submission_id = 'preview-1'"_s);
        exec(u"DELETE FROM timesheet_submissions WHERE id = 'preview-1'"_s);
    }

    // Whether the agent follows its queue's events: its subscription connection, found by name.
    bool agentFollowsQueueEvents()
    {
        const auto services = TestServices::load();
        RedisConnection redis(RedisConfig::fromUrl(services.value().redisUrl).value());
        return hasClient(redis, m_queue->keys().eventsClientName(), { "psub=1" });
    }

    void pushChannelReportsAJobsLife()
    {
        // No dashboard yet, so the agent does not have Redis publish every job's events.
        QVERIFY(!agentFollowsQueueEvents());
        QWebSocket refused;
        refused.open(
            QUrl(u"ws://127.0.0.1:%1/api/xero/sync/events?token=xs_wrong"_s.arg(m_agent.port())));
        QTRY_VERIFY_WITH_TIMEOUT(refused.state() == QAbstractSocket::UnconnectedState
                && refused.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated,
            10'000);

        QWebSocket socket;
        QStringList messages;
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
            [&messages](const QString &m) { messages << m; });
        QNetworkRequest request(
            QUrl(u"ws://127.0.0.1:%1/api/xero/sync/events"_s.arg(m_agent.port())));
        request.setRawHeader("Authorization", "Bearer " + m_viewer.toUtf8());
        socket.open(request);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10'000);
        QVERIFY(messages.first().contains(u"\"type\":\"hello\""_s));
        QVERIFY(agentFollowsQueueEvents()); // the hello waits for the subscription
        addSubmission(u"ws-1"_s);
        approve(u"ws-1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(messages.join(u'\n').contains(u"\"completed\""_s)
                && messages.join(u'\n').contains(u"sync:ws-1:v1"_s),
            20'000);
        const QString all = messages.join(u'\n');
        QVERIFY(all.contains(u"\"type\":\"active\""_s));
        QVERIFY(all.contains(u"\"counts\""_s));
        socket.close();
        // push_linger_ms (1 s here) after the last client left, the subscription goes.
        QTRY_VERIFY_WITH_TIMEOUT(!agentFollowsQueueEvents(), 10'000);
    }

    void tlsAgentServesHttpsAndSecureWebSockets()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s);
        const QString key = dir.filePath(u"key.pem"_s);
        QVERIFY_RESULT(AgentProcess::makeCertificate(cert, key));
        const QList<QSslCertificate> certificate = QSslCertificate::fromPath(cert);
        QCOMPARE(certificate.size(), 1);
        AgentProcess tls;
        tls.environment() = m_agent.environment();
        // Any address but loopback needs TLS; with it the agent takes every interface.
        tls.setConfig(
            u"[http]\nbind=0.0.0.0\nport=0\ntls_cert=%1\ntls_key=%2\n[queue]\nname=%3-tls\n"
            "[workers]\nconcurrency=1\ncatch_up_interval_ms=3600000\n[xero]\ntoken_key_file=%4\n"_s
                .arg(cert, key, m_queueName, dir.filePath(u"token.key"_s))
                .toUtf8());
        QVERIFY_RESULT(tls.start());
        QCOMPARE(tls.url({}).scheme(), u"https"_s);

        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates(certificate);
        QNetworkAccessManager network;

        struct Answer
        {
            int status = 0;
            QNetworkReply::NetworkError error = QNetworkReply::NoError;
            QByteArray body;
        };

        const auto get = [](const QUrl &url, const QSslConfiguration *ssl, const QString &token) {
            // A manager per call: one would reuse the trusted connection for the untrusted call.
            QNetworkAccessManager network;
            QNetworkRequest request(url);
            if (ssl)
                request.setSslConfiguration(*ssl);
            if (!token.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            request.setTransferTimeout(10'000);
            std::unique_ptr<QNetworkReply> reply(network.get(request));
            (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 15'000);
            return Answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->error(), reply->readAll() };
        };
        // A client that trusts the certificate: the API as over HTTP, tokens included.
        Answer answer = get(tls.url(u"/api/session"_s), &trusting, m_viewer);
        QVERIFY2(answer.status == 200, answer.body.constData());
        QVERIFY(answer.body.contains("\"role\":\"viewer\""));
        QCOMPARE(get(tls.url(u"/api/session"_s), &trusting, {}).status, 401);
        // One that does not: the handshake fails, nothing is answered.
        answer = get(tls.url(u"/api/health"_s), nullptr, {});
        QCOMPARE(answer.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(answer.status, 0);
        // Plain HTTP to the TLS port gets no HTTP answer either.
        QUrl plain = tls.url(u"/api/health"_s);
        plain.setScheme(u"http"_s);
        answer = get(plain, nullptr, {});
        QCOMPARE(answer.status, 0);
        QVERIFY(answer.error != QNetworkReply::NoError);

        // The push channel over wss://, with the token in the header.
        QWebSocket socket;
        socket.setSslConfiguration(trusting);
        QStringList messages;
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
            [&messages](const QString &m) { messages << m; });
        QUrl events = tls.url(u"/api/xero/sync/events"_s);
        events.setScheme(u"wss"_s);
        QNetworkRequest request(events);
        request.setRawHeader("Authorization", "Bearer " + m_viewer.toUtf8());
        socket.open(request);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10'000);
        QVERIFY(messages.first().contains(u"\"type\":\"hello\""_s));
        socket.close();
        QCOMPARE(tls.terminate().value_or(-1), 0);
    }

    void customConnectionConnectsByItselfAndSyncs()
    {
        // A second agent with its own database, on a Xero custom connection: client id and
        // secret, no consent page, one organisation (the emulator's custom app is bound to AU).
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"agentapi_custom"_s);
        QVERIFY_RESULT(db);
        QTemporaryDir dir;
        AgentProcess custom;
        configureCustomAgent(custom, services->redisUrl, (*db)->url(), dir, u"custom"_s);
        const auto admin = custom.createToken(u"custom"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        const TestHttpClient::Headers headers = auth(*admin);
        QVERIFY_RESULT(custom.start());

        // Connected by itself, to the custom app's organisation, with its region read.
        Json status;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (status = m_http.send("GET", custom.url(u"/api/xero/connection"_s), {}, headers).json())
                .value("connected", false),
            custom.log().right(2000).constData(), 10'000);
        QCOMPARE(status["organisations"].size(), 1u);
        QCOMPARE(status["organisations"][0]["tenantId"].get<std::string>(), std::string(AU_TENANT));
        QCOMPARE(status["organisations"][0]["region"].get<std::string>(), std::string("AU"));
        QVERIFY(custom.log().contains("custom connection"));
        // There is no consent page to send an admin to.
        const HttpReply consent =
            m_http.send("GET", custom.url(u"/api/xero/connect?redirect=false"_s), {}, headers);
        QCOMPARE(consent.status, 409);

        // An approval in that database reaches Xero once, with the custom connection's token.
        const int index = m_nextEmployee++;
        const QString xeroId =
            QString::fromStdString(m_employees[size_t(index)]["EmployeeID"].get<std::string>());
        QVERIFY_RESULT((*db)->database().exec(
            u"INSERT INTO employees (id, name, xero_employee_id) VALUES ('cu-1', 'Custom One', ?)"_s,
            { xeroId }));
        Database &sql = (*db)->database();
        // A week of cu-1's inserted and approved (the trigger announces it).
        const auto approveWeek = [&sql](const QString &id, const QString &monday) {
            (void)sql.exec(u"INSERT INTO timesheet_submissions (id, user_id, period_start, "
                           "period_end, status, version) VALUES (?, 'cu-1', CAST(? AS date), "
                           "CAST(? AS date) + 6, 'SUBMITTED', 1)"_s,
                { id, monday, monday });
            (void)sql.exec(u"INSERT INTO timesheet_entries (submission_id, work_date, hours) "
                           "VALUES (?, CAST(? AS date) + 1, 6)"_s,
                { id, monday });
            (void)sql.exec(u"UPDATE timesheet_submissions SET status = 'APPROVED', approved_by = "
                           "'manager', approved_at = now() WHERE id = ?"_s,
                { id });
        };
        const auto synced = [&sql](const QString &id) {
            auto q =
                sql.exec(u"SELECT status FROM xero_sync_state WHERE submission_id = ?"_s, { id });
            return q && q->next() ? q->value(0).toString() : QString();
        };
        approveWeek(u"custom-1"_s, u"2026-11-02"_s);
        QTRY_COMPARE_WITH_TIMEOUT(synced(u"custom-1"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));

        // Xero ends the token: the next sync gets a new one by client credentials.
        QCOMPARE(
            m_http.postJson(m_emulator.url(u"/__emulator/tokens/expire"_s), Json::object()).status,
            200);
        approveWeek(u"custom-2"_s, u"2026-11-09"_s);
        QTRY_COMPARE_WITH_TIMEOUT(synced(u"custom-2"_s), u"SYNCED"_s, 20'000);
        // Disconnected by an admin, then the agent restarts: it connects again by itself (its
        // token set's fence has moved on with the renewal, and it was marked "reconnect needed").
        QCOMPARE(
            m_http.send("DELETE", custom.url(u"/api/xero/connection"_s), {}, headers).status, 200);
        QVERIFY(!m_http.send("GET", custom.url(u"/api/xero/connection"_s), {}, headers)
                     .json()
                     .value("connected", true));
        QCOMPARE(custom.terminate().value_or(-1), 0);
        QVERIFY_RESULT(custom.start());
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_http.send("GET", custom.url(u"/api/xero/connection"_s), {}, headers)
                .json()
                .value("connected", false),
            custom.log().right(2000).constData(), 10'000);
        approveWeek(u"custom-3"_s, u"2026-11-16"_s);
        QTRY_COMPARE_WITH_TIMEOUT(synced(u"custom-3"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(3, 3));
        QCOMPARE(custom.terminate().value_or(-1), 0);
    }

    void projectsTargetSendsTimeEntries()
    {
        // An agent configured with xero/target=projects, on the custom connection (AU).
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db = TestDatabase::createMigrated(services->databaseUrl, u"agentapi_projects"_s);
        QVERIFY_RESULT(db);
        QTemporaryDir dir;
        AgentProcess agent;
        configureCustomAgent(agent, services->redisUrl, (*db)->url(), dir, u"projects"_s);
        agent.environment().insert(u"XERO_TARGET"_s, u"projects"_s);
        const auto admin = agent.createToken(u"projects"_s, u"admin"_s);
        QVERIFY_RESULT(admin);
        QVERIFY_RESULT(agent.start());
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_http.send("GET", agent.url(u"/api/xero/connection"_s), {}, auth(*admin))
                .json()
                .value("connected", false),
            agent.log().right(2000).constData(), 10'000);

        // William Taylor is a Projects user of the AU seed; the project and its two tasks too.
        Database &sql = (*db)->database();
        QVERIFY_RESULT(sql.exec(u"INSERT INTO employees (id, name, email) VALUES ('pr-1', "
                                "'William Taylor', 'william.taylor@demo-au.example')"_s));
        QVERIFY_RESULT(sql.exec(u"INSERT INTO timesheet_submissions (id, user_id, period_start, "
                                "period_end, status) VALUES ('proj-1', 'pr-1', '2027-01-04', "
                                "'2027-01-10', 'SUBMITTED')"_s));
        QVERIFY_RESULT(sql.exec(
            u"INSERT INTO timesheet_entries (submission_id, work_date, hours, xero_project_id, "
            "xero_task_id, description) VALUES "
            "('proj-1', '2027-01-05', 3.5, 'cc3465a9-3f0b-5be3-830a-2f2e907425c5', "
            "'af43467d-8f8c-5502-9c84-1d42e441f905', 'Scaffolding'), "
            "('proj-1', '2027-01-06', 2, 'cc3465a9-3f0b-5be3-830a-2f2e907425c5', "
            "'b1685516-1ce4-5381-a005-dbb547df8802', NULL)"_s));
        QVERIFY_RESULT(
            sql.exec(u"UPDATE timesheet_submissions SET status = 'APPROVED', "
                     "approved_by = 'manager', approved_at = now() WHERE id = 'proj-1'"_s));
        const auto state = [&sql] {
            auto q = sql.exec(
                u"SELECT status, target FROM xero_sync_state WHERE submission_id = 'proj-1'"_s);
            return q && q->next() ? q->value(0).toString() + u' ' + q->value(1).toString()
                                  : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(state(), u"SYNCED projects"_s, 20'000);
        const Json all = m_http
                             .get(m_emulator.url(u"/__emulator/tenants/%1/time-entries"_s.arg(
                                 QLatin1StringView(AU_TENANT))))
                             .json();
        QList<int> minutes;
        for (const auto &entry : all["timeEntries"]) {
            if (entry["userId"] == "c409356f-3872-513b-b4ad-78320cc5352e")
                minutes << entry["duration"].get<int>();
        }
        std::sort(minutes.begin(), minutes.end());
        QCOMPARE(minutes, QList<int>({ 120, 210 }));
        QCOMPARE(all["duplicateCreates"].get<int>(), 0);
        QCOMPARE(agent.terminate().value_or(-1), 0);
    }

    void metricsInPrometheusFormat()
    {
        const HttpReply reply = call("GET", u"/metrics"_s, m_viewer);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.body.contains("xerosync_queue_jobs{state=\"completed\"}"));
        QVERIFY(reply.body.contains(
            "xerosync_jobs_total{name=\"sync-timesheet\",outcome=\"completed\"}"));
        QVERIFY(reply.body.contains("xerosync_job_duration_seconds_bucket"));
    }

    void catchUpFindsApprovalsMadeWhileDown()
    {
        QCOMPARE(m_agent.terminate().value_or(-1), 0);
        const QString xeroId = addSubmission(u"down-1"_s);
        approve(u"down-1"_s); // the NOTIFY goes nowhere: nobody is listening
        QVERIFY_RESULT(m_agent.start());
        QTRY_COMPARE_WITH_TIMEOUT(syncStatus(u"down-1"_s), u"SYNCED"_s, 20'000);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
        QVERIFY(m_agent.log().contains("catch-up scan queued 1"));
    }

    void sigtermLetsTheActiveJobFinish()
    {
        QCOMPARE(m_http.postJson(m_emulator.url(u"/__emulator/config"_s), { { "latencyMs", 1500 } })
                     .status,
            200);
        const QString xeroId = addSubmission(u"term-1"_s);
        approve(u"term-1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue->state(u"sync:term-1:v1"_s).value_or(JobState::Unknown),
            JobState::Active, 10'000);
        const auto exitCode = m_agent.terminate(30'000);
        QCOMPARE(
            m_http.postJson(m_emulator.url(u"/__emulator/config"_s), { { "latencyMs", 0 } }).status,
            200);
        QVERIFY_RESULT(exitCode);
        QCOMPARE(*exitCode, 0);
        QCOMPARE(
            m_queue->state(u"sync:term-1:v1"_s).value_or(JobState::Unknown), JobState::Completed);
        QCOMPARE(syncStatus(u"term-1"_s), u"SYNCED"_s);
        QCOMPARE(xeroTimesheets(xeroId), std::make_pair(1, 1));
        QVERIFY(m_agent.log().contains("every active job finished"));
        QVERIFY_RESULT(m_agent.start());
    }

    void disconnectStopsSyncing()
    {
        QCOMPARE(call("DELETE", u"/api/xero/connection"_s, m_admin).status, 200);
        const Json status = call("GET", u"/api/xero/connection"_s, m_viewer).json();
        QVERIFY(!status["connected"].get<bool>());
        addSubmission(u"after-1"_s);
        approve(u"after-1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            failedReason(u"sync:after-1:v1"_s).contains(u"not connected"_s), 20'000);
        expectError(call("DELETE", u"/api/xero/connection"_s, m_admin), 404, "not_found");
    }
};

QTEST_GUILESS_MAIN(TestAgentApi)
#include "tst_agentapi.moc"
