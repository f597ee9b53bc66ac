#pragma once

#include <QByteArray>

namespace XeroSync {

//! An RFC 7636 verifier and its S256 challenge (research §8.2 step 1).
struct Pkce
{
    QByteArray verifier; //!< 64 characters of [A-Za-z0-9-._~]
    QByteArray challenge; //!< base64url(SHA-256(verifier)) without padding

    static Pkce create();
    static QByteArray challengeFor(const QByteArray &verifier);
};

} // namespace XeroSync
