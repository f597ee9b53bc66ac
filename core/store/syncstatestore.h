#pragma once

#include <optional>

#include "core/common/clock.h"
#include "core/store/syncstate.h"

namespace XeroSync {

class Database;

//! Per-submission state in Xero (`xero_sync_state`).
class SyncStateStore final
{
public:
    SyncStateStore(Database &database, const Clock &clock);

    //! The state, or nullopt when the submission was never attempted.
    Result<std::optional<SyncState>> get(const QString &submissionId);
    //! Inserts or replaces the whole state; updated_at is the clock's now.
    Result<void> upsert(const SyncState &state);
    //! Forgets a submission's state (a manual "sync again from scratch").
    Result<void> remove(const QString &submissionId);
    //! How many submissions are in each status.
    Result<QHash<SyncStateStatus, qint64>> countByStatus();

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace XeroSync
