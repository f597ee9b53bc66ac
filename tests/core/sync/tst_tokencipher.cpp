#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/sync/tokencipher.h"
#include "support/testhelpers.h"

using namespace XeroSync;

//! Tokens at rest: AES-256-GCM round trip, tamper and wrong-key detection, the key file's rules.
class TestTokenCipher : public QObject
{
    Q_OBJECT

private Q_SLOTS:

    void roundTripAndTamper()
    {
        auto cipher = TokenCipher::fromKey(QByteArray(32, 'k'));
        QVERIFY_RESULT(cipher);
        const QByteArray secret = "refresh-token-0123456789";
        const auto sealed = cipher->encrypt(secret);
        QVERIFY_RESULT(sealed);
        QVERIFY(!sealed->contains(secret));
        QVERIFY(*sealed != *cipher->encrypt(secret)); // a fresh nonce every time
        const auto opened = cipher->decrypt(*sealed);
        QVERIFY_RESULT(opened);
        QCOMPARE(*opened, secret);
        auto tampered = *sealed;
        tampered[20] = static_cast<char>(tampered[20] ^ 1);
        QVERIFY_ERROR(cipher->decrypt(tampered), ErrorCode::Forbidden);
        QVERIFY_ERROR(
            TokenCipher::fromKey(QByteArray(32, 'x'))->decrypt(*sealed), ErrorCode::Forbidden);
        QVERIFY_ERROR(cipher->decrypt("plain text"), ErrorCode::BadRequest);
        QVERIFY_ERROR(TokenCipher::fromKey("short"), ErrorCode::BadRequest);
        QCOMPARE(*cipher->decrypt(*cipher->encrypt({})), QByteArray());
    }

    void keyFile()
    {
        QTemporaryDir dir;
        const auto path = dir.filePath(QStringLiteral("token.key"));
        QVERIFY_ERROR(TokenCipher::fromKeyFile(path, false), ErrorCode::NotFound);
        auto created = TokenCipher::fromKeyFile(path, true);
        QVERIFY_RESULT(created);
        QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
            QFileDevice::Permissions());
        const auto sealed = created->encrypt("abc");
        auto again = TokenCipher::fromKeyFile(path, true); // existing key is read, not replaced
        QVERIFY_RESULT(again);
        QCOMPARE(*again->decrypt(*sealed), QByteArray("abc"));
        QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        QVERIFY_ERROR(TokenCipher::fromKeyFile(path, false), ErrorCode::Forbidden);
    }
};

QTEST_GUILESS_MAIN(TestTokenCipher)
#include "tst_tokencipher.moc"
