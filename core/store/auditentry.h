#pragma once

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QString>

namespace XeroSync {

//! One line of the audit trail: who did what to what, and when.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime createdAt;
    QString actor; //!< API token name, "system" or "listener"
    QString action; //!< dotted verb: approval.seen, queue.pause, xero.connect, token.revoke, ...
    QString target; //!< what it was done to: a submission id, a job id, a tenant, ...
    nlohmann::json details;
};

} // namespace XeroSync
