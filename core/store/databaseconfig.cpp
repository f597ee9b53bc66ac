#include "databaseconfig.h"

#include <algorithm>

#include <QUrl>

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
QString decode(QStringView s)
{
    return QUrl::fromPercentEncoding(s.toUtf8());
}

// Query keys that QPSQL's connect options accept (libpq parameters); others are rejected so a
// typo does not pass silently.
const QStringList ALLOWED_OPTIONS = { u"sslmode"_s, u"sslrootcert"_s, u"sslcert"_s, u"sslkey"_s,
    u"connect_timeout"_s, u"application_name"_s, u"options"_s, u"target_session_attrs"_s,
    u"keepalives"_s, u"keepalives_idle"_s };
} // namespace

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &url)
{
    // Hand-parsed rather than through QUrl: QUrl rejects libpq's percent-encoded socket
    // directories ("%2Frun%2Fpostgresql") as host names.
    const QString trimmed = url.trimmed();
    QStringView rest(trimmed);
    if (rest.startsWith(u"postgresql://"))
        rest = rest.mid(13);
    else if (rest.startsWith(u"postgres://"))
        rest = rest.mid(11);
    else
        return fail(ErrorCode::BadRequest,
            u"DATABASE_URL must start with postgres:// or postgresql:// (got '%1')"_s.arg(
                trimmed.section(u':', 0, 0)));

    DatabaseConfig config;
    QStringView query;
    if (const auto q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    QStringView path;
    if (const auto slash = rest.indexOf(u'/'); slash >= 0) {
        path = rest.mid(slash + 1);
        rest = rest.left(slash);
    }
    if (const auto at = rest.lastIndexOf(u'@'); at >= 0) {
        const QStringView userInfo = rest.left(at);
        rest = rest.mid(at + 1);
        if (const auto colon = userInfo.indexOf(u':'); colon >= 0) {
            config.user = decode(userInfo.left(colon));
            config.password = decode(userInfo.mid(colon + 1));
        } else {
            config.user = decode(userInfo);
        }
    }
    QStringView hostPart = rest;
    QStringView portPart;
    if (hostPart.startsWith(u'[')) { // [::1]:5432
        const auto close = hostPart.indexOf(u']');
        if (close < 0)
            return fail(ErrorCode::BadRequest, u"DATABASE_URL has an unclosed '[' in its host"_s);
        portPart = hostPart.mid(close + 1);
        hostPart = hostPart.mid(1, close - 1);
        if (!portPart.isEmpty() && !portPart.startsWith(u':'))
            return fail(ErrorCode::BadRequest, u"DATABASE_URL has junk after its host"_s);
        portPart = portPart.mid(1);
    } else if (const auto colon = hostPart.lastIndexOf(u':'); colon >= 0) {
        portPart = hostPart.mid(colon + 1);
        hostPart = hostPart.left(colon);
    }
    config.host = decode(hostPart);
    if (!portPart.isEmpty()) {
        bool ok = false;
        const int port = portPart.toInt(&ok);
        if (!ok || port <= 0 || port > 65535)
            return fail(ErrorCode::BadRequest,
                u"DATABASE_URL has an invalid port '%1'"_s.arg(portPart.toString()));
        config.port = port;
    }
    config.database = decode(path);
    if (config.database.contains(u'/'))
        return fail(ErrorCode::BadRequest, u"DATABASE_URL has a '/' in its database name"_s);

    QStringList options;
    for (const QStringView item : query.split(u'&', Qt::SkipEmptyParts)) {
        const auto eq = item.indexOf(u'=');
        const QString key = decode(eq < 0 ? item : item.left(eq));
        const QString value = eq < 0 ? QString() : decode(item.mid(eq + 1));
        if (key == u"host") {
            config.host = value;
        } else if (key == u"port") {
            bool ok = false;
            config.port = value.toInt(&ok);
            if (!ok || config.port <= 0 || config.port > 65535)
                return fail(
                    ErrorCode::BadRequest, u"DATABASE_URL has an invalid port '%1'"_s.arg(value));
        } else if (key == u"user") {
            config.user = value;
        } else if (key == u"password") {
            config.password = value;
        } else if (ALLOWED_OPTIONS.contains(key)) {
            if (value.contains(u';'))
                return fail(ErrorCode::BadRequest,
                    u"DATABASE_URL option '%1' must not contain ';'"_s.arg(key));
            options << key + u'=' + value;
        } else {
            return fail(ErrorCode::BadRequest,
                u"DATABASE_URL has an unsupported parameter '%1'"_s.arg(key));
        }
    }
    if (config.host.isEmpty())
        config.host = u"/var/run/postgresql"_s;
    if (config.user.isEmpty())
        config.user = qEnvironmentVariable("USER", u"postgres"_s);
    if (config.database.isEmpty())
        config.database = config.user;
    // Without a connect timeout, a dead server can stall a worker for minutes.
    if (!std::ranges::any_of(
            options, [](const QString &o) { return o.startsWith(u"connect_timeout="); }))
        options << u"connect_timeout=5"_s;
    if (!std::ranges::any_of(
            options, [](const QString &o) { return o.startsWith(u"application_name="); }))
        options << u"application_name=xerosync"_s;
    config.connectOptions = options.join(u';');
    return config;
}

QString DatabaseConfig::redacted() const
{
    const QString auth = password.isEmpty() ? user : user + u":***"_s;
    const QString hostText = isUnixSocket() ? QString::fromLatin1(QUrl::toPercentEncoding(host))
                                            : (host.contains(u':') ? u'[' + host + u']' : host);
    // Concatenated, not arg(): an encoded socket path holds '%2F', which arg() would substitute.
    return u"postgres://"_s + auth + u'@' + hostText + u':' + QString::number(port) + u'/'
        + database;
}

} // namespace XeroSync
