#pragma once

#include <nlohmann/json.hpp>

#include <QStringList>

#include "core/common/error.h"

namespace XeroSync {

//! POST /api/xero/sync/manual `{submissionIds: [...], priority?: "high"|"normal"|"low"}`.
struct ManualSyncRequest
{
    static constexpr int MaxIds = 500; //!< a pay run's worth; more belongs in a batch sync

    QStringList submissionIds;
    QString priority = QStringLiteral("normal");

    //! The queue priority (Bull: 1 is the most urgent): high 1, normal 5, low 10.
    int queuePriority() const;

    static Result<ManualSyncRequest> fromJson(const nlohmann::json &body);
    nlohmann::json toJson() const;
};

} // namespace XeroSync
