#pragma once

#include <nlohmann/json.hpp>

#include "core/common/error.h"

namespace XeroSync {

//! POST /api/events/timesheet-approved `{submissionId, version?}`: the timesheet system
//! announces an approval without a database trigger.
struct ApprovalWebhookRequest
{
    QString submissionId;
    std::optional<int> version;

    static Result<ApprovalWebhookRequest> fromJson(const nlohmann::json &body);
};

} // namespace XeroSync
