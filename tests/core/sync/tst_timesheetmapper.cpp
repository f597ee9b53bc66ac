#include <QTest>

#include "core/common/systemclock.h"
#include "core/sync/timesheetmapper.h"
#include "core/sync/timesheetvalidator.h"
#include "core/xero/oauthclient.h"
#include "core/xero/xeroclient.h"
#include "support/emulatorprocess.h"
#include "support/testhelpers.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! The mapper's bodies for each target, and proof against the emulator that Xero's rules accept
//! them: right period, one value per day, lines per date, minutes.
class TestTimesheetMapper : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    static constexpr const char *UkTenant = "dee3baf2-45ea-5ef1-af47-ac168ce94c34";
    EmulatorProcess m_emulator;
    std::unique_ptr<XeroClient> m_client;
    std::unique_ptr<OAuthClient> m_oauth;
    QString m_token;

    XeroReply call(const QByteArray &method, const QString &path, const char *tenant,
        const Json &body = nullptr)
    {
        XeroRequest request;
        request.method = method;
        request.path = path;
        request.tenantId = QString::fromLatin1(tenant);
        request.accessToken = m_token;
        request.body = body;
        if (method != "GET")
            request.idempotencyKey = XeroClient::idempotencyKey(
                QString::fromLatin1(method), path, 1, QString::fromStdString(body.dump()));
        std::optional<XeroReply> reply;
        m_client->send(request, [&reply](XeroReply r) { reply = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 20'000); }();
        return reply.value_or(XeroReply {});
    }

    static Submission submission(QDate start, int days, const QString &rate = {})
    {
        Submission s;
        s.id = QStringLiteral("sub-7");
        s.periodStart = start;
        s.periodEnd = start.addDays(days - 1);
        s.employee.name = QStringLiteral("Test Person");
        s.entries = { TimesheetEntry { 1, start, 4, rate, {}, {}, {}, {} },
            TimesheetEntry { 2, start, 3.5, rate, {}, {}, {}, {} },
            TimesheetEntry { 3, start.addDays(2), 8, rate, {}, {}, {}, {} } };
        return s;
    }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        QVERIFY_RESULT(endpoints);
        m_client = std::make_unique<XeroClient>(*endpoints);
        // The seed's desktop app connects both organisations; the emulator consents without a
        // browser.
        m_oauth = std::make_unique<OAuthClient>(*endpoints,
            OAuthSettings { QStringLiteral("xerosync-desktop"), {},
                QStringLiteral("http://localhost:8750/oauth/callback"),
                { QStringLiteral("offline_access"), QStringLiteral("payroll.timesheets"),
                    QStringLiteral("payroll.employees"), QStringLiteral("payroll.settings"),
                    QStringLiteral("projects") } },
            SystemClock::shared());
        const auto tokens = XeroTestTokens::connectWithPkce(*m_oauth);
        QVERIFY_RESULT(tokens);
        m_token = tokens->accessToken;
    }

    void au1BodyShape()
    {
        EmployeeTarget target;
        target.xeroEmployeeId = QStringLiteral("e1");
        target.defaultEarningsRateId = QStringLiteral("ordinary");
        auto s = submission(QDate(2026, 11, 23), 7);
        s.entries.append(TimesheetEntry { 4, QDate(2026, 11, 24), 2, QStringLiteral("overtime"),
            QStringLiteral("north"), {}, {}, {} });
        const auto body = TimesheetMapper::toPayrollAu1(s, target);
        QCOMPARE(body["StartDate"].get<std::string>(), std::string("/Date(1795392000000+0000)/"));
        QCOMPARE(body["TimesheetLines"].size(), 2u);
        const auto units = body["TimesheetLines"][0]["NumberOfUnits"];
        QVERIFY2(units == Json::array({ 7.5, 0.0, 8.0, 0.0, 0.0, 0.0, 0.0 }), units.dump().c_str());
        QCOMPARE(
            body["TimesheetLines"][1]["TrackingItemID"].get<std::string>(), std::string("north"));
        QCOMPARE(TimesheetMapper::contentHash(body),
            TimesheetMapper::contentHash(TimesheetMapper::toPayrollAu1(s, target)));
        s.entries[0].hours = 4.25;
        QVERIFY(TimesheetMapper::contentHash(body)
            != TimesheetMapper::contentHash(TimesheetMapper::toPayrollAu1(s, target)));
    }

    void au1AndUkBodiesAreAcceptedByXero()
    {
        // AU 1.0: a fortnightly employee (the 17th of the seed), read from Xero like the sync does.
        auto employees =
            call("GET", QStringLiteral("/payroll.xro/1.0/Employees"), AuTenant).json["Employees"];
        const auto calendars =
            call("GET", QStringLiteral("/payroll.xro/1.0/PayrollCalendars"), AuTenant)
                .json["PayrollCalendars"];
        const auto &employee = employees[16];
        EmployeeTarget au;
        au.xeroEmployeeId = QString::fromStdString(employee["EmployeeID"].get<std::string>());
        au.defaultEarningsRateId =
            QString::fromStdString(employee["OrdinaryEarningsRateID"].get<std::string>());
        au.validEarningsRateIds = { au.defaultEarningsRateId };
        for (const auto &calendar : calendars) {
            if (calendar["PayrollCalendarID"] == employee["PayrollCalendarID"])
                au.calendar = PayCalendar { QString::fromStdString(
                                                calendar["PayrollCalendarID"].get<std::string>()),
                    QString::fromStdString(calendar["CalendarType"].get<std::string>()),
                    PayCalendar::dateFromXero(
                        QString::fromStdString(calendar["StartDate"].get<std::string>()))
                        .value_or(QDate()),
                    {} };
        }
        const auto fortnight = PayPeriods::containing(au.calendar, QDate(2026, 11, 10));
        QVERIFY(fortnight);
        const auto auSubmission = submission(fortnight->start, fortnight->days());
        QVERIFY(TimesheetValidator::validate(auSubmission, au).isEmpty());
        auto reply = call("POST", QStringLiteral("/payroll.xro/1.0/Timesheets"), AuTenant,
            Json::array({ TimesheetMapper::toPayrollAu1(auSubmission, au) }));
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        QCOMPARE(reply.json["Timesheets"][0]["Hours"].get<double>(), 15.5);
        QCOMPARE(reply.json["Timesheets"][0]["TimesheetLines"][0]["NumberOfUnits"].size(), 14u);

        // Payroll 2.0 (UK): one line per date.
        employees =
            call("GET", QStringLiteral("/payroll.xro/2.0/Employees"), UkTenant).json["employees"];
        const auto rates = call("GET", QStringLiteral("/payroll.xro/2.0/EarningsRates"), UkTenant)
                               .json["earningsRates"];
        EmployeeTarget uk;
        uk.xeroEmployeeId = QString::fromStdString(employees[0]["employeeID"].get<std::string>());
        uk.defaultEarningsRateId =
            QString::fromStdString(rates[0]["earningsRateID"].get<std::string>());
        uk.validEarningsRateIds = { uk.defaultEarningsRateId };
        const auto ukCalendarId = employees[0]["payrollCalendarID"].get<std::string>();
        const auto ukCalendar =
            call("GET", QStringLiteral("/payroll.xro/2.0/PayRunCalendars"), UkTenant)
                .json["payRunCalendars"][0];
        QCOMPARE(ukCalendar["payrollCalendarID"].get<std::string>(), ukCalendarId);
        uk.calendar = PayCalendar { QString::fromStdString(ukCalendarId),
            PayCalendar::typeFrom2(
                QString::fromStdString(ukCalendar["calendarType"].get<std::string>())),
            PayCalendar::dateFromXero(
                QString::fromStdString(ukCalendar["periodStartDate"].get<std::string>()))
                .value_or(QDate()),
            {} };
        const auto ukSubmission =
            submission(PayPeriods::containing(uk.calendar, QDate(2026, 11, 18))->start, 7);
        QVERIFY(TimesheetValidator::validate(ukSubmission, uk).isEmpty());
        const auto body = TimesheetMapper::toPayroll2(ukSubmission, uk);
        QCOMPARE(body["timesheetLines"].size(), 2u); // 4 + 3.5 on one date become one line
        reply = call("POST", QStringLiteral("/payroll.xro/2.0/Timesheets"), UkTenant, body);
        QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        QCOMPARE(reply.json["timesheet"]["totalHours"].get<double>(), 15.5);
    }

    void projectsEntriesAreAccepted()
    {
        const auto projects =
            call("GET", QStringLiteral("/projects.xro/2.0/Projects"), AuTenant).json["items"];
        const auto projectId = QString::fromStdString(projects[0]["projectId"].get<std::string>());
        const auto tasks = call(
            "GET", QStringLiteral("/projects.xro/2.0/Projects/%1/Tasks").arg(projectId), AuTenant)
                               .json["items"];
        const auto users =
            call("GET", QStringLiteral("/projects.xro/2.0/ProjectsUsers"), AuTenant).json["items"];
        EmployeeTarget target;
        target.projectsUserId = QString::fromStdString(users[0]["userId"].get<std::string>());
        Submission s = submission(QDate(2026, 11, 23), 7);
        for (auto &entry : s.entries) {
            entry.xeroProjectId = projectId;
            entry.xeroTaskId = QString::fromStdString(tasks[0]["taskId"].get<std::string>());
        }
        const auto entries = TimesheetMapper::toProjectsTimeEntries(s, target);
        // 4 h and 3.5 h on the same task and day are one entry of 7.5 h.
        QCOMPARE(entries.size(), 2u);
        QCOMPARE(entries[0]["duration"].get<int>(), 450);
        QCOMPARE(entries[1]["duration"].get<int>(), 480);
        QCOMPARE(entries[1]["dateUtc"].get<std::string>(), std::string("2026-11-25T00:00:00Z"));
        for (auto entry : entries) {
            entry.erase("projectId");
            const auto reply =
                call("POST", QStringLiteral("/projects.xro/2.0/Projects/%1/Time").arg(projectId),
                    AuTenant, entry);
            QVERIFY2(reply.ok(), qPrintable(reply.error ? reply.error->message : QString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestTimesheetMapper)
#include "tst_timesheetmapper.moc"
