#pragma once

#include <QDateTime>
#include <QStringList>

namespace XeroSync {

//! The answer of Xero's token endpoint.
struct TokenSet
{
    QString accessToken;
    QString refreshToken; //!< empty for custom connections
    QString idToken;
    QDateTime expiresAt; //!< UTC
    QStringList scopes;

    bool expiresWithin(const QDateTime &now, int seconds) const
    {
        return !expiresAt.isValid() || now.secsTo(expiresAt) <= seconds;
    }
};

//! One organisation the user connected (GET /connections).
struct XeroConnection
{
    QString id;
    QString tenantId;
    QString tenantName;
    QString tenantType;
    QString authEventId;
};

} // namespace XeroSync
