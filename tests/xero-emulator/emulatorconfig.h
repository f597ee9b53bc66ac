#pragma once

#include <string>

#include "emulatormodel.h"

namespace XeroEmulator {

//! Knobs a test or the demo may turn; defaults are Xero's published values (research §8–§10).
struct EmulatorConfig
{
    int concurrentLimit = 5;
    int minuteLimit = 60;
    int dailyLimit = 5000; //!< per tenant unless the tenant sets its own (Starter tier: 1,000)
    int appMinuteLimit = 10000;
    int idempotencyTtlSeconds = 360; //!< unverified (§17.1); third parties report six minutes
    bool idempotencyRejectMismatch = true; //!< same key, different body: 400 instead of a replay
    int accessTokenSeconds = 1800;
    int refreshGraceSeconds = 1800;
    int refreshIdleDays = 60;
    int authCodeSeconds = 300; //!< unverified (§17.5)
    int latencyMs = 0; //!< added to every API response; makes the concurrency limit reachable
    bool autoConsent = true; //!< authorize redirects at once instead of showing the consent page
    bool auApprovedEditable = false; //!< AU: approved timesheets need a revert first (§3.5)
    bool ukApprovedEditable = true; //!< UK/NZ importers may edit approved ones (§4.2, inference)
    bool nzApprovedEditable = true;
    int maxBodyBytes = 4 * 1024 * 1024;

    Json toJson() const;
    //! Applies the keys present in `json`; unknown keys are an error so typos do not pass.
    std::string apply(const Json &json);
    bool approvedEditable(Region region) const;
};

} // namespace XeroEmulator
