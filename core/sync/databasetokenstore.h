#pragma once

#include "core/store/database.h"
#include "core/sync/tokencipher.h"
#include "core/xero/tokenstore.h"

namespace XeroSync {

//! TokenStore on PostgreSQL (`xero_token_sets`), every token encrypted with TokenCipher.
class DatabaseTokenStore final : public TokenStore
{
public:
    DatabaseTokenStore(Database &database, TokenCipher cipher);

    Result<std::optional<Stored>> load(const QString &tokenSetId) override;
    Result<bool> save(const QString &tokenSetId, const TokenSet &tokens, qint64 fence) override;
    Result<void> markReconnectNeeded(const QString &tokenSetId, const QString &reason) override;

private:
    Database &m_database;
    TokenCipher m_cipher;
};

} // namespace XeroSync
