#include "redisrefreshlock.h"

#include <QUuid>

#include "core/queue/redisconnection.h"

namespace XeroSync {

namespace {

const QByteArray LockScript = R"lua(
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
)lua";

const QByteArray UnlockScript = R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua";

} // namespace

RedisRefreshLock::RedisRefreshLock(RedisConfig config, QByteArray keyPrefix)
    : m_redis(std::make_unique<RedisConnection>(
        std::move(config), QByteArrayLiteral("xerosync-refresh-lock")))
    , m_prefix(std::move(keyPrefix))
{ }

RedisRefreshLock::~RedisRefreshLock() = default;

Result<std::optional<RefreshLock::Lease>> RedisRefreshLock::tryLock(const QString &key, int ttlMs)
{
    const auto value = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray lockKey = m_prefix + ':' + key.toUtf8();
    const auto reply = m_redis->command(
        { "EVAL", LockScript, "2", lockKey, lockKey + ":fence", value, QByteArray::number(ttlMs) });
    if (!reply)
        return std::unexpected(reply.error());
    if (reply->isError())
        return fail(ErrorCode::Internal,
            QStringLiteral("refresh lock script failed: %1").arg(reply->toString()));
    if (reply->toInt() == 0)
        return std::optional<Lease> {};
    return std::optional(Lease { value, reply->toInt() });
}

void RedisRefreshLock::unlock(const QString &key, const Lease &lease)
{
    (void)m_redis->command(
        { "EVAL", UnlockScript, "1", m_prefix + ':' + key.toUtf8(), lease.value });
}

} // namespace XeroSync
