#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include <QByteArray>

#include "core/common/error.h"

namespace XeroSync {

//! What Xero's rate-limit headers said about the tenant and app (research §9).
struct RateLimitInfo
{
    std::optional<int> dayRemaining;
    std::optional<int> minuteRemaining;
    std::optional<int> appMinuteRemaining;
    std::optional<int> retryAfterSeconds;
    QByteArray problem; //!< X-Rate-Limit-Problem on a 429: minute, day, ...
};

//! One answer from Xero: the parsed body, the limits, and, when it failed, why.
struct XeroReply
{
    int status = 0; //!< 0: no HTTP answer (network error, timeout)
    QByteArray body;
    nlohmann::json json; //!< discarded when the body is not JSON
    RateLimitInfo limits;
    QByteArray correlationId;
    std::optional<Error> error;

    bool ok() const { return !error.has_value(); }
};

} // namespace XeroSync
