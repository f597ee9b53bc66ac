#pragma once

#include <memory>

#include "core/queue/redisconfig.h"
#include "core/xero/tokenstore.h"

namespace XeroSync {

class RedisConnection;

//! RefreshLock on Redis: SET NX PX with a random value, released only by its holder, and a
//! fence counter that grows with every lease so a late writer can be recognised.
class RedisRefreshLock final : public RefreshLock
{
public:
    explicit RedisRefreshLock(RedisConfig config, QByteArray keyPrefix = "xerosync:refresh-lock");
    ~RedisRefreshLock() override;

    Result<std::optional<Lease>> tryLock(const QString &key, int ttlMs) override;
    void unlock(const QString &key, const Lease &lease) override;

private:
    std::unique_ptr<RedisConnection> m_redis;
    QByteArray m_prefix;
};

} // namespace XeroSync
