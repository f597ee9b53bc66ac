#include "errorchart.h"

#include <cmath>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalBarSeries>
#include <QValueAxis>

namespace XeroSync {

ErrorChart::ErrorChart(QWidget *parent)
    : QChartView(parent)
    , m_series(new QHorizontalBarSeries)
    , m_set(new QBarSet(tr("Failures")))
    , m_categories(new QBarCategoryAxis)
    , m_values(new QValueAxis)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->hide();
    chart->setTitle(tr("Top error reasons (24 h)"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_set->setColor(QColor(0xc6, 0x28, 0x28));
    m_series->append(m_set);
    chart->addSeries(m_series);
    chart->addAxis(m_categories, Qt::AlignLeft);
    chart->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_values);
    m_values->setLabelFormat(QStringLiteral("%d"));
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(180);
}

ErrorChart::~ErrorChart() = default;

int ErrorChart::barCount() const
{
    return int(m_set->count());
}

void ErrorChart::setErrors(const nlohmann::json &topErrors)
{
    m_set->remove(0, m_set->count());
    m_categories->clear();
    QStringList labels;
    QList<qreal> values;
    qreal top = 1;
    if (topErrors.is_array()) {
        // The five most frequent (the agent sends them most frequent first): more bars than that
        // leave no room for their labels, which the axis then elides to "...". Bars run
        // bottom-up: add the most frequent last so it is on top.
        const size_t shown = std::min<size_t>(topErrors.size(), MaxBars);
        for (size_t i = shown; i-- > 0;) {
            const auto &error = topErrors[i];
            QString message = QString::fromStdString(error.value("message", ""));
            if (message.size() > 60)
                message = message.left(57) + QStringLiteral("…");
            labels << message;
            values << error.value("count", 0.0);
            top = std::max(top, values.last());
        }
    }
    if (labels.isEmpty()) {
        chart()->setTitle(tr("No failures in the last 24 hours"));
        return;
    }
    chart()->setTitle(tr("Top error reasons (24 h)"));
    m_categories->append(labels);
    m_set->append(values);
    // Whole counts on the axis: a tick every "nice" step (1, 2, 5, 10, …) with at most about
    // five of them, so a top count of 1 does not read "0 0 0 0 1".
    qreal step = 1;
    while (top / step > 5)
        step *= (QString::number(step).startsWith(u'2')) ? 2.5 : 2;
    m_values->setTickType(QValueAxis::TicksDynamic);
    m_values->setTickAnchor(0);
    m_values->setTickInterval(step);
    m_values->setRange(0, std::ceil(top / step) * step);
}

} // namespace XeroSync
