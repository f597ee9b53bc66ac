#include "redisconfig.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace XeroSync {

Result<RedisConfig> RedisConfig::fromUrl(const QString &url)
{
    const QUrl parsed(url.trimmed(), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (scheme == u"rediss")
        return fail(ErrorCode::BadRequest,
            u"REDIS_URL uses rediss:// (TLS), which this build cannot do: Debian 12's hiredis 0.14 "
            "has no TLS support. Use redis:// on a trusted network or a local TLS tunnel (stunnel)"_s);
    if (!parsed.isValid() || (scheme != u"redis" && scheme != u"unix"))
        return fail(ErrorCode::BadRequest,
            u"REDIS_URL must look like redis://[:password@]host[:port][/db] (got '%1')"_s.arg(
                parsed.isValid() ? scheme + u"://…"_s : u"an invalid URL"_s));
    RedisConfig config;
    config.username = parsed.userName(QUrl::FullyDecoded);
    config.password = parsed.password(QUrl::FullyDecoded);
    if (scheme == u"unix") {
        config.unixSocket = parsed.path(QUrl::FullyDecoded);
        if (config.unixSocket.isEmpty())
            return fail(ErrorCode::BadRequest, u"REDIS_URL unix:// needs a socket path"_s);
        const QUrlQuery query(parsed);
        if (query.hasQueryItem(u"db"_s)) {
            bool ok = false;
            config.database = query.queryItemValue(u"db"_s).toInt(&ok);
            if (!ok || config.database < 0)
                return fail(ErrorCode::BadRequest, u"REDIS_URL has an invalid db"_s);
        }
        return config;
    }
    if (!parsed.host().isEmpty())
        config.host = parsed.host();
    if (parsed.port() != -1)
        config.port = parsed.port();
    const QString path = parsed.path();
    if (path.size() > 1) {
        bool ok = false;
        config.database = path.mid(1).toInt(&ok);
        if (!ok || config.database < 0)
            return fail(ErrorCode::BadRequest,
                u"REDIS_URL has an invalid database number '%1'"_s.arg(path.mid(1)));
    }
    return config;
}

QString RedisConfig::redacted() const
{
    const QString auth = password.isEmpty() ? QString() : username + u":***@"_s;
    if (!unixSocket.isEmpty())
        return u"unix://"_s + auth + unixSocket + u"?db="_s + QString::number(database);
    return u"redis://"_s + auth + host + u':' + QString::number(port) + u'/'
        + QString::number(database);
}

} // namespace XeroSync
