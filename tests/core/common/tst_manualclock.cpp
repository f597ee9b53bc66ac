#include <QTest>

#include "core/common/manualclock.h"
#include "core/common/systemclock.h"

using namespace XeroSync;

class TestManualClock : public QObject
{
    Q_OBJECT

private slots:

    void advanceMovesBoth()
    {
        const QDateTime start(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        ManualClock clock(start);
        QCOMPARE(clock.now(), start);
        QCOMPARE(clock.monotonicMs(), 0);
        clock.advance(90'000);
        QCOMPARE(clock.now(), start.addSecs(90));
        QCOMPARE(clock.monotonicMs(), 90'000);
    }

    void wallJumpLeavesMonotonic()
    {
        ManualClock clock;
        clock.advance(5);
        const QDateTime earlier(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
        clock.setNow(earlier);
        QCOMPARE(clock.now(), earlier);
        QCOMPARE(clock.monotonicMs(), 5);
    }

    void systemClockIsUtcAndMonotonic()
    {
        SystemClock clock;
        const QDateTime now = clock.now();
        QCOMPARE(now.timeSpec(), Qt::UTC);
        QVERIFY(qAbs(now.secsTo(QDateTime::currentDateTimeUtc())) < 5);
        const qint64 a = clock.monotonicMs();
        QTRY_VERIFY(clock.monotonicMs() > a);
    }
};

QTEST_GUILESS_MAIN(TestManualClock)
#include "tst_manualclock.moc"
