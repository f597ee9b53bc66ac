#pragma once

#include <QDateTime>
#include <QString>

namespace XeroSync {

//! An API bearer token as stored (`api_tokens`): never the token itself, only its hash.
struct ApiToken
{
    enum class Role
    {
        Viewer,
        Admin
    };

    qint64 id = 0;
    QString name;
    Role role = Role::Viewer;
    QDateTime createdAt;
    QDateTime lastUsedAt;
    QDateTime revokedAt;

    bool isAdmin() const { return role == Role::Admin; }

    static QString roleName(Role role)
    {
        return role == Role::Admin ? QStringLiteral("admin") : QStringLiteral("viewer");
    }
};

} // namespace XeroSync
