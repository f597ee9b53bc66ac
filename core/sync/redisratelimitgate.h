#pragma once

#include <memory>
#include <optional>

#include <QDate>
#include <QHash>

#include "core/queue/redisconfig.h"
#include "core/xero/ratelimitgate.h"

namespace XeroSync {

class RedisConnection;

//! RateLimitGate on Redis, so all workers of all agents share one count per tenant. Sliding
//! windows (a ZSET of call times) never let more than the limit into any fixed window, whatever
//! offset Xero's windows have; in-flight slots are leases that expire if a holder dies.
class RedisRateLimitGate final : public RateLimitGate
{
public:
    struct Limits
    {
        int concurrent = 5;
        int perMinute = 60;
        int perDay = 5000;
        int windowMs = 60'000; //!< the "minute"; tests shorten it
        int marginMs = 1'000; //!< added to the window: calls reach Xero a little after their permit
        //! An in-flight slot not released or renewed by then is freed: short, so the slots of
        //! an agent that died (kill -9, power loss) come back within seconds, while the living
        //! renew theirs (renewLeases()) for calls that take longer.
        int leaseMs = 15'000;
    };

    RedisRateLimitGate(
        RedisConfig config, Limits limits, QByteArray keyPrefix = "xerosync:ratelimit");
    ~RedisRateLimitGate() override;

    //! What is left of the limits of one organisation now, for the status route.
    struct Headroom
    {
        int inFlight = 0;
        int usedThisMinute = 0;
        int usedToday = 0;
        qint64 blockedForMs = 0; //!< a Retry-After still running
        //! What Xero last said is left of today's quota (X-DayLimit-Remaining), shared by agents.
        std::optional<int> xeroDayRemaining;
        //! Under a fifth of the day's calls left: syncs will soon wait for the next day.
        bool dayQuotaLow = false;
        Limits limits;
    };

    Result<Headroom> headroom(const QString &tenant);

    Result<Permit> tryAcquire(const QString &tenant) override;
    void release(const QString &tenant, const QByteArray &permitId) override;
    //! Xero's answer corrects the shared count: X-MinLimit-Remaining lower than our window
    //! leaves fills the window up to it (calls we never saw; not on a 429, whose Retry-After
    //! is exact), X-DayLimit-Remaining is kept for
    //! the status route and a batch's quota check, and a 429's Retry-After stops every caller.
    void observe(const QString &tenant, const RateLimitInfo &limits, int status) override;

    //! Extends the lease of every slot this gate holds; call it every leaseMs / 3 or so.
    void renewLeases();

private:
    QByteArray key(const QString &tenant, const char *part) const;

    std::unique_ptr<RedisConnection> m_redis;
    Limits m_limits;
    QByteArray m_prefix;
    QHash<QByteArray, QByteArray> m_held; //!< permit id -> its in-flight key
    QHash<QString, QDate> m_warnedLowOn; //!< a running-low warning once a day per organisation
};

} // namespace XeroSync
