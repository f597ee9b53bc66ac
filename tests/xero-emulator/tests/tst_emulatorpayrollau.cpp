#include <QTest>

#include "emulatorfixture.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Payroll AU 1.0 against a running emulator (research §3, §12 items 10–13).
class TestEmulatorPayrollAu : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;
    std::string m_token;
    Json m_employees;
    std::map<std::string, std::string> m_rates; // name -> id
    const char *m_tenant = EmulatorFixture::AuTenant;

    static std::string ms(const QDate &date)
    {
        return "/Date(" + std::to_string(QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch())
            + "+0000)/";
    }

    std::string employee(int index) const
    {
        return m_employees[static_cast<size_t>(index)]["EmployeeID"].get<std::string>();
    }

    Json timesheet(int employeeIndex, QDate start, int days, const std::string &rate,
        std::vector<double> units = {}) const
    {
        if (units.empty())
            units = std::vector<double>(static_cast<size_t>(days), 0.0), units[0] = 8,
            units[1] = 7.5;
        return Json { { "EmployeeID", employee(employeeIndex) }, { "StartDate", ms(start) },
            { "EndDate", ms(start.addDays(days - 1)) }, { "Status", "DRAFT" },
            { "TimesheetLines",
                Json::array({ { { "EarningsRateID", rate }, { "NumberOfUnits", units } } }) } };
    }

    HttpReply create(const Json &items, const TestHttpClient::Headers &headers = {})
    {
        return m_emulator.api("POST", QStringLiteral("/payroll.xro/1.0/Timesheets"), m_tenant,
            m_token, items, headers);
    }

    static std::string firstValidationMessage(const HttpReply &reply)
    {
        const auto body = reply.json();
        for (const auto &item : body.value("Timesheets", Json::array())) {
            if (item.contains("ValidationErrors"))
                return item["ValidationErrors"][0]["Message"].get<std::string>();
        }
        return body.value("Message", std::string());
    }

    // Weekly periods start on the calendar's Monday anchor (2026-01-05), fortnights too.
    static QDate week(int n) { return QDate(2026, 1, 5).addDays(7 * n); }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        m_token = m_emulator.customToken();
        QVERIFY(!m_token.empty());
        const auto employees =
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Employees"), m_tenant, m_token);
        QCOMPARE(employees.status, 200);
        m_employees = employees.json()["Employees"];
        QCOMPARE(m_employees.size(), 24u);
        const auto items =
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/PayItems"), m_tenant, m_token);
        const auto payItems = items.json();
        for (const auto &rate : payItems["PayItems"]["EarningsRates"])
            m_rates[rate["Name"].get<std::string>()] = rate["EarningsRateID"].get<std::string>();
        QCOMPARE(m_rates.size(), 5u);
    }

    void init()
    {
        QCOMPARE(m_emulator.control("POST", QStringLiteral("reset")).status, 200);
        m_token = m_emulator.customToken();
    }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.checkedCount() > 15);
        QVERIFY_CONFORMS(m_emulator);
    }

    void referenceData()
    {
        auto reply = m_emulator.api("GET",
            QStringLiteral("/payroll.xro/1.0/Employees?where=FirstName%3D%3D%22Jack%22"), m_tenant,
            m_token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["Employees"].size(), 1u);
        QCOMPARE(reply.json()["Status"].get<std::string>(), std::string("OK"));
        QVERIFY(reply.json()["DateTimeUTC"].get<std::string>().starts_with("/Date("));
        reply = m_emulator.api("GET",
            QStringLiteral("/payroll.xro/1.0/Employees/") + QString::fromStdString(employee(0)),
            m_tenant, m_token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["Employees"][0]["PayTemplate"]["EarningsLines"].size(), 3u);
        reply = m_emulator.api(
            "GET", QStringLiteral("/payroll.xro/1.0/PayrollCalendars"), m_tenant, m_token);
        QCOMPARE(reply.json()["PayrollCalendars"].size(), 2u);
        QCOMPARE(reply.json()["PayrollCalendars"][1]["CalendarType"].get<std::string>(),
            std::string("FORTNIGHTLY"));
        reply =
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Settings"), m_tenant, m_token);
        QCOMPARE(reply
                     .json()["Settings"]["TrackingCategories"]["TimesheetCategories"]
                            ["TrackingCategoryName"]
                     .get<std::string>(),
            std::string("Region"));
        reply = m_emulator.api("GET",
            QStringLiteral("/payroll.xro/1.0/Employees?where=FirstName%20~%20x"), m_tenant,
            m_token);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()["ErrorNumber"].get<int>(), 16);
        QCOMPARE(reply.json()["Type"].get<std::string>(), std::string("QueryParseException"));
    }

    void createReadAndList()
    {
        const auto rate = m_rates["Ordinary Hours"];
        auto reply =
            create(Json::array({ timesheet(1, week(40), 7, rate, { 8, 8, 8, 8, 6.5, 0, 0 }) }));
        QCOMPARE(reply.status, 200);
        const auto created = reply.json()["Timesheets"][0];
        QCOMPARE(created["Hours"].get<double>(), 38.5);
        QCOMPARE(created["Status"].get<std::string>(), std::string("DRAFT"));
        QCOMPARE(created["StartDate"].get<std::string>(), ms(week(40)));
        QCOMPARE(created["TimesheetLines"][0]["NumberOfUnits"].size(), 7u);
        const auto id = QString::fromStdString(created["TimesheetID"].get<std::string>());

        // ISO dates in are accepted too (research §3.3); the answer is always MS-JSON.
        auto iso = timesheet(2, week(40), 7, rate);
        iso["StartDate"] = week(40).toString(Qt::ISODate).toStdString();
        iso["EndDate"] = week(40).addDays(6).toString(Qt::ISODate).toStdString() + "T00:00:00";
        reply = create(Json::array({ iso }));
        QCOMPARE(reply.status, 200);
        QCOMPARE(
            reply.json()["Timesheets"][0]["EndDate"].get<std::string>(), ms(week(40).addDays(6)));

        reply = m_emulator.api(
            "GET", QStringLiteral("/payroll.xro/1.0/Timesheets/") + id, m_tenant, m_token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json()["Timesheet"]["TimesheetID"].get<std::string>(), id.toStdString());
        QCOMPARE(m_emulator
                     .api("GET",
                         QStringLiteral(
                             "/payroll.xro/1.0/Timesheets/00000000-0000-4000-8000-000000000000"),
                         m_tenant, m_token)
                     .status,
            404);

        const auto where = QStringLiteral("EmployeeID==GUID(\"%1\")")
                               .arg(QString::fromStdString(employee(1)).toUpper());
        reply = m_emulator.api("GET",
            QStringLiteral("/payroll.xro/1.0/Timesheets?where=")
                + QString::fromUtf8(QUrl::toPercentEncoding(where)),
            m_tenant, m_token);
        QCOMPARE(reply.json()["Timesheets"].size(), 1u);
        reply = m_emulator.api("GET",
            QStringLiteral("/payroll.xro/1.0/Timesheets?page=1&order=StartDate%20DESC"), m_tenant,
            m_token);
        QCOMPARE(reply.json()["Timesheets"].size(), 2u);
        QCOMPARE(
            m_emulator
                .api("GET", QStringLiteral("/payroll.xro/1.0/Timesheets?page=2"), m_tenant, m_token)
                .json()["Timesheets"]
                .size(),
            0u);
        // If-Modified-Since: nothing changed after a minute from now.
        m_emulator.control("POST", QStringLiteral("clock"), Json { { "advanceSeconds", 120 } });
        const auto later =
            QDateTime::currentDateTimeUtc().addSecs(60).toString(Qt::ISODate).toUtf8();
        reply = m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Timesheets"), m_tenant,
            m_token, nullptr, { { "If-Modified-Since", later } });
        QCOMPARE(reply.json()["Timesheets"].size(), 0u);

        const auto state =
            m_emulator
                .control("GET",
                    QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(m_tenant)))
                .json();
        QCOMPARE(state["count"].get<int>(), 2);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);
    }

    void validationRules_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("type");
        QTest::newRow("period off the calendar")
            << "offset"
            << "Provided period doesn't correspond with a pay period"
            << "";
        QTest::newRow("period too short") << "short"
                                          << "Provided period doesn't correspond with a pay period"
                                          << "";
        QTest::newRow("wrong number of days")
            << "entries"
            << "Incorrect number of timesheet entries supplied for the pay period."
            << "";
        QTest::newRow("fortnight needs 14 values")
            << "fortnight7"
            << "Incorrect number of timesheet entries supplied for the pay period."
            << "";
        QTest::newRow("inactive rate") << "inactiveRate"
                                       << "does not exist or is not valid for timesheets."
                                       << "ValidationException";
        QTest::newRow("fixed amount rate") << "fixedRate"
                                           << "does not exist or is not valid for timesheets."
                                           << "ValidationException";
        QTest::newRow("rate not on pay template")
            << "notOnTemplate"
            << "does not exist or is not valid for timesheets."
            << "ValidationException";
        QTest::newRow("unknown employee") << "unknownEmployee"
                                          << "Invalid EmployeeID"
                                          << "Error";
        QTest::newRow("no employee") << "noEmployee"
                                     << "EmployeeID is not provided"
                                     << "";
        QTest::newRow("unknown tracking option") << "tracking"
                                                 << "Tracking Option does not exist"
                                                 << "";
        QTest::newRow("terminated before the period")
            << "terminated"
            << "The employee was terminated before the start of the pay period"
            << "";
        QTest::newRow("duplicate period")
            << "duplicate"
            << "This timesheet already exists, please provide the timesheet ID"
            << "";
        QTest::newRow("negative units") << "negative"
                                        << "Number of units cannot be negative"
                                        << "";
    }

    void validationRules()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, message);
        QFETCH(QString, type);
        const auto ordinary = m_rates["Ordinary Hours"];
        Json item = timesheet(1, week(41), 7, ordinary);
        if (scenario == QLatin1String("offset"))
            item = timesheet(1, week(41).addDays(1), 7, ordinary);
        else if (scenario == QLatin1String("short"))
            item = timesheet(1, week(41), 6, ordinary);
        else if (scenario == QLatin1String("entries"))
            item["TimesheetLines"][0]["NumberOfUnits"] = { 8.0 };
        else if (scenario == QLatin1String("fortnight7")) {
            // Employee 16 is on the fortnightly calendar (anchor 2026-01-05).
            item = timesheet(16, week(40), 14, ordinary);
            item["TimesheetLines"][0]["NumberOfUnits"] = Json::array({ 8, 8, 8, 8, 8, 0, 0 });
        } else if (scenario == QLatin1String("inactiveRate"))
            item = timesheet(1, week(41), 7, m_rates["Ordinary Hours (2024 award)"]);
        else if (scenario == QLatin1String("fixedRate"))
            item = timesheet(1, week(41), 7, m_rates["Tool Allowance"]);
        else if (scenario == QLatin1String("notOnTemplate"))
            item = timesheet(1, week(41), 7, m_rates["Saturday Hours"]);
        else if (scenario == QLatin1String("unknownEmployee"))
            item["EmployeeID"] = "00000000-0000-4000-8000-000000000000";
        else if (scenario == QLatin1String("noEmployee"))
            item.erase("EmployeeID");
        else if (scenario == QLatin1String("tracking"))
            item["TimesheetLines"][0]["TrackingItemID"] = "00000000-0000-4000-8000-000000000001";
        else if (scenario == QLatin1String("terminated"))
            item = timesheet(23, week(20), 14, ordinary); // fortnightly, terminated 2026-03-31
        else if (scenario == QLatin1String("negative"))
            item["TimesheetLines"][0]["NumberOfUnits"] = Json::array({ 8, -1, 0, 0, 0, 0, 0 });
        else if (scenario == QLatin1String("duplicate"))
            QCOMPARE(create(Json::array({ item })).status, 200);

        const auto reply = create(Json::array({ item }));
        QCOMPARE(reply.status, 400);
        const auto body = reply.json();
        QVERIFY2(QString::fromStdString(firstValidationMessage(reply)).contains(message),
            reply.body.constData());
        if (type.isEmpty()) {
            QCOMPARE(body["Type"].get<std::string>(), std::string("ValidationException"));
            QCOMPARE(body["ErrorNumber"].get<int>(), 10);
        } else {
            QCOMPARE(QString::fromStdString(body["Type"].get<std::string>()), type);
            QVERIFY(body["Timesheets"].is_null());
        }
        const auto state =
            m_emulator
                .control("GET",
                    QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(m_tenant)))
                .json();
        QCOMPARE(state["count"].get<int>(), scenario == QLatin1String("duplicate") ? 1 : 0);
    }

    void arrayCreateKeepsItemsBeforeTheFailure()
    {
        const auto rate = m_rates["Ordinary Hours"];
        const auto reply = create(Json::array({ timesheet(1, week(42), 7, rate),
            timesheet(2, week(42).addDays(2), 7, rate), timesheet(3, week(42), 7, rate) }));
        QCOMPARE(reply.status, 400);
        const auto items = reply.json()["Timesheets"];
        QCOMPARE(items.size(), 3u);
        QVERIFY(items[0].contains("TimesheetID"));
        QVERIFY(items[1].contains("ValidationErrors"));
        QVERIFY(!items[2].contains("TimesheetID"));
        const auto state =
            m_emulator
                .control("GET",
                    QStringLiteral("tenants/%1/timesheets").arg(QString::fromLatin1(m_tenant)))
                .json();
        QCOMPARE(state["count"].get<int>(), 1);
        QCOMPARE(state["timesheets"][0]["employeeID"].get<std::string>(), employee(1));
    }

    void updateIsFullReplacementOfDrafts()
    {
        const auto ordinary = m_rates["Ordinary Hours"];
        const auto overtime = m_rates["Overtime Hours (1.5x)"];
        auto reply = create(Json::array({ timesheet(0, week(43), 7, ordinary) }));
        const auto id =
            QString::fromStdString(reply.json()["Timesheets"][0]["TimesheetID"].get<std::string>());
        const QString path = QStringLiteral("/payroll.xro/1.0/Timesheets/") + id;
        auto replacement = timesheet(0, week(43), 7, overtime, { 0, 0, 2, 2, 0, 0, 0 });
        replacement["TimesheetID"] = id.toStdString();
        reply = m_emulator.api("POST", path, m_tenant, m_token, Json::array({ replacement }));
        QCOMPARE(reply.status, 200);
        const auto updated = reply.json()["Timesheets"][0];
        QCOMPARE(updated["Hours"].get<double>(), 4.0);
        QCOMPARE(updated["TimesheetLines"].size(), 1u);
        QCOMPARE(updated["TimesheetLines"][0]["EarningsRateID"].get<std::string>(), overtime);
        // A partial body is refused (research §3.5).
        reply = m_emulator.api("POST", path, m_tenant, m_token,
            Json::array({ { { "TimesheetID", id.toStdString() }, { "Status", "DRAFT" } } }));
        QCOMPARE(reply.status, 400);
        QCOMPARE(firstValidationMessage(reply), std::string("EmployeeID is not provided"));
        // Approved by the payroll admin: no longer editable through AU 1.0.
        QCOMPARE(m_emulator
                     .control("POST", QStringLiteral("events"),
                         Json { { "type", "approve-timesheet" }, { "tenantId", m_tenant },
                             { "timesheetId", id.toStdString() } })
                     .status,
            200);
        reply = m_emulator.api("POST", path, m_tenant, m_token, Json::array({ replacement }));
        QCOMPARE(firstValidationMessage(reply), std::string("Timesheet is not a Draft Timesheet"));
        QCOMPARE(m_emulator
                     .api("POST",
                         QStringLiteral(
                             "/payroll.xro/1.0/Timesheets/00000000-0000-4000-8000-000000000000"),
                         m_tenant, m_token, Json::array({ replacement }))
                     .status,
            404);
    }

    void employeeCreatedTimesheetsAreReadOnly()
    {
        const auto event = m_emulator.control("POST", QStringLiteral("events"),
            Json { { "type", "employee-timesheet" }, { "tenantId", m_tenant },
                { "employeeId", employee(4) },
                { "startDate", week(44).toString(Qt::ISODate).toStdString() } });
        QCOMPARE(event.status, 200);
        const auto id = QString::fromStdString(event.json()["timesheetId"].get<std::string>());
        auto reply = m_emulator.api(
            "GET", QStringLiteral("/payroll.xro/1.0/Timesheets/") + id, m_tenant, m_token);
        QCOMPARE(reply.json()["Timesheet"]["Status"].get<std::string>(), std::string("REQUESTED"));
        reply =
            m_emulator.api("POST", QStringLiteral("/payroll.xro/1.0/Timesheets/") + id, m_tenant,
                m_token, Json::array({ timesheet(4, week(44), 7, m_rates["Ordinary Hours"]) }));
        QCOMPARE(firstValidationMessage(reply),
            std::string("Can not change employee created timesheets"));
    }

    void badBodiesAndOtherRegions()
    {
        auto reply = m_emulator.apiRaw("POST", QStringLiteral("/payroll.xro/1.0/Timesheets"),
            m_tenant, m_token, "[{\"EmployeeID\": ");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()["Type"].get<std::string>(), std::string("Error"));
        reply = create(Json { { "EmployeeID", employee(1) } });
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()["Message"].get<std::string>().find("array") != std::string::npos);
        // The UK organisation has no Payroll AU.
        const auto tokens = m_emulator.authorize();
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/1.0/Employees"),
                         EmulatorFixture::UkTenant, tokens.access)
                     .status,
            403);
        // The connecting user lost the payroll admin role (research §13 #6).
        m_emulator.control("POST", QStringLiteral("events"),
            Json { { "type", "remove-payroll-role" }, { "tenantId", m_tenant } });
        QCOMPARE(
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Employees"), m_tenant, m_token)
                .status,
            401);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPayrollAu)
#include "tst_emulatorpayrollau.moc"
