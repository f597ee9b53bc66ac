#include "agentmetrics.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace XeroSync {

AgentMetrics::AgentMetrics(QObject *parent)
    : QObject(parent)
{ }

void AgentMetrics::jobStarted(const QString &jobId, const QString &name)
{
    m_started.insert(jobId, { name, QDateTime::currentMSecsSinceEpoch() });
}

void AgentMetrics::jobFinished(const QString &jobId, bool success)
{
    const auto started = m_started.take(jobId);
    const QString name = started.name.isEmpty() ? u"unknown"_s : started.name;
    ++m_outcomes[name + (success ? u"|completed"_s : u"|failed"_s)];
    if (started.startedMs == 0)
        return;
    const double seconds = double(QDateTime::currentMSecsSinceEpoch() - started.startedMs) / 1000.0;
    auto &buckets = m_histogram[name];
    qsizetype i = 0;
    while (i < qsizetype(BUCKETS.size()) && seconds > BUCKETS[size_t(i)])
        ++i;
    ++buckets[size_t(i)];
    m_durationSum[name] += seconds;
}

void AgentMetrics::approvalQueued(const QString &source)
{
    ++m_approvals[source];
}

void AgentMetrics::httpRequest(int status)
{
    ++m_http[status];
}

QByteArray AgentMetrics::render(const QByteArray &extra) const
{
    QByteArray out;
    out += "# HELP xerosync_jobs_total Jobs this agent finished, by name and outcome.\n"
           "# TYPE xerosync_jobs_total counter\n";
    for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it) {
        const QStringList parts = it.key().split(u'|');
        out += "xerosync_jobs_total{name=\"" + parts.value(0).toUtf8() + "\",outcome=\""
            + parts.value(1).toUtf8() + "\"} " + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP xerosync_job_duration_seconds How long jobs took, from start to outcome.\n"
           "# TYPE xerosync_job_duration_seconds histogram\n";
    for (auto it = m_histogram.cbegin(); it != m_histogram.cend(); ++it) {
        const QByteArray name = it.key().toUtf8();
        qint64 cumulative = 0;
        for (size_t i = 0; i < BUCKETS.size(); ++i) {
            cumulative += it.value()[i];
            out += "xerosync_job_duration_seconds_bucket{name=\"" + name + "\",le=\""
                + QByteArray::number(BUCKETS[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
        }
        cumulative += it.value()[BUCKETS.size()];
        out += "xerosync_job_duration_seconds_bucket{name=\"" + name + "\",le=\"+Inf\"} "
            + QByteArray::number(cumulative) + '\n';
        out += "xerosync_job_duration_seconds_sum{name=\"" + name + "\"} "
            + QByteArray::number(m_durationSum.value(it.key()), 'f', 3) + '\n';
        out += "xerosync_job_duration_seconds_count{name=\"" + name + "\"} "
            + QByteArray::number(cumulative) + '\n';
    }
    out += "# HELP xerosync_approvals_queued_total Approvals turned into sync jobs, by source.\n"
           "# TYPE xerosync_approvals_queued_total counter\n";
    for (auto it = m_approvals.cbegin(); it != m_approvals.cend(); ++it) {
        out += "xerosync_approvals_queued_total{source=\"" + it.key().toUtf8() + "\"} "
            + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP xerosync_http_requests_total API requests answered, by status.\n"
           "# TYPE xerosync_http_requests_total counter\n";
    for (auto it = m_http.cbegin(); it != m_http.cend(); ++it) {
        out += "xerosync_http_requests_total{status=\"" + QByteArray::number(it.key()) + "\"} "
            + QByteArray::number(it.value()) + '\n';
    }
    return out + extra;
}

} // namespace XeroSync
