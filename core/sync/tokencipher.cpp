#include "tokencipher.h"

#include <memory>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <QFile>
#include <QFileInfo>

namespace XeroSync {

namespace {

constexpr int KeyBytes = 32;
constexpr int NonceBytes = 12;
constexpr int TagBytes = 16;
const QByteArray Version = QByteArrayLiteral("v1");

using Context = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

} // namespace

TokenCipher::TokenCipher(QByteArray key)
    : m_key(std::move(key))
{ }

Result<TokenCipher> TokenCipher::fromKey(const QByteArray &key)
{
    if (key.size() != KeyBytes)
        return fail(ErrorCode::BadRequest,
            QStringLiteral("a token key has 32 bytes, this one %1").arg(key.size()));
    return TokenCipher(key);
}

Result<TokenCipher> TokenCipher::fromKeyFile(const QString &path, bool create)
{
    QFile file(path);
    if (!file.exists() && create) {
        QByteArray key(KeyBytes, Qt::Uninitialized);
        if (RAND_bytes(bytes(key), KeyBytes) != 1)
            return fail(ErrorCode::Internal, QStringLiteral("no random bytes for a new token key"));
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return fail(ErrorCode::Internal,
                QStringLiteral("cannot create the token key %1: %2").arg(path, file.errorString()));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (file.write(key) != KeyBytes || !file.flush())
            return fail(
                ErrorCode::Internal, QStringLiteral("cannot write the token key %1").arg(path));
        return TokenCipher(key);
    }
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            QStringLiteral("cannot read the token key %1: %2").arg(path, file.errorString()));
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        return fail(ErrorCode::Forbidden,
            QStringLiteral("the token key %1 is readable by others; make it readable by the "
                           "service user only (chmod 600)")
                .arg(path));
    return fromKey(file.readAll());
}

Result<QByteArray> TokenCipher::encrypt(const QByteArray &plain) const
{
    QByteArray nonce(NonceBytes, Qt::Uninitialized);
    if (RAND_bytes(bytes(nonce), NonceBytes) != 1)
        return fail(ErrorCode::Internal, QStringLiteral("no random bytes for a nonce"));
    Context ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(plain.size() + 16, Qt::Uninitialized);
    int length = 0;
    int total = 0;
    QByteArray tag(TagBytes, Qt::Uninitialized);
    if (!ctx
        || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(nonce))
            != 1
        || EVP_EncryptUpdate(
               ctx.get(), bytes(out), &length, bytes(plain), static_cast<int>(plain.size()))
            != 1)
        return fail(ErrorCode::Internal, QStringLiteral("token encryption failed"));
    total = length;
    if (EVP_EncryptFinal_ex(ctx.get(), bytes(out) + total, &length) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, tag.data()) != 1)
        return fail(ErrorCode::Internal, QStringLiteral("token encryption failed"));
    total += length;
    out.truncate(total);
    return Version + nonce + out + tag;
}

Result<QByteArray> TokenCipher::decrypt(const QByteArray &sealed) const
{
    if (sealed.size() < Version.size() + NonceBytes + TagBytes || !sealed.startsWith(Version))
        return fail(ErrorCode::BadRequest, QStringLiteral("not an encrypted token"));
    const auto nonce = sealed.mid(Version.size(), NonceBytes);
    const auto body = sealed.mid(
        Version.size() + NonceBytes, sealed.size() - Version.size() - NonceBytes - TagBytes);
    auto tag = sealed.right(TagBytes);
    Context ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out(body.size() + 16, Qt::Uninitialized);
    int length = 0;
    int total = 0;
    if (!ctx
        || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(m_key), bytes(nonce))
            != 1
        || EVP_DecryptUpdate(
               ctx.get(), bytes(out), &length, bytes(body), static_cast<int>(body.size()))
            != 1)
        return fail(ErrorCode::Internal, QStringLiteral("token decryption failed"));
    total = length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag.data()) != 1
        || EVP_DecryptFinal_ex(ctx.get(), bytes(out) + total, &length) != 1)
        return fail(ErrorCode::Forbidden,
            QStringLiteral(
                "the stored token does not open with this key (wrong key, or tampered)"));
    total += length;
    out.truncate(total);
    return out;
}

} // namespace XeroSync
