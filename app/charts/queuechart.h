#pragma once

#include <deque>

#include <QChartView>
#include <QTimer>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace XeroSync {

//! Queue depth (waiting, active, delayed, failed) and throughput (jobs finished per minute) over
//! the last 15 minutes, hour or 24 hours. Samples go into two bounded rings (5-second samples
//! for an hour, 1-minute averages for a day), so memory stays flat however long it runs.
class QueueChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueChart)

public:
    enum class Range
    {
        Minutes15,
        Hour1,
        Hours24
    };
    Q_ENUM(Range)

    static constexpr int SampleIntervalMs = 5000;
    static constexpr std::size_t FineCapacity = 720; // 1 h of 5 s samples
    static constexpr std::size_t CoarseCapacity = 1440; // 24 h of 1 min samples

    explicit QueueChart(QWidget *parent = nullptr);
    ~QueueChart() override;

    void setRange(Range range);

    Range range() const { return m_range; }

    //! The latest counts; sampled every SampleIntervalMs.
    void setCounts(qint64 waiting, qint64 active, qint64 delayed, qint64 failed);

    //! One job finished (completed or failed): counted into throughput.
    void countFinished(int jobs = 1) { m_finishedSinceSample += jobs; }

    //! Takes one sample now (the timer calls it; tests and the benchmark drive it directly).
    void sample(qint64 atMs);

    std::size_t sampleCount() const { return m_fine.size() + m_coarse.size(); }

    //! Points the visible series hold (all four together).
    qsizetype visiblePoints() const;
    //! Throughput of the newest sample, in jobs a minute.
    double latestPerMinute() const;

private:
    struct Sample
    {
        qint64 atMs = 0;
        float waiting = 0;
        float active = 0;
        float delayed = 0;
        float failed = 0;
        float perMinute = 0;
    };

    void redraw();

    QLineSeries *m_waiting;
    QLineSeries *m_active;
    QLineSeries *m_delayed;
    QLineSeries *m_failed;
    QLineSeries *m_throughput;
    QDateTimeAxis *m_axisX;
    QValueAxis *m_axisY;
    QTimer m_timer;
    Range m_range = Range::Minutes15;
    Sample m_current;
    int m_finishedSinceSample = 0;
    qint64 m_lastSampleMs = 0;
    std::deque<Sample> m_fine;
    std::deque<Sample> m_coarse;
    std::vector<Sample> m_minute; // fine samples of the running minute
};

} // namespace XeroSync
