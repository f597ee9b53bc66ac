#include <QTest>

#include "agent/keychainkeysource.h"
#include "core/sync/tokencipher.h"
#include "support/testhelpers.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

//! The agent's token key from the system keychain: against a real Secret Service (gnome-keyring
//! on a private D-Bus session, started by tests/app/run-with-keyring.sh) the key is created once
//! and read back the same; run again without any keychain, the agent is told to use a key file.
//! XEROSYNC_EXPECT_KEYCHAIN says which of the two this run is.
class TestKeychainKeySource : public QObject
{
    Q_OBJECT

private:
    bool m_expectKeychain = qEnvironmentVariableIntValue("XEROSYNC_EXPECT_KEYCHAIN") == 1;

private slots:

    void createdOnceThenReadBack()
    {
        if (!m_expectKeychain)
            QSKIP("this run has no keychain; see noKeychainSaysUseAKeyFile");
        const auto first = KeychainKeySource::loadOrCreate(15'000);
        QVERIFY_RESULT(first);
        QCOMPARE(first->size(), KeychainKeySource::KeyBytes);
        QVERIFY(*first != QByteArray(KeychainKeySource::KeyBytes, '\0'));
        const auto again = KeychainKeySource::loadOrCreate(15'000);
        QVERIFY_RESULT(again);
        QCOMPARE(*again, *first); // never replaced: tokens stored under it must stay readable
        // It is a key the token cipher takes, and what it seals opens with the key read back.
        const auto cipher = TokenCipher::fromKey(*first);
        QVERIFY_RESULT(cipher);
        const auto sealed = cipher->encrypt("refresh-token"_ba);
        QVERIFY_RESULT(sealed);
        const auto reopened = TokenCipher::fromKey(*again);
        QVERIFY_RESULT(reopened);
        const auto plain = reopened->decrypt(*sealed);
        QVERIFY_RESULT(plain);
        QCOMPARE(*plain, "refresh-token"_ba);
    }

    void noKeychainSaysUseAKeyFile()
    {
        if (m_expectKeychain)
            QSKIP("this run has a keychain; see createdOnceThenReadBack");
        const auto key = KeychainKeySource::loadOrCreate(15'000);
        QVERIFY(!key);
        QVERIFY2(key.error().message.contains(u"xero/token_key_source=file"_s),
            qPrintable(key.error().message));
    }
};

QTEST_GUILESS_MAIN(TestKeychainKeySource)
#include "tst_keychainkeysource.moc"
