#include "queuechart.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

namespace XeroSync {

namespace {

QLineSeries *makeSeries(const QString &name, const QColor &color, QChart *chart)
{
    auto *series = new QLineSeries(chart);
    series->setName(name);
    QPen pen(color);
    pen.setWidthF(2);
    series->setPen(pen);
    // OpenGL is not available everywhere the dashboard runs (offscreen, RDP): stay in raster.
    series->setUseOpenGL(false);
    return series;
}

} // namespace

QueueChart::QueueChart(QWidget *parent)
    : QChartView(parent)
    , m_axisX(new QDateTimeAxis)
    , m_axisY(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_waiting = makeSeries(tr("Waiting"), QColor(0x15, 0x65, 0xc0), chart);
    m_active = makeSeries(tr("Active"), QColor(0x2e, 0x7d, 0x32), chart);
    m_delayed = makeSeries(tr("Delayed"), QColor(0xef, 0x6c, 0x00), chart);
    m_failed = makeSeries(tr("Failed"), QColor(0xc6, 0x28, 0x28), chart);
    m_throughput = makeSeries(tr("Finished per minute"), QColor(0x6a, 0x1b, 0x9a), chart);
    QPen dashed = m_throughput->pen();
    dashed.setStyle(Qt::DashLine);
    m_throughput->setPen(dashed);
    m_axisX->setFormat(QStringLiteral("HH:mm"));
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    m_axisY->setMin(0);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    for (QLineSeries *series : { m_waiting, m_active, m_delayed, m_failed, m_throughput }) {
        chart->addSeries(series);
        series->attachAxis(m_axisX);
        series->attachAxis(m_axisY);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    m_timer.setInterval(SampleIntervalMs);
    connect(
        &m_timer, &QTimer::timeout, this, [this] { sample(QDateTime::currentMSecsSinceEpoch()); });
    m_timer.start();
    redraw();
}

QueueChart::~QueueChart() = default;

void QueueChart::setRange(Range range)
{
    m_range = range;
    redraw();
}

void QueueChart::setCounts(qint64 waiting, qint64 active, qint64 delayed, qint64 failed)
{
    m_current.waiting = float(waiting);
    m_current.active = float(active);
    m_current.delayed = float(delayed);
    m_current.failed = float(failed);
}

void QueueChart::sample(qint64 atMs)
{
    Sample s = m_current;
    s.atMs = atMs;
    const qint64 elapsed =
        m_lastSampleMs > 0 ? std::max<qint64>(atMs - m_lastSampleMs, 1) : SampleIntervalMs;
    s.perMinute = float(m_finishedSinceSample) * 60000.0f / float(elapsed);
    m_finishedSinceSample = 0;
    m_lastSampleMs = atMs;
    m_fine.push_back(s);
    while (m_fine.size() > FineCapacity)
        m_fine.pop_front();
    // Fold the fine samples of each minute into one coarse sample (averages) for the 24 h view.
    if (!m_minute.empty() && m_minute.front().atMs / 60000 != atMs / 60000) {
        Sample avg;
        avg.atMs = (m_minute.front().atMs / 60000) * 60000;
        for (const Sample &m : m_minute) {
            avg.waiting += m.waiting;
            avg.active += m.active;
            avg.delayed += m.delayed;
            avg.failed += m.failed;
            avg.perMinute += m.perMinute;
        }
        const float n = float(m_minute.size());
        avg.waiting /= n;
        avg.active /= n;
        avg.delayed /= n;
        avg.failed /= n;
        avg.perMinute /= n;
        m_coarse.push_back(avg);
        while (m_coarse.size() > CoarseCapacity)
            m_coarse.pop_front();
        m_minute.clear();
    }
    m_minute.push_back(s);
    redraw();
}

double QueueChart::latestPerMinute() const
{
    return m_fine.empty() ? 0.0 : double(m_fine.back().perMinute);
}

qsizetype QueueChart::visiblePoints() const
{
    return m_waiting->count() + m_active->count() + m_delayed->count() + m_failed->count()
        + m_throughput->count();
}

void QueueChart::redraw()
{
    const qint64 now = m_lastSampleMs > 0 ? m_lastSampleMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 span = m_range == Range::Minutes15 ? 15 * 60000LL
        : m_range == Range::Hour1                   ? 60 * 60000LL
                                                    : 24 * 3600000LL;
    const std::deque<Sample> &source = m_range == Range::Hours24 ? m_coarse : m_fine;
    QList<QPointF> waiting, active, delayed, failed, throughput;
    float top = 4;
    for (const Sample &s : source) {
        if (s.atMs < now - span)
            continue;
        const auto x = qreal(s.atMs);
        waiting.append({ x, s.waiting });
        active.append({ x, s.active });
        delayed.append({ x, s.delayed });
        failed.append({ x, s.failed });
        throughput.append({ x, s.perMinute });
        top = std::max({ top, s.waiting, s.active, s.delayed, s.failed, s.perMinute });
    }
    // replace() swaps the whole point list in one go: one repaint, no per-point signals.
    m_waiting->replace(waiting);
    m_active->replace(active);
    m_delayed->replace(delayed);
    m_failed->replace(failed);
    m_throughput->replace(throughput);
    m_axisX->setRange(
        QDateTime::fromMSecsSinceEpoch(now - span), QDateTime::fromMSecsSinceEpoch(now));
    m_axisX->setFormat(
        m_range == Range::Hours24 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm"));
    m_axisY->setRange(0, std::ceil(top * 1.15));
}

} // namespace XeroSync
