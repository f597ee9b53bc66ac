#pragma once

#include <functional>
#include <string>

#include "apirequest.h"
#include "apiresponse.h"
#include "emulatorcontext.h"

namespace XeroEmulator {

class FaultInjector;
class IdempotencyStore;
class OAuthServer;
class PayrollAu1Api;
class Payroll2Api;
class ProjectsApi;
class RateLimiter;

//! `/__emulator/…`: the loopback-only control plane tests and the demo use to seed data, read
//! back what clients wrote, play Xero-side events, inject faults and move the clock.
class ControlApi
{
public:
    struct Parts
    {
        OAuthServer &oauth;
        RateLimiter &rateLimiter;
        IdempotencyStore &idempotency;
        FaultInjector &faults;
        PayrollAu1Api &au1;
        Payroll2Api &payroll2;
        ProjectsApi &projects;
        std::function<Json()> requestStats;
        std::function<void()> resetStats;
    };

    ControlApi(EmulatorContext context, Parts parts, std::string defaultSeedPath);

    ApiResponse handle(ApiRequest &request);
    //! Loads a seed file; empty on success, else the reason.
    std::string loadSeedFile(const std::string &path);
    std::string saveState(const std::string &path) const;
    std::string loadState(const std::string &path);

private:
    ApiResponse event(const Json &body);
    ApiResponse tenantTimesheets(const std::string &tenantId);
    ApiResponse tenantTimeEntries(const std::string &tenantId);
    Json fullState() const;
    static ApiResponse bad(const std::string &message);

    EmulatorContext m_context;
    Parts m_parts;
    std::string m_defaultSeedPath;
};

} // namespace XeroEmulator
