#pragma once

#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! Where and how to reach PostgreSQL, parsed from a libpq-style DATABASE_URL.
struct DatabaseConfig
{
    QString host; //!< a host name or address, or a directory holding the unix socket
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString connectOptions; //!< QPSQL's ';'-separated libpq options (sslmode=..., ...)

    //! Accepts `postgres[ql]://[user[:password]@][host][:port][/database][?param=value&...]`.
    //! A unix-socket directory is given percent-encoded as the host (`%2Frun%2Fpostgresql`) or
    //! as `?host=/run/postgresql`; an empty host means the default socket directory.
    static Result<DatabaseConfig> fromUrl(const QString &url);

    bool isUnixSocket() const { return host.startsWith(u'/'); }

    //! The URL with the password masked, for logs and error messages.
    QString redacted() const;
};

} // namespace XeroSync
