#pragma once

#include "core/common/clock.h"
#include "core/store/synclog.h"

namespace XeroSync {

class Database;

//! The sync log: one row per sync operation, written by the workers, read by the dashboard.
class SyncLogStore final
{
public:
    SyncLogStore(Database &database, const Clock &clock);

    //! Inserts a row stamped with the clock's now; returns its id.
    Result<qint64> insert(const SyncLogEntry &entry);
    Result<void> update(qint64 id, const SyncLogUpdate &update);
    //! Rows of `jobId` still RUNNING or PENDING belong to an attempt whose agent died (the job's
    //! lock says no one else runs it now): they become FAILED with `reason`, so the log never
    //! shows a sync running for ever. Returns how many rows were closed.
    Result<int> closeInterrupted(const QString &jobId, const QString &reason);
    Result<SyncLogEntry> get(qint64 id);
    Result<QList<SyncLogEntry>> page(const SyncLogFilter &filter);

    //! Totals, success rate, durations and top errors of timesheet syncs (`sync-timesheet` rows)
    //! created in [from, to): health checks and batch summaries have rows of their own but are
    //! not syncs, so a disconnected hour does not count 60 failed "syncs".
    Result<SyncLogStats> stats(const QDateTime &from, const QDateTime &to, int topErrors = 10);
    //! stats() over the 24 hours before the clock's now.
    Result<SyncLogStats> stats24h(int topErrors = 10);
    //! Per-hour counts and mean duration of timesheet syncs created in [from, to); hours without
    //! rows are included with zeros so charts need not fill gaps.
    Result<QList<SyncLogBucket>> hourlySeries(const QDateTime &from, const QDateTime &to);

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace XeroSync
