#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

#include "app/dashboardlogging.h"

namespace XeroSync {

namespace {

Error keychainError(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error { ErrorCode::NotFound, job.errorString() };
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // No Secret Service on the session bus (or no session bus) ends up here.
        return Error { ErrorCode::Unavailable,
            KeychainSecretStore::tr("No system keychain is available (%1). The token is kept for "
                                    "this session only; install and unlock a keychain such as "
                                    "GNOME Keyring or KWallet to remember it.")
                .arg(job.errorString()) };
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error { ErrorCode::Forbidden,
            KeychainSecretStore::tr("The keychain refused access: %1").arg(job.errorString()) };
    default:
        return Error { ErrorCode::Internal, job.errorString() };
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent)
    : SecretStore(parent)
{ }

void KeychainSecretStore::read(const QString &key, ReadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(Service, this);
    job->setKey(key);
    connect(
        job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
            auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
            if (read->error() != QKeychain::NoError)
                done(std::unexpected(keychainError(*read)));
            else
                done(read->textData());
        });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, WriteCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(Service, this);
    job->setKey(key);
    job->setTextData(secret);
    connect(
        job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
            if (finished->error() != QKeychain::NoError) {
                qCWarning(lcDashboard) << "keychain write failed:" << finished->errorString();
                done(std::unexpected(keychainError(*finished)));
            } else {
                done({});
            }
        });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, WriteCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(Service, this);
    job->setKey(key);
    connect(
        job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *finished) {
            if (finished->error() != QKeychain::NoError
                && finished->error() != QKeychain::EntryNotFound)
                done(std::unexpected(keychainError(*finished)));
            else
                done({});
        });
    job->start();
}

} // namespace XeroSync
