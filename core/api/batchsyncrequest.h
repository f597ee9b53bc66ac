#pragma once

#include <nlohmann/json.hpp>

#include <QDate>
#include <QStringList>

#include "core/common/error.h"

namespace XeroSync {

//! POST /api/xero/sync/batch `{fromDate, toDate, userIds?, force?, tenantId?}` (dates
//! YYYY-MM-DD, inclusive). `force` updates Xero drafts whose content differs even when the
//! submission's version is not newer; it never touches a timesheet Xero has approved.
//! `tenantId` picks the organisation (default: the agent's default one).
struct BatchSyncRequest
{
    static constexpr int MaxDays = 366;
    static constexpr int MaxUsers = 1000;

    QDate fromDate;
    QDate toDate;
    QStringList userIds;
    bool force = false;
    QString tenantId;

    static Result<BatchSyncRequest> fromJson(const nlohmann::json &body);
    //! Also the batch-sync job's data.
    nlohmann::json toJson() const;
};

} // namespace XeroSync
