#include "synclogstore.h"

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
const auto COLUMNS = u"id, submission_id, operation, status, details::text, error, job_id, trigger,"
                     " metadata::text, duration_ms, retry_count, created_at, updated_at"_s;

constexpr qint64 MAX_SERIES_HOURS = 24 * 93;

SyncLogEntry readEntry(const QSqlQuery &q)
{
    SyncLogEntry e;
    e.id = q.value(0).toLongLong();
    e.submissionId = q.value(1).toString();
    e.operation = q.value(2).toString();
    e.status = syncStatusFromString(q.value(3).toString()).value_or(SyncStatus::Pending);
    e.details = Sql::toJson(q.value(4));
    e.error = q.value(5).toString();
    e.jobId = q.value(6).toString();
    e.trigger = syncTriggerFromString(q.value(7).toString()).value_or(SyncTrigger::Approval);
    e.metadata = Sql::toJson(q.value(8));
    if (!q.value(9).isNull())
        e.durationMs = q.value(9).toInt();
    e.retryCount = q.value(10).toInt();
    e.createdAt = Sql::toUtc(q.value(11));
    e.updatedAt = Sql::toUtc(q.value(12));
    return e;
}

Result<void> checkRange(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return fail(ErrorCode::BadRequest, u"a statistics range needs both a start and an end"_s);
    if (from >= to)
        return fail(ErrorCode::BadRequest,
            u"the range starts (%1) at or after its end (%2)"_s.arg(
                from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    return {};
}
} // namespace

SyncLogStore::SyncLogStore(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

Result<qint64> SyncLogStore::insert(const SyncLogEntry &entry)
{
    if (entry.operation.isEmpty())
        return fail(ErrorCode::BadRequest, u"a sync log row needs an operation"_s);
    if (entry.retryCount < 0 || (entry.durationMs && *entry.durationMs < 0))
        return fail(ErrorCode::BadRequest, u"retry count and duration cannot be negative"_s);
    const QDateTime now = m_clock.now();
    auto q = m_database.exec(
        u"INSERT INTO xero_sync_log (submission_id, operation, status, details, error, job_id,"
        " trigger, metadata, duration_ms, retry_count, created_at, updated_at)"
        " VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?) RETURNING id"_s,
        { Sql::text(entry.submissionId), entry.operation, syncStatusName(entry.status),
            Sql::json(entry.details), Sql::text(entry.error), Sql::text(entry.jobId),
            syncTriggerName(entry.trigger), Sql::json(entry.metadata),
            Sql::optionalInt(entry.durationMs), entry.retryCount, Sql::timestamp(now),
            Sql::timestamp(now) });
    if (!q)
        return std::unexpected(q.error());
    q->next();
    return q->value(0).toLongLong();
}

Result<int> SyncLogStore::closeInterrupted(const QString &jobId, const QString &reason)
{
    if (jobId.isEmpty())
        return 0;
    auto q =
        m_database.exec(u"UPDATE xero_sync_log SET status = 'FAILED', error = ?, updated_at = ? "
                        "WHERE job_id = ? AND status IN ('RUNNING', 'PENDING')"_s,
            { reason, Sql::timestamp(m_clock.now()), jobId });
    if (!q)
        return std::unexpected(q.error());
    return q->numRowsAffected();
}

Result<void> SyncLogStore::update(qint64 id, const SyncLogUpdate &update)
{
    QStringList sets { u"updated_at = ?"_s };
    QVariantList binds { Sql::timestamp(m_clock.now()) };
    if (update.status) {
        sets << u"status = ?"_s;
        binds << syncStatusName(*update.status);
    }
    if (update.error) {
        sets << u"error = ?"_s;
        binds << Sql::text(*update.error);
    }
    if (update.durationMs) {
        if (*update.durationMs < 0)
            return fail(ErrorCode::BadRequest, u"a duration cannot be negative"_s);
        sets << u"duration_ms = ?"_s;
        binds << *update.durationMs;
    }
    if (update.retryCount) {
        if (*update.retryCount < 0)
            return fail(ErrorCode::BadRequest, u"a retry count cannot be negative"_s);
        sets << u"retry_count = ?"_s;
        binds << *update.retryCount;
    }
    if (update.details) {
        sets << u"details = CAST(? AS jsonb)"_s;
        binds << Sql::json(*update.details);
    }
    if (update.metadata) {
        sets << u"metadata = CAST(? AS jsonb)"_s;
        binds << Sql::json(*update.metadata);
    }
    if (update.jobId) {
        sets << u"job_id = ?"_s;
        binds << Sql::text(*update.jobId);
    }
    binds << id;
    auto q = m_database.exec(
        u"UPDATE xero_sync_log SET %1 WHERE id = ? RETURNING id"_s.arg(sets.join(u", "_s)), binds);
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"sync log entry %1 does not exist"_s.arg(id));
    return {};
}

Result<SyncLogEntry> SyncLogStore::get(qint64 id)
{
    auto q = m_database.exec(u"SELECT %1 FROM xero_sync_log WHERE id = ?"_s.arg(COLUMNS), { id });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"sync log entry %1 does not exist"_s.arg(id));
    return readEntry(*q);
}

Result<QList<SyncLogEntry>> SyncLogStore::page(const SyncLogFilter &filter)
{
    if (filter.limit < 1 || filter.limit > MAX_LOG_PAGE)
        return fail(ErrorCode::BadRequest,
            u"limit must be between 1 and %1 (got %2)"_s.arg(MAX_LOG_PAGE).arg(filter.limit));
    if (filter.afterId && filter.beforeId)
        return fail(ErrorCode::BadRequest, u"use afterId or beforeId, not both"_s);
    if ((filter.afterId && *filter.afterId < 0) || (filter.beforeId && *filter.beforeId < 0))
        return fail(ErrorCode::BadRequest, u"afterId and beforeId cannot be negative"_s);
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to)
        return fail(ErrorCode::BadRequest,
            u"the date range is inverted: from %1 is after to %2"_s.arg(
                filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));

    QStringList where;
    QVariantList binds;
    if (filter.afterId) {
        where << u"id > ?"_s;
        binds << *filter.afterId;
    }
    if (filter.beforeId) {
        where << u"id < ?"_s;
        binds << *filter.beforeId;
    }
    if (filter.status) {
        where << u"status = ?"_s;
        binds << syncStatusName(*filter.status);
    }
    if (filter.trigger) {
        where << u"trigger = ?"_s;
        binds << syncTriggerName(*filter.trigger);
    }
    if (filter.from.isValid()) {
        where << u"created_at >= ?"_s;
        binds << Sql::timestamp(filter.from);
    }
    if (filter.to.isValid()) {
        where << u"created_at < ?"_s;
        binds << Sql::timestamp(filter.to);
    }
    if (!filter.submissionId.isEmpty()) {
        where << u"submission_id = ?"_s;
        binds << filter.submissionId;
    }
    if (!filter.text.isEmpty()) {
        where << u"(submission_id ILIKE ? ESCAPE '\\' OR error ILIKE ? ESCAPE '\\')"_s;
        const QString pattern = Sql::containsPattern(filter.text);
        binds << pattern << pattern;
    }
    binds << filter.limit;
    const QString order = filter.afterId ? u"id ASC"_s : u"id DESC"_s;
    QString columns = COLUMNS;
    if (!filter.withPayloads)
        columns.replace(u"details::text"_s, u"(details - 'sent' - 'received')::text"_s);
    const QString sql = u"SELECT %1 FROM xero_sync_log %2 ORDER BY %3 LIMIT ?"_s.arg(
        columns, where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s), order);
    auto q = m_database.exec(sql, binds);
    if (!q)
        return std::unexpected(q.error());
    QList<SyncLogEntry> rows;
    while (q->next())
        rows.append(readEntry(*q));
    return rows;
}

Result<SyncLogStats> SyncLogStore::stats(const QDateTime &from, const QDateTime &to, int topErrors)
{
    if (auto range = checkRange(from, to); !range)
        return std::unexpected(range.error());
    SyncLogStats stats;
    stats.from = from.toUTC();
    stats.to = to.toUTC();
    auto q = m_database.exec(u"SELECT count(*),"
                             " count(*) FILTER (WHERE status = 'PENDING'),"
                             " count(*) FILTER (WHERE status = 'RUNNING'),"
                             " count(*) FILTER (WHERE status = 'SUCCESS'),"
                             " count(*) FILTER (WHERE status = 'FAILED'),"
                             " avg(duration_ms) FILTER (WHERE status IN ('SUCCESS', 'FAILED')),"
                             " percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                             "   FILTER (WHERE status IN ('SUCCESS', 'FAILED'))"
                             " FROM xero_sync_log WHERE operation = 'sync-timesheet'"
                             " AND created_at >= ? AND created_at < ?"_s,
        { Sql::timestamp(from), Sql::timestamp(to) });
    if (!q)
        return std::unexpected(q.error());
    q->next();
    stats.total = q->value(0).toLongLong();
    stats.pending = q->value(1).toLongLong();
    stats.running = q->value(2).toLongLong();
    stats.success = q->value(3).toLongLong();
    stats.failed = q->value(4).toLongLong();
    stats.averageDurationMs = q->value(5).toDouble();
    stats.p95DurationMs = q->value(6).toDouble();
    const qint64 finished = stats.success + stats.failed;
    stats.successRate = finished > 0 ? double(stats.success) / double(finished) : 0.0;

    if (topErrors > 0) {
        auto errors = m_database.exec(
            u"SELECT coalesce(nullif(error, ''), '(no message)') AS message, count(*) AS n"
            " FROM xero_sync_log WHERE operation = 'sync-timesheet' AND status = 'FAILED'"
            " AND created_at >= ? AND created_at < ?"
            " GROUP BY 1 ORDER BY n DESC, message LIMIT ?"_s,
            { Sql::timestamp(from), Sql::timestamp(to), topErrors });
        if (!errors)
            return std::unexpected(errors.error());
        while (errors->next())
            stats.topErrors.append({ errors->value(0).toString(), errors->value(1).toLongLong() });
    }
    return stats;
}

Result<SyncLogStats> SyncLogStore::stats24h(int topErrors)
{
    const QDateTime now = m_clock.now();
    // The end is exclusive; include rows stamped at this very millisecond.
    return stats(now.addDays(-1), now.addMSecs(1), topErrors);
}

Result<QList<SyncLogBucket>> SyncLogStore::hourlySeries(const QDateTime &from, const QDateTime &to)
{
    if (auto range = checkRange(from, to); !range)
        return std::unexpected(range.error());
    if (from.secsTo(to) > MAX_SERIES_HOURS * 3600)
        return fail(
            ErrorCode::BadRequest, u"a series covers at most %1 days"_s.arg(MAX_SERIES_HOURS / 24));
    auto q = m_database.exec(
        u"WITH hours AS ("
        "  SELECT generate_series(date_trunc('hour', CAST(? AS timestamptz) AT TIME ZONE 'UTC'),"
        "         CAST(? AS timestamptz) AT TIME ZONE 'UTC' - interval '1 microsecond',"
        "         interval '1 hour') AS h),"
        " rows AS ("
        "  SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AS h, status, duration_ms"
        "  FROM xero_sync_log WHERE operation = 'sync-timesheet'"
        "  AND created_at >= ? AND created_at < ?)"
        " SELECT to_char(hours.h, 'YYYY-MM-DD\"T\"HH24:MI:SS'), count(rows.status),"
        "  count(*) FILTER (WHERE rows.status = 'SUCCESS'),"
        "  count(*) FILTER (WHERE rows.status = 'FAILED'),"
        "  avg(rows.duration_ms) FILTER (WHERE rows.status IN ('SUCCESS', 'FAILED'))"
        " FROM hours LEFT JOIN rows ON rows.h = hours.h GROUP BY hours.h ORDER BY hours.h"_s,
        { Sql::timestamp(from), Sql::timestamp(to), Sql::timestamp(from), Sql::timestamp(to) });
    if (!q)
        return std::unexpected(q.error());
    QList<SyncLogBucket> buckets;
    while (q->next()) {
        SyncLogBucket b;
        b.start = QDateTime::fromString(q->value(0).toString(), Qt::ISODate);
        b.start.setTimeSpec(Qt::UTC);
        b.total = q->value(1).toLongLong();
        b.success = q->value(2).toLongLong();
        b.failed = q->value(3).toLongLong();
        b.averageDurationMs = q->value(4).toDouble();
        buckets.append(b);
    }
    return buckets;
}

} // namespace XeroSync
