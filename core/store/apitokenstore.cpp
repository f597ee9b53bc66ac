#include "apitokenstore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>

#include "core/store/database.h"
#include "core/store/sqlvalue.h"

using namespace Qt::StringLiterals;

namespace XeroSync {
namespace {
// How often last_used_at is refreshed: a write per request would be wasteful.
constexpr qint64 LAST_USED_GRANULARITY_SECS = 60;

ApiToken tokenFrom(const QSqlQuery &q)
{
    ApiToken token;
    token.id = q.value(0).toLongLong();
    token.name = q.value(1).toString();
    token.role =
        q.value(2).toString() == u"admin"_s ? ApiToken::Role::Admin : ApiToken::Role::Viewer;
    token.createdAt = q.value(3).toDateTime().toUTC();
    token.lastUsedAt = q.value(4).isNull() ? QDateTime() : q.value(4).toDateTime().toUTC();
    token.revokedAt = q.value(5).isNull() ? QDateTime() : q.value(5).toDateTime().toUTC();
    return token;
}

constexpr auto COLUMNS = "id, name, role, created_at, last_used_at, revoked_at";
} // namespace

ApiTokenStore::ApiTokenStore(Database &database, const Clock &clock)
    : m_database(database)
    , m_clock(clock)
{ }

QString ApiTokenStore::hash(const QString &secret)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<ApiToken::Role> ApiTokenStore::roleFromName(const QString &name)
{
    if (name == u"admin"_s)
        return ApiToken::Role::Admin;
    if (name == u"viewer"_s)
        return ApiToken::Role::Viewer;
    return fail(ErrorCode::BadRequest, u"role must be admin or viewer (got '%1')"_s.arg(name));
}

Result<ApiTokenStore::Created> ApiTokenStore::create(const QString &name, ApiToken::Role role)
{
    static const QRegularExpression namePattern(u"^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$"_s);
    if (!namePattern.match(name).hasMatch())
        return fail(ErrorCode::BadRequest,
            u"a token name is 1-64 letters, digits, spaces or . _ @ - (got '%1')"_s.arg(name));
    quint32 random[8];
    QRandomGenerator::system()->fillRange(random);
    const QByteArray bytes(reinterpret_cast<const char *>(random), sizeof random);
    const QString secret = u"xs_"_s
        + QString::fromLatin1(
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    // A revoked token keeps its row for the audit trail but frees its name.
    auto cleared = m_database.exec(
        u"UPDATE api_tokens SET name = name || ' (revoked ' || id || ')' WHERE name = ? AND revoked_at IS NOT NULL"_s,
        { name });
    if (!cleared)
        return std::unexpected(cleared.error());
    auto q = m_database.exec(
        u"INSERT INTO api_tokens (name, token_hash, role, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO NOTHING RETURNING %1"_s.arg(QLatin1StringView(COLUMNS)),
        { name, hash(secret), ApiToken::roleName(role), Sql::timestamp(m_clock.now()) });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::Conflict,
            u"a token named '%1' already exists; revoke it first or pick another name"_s.arg(name));
    return Created { tokenFrom(*q), secret };
}

Result<void> ApiTokenStore::revoke(const QString &name)
{
    auto q = m_database.exec(
        u"UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING id"_s,
        { Sql::timestamp(m_clock.now()), name });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::NotFound, u"no active token is named '%1'"_s.arg(name));
    return {};
}

Result<QList<ApiToken>> ApiTokenStore::list(bool includeRevoked)
{
    auto q = m_database.exec(u"SELECT %1 FROM api_tokens %2 ORDER BY name"_s.arg(
        QLatin1StringView(COLUMNS), includeRevoked ? QString() : u"WHERE revoked_at IS NULL"_s));
    if (!q)
        return std::unexpected(q.error());
    QList<ApiToken> out;
    while (q->next())
        out << tokenFrom(*q);
    return out;
}

Result<ApiToken> ApiTokenStore::verify(const QString &secret)
{
    if (!secret.startsWith(u"xs_"_s) || secret.size() > 128)
        return fail(ErrorCode::Unauthorized, u"the bearer token is not valid"_s);
    // Looked up by hash: timing reveals at most a prefix of a SHA-256, never of the token.
    auto q = m_database.exec(
        u"SELECT %1 FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL"_s.arg(
            QLatin1StringView(COLUMNS)),
        { hash(secret) });
    if (!q)
        return std::unexpected(q.error());
    if (!q->next())
        return fail(ErrorCode::Unauthorized, u"the bearer token is not valid or was revoked"_s);
    ApiToken token = tokenFrom(*q);
    const QDateTime now = m_clock.now();
    if (!token.lastUsedAt.isValid() || token.lastUsedAt.secsTo(now) > LAST_USED_GRANULARITY_SECS) {
        // Best effort: failing to note the use must not refuse the request.
        (void)m_database.exec(u"UPDATE api_tokens SET last_used_at = ? WHERE id = ?"_s,
            { Sql::timestamp(now), token.id });
        token.lastUsedAt = now;
    }
    return token;
}

} // namespace XeroSync
