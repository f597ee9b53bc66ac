#include "apijson.h"

namespace XeroSync::ApiJson {

std::string isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs).toStdString() : std::string();
}

nlohmann::json counts(const JobCounts &c)
{
    return { { "waiting", c.waiting }, { "active", c.active }, { "delayed", c.delayed },
        { "completed", c.completed }, { "failed", c.failed }, { "paused", c.paused } };
}

nlohmann::json job(const Job &j)
{
    nlohmann::json out { { "id", j.id.toStdString() }, { "name", j.name.toStdString() },
        { "data", j.dataValid ? j.data : nlohmann::json(j.rawData.toStdString()) },
        { "progress", j.progress }, { "attemptsMade", j.attemptsMade },
        { "attempts", j.options.attempts }, { "priority", j.priority },
        { "failedReason", j.failedReason.toStdString() }, { "returnValue", j.returnValue },
        { "timestamp", j.timestamp }, { "processedOn", j.processedOn },
        { "finishedOn", j.finishedOn }, { "delayMs", j.delayMs } };
    if (!j.stacktrace.isEmpty()) {
        nlohmann::json trace = nlohmann::json::array();
        for (const QString &line : j.stacktrace)
            trace.push_back(line.toStdString());
        out["stacktrace"] = trace;
    }
    return out;
}

nlohmann::json logEntry(const SyncLogEntry &e)
{
    nlohmann::json out { { "id", e.id }, { "submissionId", e.submissionId.toStdString() },
        { "operation", e.operation.toStdString() },
        { "status", syncStatusName(e.status).toStdString() }, { "details", e.details },
        { "error", e.error.toStdString() }, { "jobId", e.jobId.toStdString() },
        { "trigger", syncTriggerName(e.trigger).toStdString() }, { "metadata", e.metadata },
        { "retryCount", e.retryCount }, { "createdAt", isoTime(e.createdAt) },
        { "updatedAt", isoTime(e.updatedAt) } };
    out["durationMs"] = e.durationMs ? nlohmann::json(*e.durationMs) : nlohmann::json();
    return out;
}

nlohmann::json stats(const SyncLogStats &s)
{
    nlohmann::json errors = nlohmann::json::array();
    for (const ErrorCount &error : s.topErrors)
        errors.push_back({ { "message", error.message.toStdString() }, { "count", error.count } });
    return { { "from", isoTime(s.from) }, { "to", isoTime(s.to) }, { "total", s.total },
        { "pending", s.pending }, { "running", s.running }, { "success", s.success },
        { "failed", s.failed }, { "successRate", s.successRate },
        { "averageDurationMs", s.averageDurationMs }, { "p95DurationMs", s.p95DurationMs },
        { "topErrors", errors } };
}

nlohmann::json bucket(const SyncLogBucket &b)
{
    return { { "start", isoTime(b.start) }, { "total", b.total }, { "success", b.success },
        { "failed", b.failed }, { "averageDurationMs", b.averageDurationMs } };
}

nlohmann::json syncState(const SyncState &s)
{
    return { { "submissionId", s.submissionId.toStdString() },
        { "target", syncTargetName(s.target).toStdString() },
        { "tenantId", s.tenantId.toStdString() },
        { "xeroTimesheetId", s.xeroTimesheetId.toStdString() },
        { "lastSyncedVersion", s.lastSyncedVersion }, { "attemptedVersion", s.attemptedVersion },
        { "status", syncStateStatusName(s.status).toStdString() },
        { "lastError", s.lastError.toStdString() }, { "syncedAt", isoTime(s.syncedAt) },
        { "updatedAt", isoTime(s.updatedAt) } };
}

nlohmann::json employee(const Employee &e)
{
    return { { "id", e.id.toStdString() }, { "name", e.name.toStdString() },
        { "email", e.email.toStdString() }, { "xeroEmployeeId", e.xeroEmployeeId.toStdString() },
        { "active", e.active } };
}

nlohmann::json submission(const Submission &s)
{
    nlohmann::json entries = nlohmann::json::array();
    double total = 0;
    for (const TimesheetEntry &e : s.entries) {
        total += e.hours;
        entries.push_back({ { "workDate", e.workDate.toString(Qt::ISODate).toStdString() },
            { "hours", e.hours }, { "earningsRateId", e.earningsRateId.toStdString() },
            { "description", e.description.toStdString() } });
    }
    return { { "id", s.id.toStdString() }, { "userId", s.userId.toStdString() },
        { "periodStart", s.periodStart.toString(Qt::ISODate).toStdString() },
        { "periodEnd", s.periodEnd.toString(Qt::ISODate).toStdString() },
        { "status", s.status.toStdString() }, { "approvedBy", s.approvedBy.toStdString() },
        { "approvedAt", isoTime(s.approvedAt) }, { "version", s.version },
        { "employee", employee(s.employee) }, { "entries", entries }, { "totalHours", total } };
}

} // namespace XeroSync::ApiJson
