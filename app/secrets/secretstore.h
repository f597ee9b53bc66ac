#pragma once

#include <functional>

#include <QObject>

#include "core/common/error.h"

namespace XeroSync {

//! Where the dashboard keeps agent tokens. The real one is the system keychain
//! (KeychainSecretStore); tests use an in-memory one. Calls are asynchronous because keychains
//! are (and may ask the user).
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using ReadCallback = std::function<void(Result<QString>)>;
    using WriteCallback = std::function<void(Result<void>)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    //! A missing entry is ErrorCode::NotFound; no keychain at all is ErrorCode::Unavailable.
    virtual void read(const QString &key, ReadCallback done) = 0;
    virtual void write(const QString &key, const QString &secret, WriteCallback done) = 0;
    virtual void remove(const QString &key, WriteCallback done) = 0;
};

} // namespace XeroSync
