#include "syncstatestore.h"

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

SyncStateStore::SyncStateStore(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

Result<std::optional<SyncState>> SyncStateStore::get(const QString &submissionId)
{
    if (submissionId.trimmed().isEmpty())
        return fail(ErrorCode::BadRequest, u"a submission id is required"_s);
    auto q = m_database.exec(
        u"SELECT submission_id, target, tenant_id, xero_timesheet_id, payload_hash,"
        " last_synced_version, attempted_version, status, last_error, synced_at, updated_at"
        " FROM xero_sync_state WHERE submission_id = ?"_s,
        { submissionId });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return std::optional<SyncState> {};
    SyncState s;
    s.submissionId = q->value(0).toString();
    auto target = syncTargetFromString(q->value(1).toString());
    auto status = syncStateStatusFromString(q->value(7).toString());
    if (!target || !status)
        return fail(ErrorCode::Internal,
            u"xero_sync_state row for '%1' holds an unknown target or status"_s.arg(submissionId));
    s.target = *target;
    s.tenantId = q->value(2).toString();
    s.xeroTimesheetId = q->value(3).toString();
    s.payloadHash = q->value(4).toString();
    s.lastSyncedVersion = q->value(5).toInt();
    s.attemptedVersion = q->value(6).toInt();
    s.status = *status;
    s.lastError = q->value(8).toString();
    s.syncedAt = Sql::toUtc(q->value(9));
    s.updatedAt = Sql::toUtc(q->value(10));
    return std::optional<SyncState>(s);
}

Result<void> SyncStateStore::upsert(const SyncState &s)
{
    if (s.submissionId.trimmed().isEmpty())
        return fail(ErrorCode::BadRequest, u"a submission id is required"_s);
    if (s.tenantId.isEmpty())
        return fail(ErrorCode::BadRequest, u"a sync state needs the Xero tenant id"_s);
    if (s.lastSyncedVersion < 0 || s.attemptedVersion < 0)
        return fail(ErrorCode::BadRequest, u"versions cannot be negative"_s);
    auto q = m_database.exec(
        u"INSERT INTO xero_sync_state (submission_id, target, tenant_id, xero_timesheet_id,"
        " payload_hash, last_synced_version, attempted_version, status, last_error, synced_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (submission_id) DO UPDATE SET target = EXCLUDED.target,"
        " tenant_id = EXCLUDED.tenant_id, xero_timesheet_id = EXCLUDED.xero_timesheet_id,"
        " payload_hash = EXCLUDED.payload_hash, last_synced_version = EXCLUDED.last_synced_version,"
        " attempted_version = EXCLUDED.attempted_version, status = EXCLUDED.status,"
        " last_error = EXCLUDED.last_error, synced_at = EXCLUDED.synced_at,"
        " updated_at = EXCLUDED.updated_at"_s,
        { s.submissionId, syncTargetName(s.target), s.tenantId, Sql::text(s.xeroTimesheetId),
            Sql::text(s.payloadHash), s.lastSyncedVersion, s.attemptedVersion,
            syncStateStatusName(s.status), Sql::text(s.lastError), Sql::timestamp(s.syncedAt),
            Sql::timestamp(m_clock.now()) });
    if (!q)
        return std::unexpected(q.error());
    return {};
}

Result<void> SyncStateStore::remove(const QString &submissionId)
{
    auto q = m_database.exec(
        u"DELETE FROM xero_sync_state WHERE submission_id = ? RETURNING 1"_s, { submissionId });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"no sync state for submission '%1'"_s.arg(submissionId));
    return {};
}

Result<QHash<SyncStateStatus, qint64>> SyncStateStore::countByStatus()
{
    auto q = m_database.exec(u"SELECT status, count(*) FROM xero_sync_state GROUP BY status"_s);
    if (!q)
        return std::unexpected(q.error());
    QHash<SyncStateStatus, qint64> counts;
    while (q->next()) {
        if (auto status = syncStateStatusFromString(q->value(0).toString()))
            counts.insert(*status, q->value(1).toLongLong());
    }
    return counts;
}

} // namespace XeroSync
