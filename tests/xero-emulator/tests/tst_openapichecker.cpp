#include <QTest>

#include "support/openapichecker.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! The conformance checker itself must catch what it claims to catch, or the emulator's
//! conformance tests prove nothing.
class TestOpenApiChecker : public QObject
{
    Q_OBJECT

private:
    std::optional<OpenApiChecker> m_uk;
    std::optional<OpenApiChecker> m_au;

    static Json ukTimesheet()
    {
        return Json { { "timesheetID", "2b7a4d3e-6c4a-4b55-8f1e-3f0d5a1b2c3d" },
            { "payrollCalendarID", "216d80e6-af55-47b1-b718-9457c3f5d2fe" },
            { "employeeID", "aad6b292-7b94-408b-93f6-e489867e3fb0" },
            { "startDate", "2020-04-13T00:00:00" }, { "endDate", "2020-04-19" },
            { "status", "Draft" }, { "totalHours", 7.5 },
            { "updatedDateUTC", "2020-04-21T03:07:36.8132834" },
            { "timesheetLines",
                Json::array({ { { "date", "2020-04-13" },
                    { "earningsRateID", "87f5b43a-cf51-4b74-92de-94c819e82d27" },
                    { "trackingItemID", nullptr }, { "numberOfUnits", 7.5 } } }) } };
    }

private Q_SLOTS:

    void initTestCase()
    {
        auto uk =
            OpenApiChecker::load(QStringLiteral(XEROSYNC_OPENAPI_DIR "/xero-payroll-uk.yaml"));
        QVERIFY_RESULT(uk);
        m_uk = std::move(*uk);
        auto au =
            OpenApiChecker::load(QStringLiteral(XEROSYNC_OPENAPI_DIR "/xero-payroll-au.yaml"));
        QVERIFY_RESULT(au);
        m_au = std::move(*au);
        QVERIFY(!OpenApiChecker::load(QStringLiteral("/nonexistent.yaml")));
    }

    void acceptsAConformingAnswer()
    {
        bool checked = false;
        const auto violations =
            m_uk->checkResponse("GET", "/Timesheets/2b7a4d3e-6c4a-4b55-8f1e-3f0d5a1b2c3d", 200,
                Json { { "id", "x" }, { "pagination", nullptr }, { "problem", nullptr },
                    { "timesheet", ukTimesheet() } },
                &checked);
        QVERIFY(checked);
        QVERIFY2(violations.empty(), violations.empty() ? "" : violations.front().c_str());
    }

    void catchesEachKindOfViolation_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("enum") << "status"
                              << "is not one of";
        QTest::newRow("required") << "employeeID"
                                  << "required property 'employeeID'";
        QTest::newRow("undeclared") << "extra"
                                    << "undeclared property 'timesheetId'";
        QTest::newRow("uuid") << "uuid"
                              << "is not a uuid";
        QTest::newRow("type") << "hours"
                              << "expected number";
        QTest::newRow("date") << "date"
                              << "is not a date";
        QTest::newRow("nested") << "line"
                                << "timesheetLines[0]";
    }

    void catchesEachKindOfViolation()
    {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        auto sheet = ukTimesheet();
        if (change == QLatin1String("status"))
            sheet["status"] = "DRAFT";
        else if (change == QLatin1String("employeeID"))
            sheet.erase("employeeID");
        else if (change == QLatin1String("extra"))
            sheet["timesheetId"] = "2b7a4d3e-6c4a-4b55-8f1e-3f0d5a1b2c3d";
        else if (change == QLatin1String("uuid"))
            sheet["employeeID"] = "not-a-uuid";
        else if (change == QLatin1String("hours"))
            sheet["totalHours"] = "7.5";
        else if (change == QLatin1String("date"))
            sheet["startDate"] = "13/04/2020";
        else if (change == QLatin1String("line"))
            sheet["timesheetLines"][0].erase("earningsRateID");
        const auto violations = m_uk->checkSchema("Timesheet", sheet);
        QCOMPARE(violations.size(), 1u);
        QVERIFY2(QString::fromStdString(violations.front()).contains(expected),
            violations.front().c_str());
    }

    void auDatesMustBeMsJson()
    {
        Json sheet { { "EmployeeID", "b34e89ff-770d-4099-b7e5-f968767118bc" },
            { "StartDate", "/Date(1573171200000+0000)/" },
            { "EndDate", "/Date(1573689600000+0000)/" }, { "Status", "DRAFT" } };
        QVERIFY(m_au->checkSchema("Timesheet", sheet).empty());
        sheet["EndDate"] = "2019-11-14";
        QCOMPARE(m_au->checkSchema("Timesheet", sheet).size(), 1u);
        // A success on an undocumented operation is a violation; an error answer is not.
        QCOMPARE(m_au->checkResponse("GET", "/Nothing", 200, Json::object()).size(), 1u);
        QVERIFY(m_au->checkResponse("GET", "/Nothing", 404, Json::object()).empty());
    }
};

QTEST_GUILESS_MAIN(TestOpenApiChecker)
#include "tst_openapichecker.moc"
