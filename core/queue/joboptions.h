#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! removeOnComplete / removeOnFail: how many finished jobs to keep, and for how long.
struct KeepJobs
{
    int count = -1; //!< -1 keep all, 0 keep none, N keep the newest N
    int ageSeconds = 0; //!< 0: any age

    //! Bull's forms: true (keep none), false/absent (keep all), N, {age, count}.
    static Result<KeepJobs> fromJson(const nlohmann::json &value);
    nlohmann::json toJson() const;
    bool operator==(const KeepJobs &) const = default;
};

struct BackoffOptions
{
    QString type; //!< "fixed", "exponential", or empty for an immediate retry
    double delayMs = 0; //!< a double, as Bull keeps it: fractional delays round per attempt

    bool operator==(const BackoffOptions &) const = default;
};

//! A job's options, stored as JSON in the job hash's `opts` field exactly as Bull v4 writes them.
struct JobOptions
{
    int priority = 0; //!< 0 none; 1 = most urgent
    qint64 delayMs = 0;
    int attempts = 1;
    std::optional<BackoffOptions> backoff;
    QString jobId; //!< custom id: adding it again is a no-op while the job exists
    bool lifo = false;
    std::optional<KeepJobs> removeOnComplete;
    std::optional<KeepJobs> removeOnFail;
    qint64 timeoutMs = 0;
    int stackTraceLimit = 0;
    qint64 timestamp = 0; //!< set when added

    //! Reads Bull's opts JSON; unknown fields are kept out of the way, bad types are errors.
    static Result<JobOptions> fromJson(const nlohmann::json &opts);
    nlohmann::json toJson() const;

    //! Checks ranges (priority 0..2^31-1, attempts >= 1, non-negative delays).
    Result<void> validate() const;

    //! Retry delay after `attemptsMade` failed attempts (Bull's formulas: fixed = delay,
    //! exponential = round((2^attemptsMade - 1) * delay)); 0 for an immediate retry.
    qint64 backoffDelayMs(int attemptsMade) const;
};

} // namespace XeroSync
