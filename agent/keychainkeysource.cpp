#include "keychainkeysource.h"

#include <memory>

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QRandomGenerator>
#include <QTimer>

#include "agent/agentlogging.h"

namespace XeroSync {

namespace {

//! Runs `job` to its end (or the timeout) in a local event loop; false on timeout.
bool finish(QKeychain::Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.setAutoDelete(false);
    job.start();
    if (!done)
        loop.exec();
    return done;
}

Error keychainError(const QKeychain::Job &job, const char *what)
{
    const QString detail = QStringLiteral("%1 the token key in the system keychain: %2")
                               .arg(QString::fromLatin1(what), job.errorString());
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        return Error { ErrorCode::Unavailable,
            detail
                + QStringLiteral(". No keychain is available to this service; use "
                                 "xero/token_key_source=file (a key file only the service user "
                                 "can read)") };
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error { ErrorCode::Forbidden, detail };
    default:
        return Error { ErrorCode::Internal, detail };
    }
}

} // namespace

Result<QByteArray> KeychainKeySource::loadOrCreate(int timeoutMs)
{
    QKeychain::ReadPasswordJob read(QString::fromLatin1(Service));
    read.setKey(QString::fromLatin1(Key));
    if (!finish(read, timeoutMs))
        return fail(ErrorCode::Timeout,
            QStringLiteral("the system keychain did not answer within %1 s").arg(timeoutMs / 1000));
    if (read.error() == QKeychain::NoError) {
        const QByteArray key = read.binaryData();
        if (key.size() != KeyBytes)
            return fail(ErrorCode::Internal,
                QStringLiteral("the token key in the system keychain (%1/%2) is %3 bytes, not %4")
                    .arg(QString::fromLatin1(Service), QString::fromLatin1(Key))
                    .arg(key.size())
                    .arg(KeyBytes));
        return key;
    }
    if (read.error() != QKeychain::EntryNotFound)
        return std::unexpected(keychainError(read, "cannot read"));

    // First start: a new key. Tokens stored with another key cannot be read with this one, so
    // only ever create it when there is none.
    QByteArray key(KeyBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(key.data()), KeyBytes / int(sizeof(quint32)));
    QKeychain::WritePasswordJob write(QString::fromLatin1(Service));
    write.setKey(QString::fromLatin1(Key));
    write.setBinaryData(key);
    if (!finish(write, timeoutMs))
        return fail(ErrorCode::Timeout,
            QStringLiteral("the system keychain did not answer within %1 s").arg(timeoutMs / 1000));
    if (write.error() != QKeychain::NoError)
        return std::unexpected(keychainError(write, "cannot store"));
    qCInfo(lcAgent) << "created the token key in the system keychain";
    return key;
}

} // namespace XeroSync
