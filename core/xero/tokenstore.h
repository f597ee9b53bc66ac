#pragma once

#include <optional>

#include "core/common/error.h"
#include "core/xero/tokenset.h"

namespace XeroSync {

//! Where one authorisation's tokens live (encrypted), shared by all agents. core/xero declares
//! it; core/sync implements it on PostgreSQL.
class TokenStore
{
public:
    struct Stored
    {
        TokenSet tokens;
        qint64 fence = 0; //!< the lock fence of the refresh that wrote them
        bool reconnectNeeded = false;
        QString reason;
        QDateTime savedAt; //!< when these tokens were stored: the refresh token's age
    };

    virtual ~TokenStore() = default;
    virtual Result<std::optional<Stored>> load(const QString &tokenSetId) = 0;
    //! Saves unless the stored tokens carry a newer fence (a refresher whose lock ran out must
    //! not overwrite its successor's tokens); false when refused.
    virtual Result<bool> save(const QString &tokenSetId, const TokenSet &tokens, qint64 fence) = 0;
    virtual Result<void> markReconnectNeeded(const QString &tokenSetId, const QString &reason) = 0;
};

//! A lock across agents so that exactly one refreshes a token set at a time (research §13 #1).
class RefreshLock
{
public:
    struct Lease
    {
        QByteArray value;
        qint64 fence = 0; //!< grows with every lease of the key
    };

    virtual ~RefreshLock() = default;
    //! nullopt: someone else holds it.
    virtual Result<std::optional<Lease>> tryLock(const QString &key, int ttlMs) = 0;
    virtual void unlock(const QString &key, const Lease &lease) = 0;
};

} // namespace XeroSync
