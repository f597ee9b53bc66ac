#include <QTest>

#include "core/common/systemclock.h"
#include "core/sync/timesheetwriter.h"
#include "core/xero/oauthclient.h"
#include "support/emulatorprocess.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! The duplicate policy of DESIGN.md §6 against a real emulator, for Payroll AU 1.0 and 2.0.
class TestTimesheetWriter : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    static constexpr const char *UkTenant = "dee3baf2-45ea-5ef1-af47-ac168ce94c34";
    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    std::unique_ptr<XeroClient> m_client;
    std::unique_ptr<TimesheetWriter> m_writer;
    std::unique_ptr<OAuthClient> m_oauth;
    QString m_token;

    Json control(const QByteArray &method, const QString &path, const Json &body = Json::object())
    {
        return m_http
            .send(method, m_emulator.url(QStringLiteral("/__emulator/") + path),
                QByteArray::fromStdString(body.dump()))
            .json();
    }

    Json api(const QString &path, const char *tenant)
    {
        return m_http
            .get(m_emulator.url(path),
                { { "Authorization", "Bearer " + m_token.toUtf8() }, { "Xero-Tenant-Id", tenant } })
            .json();
    }

    Result<WriteOutcome> write(const Submission &s, const EmployeeTarget &t, PayrollTarget api,
        const char *tenant, bool mayUpdate)
    {
        std::optional<Result<WriteOutcome>> result;
        m_writer->write(s, t, api, QString::fromLatin1(tenant), m_token, mayUpdate,
            [&result](Result<WriteOutcome> r) { result = std::move(r); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
        return result.value_or(fail(ErrorCode::Timeout, QStringLiteral("no answer")));
    }

    static Submission submission(QDate start, int days, double firstDayHours, int version = 1)
    {
        Submission s;
        s.id = QStringLiteral("sub-%1").arg(start.toString(Qt::ISODate));
        s.version = version;
        s.periodStart = start;
        s.periodEnd = start.addDays(days - 1);
        s.entries = { TimesheetEntry { 1, start, firstDayHours, {}, {}, {}, {}, {} },
            TimesheetEntry { 2, start.addDays(1), 6, {}, {}, {}, {}, {} } };
        return s;
    }

    EmployeeTarget auTarget()
    {
        const auto employee =
            api(QStringLiteral("/payroll.xro/1.0/Employees"), AuTenant)["Employees"][1];
        EmployeeTarget t;
        t.xeroEmployeeId = QString::fromStdString(employee["EmployeeID"].get<std::string>());
        t.defaultEarningsRateId =
            QString::fromStdString(employee["OrdinaryEarningsRateID"].get<std::string>());
        return t;
    }

    EmployeeTarget ukTarget()
    {
        const auto employee =
            api(QStringLiteral("/payroll.xro/2.0/Employees"), UkTenant)["employees"][0];
        const auto rate =
            api(QStringLiteral("/payroll.xro/2.0/EarningsRates"), UkTenant)["earningsRates"][0];
        EmployeeTarget t;
        t.xeroEmployeeId = QString::fromStdString(employee["employeeID"].get<std::string>());
        t.calendar.id = QString::fromStdString(employee["payrollCalendarID"].get<std::string>());
        t.defaultEarningsRateId = QString::fromStdString(rate["earningsRateID"].get<std::string>());
        return t;
    }

    int creates(const char *tenant)
    {
        return control("GET",
            QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(tenant)))["count"]
            .get<int>();
    }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        const auto endpoints = *XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        m_client = std::make_unique<XeroClient>(endpoints);
        m_writer = std::make_unique<TimesheetWriter>(*m_client);
        m_oauth = std::make_unique<OAuthClient>(endpoints,
            OAuthSettings { QStringLiteral("xerosync-desktop"), {},
                QStringLiteral("http://localhost:8750/oauth/callback"),
                { QStringLiteral("offline_access"), QStringLiteral("payroll.timesheets"),
                    QStringLiteral("payroll.employees"), QStringLiteral("payroll.settings") } },
            SystemClock::shared());
    }

    void init()
    {
        control("POST", QStringLiteral("reset"));
        const auto tokens = XeroTestTokens::connectWithPkce(*m_oauth);
        QVERIFY_RESULT(tokens);
        m_token = tokens->accessToken;
    }

    void payrollAu1Policy()
    {
        const auto target = auTarget();
        const QDate week(2026, 11, 2);
        auto outcome =
            write(submission(week, 7, 8), target, PayrollTarget::PayrollAu1, AuTenant, false);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("created"));
        const auto id = outcome->xeroTimesheetId;
        QVERIFY(!id.isEmpty());

        // The same content again: a lookup, no write.
        const auto callsBefore =
            control("GET", QStringLiteral("stats"))["apiCallsPerTenant"][AuTenant].get<int>();
        outcome = write(submission(week, 7, 8), target, PayrollTarget::PayrollAu1, AuTenant, false);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("unchanged"));
        QCOMPARE(control("GET", QStringLiteral("stats"))["apiCallsPerTenant"][AuTenant].get<int>(),
            callsBefore + 1);

        // Other hours in a draft: only a newer version (or force) updates it.
        outcome = write(submission(week, 7, 9), target, PayrollTarget::PayrollAu1, AuTenant, false);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("refused"));
        outcome =
            write(submission(week, 7, 9, 2), target, PayrollTarget::PayrollAu1, AuTenant, true);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("updated"));
        QCOMPARE(outcome->xeroTimesheetId, id);
        QCOMPARE(
            api(QStringLiteral("/payroll.xro/1.0/Timesheets/") + id, AuTenant)["Timesheet"]["Hours"]
                .get<double>(),
            15.0);

        // Approved in Xero: never overwritten, with a reason that says what to do.
        control("POST", QStringLiteral("events"),
            Json { { "type", "approve-timesheet" }, { "tenantId", AuTenant },
                { "timesheetId", id.toStdString() } });
        outcome =
            write(submission(week, 7, 10, 3), target, PayrollTarget::PayrollAu1, AuTenant, true);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("refused"));
        QVERIFY2(outcome->reason.contains(QStringLiteral("Revert it to draft")),
            qPrintable(outcome->reason));
        QCOMPARE(creates(AuTenant), 1);
    }

    void lostAnswerStillGivesOneTimesheet()
    {
        const auto target = auTarget();
        control("POST", QStringLiteral("faults"),
            Json { { "kind", "drop" }, { "count", 2 }, { "pathContains", "/Timesheets" },
                { "method", "POST" } });
        auto outcome = write(submission(QDate(2026, 11, 9), 7, 8), target,
            PayrollTarget::PayrollAu1, AuTenant, false);
        QVERIFY(!outcome);
        QVERIFY(outcome.error().retryable);
        // The retry looks first and finds what the lost answer created.
        outcome = write(submission(QDate(2026, 11, 9), 7, 8), target, PayrollTarget::PayrollAu1,
            AuTenant, false);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("unchanged"));
        const auto state = control(
            "GET", QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(AuTenant)));
        QCOMPARE(state["count"].get<int>(), 1);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);
    }

    void payRunListOlderThanXeroStillGivesOneTimesheet()
    {
        const auto target = ukTarget();
        const QDate week(2026, 12, 7);
        // The pay run reads Xero's timesheets of its range up front: none yet.
        auto lists = std::make_shared<SharedLists>();
        std::optional<Result<void>> loaded;
        m_writer->preload(QString::fromLatin1(UkTenant), m_token, week, week.addDays(6), lists,
            [&loaded](Result<void> r) { loaded = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), 20'000);
        QVERIFY_RESULT(*loaded);
        QVERIFY(lists->timesheetsLoaded);
        const SharedLists none = *lists;
        const auto before = creates(UkTenant);
        // Meanwhile the same timesheet reaches Xero another way (the approval's own job).
        auto outcome =
            write(submission(week, 7, 8), target, PayrollTarget::Payroll2, UkTenant, false);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("created"));
        // The pay run's stale list says "none". The same version's create is Xero's replay of
        // the first (same Idempotency-Key): the same timesheet, no second one.
        const auto stale = [&](int version, std::shared_ptr<SharedLists> with = nullptr) {
            std::optional<Result<WriteOutcome>> result;
            m_writer->write(
                submission(week, 7, 8, version), target, PayrollTarget::Payroll2,
                QString::fromLatin1(UkTenant), m_token, false,
                [&result](Result<WriteOutcome> r) { result = std::move(r); },
                with ? with : std::make_shared<SharedLists>(none));
            [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
            return result.value_or(fail(ErrorCode::Timeout, QStringLiteral("no answer")));
        };
        auto result = stale(1);
        QVERIFY_RESULT(result);
        QCOMPARE(result->xeroTimesheetId, outcome->xeroTimesheetId);
        // Another version with the same hours: Xero refuses a second timesheet for the period,
        // and the writer looks it up and finds it unchanged.
        result = stale(2);
        QVERIFY_RESULT(result);
        QCOMPARE(writeActionName(result->action), QStringLiteral("unchanged"));
        QCOMPARE(result->xeroTimesheetId, outcome->xeroTimesheetId);
        QCOMPARE(creates(UkTenant), before + 1);
        // A fresh list finds it without a lookup: only the read of its lines.
        const auto requests = [this] {
            return control("GET", QStringLiteral("stats"))["requests"];
        };
        loaded.reset();
        m_writer->preload(QString::fromLatin1(UkTenant), m_token, week, week.addDays(6), lists,
            [&loaded](Result<void> r) { loaded = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(loaded.has_value(), 20'000);
        QCOMPARE(lists->timesheets.size(), 1u);
        const auto first = requests().get<qint64>();
        result = stale(2, lists);
        QVERIFY_RESULT(result);
        QCOMPARE(writeActionName(result->action), QStringLiteral("unchanged"));
        QCOMPARE(requests().get<qint64>(), first + 1 + 1); // the timesheet, and this stats call
    }

    void payroll2Policy()
    {
        const auto target = ukTarget();
        const QDate week(2026, 11, 16);
        auto outcome =
            write(submission(week, 7, 8), target, PayrollTarget::Payroll2, UkTenant, false);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("created"));
        const auto id = outcome->xeroTimesheetId;
        outcome = write(submission(week, 7, 8), target, PayrollTarget::Payroll2, UkTenant, false);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("unchanged"));
        outcome = write(submission(week, 7, 4, 2), target, PayrollTarget::Payroll2, UkTenant, true);
        QVERIFY_RESULT(outcome);
        QCOMPARE(writeActionName(outcome->action), QStringLiteral("updated"));
        QCOMPARE(outcome->xeroTimesheetId, id); // lines replaced in place, no second timesheet
        const auto sheet =
            api(QStringLiteral("/payroll.xro/2.0/Timesheets/") + id, UkTenant)["timesheet"];
        QCOMPARE(sheet["totalHours"].get<double>(), 10.0);
        const auto state = control(
            "GET", QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(UkTenant)));
        QCOMPARE(state["count"].get<int>(), 1);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);
    }

    void contentComparesBothShapes()
    {
        // The same hours in AU 1.0's arrays and in 2.0's lines reduce to the same content.
        const Json au1 { { "StartDate", "/Date(1795392000000+0000)/" },
            { "TimesheetLines",
                Json::array({ { { "EarningsRateID", "R" },
                    { "NumberOfUnits", { 8, 0, 2.5, 0, 0, 0, 0 } } } }) } };
        const Json v2 { { "timesheetLines",
            Json::array({ { { "date", "2026-11-23T00:00:00" }, { "earningsRateID", "r" },
                              { "numberOfUnits", 8 } },
                { { "date", "2026-11-25" }, { "earningsRateID", "r" },
                    { "numberOfUnits", 2.5 } } }) } };
        QVERIFY(TimesheetWriter::contentOfAu1(au1) == TimesheetWriter::contentOf2(v2));
        QCOMPARE(TimesheetWriter::contentOfAu1(au1).size(), 2u);
    }
};

QTEST_GUILESS_MAIN(TestTimesheetWriter)
#include "tst_timesheetwriter.moc"
