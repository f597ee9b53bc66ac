#include <QTest>

#include "app/charts/errorchart.h"
#include "app/charts/queuechart.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

//! The live chart keeps bounded rings whatever the run time, and each range shows its window.
class TestQueueChart : public QObject
{
    Q_OBJECT

private slots:

    void memoryStaysBoundedOverADay()
    {
        QueueChart chart;
        const qint64 start = 1'796'000'000'000;
        // 25 hours of 5-second samples: more than both rings hold.
        const int samples = 25 * 3600 / 5;
        for (int i = 0; i < samples; ++i) {
            chart.setCounts(i % 50, i % 4, i % 3, 1);
            chart.countFinished(i % 7);
            chart.sample(start + qint64(i) * QueueChart::SampleIntervalMs);
        }
        QVERIFY(chart.sampleCount() <= QueueChart::FineCapacity + QueueChart::CoarseCapacity);
        QCOMPARE(chart.sampleCount(), QueueChart::FineCapacity + QueueChart::CoarseCapacity);
        // 15 minutes of 5 s samples in each of the five series.
        chart.setRange(QueueChart::Range::Minutes15);
        QCOMPARE(chart.visiblePoints(), 5 * (15 * 60 / 5 + 1));
        chart.setRange(QueueChart::Range::Hour1);
        QCOMPARE(chart.visiblePoints(), 5 * qsizetype(QueueChart::FineCapacity));
        chart.setRange(QueueChart::Range::Hours24);
        QVERIFY(chart.visiblePoints() <= 5 * (24 * 60 + 1));
        QVERIFY(chart.visiblePoints() >= 5 * (24 * 60 - 1));
    }

    void throughputIsJobsPerMinute()
    {
        QueueChart chart;
        chart.sample(1'000'000);
        chart.countFinished(10);
        chart.sample(1'000'000 + 5000);
        // 10 jobs in 5 s is 120 a minute.
        QCOMPARE(chart.latestPerMinute(), 120.0);
        chart.setRange(QueueChart::Range::Minutes15);
        QCOMPARE(chart.visiblePoints(), 10);
    }

    void errorBarsFollowTheStats()
    {
        ErrorChart chart;
        chart.setErrors(
            nlohmann::json::array({ { { "message", "Employee not mapped" }, { "count", 5 } },
                { { "message", std::string(200, 'x') }, { "count", 2 } } }));
        QCOMPARE(chart.barCount(), 2);
        // Eight reasons: the five most frequent, so their labels have room.
        nlohmann::json eight = nlohmann::json::array();
        for (int i = 8; i > 0; --i)
            eight.push_back({ { "message", "reason " + std::to_string(i) }, { "count", i } });
        chart.setErrors(eight);
        QCOMPARE(chart.barCount(), 5);
        chart.setErrors(nlohmann::json::array());
        QCOMPARE(chart.barCount(), 0);
    }
};

QTEST_MAIN(TestQueueChart)
#include "tst_queuechart.moc"
