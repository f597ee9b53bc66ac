#pragma once

#include <QList>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/store/auditentry.h"

namespace XeroSync {

class Database;

//! The audit trail (`audit_log`): approvals seen and every admin action.
class AuditStore final
{
public:
    AuditStore(Database &database, const Clock &clock);

    //! Appends an entry stamped with the clock's now (its id and createdAt are ignored).
    Result<qint64> record(const AuditEntry &entry);
    //! Appends several entries in one statement (a burst of approvals costs one round trip).
    Result<void> recordMany(const QList<AuditEntry> &entries);
    //! Entries newest first, older than `beforeId` when given, optionally of one action.
    Result<QList<AuditEntry>> list(
        int limit = 100, std::optional<qint64> beforeId = {}, const QString &action = {});

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace XeroSync
