#include "redisratelimitgate.h"

#include <QDateTime>
#include <QUuid>

#include "core/queue/redisconnection.h"
#include "core/sync/synclogging.h"

namespace XeroSync {

namespace {

// KEYS: in-flight leases, minute window, day window, blocked-until.
// ARGV: permit id, concurrent, per minute, per day, window ms, day ms, lease ms.
// Returns {granted, wait ms, reason}. Time comes from Redis, the one clock all agents share.
const QByteArray AcquireScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, day, lease = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - day)
local blocked = tonumber(redis.call('GET', KEYS[4]) or '0')
if blocked > now then return {0, blocked - now, 'retry-after'} end
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + day - now + 1, 'day'}
end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + window - now + 1, 'minute'}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {0, 25, 'concurrent'} end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
redis.call('PEXPIRE', KEYS[2], window * 2)
redis.call('PEXPIRE', KEYS[3], day + window)
return {1, 0, 'ok'}
)lua";

} // namespace

RedisRateLimitGate::RedisRateLimitGate(RedisConfig config, Limits limits, QByteArray keyPrefix)
    : m_redis(std::make_unique<RedisConnection>(
        std::move(config), QByteArrayLiteral("xerosync-ratelimit")))
    , m_limits(limits)
    , m_prefix(std::move(keyPrefix))
{ }

RedisRateLimitGate::~RedisRateLimitGate() = default;

namespace {
// Read-only: counts what the acquire script would count, without trimming or adding.
const QByteArray HeadroomScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, day = tonumber(ARGV[1]), tonumber(ARGV[2])
local blocked = tonumber(redis.call('GET', KEYS[4]) or '0') - now
if blocked < 0 then blocked = 0 end
return {redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf'),
        redis.call('ZCOUNT', KEYS[2], '(' .. (now - window), '+inf'),
        redis.call('ZCOUNT', KEYS[3], '(' .. (now - day), '+inf'), blocked}
)lua";
} // namespace

Result<RedisRateLimitGate::Headroom> RedisRateLimitGate::headroom(const QString &tenant)
{
    const auto reply = m_redis->command({ "EVAL", HeadroomScript, "4", key(tenant, "inflight"),
        key(tenant, "minute"), key(tenant, "day"), key(tenant, "blocked"),
        QByteArray::number(m_limits.windowMs + m_limits.marginMs),
        QByteArray::number(86'400'000) });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->isError() || reply->elements.size() != 4)
        return fail(
            ErrorCode::Internal, QStringLiteral("rate-limit headroom: ") + reply->toString());
    Headroom out;
    out.inFlight = int(reply->elements[0].integer);
    out.usedThisMinute = int(reply->elements[1].integer);
    out.usedToday = int(reply->elements[2].integer);
    out.blockedForMs = reply->elements[3].integer;
    out.limits = m_limits;
    if (const auto remaining = m_redis->command({ "GET", key(tenant, "xeroday") });
        remaining && !remaining->isNil()) {
        out.xeroDayRemaining = remaining->toString().toInt();
        out.dayQuotaLow = *out.xeroDayRemaining < m_limits.perDay / 5;
    }
    return out;
}

QByteArray RedisRateLimitGate::key(const QString &tenant, const char *part) const
{
    return m_prefix + ':' + tenant.toUtf8() + ':' + part;
}

Result<RateLimitGate::Permit> RedisRateLimitGate::tryAcquire(const QString &tenant)
{
    const auto id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    // Plain EVAL: the script is small and Redis caches it by its hash.
    const auto reply = m_redis->command(
        { "EVAL", AcquireScript, "4", key(tenant, "inflight"), key(tenant, "minute"),
            key(tenant, "day"), key(tenant, "blocked"), id, QByteArray::number(m_limits.concurrent),
            QByteArray::number(m_limits.perMinute), QByteArray::number(m_limits.perDay),
            QByteArray::number(m_limits.windowMs + m_limits.marginMs),
            QByteArray::number(86'400'000LL + m_limits.marginMs),
            QByteArray::number(m_limits.leaseMs) });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->isError() || !reply->isArray() || reply->elements.size() != 3)
        return fail(ErrorCode::Internal,
            QStringLiteral("rate limit script failed: %1").arg(reply->toString()));
    Permit permit;
    permit.granted = reply->elements[0].toInt() == 1;
    permit.id = id;
    permit.waitMs = static_cast<int>(std::min<qint64>(reply->elements[1].toInt(), 86'400'000LL));
    permit.reason = reply->elements[2].toString();
    if (permit.granted)
        m_held.insert(id, key(tenant, "inflight"));
    return permit;
}

void RedisRateLimitGate::release(const QString &tenant, const QByteArray &permitId)
{
    if (permitId.isEmpty())
        return;
    m_held.remove(permitId);
    (void)m_redis->command(
        { "ZREM", key(tenant, "inflight"), permitId }); // a lost release expires with its lease
}

namespace {
// XX: only slots still there (a slot freed after a long Redis outage stays freed).
const QByteArray RenewScript = R"lua(
local t = redis.call('TIME')
local until_ = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', until_, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
return 1
)lua";
} // namespace

namespace {
// Xero's X-MinLimit-Remaining below what our window leaves: calls we did not count (another
// installation, a call made before its organisation was known) fill the difference, stamped now,
// so the gate waits as Xero will. Never removes: our window is never less strict than Xero's.
// KEYS: minute window. ARGV: window ms, per minute, Xero's remaining. Returns the calls added.
const QByteArray CorrectScript = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local extra = tonumber(ARGV[2]) - redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[3])
if extra <= 0 then return 0 end
for i = 1, extra do redis.call('ZADD', KEYS[1], now, 'xero:' .. now .. ':' .. i) end
redis.call('PEXPIRE', KEYS[1], window * 2)
return extra
)lua";
} // namespace

void RedisRateLimitGate::renewLeases()
{
    QHash<QByteArray, QList<QByteArray>> byKey;
    for (auto it = m_held.cbegin(); it != m_held.cend(); ++it)
        byKey[it.value()] << it.key();
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        QList<QByteArray> command { "EVAL", RenewScript, "1", it.key(),
            QByteArray::number(m_limits.leaseMs) };
        command += it.value();
        (void)m_redis->command(command);
    }
}

void RedisRateLimitGate::observe(const QString &tenant, const RateLimitInfo &limits, int status)
{
    if (limits.dayRemaining) {
        // Xero's own count, for every agent's status route; it is stale after a day.
        (void)m_redis->command({ "SET", key(tenant, "xeroday"),
            QByteArray::number(*limits.dayRemaining), "EX", "86400" });
        const QDate today = QDateTime::currentDateTimeUtc().date();
        if (*limits.dayRemaining < m_limits.perDay / 5 && m_warnedLowOn.value(tenant) != today) {
            m_warnedLowOn.insert(tenant, today);
            qCWarning(lcSync).noquote() << QStringLiteral(
                "Xero's daily quota for organisation %1 is running low: %2 calls left "
                "today of %3; once it is used up, syncs wait for Xero's next day")
                                               .arg(tenant)
                                               .arg(*limits.dayRemaining)
                                               .arg(m_limits.perDay);
        }
    }
    // Not on a 429: its Retry-After says exactly when Xero's window frees, and calls filled in
    // "now" would hold for a whole minute instead.
    if (status != 429 && limits.minuteRemaining && *limits.minuteRemaining >= 0) {
        const auto added = m_redis->command({ "EVAL", CorrectScript, "1", key(tenant, "minute"),
            QByteArray::number(m_limits.windowMs + m_limits.marginMs),
            QByteArray::number(m_limits.perMinute), QByteArray::number(*limits.minuteRemaining) });
        if (added && added->toInt() > 0)
            qCDebug(lcSync) << "Xero counts" << added->toInt()
                            << "more calls this minute than we did for" << tenant;
    }
    // Xero said stop: nobody calls this tenant until Retry-After has passed.
    if (status == 429 && limits.retryAfterSeconds && *limits.retryAfterSeconds > 0) {
        const auto reply = m_redis->command({ "TIME" });
        if (!reply || reply->elements.size() != 2)
            return;
        const qint64 now = reply->elements[0].toInt() * 1000 + reply->elements[1].toInt() / 1000;
        const auto until = QByteArray::number(now + *limits.retryAfterSeconds * 1000LL);
        (void)m_redis->command({ "SET", key(tenant, "blocked"), until, "PX",
            QByteArray::number(*limits.retryAfterSeconds * 1000LL + 1000) });
    }
}

} // namespace XeroSync
