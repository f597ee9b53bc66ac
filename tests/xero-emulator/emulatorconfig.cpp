#include "emulatorconfig.h"

namespace XeroEmulator {

Json EmulatorConfig::toJson() const
{
    return Json {
        { "concurrentLimit", concurrentLimit },
        { "minuteLimit", minuteLimit },
        { "dailyLimit", dailyLimit },
        { "appMinuteLimit", appMinuteLimit },
        { "idempotencyTtlSeconds", idempotencyTtlSeconds },
        { "idempotencyRejectMismatch", idempotencyRejectMismatch },
        { "accessTokenSeconds", accessTokenSeconds },
        { "refreshGraceSeconds", refreshGraceSeconds },
        { "refreshIdleDays", refreshIdleDays },
        { "authCodeSeconds", authCodeSeconds },
        { "latencyMs", latencyMs },
        { "autoConsent", autoConsent },
        { "auApprovedEditable", auApprovedEditable },
        { "ukApprovedEditable", ukApprovedEditable },
        { "nzApprovedEditable", nzApprovedEditable },
        { "maxBodyBytes", maxBodyBytes },
    };
}

std::string EmulatorConfig::apply(const Json &json)
{
    if (!json.is_object())
        return "config must be a JSON object";
    EmulatorConfig next = *this;
    for (const auto &[key, value] : json.items()) {
        int *intField = nullptr;
        bool *boolField = nullptr;
        if (key == "concurrentLimit")
            intField = &next.concurrentLimit;
        else if (key == "minuteLimit")
            intField = &next.minuteLimit;
        else if (key == "dailyLimit")
            intField = &next.dailyLimit;
        else if (key == "appMinuteLimit")
            intField = &next.appMinuteLimit;
        else if (key == "idempotencyTtlSeconds")
            intField = &next.idempotencyTtlSeconds;
        else if (key == "accessTokenSeconds")
            intField = &next.accessTokenSeconds;
        else if (key == "refreshGraceSeconds")
            intField = &next.refreshGraceSeconds;
        else if (key == "refreshIdleDays")
            intField = &next.refreshIdleDays;
        else if (key == "authCodeSeconds")
            intField = &next.authCodeSeconds;
        else if (key == "latencyMs")
            intField = &next.latencyMs;
        else if (key == "maxBodyBytes")
            intField = &next.maxBodyBytes;
        else if (key == "idempotencyRejectMismatch")
            boolField = &next.idempotencyRejectMismatch;
        else if (key == "autoConsent")
            boolField = &next.autoConsent;
        else if (key == "auApprovedEditable")
            boolField = &next.auApprovedEditable;
        else if (key == "ukApprovedEditable")
            boolField = &next.ukApprovedEditable;
        else if (key == "nzApprovedEditable")
            boolField = &next.nzApprovedEditable;
        else
            return "unknown config key '" + key + "'";
        if (intField) {
            if (!value.is_number_integer() || value.get<long long>() < 0)
                return "config key '" + key + "' needs a non-negative integer";
            *intField = value.get<int>();
        } else {
            if (!value.is_boolean())
                return "config key '" + key + "' needs true or false";
            *boolField = value.get<bool>();
        }
    }
    *this = next;
    return {};
}

bool EmulatorConfig::approvedEditable(Region region) const
{
    switch (region) {
    case Region::AU:
        return auApprovedEditable;
    case Region::UK:
        return ukApprovedEditable;
    case Region::NZ:
        return nzApprovedEditable;
    }
    return false;
}

} // namespace XeroEmulator
