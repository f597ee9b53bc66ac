#include <QTest>

#include "payperiodcalculator.h"
#include "wherefilter.h"
#include "xerodates.h"

using namespace XeroEmulator;

//! The emulator's calendar, date and query logic, in process.
class TestEmulatorUnits : public QObject
{
    Q_OBJECT

private:
    static PayCalendar calendar(const char *type, QDate start, QDate reference = {})
    {
        PayCalendar c;
        c.type = type;
        c.startDate = start;
        c.referenceDate = reference;
        return c;
    }

private Q_SLOTS:

    void weeklyPeriodsStepBothWays()
    {
        const auto weekly = calendar("WEEKLY", QDate(2026, 1, 5)); // a Monday
        const auto period = PayPeriodCalculator::periodContaining(weekly, QDate(2026, 11, 26));
        QVERIFY(period);
        QCOMPARE(period->start, QDate(2026, 11, 23));
        QCOMPARE(period->end, QDate(2026, 11, 29));
        QCOMPARE(period->days(), 7);
        const auto before = PayPeriodCalculator::periodContaining(weekly, QDate(2025, 12, 31));
        QCOMPARE(before->start, QDate(2025, 12, 29));
        QVERIFY(PayPeriodCalculator::isPeriod(weekly, QDate(2026, 11, 23), QDate(2026, 11, 29)));
        QVERIFY(!PayPeriodCalculator::isPeriod(weekly, QDate(2026, 11, 24), QDate(2026, 11, 30)));
        QVERIFY(!PayPeriodCalculator::isPeriod(weekly, QDate(2026, 11, 23), QDate(2026, 11, 28)));
    }

    void fortnightlyAndFourWeekly()
    {
        const auto fortnightly = calendar("FORTNIGHTLY", QDate(2026, 1, 5));
        QCOMPARE(PayPeriodCalculator::periodContaining(fortnightly, QDate(2026, 1, 18))->start,
            QDate(2026, 1, 5));
        QCOMPARE(PayPeriodCalculator::periodContaining(fortnightly, QDate(2026, 1, 19))->start,
            QDate(2026, 1, 19));
        QCOMPARE(
            PayPeriodCalculator::periodContaining(fortnightly, QDate(2026, 1, 19))->days(), 14);
        const auto fourWeekly = calendar("FOURWEEKLY", QDate(2026, 1, 5));
        QCOMPARE(PayPeriodCalculator::periodContaining(fourWeekly, QDate(2026, 2, 2))->start,
            QDate(2026, 2, 2));
        QCOMPARE(PayPeriodCalculator::periodContaining(fourWeekly, QDate(2026, 2, 1))->end,
            QDate(2026, 2, 1));
    }

    void monthlyQuarterlyAndTwiceMonthly()
    {
        const auto monthly = calendar("MONTHLY", QDate(2026, 1, 1));
        const auto feb = PayPeriodCalculator::periodContaining(monthly, QDate(2026, 2, 14));
        QCOMPARE(feb->start, QDate(2026, 2, 1));
        QCOMPARE(feb->end, QDate(2026, 2, 28));
        const auto mid = calendar("MONTHLY", QDate(2026, 1, 15));
        QCOMPARE(PayPeriodCalculator::periodContaining(mid, QDate(2026, 3, 1))->start,
            QDate(2026, 2, 15));
        QCOMPARE(
            PayPeriodCalculator::periodContaining(mid, QDate(2026, 3, 1))->end, QDate(2026, 3, 14));
        const auto quarterly = calendar("QUARTERLY", QDate(2026, 1, 1));
        QCOMPARE(PayPeriodCalculator::periodContaining(quarterly, QDate(2026, 5, 20))->start,
            QDate(2026, 4, 1));
        QCOMPARE(PayPeriodCalculator::periodContaining(quarterly, QDate(2026, 5, 20))->end,
            QDate(2026, 6, 30));
        const auto twice = calendar("TWICEMONTHLY", QDate(2026, 1, 1), QDate(2026, 1, 16));
        QCOMPARE(PayPeriodCalculator::periodContaining(twice, QDate(2026, 2, 10))->end,
            QDate(2026, 2, 15));
        QCOMPARE(PayPeriodCalculator::periodContaining(twice, QDate(2026, 2, 20))->start,
            QDate(2026, 2, 16));
        QCOMPARE(PayPeriodCalculator::periodContaining(twice, QDate(2026, 2, 20))->end,
            QDate(2026, 2, 28));
        QVERIFY(!PayPeriodCalculator::periodContaining(
            calendar("FOO", QDate(2026, 1, 1)), QDate(2026, 1, 2)));
    }

    void msJsonDates()
    {
        QCOMPARE(XeroDates::msDate(QDate(2019, 11, 8)), std::string("/Date(1573171200000+0000)/"));
        QCOMPARE(
            XeroDates::parseDate("/Date(1573171200000+0000)/"), std::optional(QDate(2019, 11, 8)));
        QCOMPARE(XeroDates::parseDate("/Date(1573171200000)/"), std::optional(QDate(2019, 11, 8)));
        // An offset names the local calendar day (research §3.3's time-zone pitfall).
        QCOMPARE(
            XeroDates::parseDate("/Date(1573135200000+1000)/"), std::optional(QDate(2019, 11, 8)));
        QCOMPARE(XeroDates::parseDate("2018-10-01T00:00:00"), std::optional(QDate(2018, 10, 1)));
        QCOMPARE(XeroDates::parseDate("2018-10-01"), std::optional(QDate(2018, 10, 1)));
        QVERIFY(!XeroDates::parseDate("01/10/2018"));
        QVERIFY(!XeroDates::parseDate("2018-02-30"));
        QCOMPARE(XeroDates::isoMidnight(QDate(2020, 4, 13)), std::string("2020-04-13T00:00:00"));
        QCOMPARE(XeroDates::timestamp(QDateTime(QDate(2020, 4, 21), QTime(3, 7, 36, 813), Qt::UTC)),
            std::string("2020-04-21T03:07:36.8130000"));
        QCOMPARE(XeroDates::parseHttpDate("Sat, 28 Nov 2026 10:00:00 GMT")->toMSecsSinceEpoch(),
            QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch());
    }

    void whereClauses()
    {
        std::string error;
        const auto filter = WhereFilter::parse(
            "Status==\"DRAFT\" && EmployeeID==GUID(\"B34E89FF-770D-4099-B7E5-F968767118BC\") AND "
            "StartDate>=DateTime(2019,11,8)",
            &error);
        QVERIFY2(filter, error.c_str());
        const auto reader = [](const std::string &field) -> std::optional<std::string> {
            if (field == "status")
                return "DRAFT";
            if (field == "employeeid")
                return "b34e89ff-770d-4099-b7e5-f968767118bc";
            if (field == "startdate")
                return "2019-11-15";
            return std::nullopt;
        };
        QVERIFY(filter->matches(reader));
        QVERIFY(!WhereFilter::parse("StartDate<DateTime(2019,11,8)", &error)->matches(reader));
        QVERIFY(!WhereFilter::parse("Unknown==\"x\"", &error)->matches(reader));
        QVERIFY(!WhereFilter::parse("Status ~~ \"DRAFT\"", &error));
        QVERIFY(!error.empty());
        QVERIFY(WhereFilter::parse("", &error)->matches(reader));
        QCOMPARE(WhereFilter::parseOrder("StartDate DESC")->field, std::string("startdate"));
        QVERIFY(WhereFilter::parseOrder("StartDate DESC")->descending);
        QVERIFY(!WhereFilter::parseOrder("StartDate; DROP"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorUnits)
#include "tst_emulatorunits.moc"
