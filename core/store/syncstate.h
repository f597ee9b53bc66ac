#pragma once

#include <QDateTime>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

enum class SyncTarget
{
    PayrollAu,
    PayrollUk,
    PayrollNz,
    PayrollAuV2,
    Projects
};
enum class SyncStateStatus
{
    Pending,
    Synced,
    Failed
};

QString syncTargetName(SyncTarget target); //!< "payroll-au", "payroll-uk", ...
Result<SyncTarget> syncTargetFromString(const QString &text);
QString syncStateStatusName(SyncStateStatus status); //!< "PENDING", "SYNCED", "FAILED"
Result<SyncStateStatus> syncStateStatusFromString(const QString &text);

//! Where a submission stands in Xero: the duplicate check and the catch-up scan read this.
struct SyncState
{
    QString submissionId;
    SyncTarget target = SyncTarget::PayrollAu;
    QString tenantId;
    QString xeroTimesheetId;
    QString payloadHash; //!< hash of what was last written, to tell "unchanged" from "changed"
    int lastSyncedVersion = 0; //!< 0: never synced
    int attemptedVersion = 0; //!< the version the last attempt was for
    SyncStateStatus status = SyncStateStatus::Pending;
    QString lastError;
    QDateTime syncedAt;
    QDateTime updatedAt;
};

} // namespace XeroSync
