#pragma once

#include <QList>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/store/apitoken.h"

namespace XeroSync {

class Database;

//! The agent API's bearer tokens. A token is shown once, when created; the table keeps its
//! SHA-256, so a stolen database dump grants nothing.
class ApiTokenStore final
{
public:
    ApiTokenStore(Database &database, const Clock &clock);

    struct Created
    {
        ApiToken token;
        QString secret; //!< the bearer token itself: `xs_` + 43 base64url characters
    };

    //! A new token; Conflict when an active token already has the name.
    Result<Created> create(const QString &name, ApiToken::Role role);
    //! Revokes the active token of that name; NotFound when there is none.
    Result<void> revoke(const QString &name);
    Result<QList<ApiToken>> list(bool includeRevoked = false);
    //! The active token a bearer secret belongs to; Unauthorized otherwise.
    Result<ApiToken> verify(const QString &secret);

    static QString hash(const QString &secret);
    static Result<ApiToken::Role> roleFromName(const QString &name);

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace XeroSync
