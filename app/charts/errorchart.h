#pragma once

#include <nlohmann/json.hpp>

#include <QChartView>

class QBarCategoryAxis;
class QBarSet;
class QHorizontalBarSeries;
class QValueAxis;

namespace XeroSync {

//! The most frequent sync errors of the last 24 hours as horizontal bars.
class ErrorChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorChart)

public:
    explicit ErrorChart(QWidget *parent = nullptr);
    ~ErrorChart() override;

    static constexpr size_t MaxBars = 5;

    //! `topErrors` as GET /api/xero/sync/stats returns it: [{message, count}], most frequent
    //! first; the first MaxBars are drawn.
    void setErrors(const nlohmann::json &topErrors);
    int barCount() const;

private:
    QHorizontalBarSeries *m_series;
    QBarSet *m_set;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_values;
};

} // namespace XeroSync
