#pragma once

#include <nlohmann/json.hpp>

#include <QHash>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QHBoxLayout;
class QLabel;

namespace XeroSync {

class ErrorChart;
class QueueChart;
class StatusTile;

//! The first page: is everything up, how full is the queue, how did the last 24 hours go.
class OverviewPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverviewPage)

public:
    explicit OverviewPage(QWidget *parent = nullptr);

    //! GET /api/health
    void applyHealth(const nlohmann::json &health);
    //! GET /api/xero/sync/queue/status
    void applyStatus(const nlohmann::json &status);
    //! Counts from the push channel or the status call.
    void applyCounts(const nlohmann::json &counts);
    //! GET /api/xero/sync/stats
    void applyStats(const nlohmann::json &stats);
    void setAgentState(int level, const QString &value, const QString &detail);

    QueueChart *queueChart() const { return m_chart; }

    ErrorChart *errorChart() const { return m_errors; }

    QString countText(const QString &state) const;
    QString statText(const QString &name) const;

    StatusTile *tile(const QString &name) const { return m_tiles.value(name); }

private:
    QGridLayout *m_tileGrid;
    QHBoxLayout *m_xeroTiles;
    QHash<QString, StatusTile *> m_tiles;
    QHash<QString, QLabel *> m_counts;
    QHash<QString, QLabel *> m_stats;
    QueueChart *m_chart;
    QComboBox *m_range;
    ErrorChart *m_errors;
};

} // namespace XeroSync
