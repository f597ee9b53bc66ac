#pragma once

#include <nlohmann/json.hpp>

#include "core/common/error.h"

namespace XeroSync {

//! POST /api/xero/sync/queue/status `{action: "pause"|"resume"|"retry-failed"|"clear-failed"}`.
struct QueueActionRequest
{
    enum class Action
    {
        Pause,
        Resume,
        RetryFailed,
        ClearFailed
    };
    Action action = Action::Pause;

    QString actionName() const;
    static Result<QueueActionRequest> fromJson(const nlohmann::json &body);
};

} // namespace XeroSync
