#pragma once

#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! Where Redis is, parsed from REDIS_URL: `redis://[[user]:password@]host[:port][/db]` or
//! `unix:///path/to/redis.sock[?db=N]`.
struct RedisConfig
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 6379;
    QString unixSocket; //!< when set, host and port are unused
    QString username; //!< Redis 6 ACL user; empty for plain AUTH
    QString password;
    int database = 0;

    //! `rediss://` is refused: Debian's hiredis 0.14 has no TLS.
    static Result<RedisConfig> fromUrl(const QString &url);
    QString redacted() const;
};

} // namespace XeroSync
