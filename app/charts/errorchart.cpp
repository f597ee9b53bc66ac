#include "errorchart.h"

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
        // Bars run bottom-up: add the most frequent last so it is on top.
        for (auto it = topErrors.rbegin(); it != topErrors.rend(); ++it) {
            QString message = QString::fromStdString(it->value("message", ""));
            if (message.size() > 60)
                message = message.left(57) + QStringLiteral("…");
            labels << message;
            values << it->value("count", 0.0);
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
    m_values->setRange(0, top);
}

} // namespace XeroSync
