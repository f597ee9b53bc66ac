#pragma once

#include <QByteArray>
#include <QString>

#include "core/common/error.h"

namespace XeroSync {

//! Encrypts tokens at rest with AES-256-GCM (OpenSSL): a stolen database alone reveals no
//! token. The key comes from the agent's secret store; where there is no keychain it is a key
//! file readable only by the service user.
class TokenCipher
{
public:
    static Result<TokenCipher> fromKey(const QByteArray &key);
    //! Reads a 32-byte key file, or creates one (mode 0600) when `create` is set and it is missing.
    static Result<TokenCipher> fromKeyFile(const QString &path, bool create);

    //! "v1" + 12-byte nonce + ciphertext + 16-byte tag.
    Result<QByteArray> encrypt(const QByteArray &plain) const;
    //! Fails on a wrong key or any change to the data.
    Result<QByteArray> decrypt(const QByteArray &sealed) const;

private:
    explicit TokenCipher(QByteArray key);
    QByteArray m_key;
};

} // namespace XeroSync
