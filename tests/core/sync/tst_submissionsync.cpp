#include <QTest>

#include "core/common/systemclock.h"
#include "core/sync/submissionsync.h"
#include "core/sync/syncjobs.h"
#include "core/xero/oauthclient.h"
#include "support/emulatorprocess.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/testqueue.h"
#include "support/testservices.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! sync-timesheet from an approved row in PostgreSQL to a timesheet in the emulator, with the
//! sync log and sync state it leaves behind.
class TestSubmissionSync : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<XeroClient> m_client;
    std::unique_ptr<TimesheetStore> m_timesheets;
    std::unique_ptr<SyncLogStore> m_log;
    std::unique_ptr<SyncStateStore> m_state;
    std::unique_ptr<EmployeeDirectory> m_directory;
    std::unique_ptr<TimesheetWriter> m_writer;
    std::unique_ptr<SubmissionSync> m_sync;
    QString m_token;
    Json m_employees;
    RedisConfig m_redis;

    Json control(const QByteArray &method, const QString &path, const Json &body = Json::object())
    {
        return m_http
            .send(method, m_emulator.url(QStringLiteral("/__emulator/") + path),
                QByteArray::fromStdString(body.dump()))
            .json();
    }

    void exec(const QString &sql, const QVariantList &binds = {})
    {
        QVERIFY_RESULT(m_db->database().exec(sql, binds));
    }

    //! An approved submission of `employee` (index in the emulator's AU seed) for one period.
    void addSubmission(
        const QString &id, int employee, QDate start, int days, double hours, int version = 1)
    {
        const auto user = QStringLiteral("user-%1").arg(employee);
        exec(QStringLiteral("INSERT INTO employees (id, name, xero_employee_id) VALUES (?, ?, ?) "
                            "ON CONFLICT (id) DO NOTHING"),
            { user, QStringLiteral("Person %1").arg(employee),
                QString::fromStdString(
                    m_employees[static_cast<size_t>(employee)]["EmployeeID"].get<std::string>()) });
        exec(QStringLiteral("INSERT INTO timesheet_submissions (id, user_id, period_start, "
                            "period_end, status, approved_by, approved_at, version) "
                            "VALUES (?, ?, ?, ?, 'APPROVED', 'manager', now(), ?) ON CONFLICT (id) "
                            "DO UPDATE SET version = EXCLUDED.version"),
            { id, user, start, start.addDays(days - 1), version });
        exec(QStringLiteral("DELETE FROM timesheet_entries WHERE submission_id = ?"), { id });
        exec(QStringLiteral("INSERT INTO timesheet_entries (submission_id, work_date, hours) "
                            "VALUES (?, ?, ?), (?, ?, 7.5)"),
            { id, start, hours, id, start.addDays(1) });
    }

    SubmissionSync::Result_ run(const QString &id, bool force = false)
    {
        SubmissionSync::Request request;
        request.submissionId = id;
        request.tenantId = QString::fromLatin1(AuTenant);
        request.accessToken = m_token;
        request.force = force;
        request.jobId = QStringLiteral("job-") + id;
        std::optional<SubmissionSync::Result_> result;
        m_sync->sync(request, [&result](SubmissionSync::Result_ r) { result = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
        return result.value_or(SubmissionSync::Result_ {});
    }

private Q_SLOTS:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db =
            TestDatabase::createMigrated(services->databaseUrl, QStringLiteral("submissionsync"));
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        m_redis = *redis;
        QVERIFY_RESULT(m_emulator.start());
        const auto endpoints = *XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        m_client = std::make_unique<XeroClient>(endpoints);
        const auto token = XeroTestTokens::customConnection(endpoints);
        QVERIFY_RESULT(token);
        m_token = *token;
        m_employees = m_http
                          .get(m_emulator.url(QStringLiteral("/payroll.xro/1.0/Employees")),
                              { { "Authorization", "Bearer " + m_token.toUtf8() } })
                          .json()["Employees"];
        QCOMPARE(m_employees.size(), 24u);
        auto &database = m_db->database();
        m_timesheets = std::make_unique<TimesheetStore>(database);
        m_log = std::make_unique<SyncLogStore>(database, SystemClock::shared());
        m_state = std::make_unique<SyncStateStore>(database, SystemClock::shared());
        m_directory = std::make_unique<EmployeeDirectory>(*m_client);
        m_writer = std::make_unique<TimesheetWriter>(*m_client);
        m_sync = std::make_unique<SubmissionSync>(
            *m_timesheets, *m_log, *m_state, *m_directory, *m_writer, SystemClock::shared());
    }

    void approvedSubmissionBecomesOneXeroTimesheet()
    {
        addSubmission(QStringLiteral("s-1"), 1, QDate(2026, 11, 2), 7, 8);
        auto result = run(QStringLiteral("s-1"));
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("created"));
        const auto entry = m_log->get(result.logId);
        QVERIFY_RESULT(entry);
        QCOMPARE(syncStatusName(entry->status), QStringLiteral("SUCCESS"));
        QCOMPARE(entry->jobId, QStringLiteral("job-s-1"));
        QVERIFY(entry->durationMs.has_value());
        QCOMPARE(entry->details["action"].get<std::string>(), std::string("created"));
        QVERIFY(entry->details["sent"].contains("TimesheetLines"));
        const auto state = m_state->get(QStringLiteral("s-1"));
        QVERIFY_RESULT(state);
        QCOMPARE((*state)->lastSyncedVersion, 1);
        QCOMPARE((*state)->xeroTimesheetId, result.outcome->xeroTimesheetId);

        // Again, unchanged: success, nothing written.
        result = run(QStringLiteral("s-1"));
        QVERIFY(result.success);
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("unchanged"));
        // A newer version with other hours updates the draft in place.
        addSubmission(QStringLiteral("s-1"), 1, QDate(2026, 11, 2), 7, 6, 2);
        result = run(QStringLiteral("s-1"));
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("updated"));
        QCOMPARE((*m_state->get(QStringLiteral("s-1")))->lastSyncedVersion, 2);
        const auto xero = control(
            "GET", QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)));
        QCOMPARE(xero["count"].get<int>(), 1);
        QCOMPARE(xero["duplicateCreates"].get<int>(), 0);
        QCOMPARE(xero["timesheets"][0]["totalHours"].get<double>(), 13.5);
    }

    void validationFailureIsPermanentAndExplained()
    {
        // A Tuesday start is not a pay period of the Monday-based weekly calendar.
        addSubmission(QStringLiteral("s-2"), 2, QDate(2026, 11, 3), 7, 8);
        const auto result = run(QStringLiteral("s-2"));
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QVERIFY2(
            result.error.contains(QStringLiteral("nearest pay period is 2026-11-02 to 2026-11-08")),
            qPrintable(result.error));
        const auto entry = m_log->get(result.logId);
        QCOMPARE(syncStatusName(entry->status), QStringLiteral("FAILED"));
        QCOMPARE(entry->details["findings"][0]["code"].get<std::string>(),
            std::string("period_mismatch"));
        // Recorded as a final failure of this version, so the catch-up scan leaves it alone.
        const auto state = m_state->get(QStringLiteral("s-2"));
        QVERIFY(state && *state);
        QCOMPARE(syncStateStatusName((*state)->status), QStringLiteral("FAILED"));
        const auto unsynced = m_timesheets->findUnsynced({});
        QVERIFY_RESULT(unsynced);
        for (const auto &ref : *unsynced)
            QVERIFY(ref.id != QStringLiteral("s-2"));
    }

    void unmappedEmployeeCostsNoXeroCall()
    {
        exec(QStringLiteral(
            "INSERT INTO employees (id, name, xero_employee_id) VALUES "
            "('user-unmapped', 'Casey Unmapped', NULL) ON CONFLICT (id) DO NOTHING"));
        exec(QStringLiteral(
            "INSERT INTO timesheet_submissions (id, user_id, period_start, period_end, "
            "status, approved_by, approved_at) VALUES ('s-unmapped', 'user-unmapped', "
            "'2026-11-02', '2026-11-08', 'APPROVED', 'manager', now())"));
        exec(QStringLiteral("INSERT INTO timesheet_entries (submission_id, work_date, hours) "
                            "VALUES ('s-unmapped', '2026-11-02', 8)"));
        const auto before = control("GET", QStringLiteral("stats"))["requests"].get<qint64>();
        const auto result = run(QStringLiteral("s-unmapped"));
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QVERIFY2(result.error.contains(QStringLiteral("not linked to a Xero employee")),
            qPrintable(result.error));
        QCOMPARE(control("GET", QStringLiteral("stats"))["requests"].get<qint64>(), before + 1);
    }

    void approvedInXeroIsRefusedNotOverwritten()
    {
        addSubmission(QStringLiteral("s-3"), 3, QDate(2026, 11, 9), 7, 8);
        auto result = run(QStringLiteral("s-3"));
        QVERIFY(result.success);
        control("POST", QStringLiteral("events"),
            Json { { "type", "approve-timesheet" }, { "tenantId", AuTenant },
                { "timesheetId", result.outcome->xeroTimesheetId.toStdString() } });
        addSubmission(QStringLiteral("s-3"), 3, QDate(2026, 11, 9), 7, 4, 2);
        result = run(QStringLiteral("s-3"));
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("refused"));
        QCOMPARE(syncStateStatusName((*m_state->get(QStringLiteral("s-3")))->status),
            QStringLiteral("FAILED"));
    }

    void queueJobsRunTheSync()
    {
        const auto settings = uniqueQueue("syncjobs");
        Queue queue(m_redis, settings);
        Worker worker(m_redis, quickWorker(settings));
        SyncJobs jobs(*m_sync,
            SyncJobs::Tenant { QString::fromLatin1(AuTenant), PayrollTarget::PayrollAu1,
                SyncTarget::PayrollAu,
                [this](std::function<void(Result<QString>)> done) { done(m_token); }, {}, {} });
        jobs.registerOn(worker);
        worker.start();
        addSubmission(QStringLiteral("s-6"), 6, QDate(2026, 11, 23), 7, 8);
        addSubmission(QStringLiteral("s-7"), 7, QDate(2026, 11, 24), 7, 8); // off the calendar
        JobOptions options;
        options.attempts = 3;
        const auto good = queue.add(QStringLiteral("sync-timesheet"),
            Json { { "submissionId", "s-6" }, { "trigger", "manual" } }, options);
        const auto bad = queue.add(
            QStringLiteral("sync-timesheet"), Json { { "submissionId", "s-7" } }, options);
        QVERIFY_RESULT(good);
        QVERIFY_RESULT(bad);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*good).value_or(JobState::Unknown) == JobState::Completed, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*bad).value_or(JobState::Unknown) == JobState::Failed, 20'000);
        const auto done = queue.job(*good);
        QCOMPARE((*done)->returnValue["action"].get<std::string>(), std::string("created"));
        const auto logId = (*done)->returnValue["logId"].get<qint64>();
        const auto entry = m_log->get(logId);
        QCOMPARE(entry->jobId, *good);
        QCOMPARE(syncTriggerName(entry->trigger), QStringLiteral("manual"));
        // A validation failure is permanent: one attempt, not three.
        const auto failed = queue.job(*bad);
        QCOMPARE((*failed)->attemptsMade, 1);
        QVERIFY((*failed)->failedReason.contains(QStringLiteral("not a pay period")));
        worker.close(5000);
    }

    void healthCheckJob()
    {
        const auto token = [this](std::function<void(Result<QString>)> done) { done(m_token); };
        HealthCheck health(
            m_db->database(), m_redis, *m_client, *m_log, SystemClock::shared(), token);
        const auto settings = uniqueQueue("health");
        Queue queue(m_redis, settings);
        Worker worker(m_redis, quickWorker(settings));
        SyncJobs jobs(*m_sync,
            SyncJobs::Tenant { QString::fromLatin1(AuTenant), PayrollTarget::PayrollAu1,
                SyncTarget::PayrollAu, token, {}, {} });
        jobs.setHealthCheck(&health);
        jobs.registerOn(worker);
        worker.start();
        const auto id = queue.add(QStringLiteral("health-check"), Json::object());
        QVERIFY_RESULT(id);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*id).value_or(JobState::Unknown) == JobState::Completed, 20'000);
        const auto value = (*queue.job(*id))->returnValue;
        QVERIFY2(value["ok"].get<bool>(), value.dump().c_str());
        QCOMPARE(value["checks"].size(), 3u);
        const auto entry = m_log->get(value["logId"].get<qint64>());
        QCOMPARE(entry->operation, QStringLiteral("health-check"));
        QCOMPARE(syncStatusName(entry->status), QStringLiteral("SUCCESS"));
        worker.close(5000);

        // Xero down and Redis gone: the report says which, with why.
        control("POST", QStringLiteral("faults"),
            Json { { "kind", "503" }, { "pathContains", "/connections" } });
        auto deadRedis = m_redis;
        deadRedis.port = 1;
        HealthCheck broken(
            m_db->database(), deadRedis, *m_client, *m_log, SystemClock::shared(), token);
        std::optional<HealthCheck::Report> report;
        broken.run(
            SyncTrigger::Manual, [&report](HealthCheck::Report r) { report = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(report.has_value(), 20'000);
        QVERIFY(!report->ok());
        QVERIFY(!report->checks[0].ok && !report->checks[0].error.isEmpty()); // redis
        QVERIFY(report->checks[1].ok); // postgres
        QVERIFY(!report->checks[2].ok
            && report->checks[2].error.contains(QStringLiteral("503"))); // xero
        QCOMPARE(syncStatusName(m_log->get(report->logId)->status), QStringLiteral("FAILED"));
    }

    void batchSyncJob()
    {
        // Six approved weekly timesheets for the week of 2026-12-07, one of them off the calendar.
        for (int e = 10; e < 15; ++e)
            addSubmission(QStringLiteral("batch-%1").arg(e), e, QDate(2026, 12, 7), 7, 8);
        addSubmission(QStringLiteral("batch-bad"), 15, QDate(2026, 12, 8), 7, 8);
        BatchWriter writer(*m_client);
        BatchSync batch(*m_timesheets, *m_log, *m_state, *m_client, writer, SystemClock::shared());
        const auto settings = uniqueQueue("batch");
        Queue queue(m_redis, settings);
        Worker worker(m_redis, quickWorker(settings));
        SyncJobs jobs(*m_sync,
            SyncJobs::Tenant { QString::fromLatin1(AuTenant), PayrollTarget::PayrollAu1,
                SyncTarget::PayrollAu,
                [this](std::function<void(Result<QString>)> done) { done(m_token); }, {}, {} });
        jobs.setBatchSync(&batch);
        jobs.registerOn(worker);
        worker.start();
        const auto before = control("GET",
            QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)))["count"]
                                .get<int>();
        const auto id = queue.add(QStringLiteral("batch-sync"),
            Json { { "fromDate", "2026-12-07" }, { "toDate", "2026-12-14" } });
        QVERIFY_RESULT(id);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*id).value_or(JobState::Unknown) == JobState::Completed, 30'000);
        const auto value = (*queue.job(*id))->returnValue;
        QCOMPARE(value["total"].get<int>(), 6);
        QCOMPARE(value["synced"].get<int>(), 5);
        QCOMPARE(value["invalid"].get<int>(), 1);
        QCOMPARE(
            value["calls"].get<int>(), 3 + 1 + 1); // reference data, one lookup, one array create
        QCOMPARE(
            control("GET",
                QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)))["count"]
                .get<int>(),
            before + 5);
        const auto batchRow = m_log->get(value["batchLogId"].get<qint64>());
        QCOMPARE(batchRow->operation, QStringLiteral("batch-sync"));
        QVERIFY(batchRow->error.contains(QStringLiteral("1 of 6")));
        QCOMPARE(syncStateStatusName((*m_state->get(QStringLiteral("batch-12")))->status),
            QStringLiteral("SYNCED"));
        QCOMPARE(syncStateStatusName(
                     (*m_state->get(QStringLiteral("batch-bad"))).value_or(SyncState {}).status),
            QStringLiteral("PENDING"));
        // A bad range is refused at once.
        const auto bad = queue.add(QStringLiteral("batch-sync"),
            Json { { "fromDate", "2026-12-07" }, { "toDate", "2026-11-30" } });
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*bad).value_or(JobState::Unknown) == JobState::Failed, 20'000);
        worker.close(5000);
    }

    void unknownAndUnmappedSubmissions()
    {
        auto result = run(QStringLiteral("does-not-exist"));
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        exec(QStringLiteral("INSERT INTO employees (id, name) VALUES ('nobody', 'Not Mapped')"));
        exec(QStringLiteral("INSERT INTO timesheet_submissions (id, user_id, period_start, "
                            "period_end, status, version) "
                            "VALUES ('s-4', 'nobody', '2026-11-02', '2026-11-08', 'APPROVED', 1)"));
        result = run(QStringLiteral("s-4"));
        QVERIFY(!result.success);
        QVERIFY2(result.error.contains(QStringLiteral("not linked to a Xero employee")),
            qPrintable(result.error));
        // Xero down: a retryable failure.
        control("POST", QStringLiteral("faults"), Json { { "kind", "503" }, { "count", 5 } });
        addSubmission(QStringLiteral("s-5"), 5, QDate(2026, 11, 16), 7, 8);
        result = run(QStringLiteral("s-5"));
        QVERIFY(!result.success);
        QVERIFY(result.retryable);
        control("DELETE", QStringLiteral("faults"));
    }
};

QTEST_GUILESS_MAIN(TestSubmissionSync)
#include "tst_submissionsync.moc"
