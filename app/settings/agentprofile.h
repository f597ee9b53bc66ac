#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace XeroSync {

//! One saved agent. The token is not here: it lives in the keychain under secretKey().
struct AgentProfile
{
    QString name {};
    QUrl url {};
    QByteArray trustedFingerprint {}; //!< SHA-256 of a certificate the user chose to trust

    QString secretKey() const
    {
        return QStringLiteral("agent-token:") + url.toString(QUrl::NormalizePathSegments);
    }

    bool operator==(const AgentProfile &) const = default;
};

} // namespace XeroSync
