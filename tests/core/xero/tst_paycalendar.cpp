#include <QTest>

#include "core/xero/paycalendar.h"

using namespace XeroSync;

//! Xero's pay periods for every calendar type (research §3.4).
class TestPayCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:

    void periods_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QDate>("anchor");
        QTest::addColumn<QDate>("day");
        QTest::addColumn<QDate>("start");
        QTest::addColumn<QDate>("end");
        QTest::newRow("weekly") << "WEEKLY" << QDate(2026, 1, 5) << QDate(2026, 11, 26)
                                << QDate(2026, 11, 23) << QDate(2026, 11, 29);
        QTest::newRow("weekly before the anchor")
            << "WEEKLY" << QDate(2026, 1, 5) << QDate(2025, 12, 31) << QDate(2025, 12, 29)
            << QDate(2026, 1, 4);
        QTest::newRow("fortnightly") << "FORTNIGHTLY" << QDate(2026, 1, 5) << QDate(2026, 1, 19)
                                     << QDate(2026, 1, 19) << QDate(2026, 2, 1);
        QTest::newRow("four-weekly") << "FOURWEEKLY" << QDate(2026, 1, 5) << QDate(2026, 2, 1)
                                     << QDate(2026, 1, 5) << QDate(2026, 2, 1);
        QTest::newRow("monthly") << "MONTHLY" << QDate(2026, 1, 1) << QDate(2026, 2, 14)
                                 << QDate(2026, 2, 1) << QDate(2026, 2, 28);
        QTest::newRow("monthly mid-month") << "MONTHLY" << QDate(2026, 1, 15) << QDate(2026, 3, 1)
                                           << QDate(2026, 2, 15) << QDate(2026, 3, 14);
        QTest::newRow("quarterly") << "QUARTERLY" << QDate(2026, 1, 1) << QDate(2026, 5, 20)
                                   << QDate(2026, 4, 1) << QDate(2026, 6, 30);
        QTest::newRow("twice monthly, first half")
            << "TWICEMONTHLY" << QDate(2026, 1, 1) << QDate(2026, 2, 10) << QDate(2026, 2, 1)
            << QDate(2026, 2, 15);
        QTest::newRow("twice monthly, second half")
            << "TWICEMONTHLY" << QDate(2026, 1, 1) << QDate(2026, 2, 20) << QDate(2026, 2, 16)
            << QDate(2026, 2, 28);
        QTest::newRow("2.0 spelling")
            << PayCalendar::typeFrom2(QStringLiteral("Weekly")) << QDate(2026, 1, 5)
            << QDate(2026, 1, 6) << QDate(2026, 1, 5) << QDate(2026, 1, 11);
    }

    void periods()
    {
        QFETCH(QString, type);
        QFETCH(QDate, anchor);
        QFETCH(QDate, day);
        QFETCH(QDate, start);
        QFETCH(QDate, end);
        const PayCalendar calendar { QStringLiteral("c"), type, anchor, {} };
        const auto period = PayPeriods::containing(calendar, day);
        QVERIFY(period);
        QCOMPARE(period->start, start);
        QCOMPARE(period->end, end);
        QVERIFY(PayPeriods::isPeriod(calendar, *period));
        QVERIFY(!PayPeriods::isPeriod(calendar, PayPeriod { start.addDays(1), end.addDays(1) }));
    }

    void xeroDates()
    {
        QCOMPARE(PayCalendar::dateFromXero(QStringLiteral("/Date(1573171200000+0000)/")),
            std::optional(QDate(2019, 11, 8)));
        QCOMPARE(PayCalendar::dateFromXero(QStringLiteral("/Date(1573135200000+1000)/")),
            std::optional(QDate(2019, 11, 8)));
        QCOMPARE(PayCalendar::dateFromXero(QStringLiteral("2020-04-13T00:00:00")),
            std::optional(QDate(2020, 4, 13)));
        QVERIFY(!PayCalendar::dateFromXero(QStringLiteral("13/04/2020")));
    }

    void unknownTypeHasNoPeriods()
    {
        QVERIFY(!PayPeriods::containing(
            PayCalendar { {}, QStringLiteral("DAILY"), QDate(2026, 1, 1), {} }, QDate(2026, 1, 2)));
    }
};

QTEST_GUILESS_MAIN(TestPayCalendar)
#include "tst_paycalendar.moc"
