#pragma once

#include <array>

#include <QHash>
#include <QObject>
#include <QString>

namespace XeroSync {

//! Counters the agent exposes at /metrics in Prometheus' text format: job outcomes, a job
//! duration histogram and approvals taken in. Queue counts are read live when scraped.
class AgentMetrics final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentMetrics)

public:
    explicit AgentMetrics(QObject *parent = nullptr);

    void jobStarted(const QString &jobId, const QString &name);
    void jobFinished(const QString &jobId, bool success);
    void approvalQueued(const QString &source);
    void httpRequest(int status);

    //! The text exposition; `extra` is appended (live gauges).
    QByteArray render(const QByteArray &extra) const;

private:
    static constexpr std::array<double, 10> BUCKETS { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60 };

    struct Started
    {
        QString name;
        qint64 startedMs = 0;
    };

    QHash<QString, Started> m_started;
    QHash<QString, qint64> m_outcomes; // "name|completed"
    QHash<QString, std::array<qint64, BUCKETS.size() + 1>> m_histogram;
    QHash<QString, double> m_durationSum;
    QHash<QString, qint64> m_approvals;
    QHash<int, qint64> m_http;
};

} // namespace XeroSync
