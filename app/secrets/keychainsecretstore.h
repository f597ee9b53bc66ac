#pragma once

#include "app/secrets/secretstore.h"

namespace XeroSync {

//! SecretStore over QtKeychain (Secret Service on Linux, Credential Manager on Windows, Keychain
//! on macOS), service name "xerosync".
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    explicit KeychainSecretStore(QObject *parent = nullptr);

    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &secret, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

    static inline const QString Service = QStringLiteral("xerosync");
};

} // namespace XeroSync
