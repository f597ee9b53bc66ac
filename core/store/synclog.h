#pragma once

// Records of the sync log (`xero_sync_log`): plain data kept together because they only make
// sense as a set, the way a table's row, filter and statistics belong together.

#include <optional>

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QList>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

enum class SyncStatus
{
    Pending,
    Running,
    Success,
    Failed
};
enum class SyncTrigger
{
    Approval,
    Manual,
    Batch,
    Scheduled
};

QString syncStatusName(SyncStatus status); //!< "PENDING", "RUNNING", "SUCCESS", "FAILED"
QString syncTriggerName(SyncTrigger trigger); //!< "approval", "manual", "batch", "scheduled"
Result<SyncStatus> syncStatusFromString(const QString &text); //!< case-insensitive
Result<SyncTrigger> syncTriggerFromString(const QString &text); //!< case-insensitive

struct SyncLogEntry
{
    qint64 id = 0;
    QString submissionId; //!< empty for operations not about one submission (batch, health)
    QString operation; //!< sync-timesheet, batch-sync, health-check, ...
    SyncStatus status = SyncStatus::Pending;
    nlohmann::json details; //!< what was sent to Xero and what came back
    QString error;
    QString jobId;
    SyncTrigger trigger = SyncTrigger::Approval;
    nlohmann::json metadata;
    std::optional<int> durationMs;
    int retryCount = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

//! Fields of a row to change; unset fields stay as they are.
struct SyncLogUpdate
{
    std::optional<SyncStatus> status;
    std::optional<QString> error;
    std::optional<int> durationMs;
    std::optional<int> retryCount;
    std::optional<nlohmann::json> details;
    std::optional<nlohmann::json> metadata;
    std::optional<QString> jobId;
};

inline constexpr int MAX_LOG_PAGE = 500;

//! A page of the log. With `afterId`, rows newer than it, oldest first (the live tail); with
//! `beforeId`, rows older than it, newest first (scrolling back); with neither, the newest rows.
struct SyncLogFilter
{
    std::optional<qint64> afterId;
    std::optional<qint64> beforeId;
    int limit = 100; //!< 1..MAX_LOG_PAGE
    std::optional<SyncStatus> status;
    std::optional<SyncTrigger> trigger;
    QDateTime from; //!< created_at >= from, when valid
    QDateTime to; //!< created_at < to, when valid
    QString text; //!< substring of submission id or error, case-insensitive
    QString submissionId; //!< exact submission
    //! With details' `sent` and `received` (what went to Xero and came back, a few KB a row).
    //! Lists leave them out: a page of 50 rows stays small; one submission's rows carry them.
    bool withPayloads = true;
};

struct ErrorCount
{
    QString message;
    qint64 count = 0;
};

struct SyncLogStats
{
    QDateTime from;
    QDateTime to;
    qint64 total = 0;
    qint64 pending = 0;
    qint64 running = 0;
    qint64 success = 0;
    qint64 failed = 0;
    double successRate = 0; //!< success / (success + failed); 0 when none finished
    double averageDurationMs = 0; //!< over finished rows with a duration
    double p95DurationMs = 0;
    QList<ErrorCount> topErrors; //!< failed rows grouped by error, most frequent first
};

struct SyncLogBucket
{
    QDateTime start; //!< the hour's start, UTC
    qint64 total = 0;
    qint64 success = 0;
    qint64 failed = 0;
    double averageDurationMs = 0;
};

} // namespace XeroSync
