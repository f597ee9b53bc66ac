#include <QTest>

#include "core/sync/timesheetvalidator.h"

using namespace XeroSync;

//! Each validation rule of issue 5, with its code and a hint that says what to do.
class TestTimesheetValidator : public QObject
{
    Q_OBJECT

private:
    static EmployeeTarget target()
    {
        EmployeeTarget t;
        t.xeroEmployeeId = QStringLiteral("b34e89ff-770d-4099-b7e5-f968767118bc");
        t.name = QStringLiteral("Jack Jones");
        t.calendar =
            PayCalendar { QStringLiteral("cal"), QStringLiteral("WEEKLY"), QDate(2026, 1, 5), {} };
        t.defaultEarningsRateId = QStringLiteral("ordinary");
        t.validEarningsRateIds = { QStringLiteral("ordinary"), QStringLiteral("overtime") };
        return t;
    }

    static Submission submission()
    {
        Submission s;
        s.id = QStringLiteral("sub-1");
        s.userId = QStringLiteral("u-1");
        s.periodStart = QDate(2026, 11, 23);
        s.periodEnd = QDate(2026, 11, 29);
        s.employee.name = QStringLiteral("Jack Jones");
        s.entries = { TimesheetEntry { 1, QDate(2026, 11, 23), 8, {}, {}, {}, {}, {} },
            TimesheetEntry {
                2, QDate(2026, 11, 24), 7.5, QStringLiteral("overtime"), {}, {}, {}, {} } };
        return s;
    }

    static QStringList codes(const QList<ValidationFinding> &findings)
    {
        QStringList list;
        for (const auto &finding : findings) {
            list << finding.code;
            [&] { QVERIFY2(!finding.hint.isEmpty(), qPrintable(finding.code)); }();
        }
        return list;
    }

private Q_SLOTS:

    void aGoodSubmissionPasses()
    {
        QVERIFY(TimesheetValidator::validate(submission(), target()).isEmpty());
    }

    void eachRule_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("code");
        QTest::newRow("not mapped") << "unmapped"
                                    << "employee_not_mapped";
        QTest::newRow("inactive") << "inactive"
                                  << "employee_inactive";
        QTest::newRow("terminated before") << "terminated"
                                           << "employee_inactive";
        QTest::newRow("period off the calendar") << "period"
                                                 << "period_mismatch";
        QTest::newRow("no calendar") << "calendar"
                                     << "no_pay_calendar";
        QTest::newRow("more than 24 h") << "hours"
                                        << "too_many_hours";
        QTest::newRow("entry outside") << "outside"
                                       << "entry_outside_period";
        QTest::newRow("negative") << "negative"
                                  << "negative_hours";
        QTest::newRow("rate not valid") << "rate"
                                        << "earnings_rate_invalid";
        QTest::newRow("no entries") << "empty"
                                    << "no_entries";
    }

    void eachRule()
    {
        QFETCH(QString, change);
        QFETCH(QString, code);
        auto s = submission();
        auto t = target();
        if (change == QLatin1String("unmapped"))
            t.xeroEmployeeId.clear();
        else if (change == QLatin1String("inactive"))
            s.employee.active = false;
        else if (change == QLatin1String("terminated"))
            t.terminationDate = QDate(2026, 11, 1);
        else if (change == QLatin1String("period"))
            s.periodStart = QDate(2026, 11, 24), s.periodEnd = QDate(2026, 11, 30),
            s.entries.removeFirst();
        else if (change == QLatin1String("calendar"))
            t.calendar = {};
        else if (change == QLatin1String("hours"))
            s.entries.append(TimesheetEntry { 3, QDate(2026, 11, 23), 17, {}, {}, {}, {}, {} });
        else if (change == QLatin1String("outside"))
            s.entries[0].workDate = QDate(2026, 11, 30);
        else if (change == QLatin1String("negative"))
            s.entries[0].hours = -1;
        else if (change == QLatin1String("rate"))
            s.entries[0].earningsRateId = QStringLiteral("saturday");
        else if (change == QLatin1String("empty"))
            s.entries.clear();
        const auto findings = TimesheetValidator::validate(s, t);
        QVERIFY2(
            codes(findings).contains(code), qPrintable(codes(findings).join(QLatin1Char(','))));
    }

    void periodMismatchNamesTheNearestPeriod()
    {
        auto s = submission();
        s.periodStart = QDate(2026, 11, 24);
        s.periodEnd = QDate(2026, 11, 30);
        s.entries = { TimesheetEntry { 1, QDate(2026, 11, 24), 8, {}, {}, {}, {}, {} } };
        const auto findings = TimesheetValidator::validate(s, target());
        QCOMPARE(findings.size(), 1);
        QVERIFY2(findings[0].hint.contains(QStringLiteral("2026-11-23 to 2026-11-29")),
            qPrintable(findings[0].hint));
    }
};

QTEST_GUILESS_MAIN(TestTimesheetValidator)
#include "tst_timesheetvalidator.moc"
