#pragma once

#include <map>
#include <string>

#include "apiresponse.h"

namespace XeroEmulator {

class EmulatorClock;
struct EmulatorConfig;

//! Xero's per-tenant limits (5 in flight, 60 a minute, a daily quota) and the per-app minute
//! limit, in fixed windows that start at a different moment for each tenant (research §9).
class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        std::string problem; //!< X-Rate-Limit-Problem: minute, day, appminute or concurrent
        int retryAfterSeconds = 0; //!< 0: no Retry-After header (the concurrent limit)
    };

    RateLimiter(const EmulatorConfig &config, const EmulatorClock &clock);

    //! Counts the call, or refuses it without counting it.
    Decision admit(const std::string &tenantId, int dailyLimit, const std::string &clientId);
    //! The call has been answered: one fewer in flight.
    void release(const std::string &tenantId);
    void addHeaders(ApiResponse &response, const std::string &tenantId, int dailyLimit,
        const std::string &clientId);
    void clear();
    Json stats() const;

private:
    struct Window
    {
        qint64 start = 0;
        int count = 0;
    };

    Window &window(std::map<std::string, Window> &windows, const std::string &key, qint64 lengthMs);
    int countIn(const std::map<std::string, Window> &windows, const std::string &key,
        qint64 lengthMs) const;
    qint64 windowStart(const std::string &key, qint64 lengthMs) const;

    const EmulatorConfig &m_config;
    const EmulatorClock &m_clock;
    std::map<std::string, Window> m_minute;
    std::map<std::string, Window> m_day;
    std::map<std::string, Window> m_appMinute;
    std::map<std::string, int> m_inFlight;
    std::map<std::string, int> m_rejected; //!< by problem
    std::map<std::string, int> m_peakInFlight;
};

} // namespace XeroEmulator
