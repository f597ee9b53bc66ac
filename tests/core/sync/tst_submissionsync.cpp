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
    std::unique_ptr<TimeEntryWriter> m_entries;
    std::unique_ptr<SubmissionSync> m_sync;
    QString m_token;
    Json m_employees;
    Json m_projectsUsers;
    Json m_projects;
    QList<std::pair<QString, QString>> m_tasks;
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

    //! Two tasks of the first project and one of the second, as (project, task).
    std::pair<QString, QString> task(int index) const { return m_tasks.value(index); }

    struct ProjectEntry
    {
        int day; //!< from the period's start
        double hours;
        int task; //!< task(); -1: none
        QString description {};
    };

    //! An approved submission of Projects user `user` (index in ProjectsUsers), matched by email.
    void addProjectsSubmission(const QString &id, int user, QDate start,
        const QList<ProjectEntry> &entries, int version = 1, const QString &email = {})
    {
        const auto &who = m_projectsUsers[static_cast<size_t>(user)];
        const auto userId = QStringLiteral("projects-user-%1").arg(user);
        exec(QStringLiteral("INSERT INTO employees (id, name, email) VALUES (?, ?, ?) "
                            "ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email"),
            { userId, QString::fromStdString(who["name"].get<std::string>()),
                email.isEmpty() ? QString::fromStdString(who["email"].get<std::string>()).toUpper()
                                : email });
        exec(QStringLiteral("INSERT INTO timesheet_submissions (id, user_id, period_start, "
                            "period_end, status, approved_by, approved_at, version) "
                            "VALUES (?, ?, ?, ?, 'APPROVED', 'manager', now(), ?) ON CONFLICT (id) "
                            "DO UPDATE SET version = EXCLUDED.version"),
            { id, userId, start, start.addDays(6), version });
        exec(QStringLiteral("DELETE FROM timesheet_entries WHERE submission_id = ?"), { id });
        for (const auto &entry : entries) {
            const auto t = entry.task >= 0 ? task(entry.task) : std::pair<QString, QString> {};
            exec(QStringLiteral("INSERT INTO timesheet_entries (submission_id, work_date, hours, "
                                "xero_project_id, xero_task_id, description) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                { id, start.addDays(entry.day), entry.hours,
                    t.first.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : t.first,
                    t.second.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : t.second,
                    entry.description.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : entry.description });
        }
    }

    //! The emulator's time entries of Projects user `user`, by date then task.
    Json timeEntriesOf(int user)
    {
        const auto userId = m_projectsUsers[static_cast<size_t>(user)]["userId"];
        // Kept whole: a range-for over a member of a temporary would outlive it.
        const auto all =
            control("GET", QStringLiteral("tenants/%1/time-entries").arg(QLatin1String(AuTenant)));
        Json mine = Json::array();
        for (const auto &entry : all["timeEntries"]) {
            if (entry["userId"] == userId)
                mine.push_back(entry);
        }
        std::sort(mine.begin(), mine.end(), [](const Json &a, const Json &b) {
            return std::make_pair(a["dateUtc"].get<std::string>(), a["taskId"].get<std::string>())
                < std::make_pair(b["dateUtc"].get<std::string>(), b["taskId"].get<std::string>());
        });
        return mine;
    }

    qint64 emulatorRequests()
    {
        return control("GET", QStringLiteral("stats"))["requests"].get<qint64>();
    }

    SubmissionSync::Result_ run(
        const QString &id, bool force = false, SyncTarget target = SyncTarget::PayrollAu)
    {
        SubmissionSync::Request request;
        request.target = target;
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
        m_entries = std::make_unique<TimeEntryWriter>(*m_client);
        m_sync = std::make_unique<SubmissionSync>(*m_timesheets, *m_log, *m_state, *m_directory,
            *m_writer, *m_entries, SystemClock::shared());
        const QByteArray bearer = "Bearer " + m_token.toUtf8();
        const auto tenant = QByteArray(AuTenant);
        const auto users =
            m_http.get(m_emulator.url(QStringLiteral("/projects.xro/2.0/ProjectsUsers")),
                { { "Authorization", bearer }, { "Xero-Tenant-Id", tenant } });
        m_projectsUsers = users.json()["items"];
        QVERIFY2(m_projectsUsers.size() == 6u, users.body.constData());
        m_projects = m_http
                         .get(m_emulator.url(QStringLiteral("/projects.xro/2.0/Projects")),
                             { { "Authorization", bearer }, { "Xero-Tenant-Id", tenant } })
                         .json()["items"];
        QCOMPARE(m_projects.size(), 2u);
        for (const auto &project : m_projects) {
            const auto projectId = QString::fromStdString(project["projectId"].get<std::string>());
            const auto tasks =
                m_http
                    .get(m_emulator.url(
                             QStringLiteral("/projects.xro/2.0/Projects/%1/Tasks").arg(projectId)),
                        { { "Authorization", bearer }, { "Xero-Tenant-Id", tenant } })
                    .json()["items"];
            for (const auto &task : tasks)
                m_tasks.append(
                    { projectId, QString::fromStdString(task["taskId"].get<std::string>()) });
        }
        QCOMPARE(m_tasks.size(), 3);
        // This client has no shared rate gate: Xero's 60 a minute would fail the later tests.
        control("POST", QStringLiteral("config"), Json { { "minuteLimit", 1000 } });
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

    void singleSyncsShareTheOrganisationsLists()
    {
        m_directory->forgetLists(QString::fromLatin1(AuTenant));
        addSubmission(QStringLiteral("c-1"), 1, QDate(2026, 11, 9), 7, 8);
        auto result = run(QStringLiteral("c-1"));
        QVERIFY2(result.success, qPrintable(result.error));
        // The next approval reads its employee, looks itself up and writes: three calls, the
        // calendars and earnings rates come from the first (and the stats call counts itself).
        addSubmission(QStringLiteral("c-2"), 1, QDate(2026, 11, 16), 7, 8);
        auto before = emulatorRequests();
        result = run(QStringLiteral("c-2"));
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(emulatorRequests(), before + 3 + 1);
        // A finding against the cached lists is checked against Xero's lists of now before a
        // person is told: the employee, then the employee, calendars and rates again.
        addSubmission(QStringLiteral("c-3"), 3, QDate(2026, 11, 16), 7, 8);
        exec(QStringLiteral("UPDATE timesheet_entries SET earnings_rate_id = 'no-such-rate' "
                            "WHERE submission_id = 'c-3'"));
        before = emulatorRequests();
        result = run(QStringLiteral("c-3"));
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QVERIFY2(result.error.contains(QStringLiteral("no-such-rate")), qPrintable(result.error));
        QCOMPARE(emulatorRequests(), before + 1 + 3 + 1);
        // The lists read afresh serve the next approval.
        addSubmission(QStringLiteral("c-4"), 3, QDate(2026, 11, 23), 7, 8);
        before = emulatorRequests();
        result = run(QStringLiteral("c-4"));
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(emulatorRequests(), before + 3 + 1);
    }

    void projectsTimeEntriesCreatedOnceThenUnchanged()
    {
        const QDate week(2026, 11, 2);
        addProjectsSubmission(QStringLiteral("p-1"), 0, week,
            { { 0, 4, 0, QStringLiteral("Sanding") }, { 0, 3.5, 0, QStringLiteral("Priming") },
                { 1, 8, 1 }, { 2, 2, 2, QStringLiteral("Cabinets") }, { 3, 0, -1 } });
        auto result = run(QStringLiteral("p-1"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("created"));
        auto entries = timeEntriesOf(0);
        QCOMPARE(entries.size(), 3u);
        // Two rows for one task and day are one entry of their sum, with both descriptions.
        QCOMPARE(entries[0]["duration"].get<int>(), 450);
        QCOMPARE(entries[0]["description"].get<std::string>(), std::string("Sanding; Priming"));
        QCOMPARE(entries[0]["dateUtc"].get<std::string>().substr(0, 10), std::string("2026-11-02"));
        QCOMPARE(entries[1]["duration"].get<int>(), 480);
        QVERIFY(entries[1]["description"].is_null());
        QCOMPARE(entries[2]["duration"].get<int>(), 120);
        const auto state = m_state->get(QStringLiteral("p-1"));
        QVERIFY_RESULT(state);
        QCOMPARE(syncTargetName((*state)->target), QStringLiteral("projects"));
        QCOMPARE((*state)->xeroTimesheetId.split(QLatin1Char(',')).size(), 3);
        for (const auto &entry : entries)
            QVERIFY((*state)->xeroTimesheetId.contains(
                QString::fromStdString(entry["timeEntryId"].get<std::string>())));
        const auto row = m_log->get(result.logId);
        QCOMPARE(row->details["sent"].size(), 3u);

        // The same again: the user lookup and one read per project, no write (the stats call
        // counts itself).
        const auto before = emulatorRequests();
        result = run(QStringLiteral("p-1"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("unchanged"));
        QCOMPARE(emulatorRequests(), before + 1 + 1 + 2);
        QCOMPARE(timeEntriesOf(0).dump(), entries.dump());
    }

    void projectsPreviewShowsTheEntries()
    {
        SubmissionSync::Request request;
        request.submissionId = QStringLiteral("p-1"); // synced by the test above
        request.tenantId = QString::fromLatin1(AuTenant);
        request.accessToken = m_token;
        request.target = SyncTarget::Projects;
        std::optional<Result<Json>> preview;
        m_sync->preview(request, [&preview](Result<Json> r) { preview = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(preview.has_value(), 20'000);
        QVERIFY_RESULT(*preview);
        const Json &out = **preview;
        QCOMPARE(out["api"].get<std::string>(), std::string("projects-2.0"));
        QCOMPARE(out["ready"].get<bool>(), true);
        QCOMPARE(out["unchanged"].get<bool>(), true);
        QCOMPARE(out["body"].size(), 3u);
        QVERIFY(out["employee"]["projectsUserId"] == m_projectsUsers[0]["userId"]);
    }

    void projectsNewVersionUpdatesOnlyItsOwnEntries()
    {
        const QDate week(2026, 11, 9);
        addProjectsSubmission(
            QStringLiteral("p-2"), 1, week, { { 0, 4, 0 }, { 1, 8, 1 }, { 2, 2, 2 } });
        auto result = run(QStringLiteral("p-2"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        const auto first = timeEntriesOf(1);
        QCOMPARE(first.size(), 3u);
        // Someone logs other time in Xero for the same person and week.
        const auto other = task(1);
        const auto reply = m_http.send("POST",
            m_emulator.url(QStringLiteral("/projects.xro/2.0/Projects/%1/Time").arg(other.first)),
            QByteArray::fromStdString(Json { { "userId", m_projectsUsers[1]["userId"] },
                { "taskId", other.second.toStdString() }, { "dateUtc", "2026-11-13T00:00:00Z" },
                { "duration", 30 },
                { "description",
                    "Entered in Xero" } }.dump()),
            { { "Authorization", QByteArray("Bearer ") + m_token.toUtf8() },
                { "Xero-Tenant-Id", QByteArray(AuTenant) },
                { "Content-Type", "application/json" } });
        QCOMPARE(reply.status, 200);

        // The same version with other hours is refused: Xero's entries are not overwritten.
        addProjectsSubmission(
            QStringLiteral("p-2"), 1, week, { { 0, 6, 0 }, { 1, 8, 1 }, { 3, 1, 0 } });
        result = run(QStringLiteral("p-2"), false, SyncTarget::Projects);
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("refused"));
        QCOMPARE(timeEntriesOf(1).size(), 4u);

        // Version 2: day 0 changes, day 2 goes, day 3 is new; day 1 and the other time stay.
        addProjectsSubmission(
            QStringLiteral("p-2"), 1, week, { { 0, 6, 0 }, { 1, 8, 1 }, { 3, 1, 0 } }, 2);
        result = run(QStringLiteral("p-2"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("updated"));
        const auto after = timeEntriesOf(1);
        QCOMPARE(after.size(), 4u);
        QCOMPARE(
            after[0]["timeEntryId"].dump(), first[0]["timeEntryId"].dump()); // updated in place
        QCOMPARE(after[0]["duration"].get<int>(), 360);
        QCOMPARE(after[1]["timeEntryId"].dump(), first[1]["timeEntryId"].dump());
        QCOMPARE(after[2]["duration"].get<int>(), 60);
        QCOMPARE(after[2]["dateUtc"].get<std::string>().substr(0, 10), std::string("2026-11-12"));
        QCOMPARE(after[3]["description"].get<std::string>(), std::string("Entered in Xero"));
        for (const auto &entry : after)
            QVERIFY(entry["timeEntryId"] != first[2]["timeEntryId"]); // deleted
        const auto state = m_state->get(QStringLiteral("p-2"));
        QCOMPARE((*state)->lastSyncedVersion, 2);
        QCOMPARE((*state)->xeroTimesheetId.split(QLatin1Char(',')).size(), 3);
        QVERIFY(!(*state)->xeroTimesheetId.contains(
            QString::fromStdString(after[3]["timeEntryId"].get<std::string>())));
    }

    void projectsInvoicedEntryIsNeverChanged()
    {
        const QDate week(2026, 11, 16);
        addProjectsSubmission(QStringLiteral("p-3"), 2, week, { { 0, 4, 0 }, { 1, 5, 0 } });
        auto result = run(QStringLiteral("p-3"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        const auto entries = timeEntriesOf(2);
        control("POST", QStringLiteral("events"),
            Json { { "type", "invoice-time-entry" }, { "tenantId", AuTenant },
                { "timeEntryId", entries[1]["timeEntryId"] } });
        addProjectsSubmission(QStringLiteral("p-3"), 2, week, { { 0, 4, 0 }, { 1, 7, 0 } }, 2);
        result = run(QStringLiteral("p-3"), false, SyncTarget::Projects);
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QVERIFY2(result.error.contains(QStringLiteral("2026-11-17 (invoiced)")),
            qPrintable(result.error));
        auto invoiced = entries;
        invoiced[1]["status"] = "INVOICED";
        QCOMPARE(timeEntriesOf(2).dump(), invoiced.dump());
        QCOMPARE(syncStateStatusName((*m_state->get(QStringLiteral("p-3")))->status),
            QStringLiteral("FAILED"));
    }

    void projectsLostAnswerLeavesExactlyOneEntry()
    {
        const QDate week(2026, 11, 23);
        addProjectsSubmission(QStringLiteral("p-4"), 3, week, { { 0, 4, 0 }, { 1, 5, 2 } });
        control("POST", QStringLiteral("faults"),
            Json { { "kind", "drop" }, { "count", 4 }, { "method", "POST" },
                { "pathContains", "/Time" } });
        auto result = run(QStringLiteral("p-4"), false, SyncTarget::Projects);
        control("DELETE", QStringLiteral("faults"));
        QVERIFY(!result.success);
        QVERIFY(result.retryable);
        // Xero saved both entries each time, and its answers were lost, the client's own retry's
        // too. The next attempt finds them and writes nothing.
        result = run(QStringLiteral("p-4"), false, SyncTarget::Projects);
        QVERIFY2(result.success, qPrintable(result.error));
        QCOMPARE(writeActionName(result.outcome->action), QStringLiteral("unchanged"));
        const auto entries = timeEntriesOf(3);
        QCOMPARE(entries.size(), 2u);
        QCOMPARE(control("GET",
                     QStringLiteral("tenants/%1/time-entries")
                         .arg(QLatin1String(AuTenant)))["duplicateCreates"]
                     .get<int>(),
            0);
    }

    void projectsBatchSyncsEachOnceAndReadsUsersOnce()
    {
        const QDate week(2026, 12, 21);
        addProjectsSubmission(QStringLiteral("pb-1"), 0, week, { { 0, 3, 0 }, { 1, 2, 2 } });
        addProjectsSubmission(QStringLiteral("pb-2"), 1, week, { { 0, 5, 1 } });
        const auto settings = uniqueQueue("projects-batch");
        Queue queue(m_redis, settings);
        Worker worker(m_redis, quickWorker(settings));
        SyncJobs jobs(*m_sync,
            SyncJobs::Tenant { QString::fromLatin1(AuTenant), PayrollTarget::PayrollAu1,
                SyncTarget::Projects,
                [this](std::function<void(Result<QString>)> done) { done(m_token); }, {}, {} });
        BatchWriter writer(*m_client);
        BatchSync batch(*m_timesheets, *m_log, *m_state, *m_client, writer, SystemClock::shared());
        jobs.setBatchSync(&batch);
        jobs.registerOn(worker);
        worker.start();
        const auto before = emulatorRequests();
        const auto id = queue.add(QStringLiteral("batch-sync"),
            Json { { "fromDate", "2026-12-21" }, { "toDate", "2026-12-27" } });
        QVERIFY_RESULT(id);
        QTRY_VERIFY_WITH_TIMEOUT(
            queue.state(*id).value_or(JobState::Unknown) == JobState::Completed, 30'000);
        const auto value = (*queue.job(*id))->returnValue;
        QCOMPARE(value["total"].get<int>(), 2);
        QCOMPARE(value["synced"].get<int>(), 2);
        // Users read once for the batch, then per timesheet a lookup per project and a create
        // per entry (and the stats call itself): 1 + (2 + 2) + (1 + 1) + 1.
        QCOMPARE(emulatorRequests(), before + 8);
        QCOMPARE(timeEntriesOf(0).size(), 3u + 2u); // p-1 wrote three a month earlier
        QCOMPARE(timeEntriesOf(1).size(), 4u + 1u); // p-2 and the time entered in Xero
        worker.close(5000);
    }

    void projectsValidation()
    {
        const QDate week(2026, 11, 30);
        // An entry without a task, and a day over 24 hours: nothing is written.
        addProjectsSubmission(
            QStringLiteral("p-5"), 4, week, { { 0, 20, 0 }, { 0, 5, 1 }, { 1, 3, -1 } });
        auto result = run(QStringLiteral("p-5"), false, SyncTarget::Projects);
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        const auto row = m_log->get(result.logId);
        QStringList codes;
        for (const auto &finding : row->details["findings"])
            codes << QString::fromStdString(finding["code"].get<std::string>());
        QCOMPARE(codes,
            QStringList(
                { QStringLiteral("too_many_hours"), QStringLiteral("entry_without_task") }));
        QVERIFY(timeEntriesOf(4).empty());
        // A person who is no Projects user.
        addProjectsSubmission(QStringLiteral("p-6"), 5, week, { { 0, 2, 0 } }, 1,
            QStringLiteral("someone.else@example.com"));
        result = run(QStringLiteral("p-6"), false, SyncTarget::Projects);
        QVERIFY(!result.success);
        QVERIFY(!result.retryable);
        QVERIFY2(result.error.contains(QStringLiteral("someone.else@example.com")),
            qPrintable(result.error));
        QVERIFY(timeEntriesOf(5).empty());
    }
};

QTEST_GUILESS_MAIN(TestSubmissionSync)
#include "tst_submissionsync.moc"
