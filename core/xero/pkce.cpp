#include "pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace XeroSync {

Pkce Pkce::create()
{
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    QByteArray verifier(64, Qt::Uninitialized);
    for (auto &c : verifier)
        c = alphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof(alphabet) - 1))];
    return Pkce { verifier, challengeFor(verifier) };
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace XeroSync
