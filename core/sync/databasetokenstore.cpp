#include "databasetokenstore.h"

#include <QSqlQuery>
#include <QVariant>

namespace XeroSync {

DatabaseTokenStore::DatabaseTokenStore(Database &database, TokenCipher cipher)
    : m_database(database)
    , m_cipher(std::move(cipher))
{ }

Result<std::optional<TokenStore::Stored>> DatabaseTokenStore::load(const QString &tokenSetId)
{
    auto query = m_database.exec(
        QStringLiteral(
            "SELECT access_token_enc, access_token_expires_at, refresh_token_enc, scopes, "
            "fence, status, coalesce(status_reason, ''), updated_at FROM xero_token_sets "
            "WHERE id = ?"),
        { tokenSetId });
    if (!query)
        return std::unexpected(query.error());
    if (!query->next())
        return std::optional<Stored> {};
    Stored stored;
    const auto open = [this](const QVariant &value) -> Result<QString> {
        if (value.isNull())
            return QString();
        auto plain = m_cipher.decrypt(value.toByteArray());
        if (!plain)
            return std::unexpected(plain.error());
        return QString::fromUtf8(*plain);
    };
    auto access = open(query->value(0));
    auto refresh = open(query->value(2));
    if (!access)
        return std::unexpected(access.error());
    if (!refresh)
        return std::unexpected(refresh.error());
    stored.tokens.accessToken = *access;
    stored.tokens.refreshToken = *refresh;
    stored.tokens.expiresAt = query->value(1).toDateTime().toUTC();
    stored.tokens.scopes = query->value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    stored.fence = query->value(4).toLongLong();
    stored.reconnectNeeded = query->value(5).toString() == QLatin1String("RECONNECT_NEEDED");
    stored.reason = query->value(6).toString();
    stored.savedAt = query->value(7).toDateTime().toUTC();
    return std::optional(stored);
}

Result<bool> DatabaseTokenStore::save(
    const QString &tokenSetId, const TokenSet &tokens, qint64 fence)
{
    const auto access = m_cipher.encrypt(tokens.accessToken.toUtf8());
    const auto refresh = m_cipher.encrypt(tokens.refreshToken.toUtf8());
    if (!access)
        return std::unexpected(access.error());
    if (!refresh)
        return std::unexpected(refresh.error());
    auto query = m_database.exec(
        QStringLiteral(
            "INSERT INTO xero_token_sets (id, access_token_enc, access_token_expires_at, "
            "refresh_token_enc, scopes, fence, "
            "status, status_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CONNECTED', NULL, "
            "now()) "
            "ON CONFLICT (id) DO UPDATE SET access_token_enc = EXCLUDED.access_token_enc, "
            "access_token_expires_at = EXCLUDED.access_token_expires_at, refresh_token_enc = "
            "EXCLUDED.refresh_token_enc, "
            "scopes = EXCLUDED.scopes, fence = EXCLUDED.fence, status = 'CONNECTED', status_reason "
            "= NULL, updated_at = now() "
            "WHERE xero_token_sets.fence <= EXCLUDED.fence"),
        { tokenSetId, *access, tokens.expiresAt, *refresh, tokens.scopes.join(QLatin1Char(' ')),
            fence });
    if (!query)
        return std::unexpected(query.error());
    return query->numRowsAffected() == 1;
}

Result<void> DatabaseTokenStore::markReconnectNeeded(
    const QString &tokenSetId, const QString &reason)
{
    auto query =
        m_database.exec(QStringLiteral("UPDATE xero_token_sets SET status = 'RECONNECT_NEEDED', "
                                       "status_reason = ?, updated_at = now() WHERE id = ?"),
            { reason, tokenSetId });
    if (!query)
        return std::unexpected(query.error());
    return {};
}

} // namespace XeroSync
