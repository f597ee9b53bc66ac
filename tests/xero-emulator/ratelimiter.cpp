#include "ratelimiter.h"

#include <algorithm>

#include <QCryptographicHash>

#include "emulatorclock.h"
#include "emulatorconfig.h"

namespace XeroEmulator {

static constexpr qint64 MinuteMs = 60'000;
static constexpr qint64 DayMs = 86'400'000;

RateLimiter::RateLimiter(const EmulatorConfig &config, const EmulatorClock &clock)
    : m_config(config)
    , m_clock(clock)
{ }

qint64 RateLimiter::windowStart(const std::string &key, qint64 lengthMs) const
{
    // "Fixed windows which reset at different times for each tenant": a stable per-key offset.
    const auto hash =
        QCryptographicHash::hash(QByteArray::fromStdString(key), QCryptographicHash::Md5);
    const qint64 offset = (static_cast<quint8>(hash[0]) << 16 | static_cast<quint8>(hash[1]) << 8
                              | static_cast<quint8>(hash[2]))
        % (lengthMs / 1000) * 1000;
    const qint64 now = m_clock.nowMs();
    const qint64 shifted = now - offset;
    const qint64 index = shifted >= 0 ? shifted / lengthMs : (shifted - lengthMs + 1) / lengthMs;
    return index * lengthMs + offset;
}

RateLimiter::Window &RateLimiter::window(
    std::map<std::string, Window> &windows, const std::string &key, qint64 lengthMs)
{
    auto &current = windows[key];
    const auto start = windowStart(key, lengthMs);
    if (current.start != start)
        current = Window { start, 0 };
    return current;
}

int RateLimiter::countIn(
    const std::map<std::string, Window> &windows, const std::string &key, qint64 lengthMs) const
{
    const auto it = windows.find(key);
    if (it == windows.end() || it->second.start != windowStart(key, lengthMs))
        return 0;
    return it->second.count;
}

RateLimiter::Decision RateLimiter::admit(
    const std::string &tenantId, int dailyLimit, const std::string &clientId)
{
    const auto now = m_clock.nowMs();
    auto &day = window(m_day, tenantId, DayMs);
    auto &minute = window(m_minute, tenantId, MinuteMs);
    auto &app = window(m_appMinute, clientId, MinuteMs);
    const auto retryAfter = [now](const Window &w, qint64 length) {
        return static_cast<int>((w.start + length - now + 999) / 1000);
    };
    Decision decision;
    if (day.count >= dailyLimit)
        decision = { false, "day", retryAfter(day, DayMs) };
    else if (minute.count >= m_config.minuteLimit)
        decision = { false, "minute", retryAfter(minute, MinuteMs) };
    else if (app.count >= m_config.appMinuteLimit)
        decision = { false, "appminute", retryAfter(app, MinuteMs) };
    else if (m_inFlight[tenantId] >= m_config.concurrentLimit)
        decision = { false, "concurrent", 0 }; // the header value is unverified (research §17.2)
    if (!decision.allowed) {
        ++m_rejected[decision.problem];
        return decision;
    }
    ++day.count;
    ++minute.count;
    ++app.count;
    const int inFlight = ++m_inFlight[tenantId];
    m_peakInFlight[tenantId] = std::max(m_peakInFlight[tenantId], inFlight);
    return decision;
}

void RateLimiter::release(const std::string &tenantId)
{
    auto &inFlight = m_inFlight[tenantId];
    inFlight = std::max(0, inFlight - 1);
}

void RateLimiter::addHeaders(
    ApiResponse &response, const std::string &tenantId, int dailyLimit, const std::string &clientId)
{
    const auto remaining = [](int limit, int used) {
        return QByteArray::number(std::max(0, limit - used));
    };
    response.setHeader(
        "X-DayLimit-Remaining", remaining(dailyLimit, countIn(m_day, tenantId, DayMs)));
    response.setHeader("X-MinLimit-Remaining",
        remaining(m_config.minuteLimit, countIn(m_minute, tenantId, MinuteMs)));
    response.setHeader("X-AppMinLimit-Remaining",
        remaining(m_config.appMinuteLimit, countIn(m_appMinute, clientId, MinuteMs)));
}

void RateLimiter::clear()
{
    m_minute.clear();
    m_day.clear();
    m_appMinute.clear();
    m_inFlight.clear();
    m_rejected.clear();
    m_peakInFlight.clear();
}

Json RateLimiter::stats() const
{
    Json peaks = Json::object();
    for (const auto &[tenant, peak] : m_peakInFlight)
        peaks[tenant] = peak;
    Json rejected = Json::object();
    for (const auto &[problem, count] : m_rejected)
        rejected[problem] = count;
    return Json { { "rejected", rejected }, { "peakInFlight", peaks } };
}

} // namespace XeroEmulator
