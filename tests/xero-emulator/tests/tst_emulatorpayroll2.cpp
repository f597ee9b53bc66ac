#include <QTest>

#include "emulatorfixture.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Payroll 2.0 (UK shape, and AU 2.0 for the Australian tenant) against a running emulator
//! (research §4, §5, §12 items 14–16).
class TestEmulatorPayroll2 : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::string m_token;
    Json m_ukEmployees;
    Json m_ukRates;
    Json m_auEmployees;
    std::string m_auRate;

    static QDate week(int n) { return QDate(2026, 1, 5).addDays(7 * n); }

    static std::string iso(const QDate &date) { return date.toString(Qt::ISODate).toStdString(); }

    std::string ukEmployee(int i) const
    {
        return m_ukEmployees[static_cast<size_t>(i)]["employeeID"].get<std::string>();
    }

    std::string ukCalendar(int i) const
    {
        return m_ukEmployees[static_cast<size_t>(i)]["payrollCalendarID"].get<std::string>();
    }

    std::string ukRate(const char *name) const
    {
        for (const auto &rate : m_ukRates) {
            if (rate["name"] == name)
                return rate["earningsRateID"].get<std::string>();
        }
        return {};
    }

    Json sheet(const std::string &employee, const std::string &calendar, QDate start, int days,
        const std::string &rate) const
    {
        return Json { { "payrollCalendarID", calendar }, { "employeeID", employee },
            { "startDate", iso(start) }, { "endDate", iso(start.addDays(days - 1)) },
            { "timesheetLines",
                Json::array({ { { "date", iso(start) }, { "earningsRateID", rate },
                                  { "numberOfUnits", 7.5 } },
                    { { "date", iso(start.addDays(1)) }, { "earningsRateID", rate },
                        { "numberOfUnits", 6 } } }) } };
    }

    HttpReply uk(const QByteArray &method, const QString &path, const Json &body = nullptr)
    {
        return m_emulator.api(method, QStringLiteral("/payroll.xro/2.0") + path,
            EmulatorFixture::UkTenant, m_token, body);
    }

    static std::string reason(const HttpReply &reply)
    {
        const auto body = reply.json();
        const auto fields = body["invalidFields"];
        return fields.empty() ? body.value("detail", std::string())
                              : fields[0]["reason"].get<std::string>();
    }

private Q_SLOTS:

    void initTestCase() { QVERIFY_RESULT(m_emulator.start()); }

    void init()
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("reset")).status, 200);
        m_token = m_emulator.authorize().access;
        QVERIFY(!m_token.empty());
        m_ukEmployees = uk("GET", QStringLiteral("/Employees")).json()["employees"];
        m_ukRates = uk("GET", QStringLiteral("/EarningsRates")).json()["earningsRates"];
        m_auEmployees = m_emulator
                            .api("GET", QStringLiteral("/payroll.xro/1.0/Employees"),
                                EmulatorFixture::AuTenant, m_token)
                            .json()["Employees"];
        const auto payItems = m_emulator
                                  .api("GET", QStringLiteral("/payroll.xro/1.0/PayItems"),
                                      EmulatorFixture::AuTenant, m_token)
                                  .json();
        m_auRate = payItems["PayItems"]["EarningsRates"][0]["EarningsRateID"].get<std::string>();
    }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.checkedCount() > 20);
        QVERIFY_CONFORMS(m_emulator);
    }

    void referenceData()
    {
        QCOMPARE(m_ukEmployees.size(), 12u);
        QCOMPARE(m_ukRates.size(), 3u);
        auto reply = uk("GET", QStringLiteral("/Employees"));
        QCOMPARE(reply.json()["pagination"]["itemCount"].get<int>(), 12);
        QVERIFY(reply.json()["problem"].is_null());
        reply = uk("GET", QStringLiteral("/Employees?filter=firstName==Harper"));
        QCOMPARE(reply.json()["employees"].size(), 1u);
        reply = uk("GET", QStringLiteral("/Employees/") + QString::fromStdString(ukEmployee(0)));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json()["pagination"].is_null());
        QCOMPARE(reply.json()["employee"]["dateOfBirth"].get<std::string>().size(),
            19u); // YYYY-MM-DDT00:00:00
        reply = uk("GET", QStringLiteral("/PayRunCalendars"));
        QCOMPARE(reply.json()["payRunCalendars"][0]["calendarType"].get<std::string>(),
            std::string("Weekly"));
        QCOMPARE(reply.json()["payRunCalendars"][1]["calendarType"].get<std::string>(),
            std::string("Fortnightly"));
        // Payroll AU 2.0 covers timesheets only.
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/2.0/Employees"),
                         EmulatorFixture::AuTenant, m_token)
                     .status,
            404);
    }

    void createGetListAndLines()
    {
        const auto regular = ukRate("Regular Hours");
        auto reply = uk("POST", QStringLiteral("/Timesheets"),
            sheet(ukEmployee(0), ukCalendar(0), week(45), 7, regular));
        QCOMPARE(reply.status, 200);
        const auto created = reply.json()["timesheet"];
        QCOMPARE(created["status"].get<std::string>(), std::string("Draft"));
        QCOMPARE(created["totalHours"].get<double>(), 13.5);
        QCOMPARE(created["startDate"].get<std::string>(), iso(week(45)) + "T00:00:00");
        QVERIFY(created["timesheetLines"][0]["trackingItemID"].is_null());
        const auto id = QString::fromStdString(created["timesheetID"].get<std::string>());

        reply = uk("GET",
            QStringLiteral("/Timesheets?filter=employeeId==%1&startDate=%2")
                .arg(QString::fromStdString(ukEmployee(0)), QString::fromStdString(iso(week(45)))));
        QCOMPARE(reply.json()["timesheets"].size(), 1u);
        QVERIFY(
            !reply.json()["timesheets"][0].contains("timesheetLines")); // lists omit lines (§4.1)
        QCOMPARE(
            uk("GET", QStringLiteral("/Timesheets?status=Approved")).json()["timesheets"].size(),
            0u);
        QCOMPARE(uk("GET", QStringLiteral("/Timesheets?startDate=2027-01-01"))
                     .json()["timesheets"]
                     .size(),
            0u);
        QCOMPARE(uk("GET", QStringLiteral("/Timesheets?startDate=tomorrow")).status, 400);

        // Line CRUD.
        reply = uk("POST", QStringLiteral("/Timesheets/%1/Lines").arg(id),
            Json { { "date", iso(week(45).addDays(2)) }, { "earningsRateID", ukRate("Overtime") },
                { "numberOfUnits", 2 } });
        QCOMPARE(reply.status, 200);
        const auto lineId = QString::fromStdString(
            reply.json()["timesheetLine"]["timesheetLineID"].get<std::string>());
        reply = uk("PUT", QStringLiteral("/Timesheets/%1/Lines/%2").arg(id, lineId),
            Json { { "date", iso(week(45).addDays(3)) }, { "earningsRateID", ukRate("Overtime") },
                { "numberOfUnits", 3 } });
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["timesheetLine"]["numberOfUnits"].get<double>(), 3.0);
        reply = uk("GET", QStringLiteral("/Timesheets/") + id);
        QCOMPARE(reply.json()["timesheet"]["timesheetLines"].size(), 3u);
        QCOMPARE(reply.json()["timesheet"]["totalHours"].get<double>(), 16.5);
        QCOMPARE(
            uk("DELETE", QStringLiteral("/Timesheets/%1/Lines/%2").arg(id, lineId)).status, 200);
        QCOMPARE(uk("GET", QStringLiteral("/Timesheets/") + id)
                     .json()["timesheet"]["timesheetLines"]
                     .size(),
            2u);
        QCOMPARE(
            uk("DELETE", QStringLiteral("/Timesheets/%1/Lines/%2").arg(id, lineId)).status, 404);
        // Delete the draft.
        QCOMPARE(uk("DELETE", QStringLiteral("/Timesheets/") + id).status, 200);
        QCOMPARE(uk("GET", QStringLiteral("/Timesheets/") + id).status, 404);
    }

    void validationRules_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("field");
        QTest::newRow("calendar is not the employee's") << "calendar"
                                                        << "payrollCalendarID";
        QTest::newRow("not a whole pay period") << "period"
                                                << "startDate";
        QTest::newRow("line outside the period") << "lineDate"
                                                 << "date";
        QTest::newRow("zero units") << "zero"
                                    << "numberOfUnits";
        QTest::newRow("fixed amount rate") << "fixed"
                                           << "earningsRateID";
        QTest::newRow("unknown employee") << "employee"
                                          << "employeeID";
        QTest::newRow("missing calendar") << "noCalendar"
                                          << "payrollCalendarID";
        QTest::newRow("duplicate period") << "duplicate"
                                          << "_default";
    }

    void validationRules()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, field);
        auto body = sheet(ukEmployee(1), ukCalendar(1), week(46), 7, ukRate("Regular Hours"));
        if (scenario == QLatin1String("calendar"))
            body["payrollCalendarID"] = ukCalendar(10); // a fortnightly employee's calendar
        else if (scenario == QLatin1String("period"))
            body["endDate"] = iso(week(46).addDays(4));
        else if (scenario == QLatin1String("lineDate"))
            body["timesheetLines"][0]["date"] = iso(week(47));
        else if (scenario == QLatin1String("zero"))
            body["timesheetLines"][1]["numberOfUnits"] = 0;
        else if (scenario == QLatin1String("fixed"))
            body["timesheetLines"][0]["earningsRateID"] = ukRate("Bonus");
        else if (scenario == QLatin1String("employee"))
            body["employeeID"] = "00000000-0000-4000-8000-000000000000";
        else if (scenario == QLatin1String("noCalendar"))
            body.erase("payrollCalendarID");
        else if (scenario == QLatin1String("duplicate"))
            QCOMPARE(uk("POST", QStringLiteral("/Timesheets"), body).status, 200);
        const auto reply = uk("POST", QStringLiteral("/Timesheets"), body);
        QCOMPARE(reply.status, 400);
        const auto problem = reply.json();
        QCOMPARE(problem["title"].get<std::string>(), std::string("BadRequest"));
        QCOMPARE(
            QString::fromStdString(problem["invalidFields"][0]["name"].get<std::string>()), field);
        QVERIFY(!reason(reply).empty());
        const auto state = m_emulator
                               .control("GET",
                                   QStringLiteral("tenants/%1/timesheets")
                                       .arg(QString::fromLatin1(EmulatorFixture::UkTenant)))
                               .json();
        QCOMPARE(state["count"].get<int>(), scenario == QLatin1String("duplicate") ? 1 : 0);
    }

    void statusModelByRegion()
    {
        // UK: approve, still editable when approved (§4.2), revert, pay run -> Completed, then
        // frozen.
        auto reply = uk("POST", QStringLiteral("/Timesheets"),
            sheet(ukEmployee(2), ukCalendar(2), week(47), 7, ukRate("Regular Hours")));
        const auto id =
            QString::fromStdString(reply.json()["timesheet"]["timesheetID"].get<std::string>());
        reply = uk("POST", QStringLiteral("/Timesheets/%1/Approve").arg(id));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["timesheet"]["status"].get<std::string>(), std::string("Approved"));
        const Json line { { "date", iso(week(47).addDays(4)) },
            { "earningsRateID", ukRate("Regular Hours") }, { "numberOfUnits", 1 } };
        QCOMPARE(uk("POST", QStringLiteral("/Timesheets/%1/Lines").arg(id), line).status, 200);
        QCOMPARE(uk("POST", QStringLiteral("/Timesheets/%1/RevertToDraft").arg(id))
                     .json()["timesheet"]["status"]
                     .get<std::string>(),
            std::string("Draft"));
        uk("POST", QStringLiteral("/Timesheets/%1/Approve").arg(id));
        QCOMPARE(uk("DELETE", QStringLiteral("/Timesheets/") + id).status,
            400); // only drafts are deleted
        const auto payRun = m_emulator.control("POST", QStringLiteral("events"),
            Json { { "type", "pay-run" }, { "tenantId", EmulatorFixture::UkTenant },
                { "calendarId", ukCalendar(2) } });
        QCOMPARE(payRun.json()["processed"].get<int>(), 1);
        QCOMPARE(uk("GET", QStringLiteral("/Timesheets/") + id)
                     .json()["timesheet"]["status"]
                     .get<std::string>(),
            std::string("Completed"));
        reply = uk("POST", QStringLiteral("/Timesheets/%1/Lines").arg(id), line);
        QCOMPARE(reply.status, 400);
        QCOMPARE(uk("POST", QStringLiteral("/Timesheets/%1/RevertToDraft").arg(id)).status, 400);

        // AU 2.0: approved timesheets are not editable (the AU rule, research §3.5).
        const auto auEmployee = m_auEmployees[1];
        auto auSheet = sheet(auEmployee["EmployeeID"].get<std::string>(),
            auEmployee["PayrollCalendarID"].get<std::string>(), week(47), 7, m_auRate);
        reply = m_emulator.api("POST", QStringLiteral("/payroll.xro/2.0/Timesheets"),
            EmulatorFixture::AuTenant, m_token, auSheet);
        QCOMPARE(reply.status, 200);
        const auto auId =
            QString::fromStdString(reply.json()["timesheet"]["timesheetID"].get<std::string>());
        m_emulator.api("POST", QStringLiteral("/payroll.xro/2.0/Timesheets/%1/Approve").arg(auId),
            EmulatorFixture::AuTenant, m_token);
        Json auLine { { "date", iso(week(47).addDays(2)) }, { "earningsRateID", m_auRate },
            { "numberOfUnits", 1 } };
        reply =
            m_emulator.api("POST", QStringLiteral("/payroll.xro/2.0/Timesheets/%1/Lines").arg(auId),
                EmulatorFixture::AuTenant, m_token, auLine);
        QCOMPARE(reply.status, 400);
        QVERIFY(reason(reply).find("revert") != std::string::npos);
        // The same timesheet seen through AU 1.0.
        reply = m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Timesheets/") + auId,
            EmulatorFixture::AuTenant, m_token);
        QCOMPARE(reply.json()["Timesheet"]["Status"].get<std::string>(), std::string("APPROVED"));
    }

    void newZealandShape()
    {
        const std::string nz = "7a0d6c1e-0b7e-4c35-9f43-5a2b8e1d9c10";
        const Json tenant { { "tenantId", nz }, { "name", "Demo Company (NZ)" }, { "region", "NZ" },
            { "calendars",
                Json::array(
                    { { { "id", "11111111-2222-4333-8444-555555555555" },
                          { "name", "Twice monthly" }, { "type", "TWICEMONTHLY" },
                          { "startDate", "2026-01-01" }, { "referenceDate", "2026-01-16" } },
                        { { "id", "11111111-2222-4333-8444-666666666666" }, { "name", "Weekly" },
                            { "type", "WEEKLY" }, { "startDate", "2026-01-05" } } }) },
            { "earningsRates",
                Json::array({ { { "id", "22222222-3333-4444-8555-666666666666" },
                    { "name", "Ordinary Time" }, { "earningsType", "RegularEarnings" },
                    { "rateType", "RatePerUnit" }, { "ratePerUnit", 28.0 } } }) },
            { "employees",
                Json::array({ { { "id", "33333333-4444-4555-8666-777777777777" },
                    { "firstName", "Aroha" }, { "lastName", "Ngata" },
                    { "calendarId", "11111111-2222-4333-8444-666666666666" } } }) } };
        QCOMPARE(m_emulator
                     .control("POST", QStringLiteral("seed"),
                         Json { { "tenants", Json::array({ tenant }) } })
                     .status,
            200);
        m_emulator.setRegion(nz, "NZ");
        const auto token =
            m_emulator.authorize().access; // consent now includes the new organisation
        const auto call = [&](const QByteArray &method, const QString &path,
                              const Json &body = nullptr) {
            return m_emulator.api(
                method, QStringLiteral("/payroll.xro/2.0") + path, nz, token, body);
        };
        const auto calendars =
            call("GET", QStringLiteral("/PayRunCalendars")).json()["payRunCalendars"];
        QCOMPARE(calendars[0]["calendarType"].get<std::string>(), std::string("TwiceMonthly"));
        QCOMPARE(call("GET", QStringLiteral("/Employees")).json()["employees"].size(), 1u);
        QCOMPARE(call("GET", QStringLiteral("/EarningsRates")).status, 200);
        const auto created = call("POST", QStringLiteral("/Timesheets"),
            sheet("33333333-4444-4555-8666-777777777777", "11111111-2222-4333-8444-666666666666",
                week(47), 7, "22222222-3333-4444-8555-666666666666"));
        QCOMPARE(created.status, 200);
        // An employee's own submission is "Requested" in NZ's status enum only.
        const auto event = m_emulator.control("POST", QStringLiteral("events"),
            Json { { "type", "employee-timesheet" }, { "tenantId", nz },
                { "employeeId", "33333333-4444-4555-8666-777777777777" },
                { "startDate", iso(week(48)) } });
        const auto id = QString::fromStdString(event.json()["timesheetId"].get<std::string>());
        QCOMPARE(call("GET", QStringLiteral("/Timesheets/") + id)
                     .json()["timesheet"]["status"]
                     .get<std::string>(),
            std::string("Requested"));
    }

    void employeeCreatedAndMalformed()
    {
        const auto event = m_emulator.control("POST", QStringLiteral("events"),
            Json { { "type", "employee-timesheet" }, { "tenantId", EmulatorFixture::UkTenant },
                { "employeeId", ukEmployee(3) }, { "startDate", iso(week(48).addDays(3)) } });
        const auto id = QString::fromStdString(event.json()["timesheetId"].get<std::string>());
        const auto reply = uk("POST", QStringLiteral("/Timesheets/%1/Lines").arg(id),
            Json { { "date", iso(week(48)) }, { "earningsRateID", ukRate("Regular Hours") },
                { "numberOfUnits", 1 } });
        QCOMPARE(reply.status, 400);
        QCOMPARE(reason(reply), std::string("Can not change employee created timesheets"));
        QCOMPARE(m_emulator
                     .apiRaw("POST", QStringLiteral("/payroll.xro/2.0/Timesheets"),
                         EmulatorFixture::UkTenant, m_token, "{oops")
                     .status,
            400);
        QCOMPARE(
            uk("GET", QStringLiteral("/Timesheets/00000000-0000-4000-8000-000000000000")).status,
            404);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPayroll2)
#include "tst_emulatorpayroll2.moc"
