#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include "app/secrets/keychainsecretstore.h"

using namespace Qt::StringLiterals;
using namespace XeroSync;

//! KeychainSecretStore against a real Secret Service (gnome-keyring on a private D-Bus session,
//! started by run-with-keyring.sh) and, run again without one, the message a user sees when the
//! system has no keychain. XEROSYNC_EXPECT_KEYCHAIN says which of the two this run is.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private:
    bool m_expectKeychain = qEnvironmentVariableIntValue("XEROSYNC_EXPECT_KEYCHAIN") == 1;

    Result<QString> read(KeychainSecretStore &store, const QString &key)
    {
        std::optional<Result<QString>> out;
        store.read(key, [&out](Result<QString> value) { out = std::move(value); });
        (void)QTest::qWaitFor([&] { return out.has_value(); }, 15'000);
        return out ? *out
                   : Result<QString>(fail(ErrorCode::Timeout, u"the keychain did not answer"_s));
    }

    Result<void> write(KeychainSecretStore &store, const QString &key, const QString &value)
    {
        std::optional<Result<void>> out;
        store.write(key, value, [&out](Result<void> done) { out = std::move(done); });
        (void)QTest::qWaitFor([&] { return out.has_value(); }, 15'000);
        return out ? *out
                   : Result<void>(fail(ErrorCode::Timeout, u"the keychain did not answer"_s));
    }

    Result<void> remove(KeychainSecretStore &store, const QString &key)
    {
        std::optional<Result<void>> out;
        store.remove(key, [&out](Result<void> done) { out = std::move(done); });
        (void)QTest::qWaitFor([&] { return out.has_value(); }, 15'000);
        return out ? *out
                   : Result<void>(fail(ErrorCode::Timeout, u"the keychain did not answer"_s));
    }

private slots:

    void roundTrip()
    {
        if (!m_expectKeychain)
            QSKIP("this run has no keychain; see noKeychainIsAClearMessage");
        KeychainSecretStore store;
        const QString key = u"agent-token:test-"_s + QUuid::createUuid().toString(QUuid::Id128);
        const auto missing = read(store, key);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        auto written = write(store, key, u"xs_first"_s);
        QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
        QCOMPARE(read(store, key).value_or(QString()), u"xs_first"_s);
        QVERIFY(write(store, key, u"xs_second"_s));
        QCOMPARE(read(store, key).value_or(QString()), u"xs_second"_s);
        QVERIFY(remove(store, key));
        QCOMPARE(read(store, key).error().code, ErrorCode::NotFound);
        // Removing what is not there is not an error.
        QVERIFY(remove(store, key));
    }

    void noKeychainIsAClearMessage()
    {
        if (m_expectKeychain)
            QSKIP("this run has a keychain; see roundTrip");
        KeychainSecretStore store;
        const auto written = write(store, u"agent-token:none"_s, u"xs_x"_s);
        QVERIFY(!written);
        QCOMPARE(written.error().code, ErrorCode::Unavailable);
        QVERIFY2(written.error().message.contains(u"No system keychain"_s),
            qPrintable(written.error().message));
        QVERIFY(written.error().message.contains(u"this session only"_s));
    }
};

QTEST_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
