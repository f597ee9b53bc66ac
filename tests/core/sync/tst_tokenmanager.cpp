#include <QSqlQuery>
#include <QTest>

#include "core/common/manualclock.h"
#include "core/sync/databasetokenstore.h"
#include "core/sync/redisrefreshlock.h"
#include "core/xero/tokenmanager.h"
#include "core/xero/xeroclient.h"
#include "support/emulatorprocess.h"
#include "support/testdatabase.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/testservices.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Refresh with rotation across two agents: one refresher, the rotated token stored before
//! use, invalid_grant turned into "reconnect needed" (issue 5; research §13 #1–3).
class TestTokenManager : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    static constexpr const char *SetId = "authorisation-1";

    //! One agent: its own database connection, Redis lock, OAuth client and manager.
    struct Agent
    {
        std::unique_ptr<Database> database;
        std::unique_ptr<DatabaseTokenStore> store;
        std::unique_ptr<RedisRefreshLock> lock;
        std::unique_ptr<OAuthClient> oauth;
        std::unique_ptr<TokenManager> manager;
    };

    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    std::unique_ptr<TestDatabase> m_db;
    RedisConfig m_redis;
    XeroEndpoints m_endpoints;
    ManualClock m_clock { QDateTime::currentDateTimeUtc() };
    QByteArray m_lockPrefix;
    const QByteArray m_key = QByteArray(32, 's');

    OAuthSettings settings() const
    {
        return OAuthSettings { QStringLiteral("xerosync-desktop"), {},
            QStringLiteral("http://localhost:8750/oauth/callback"),
            { QStringLiteral("offline_access"), QStringLiteral("payroll.timesheets"),
                QStringLiteral("payroll.settings") } };
    }

    Agent agent()
    {
        Agent a;
        a.database = m_db->open();
        a.store = std::make_unique<DatabaseTokenStore>(*a.database, *TokenCipher::fromKey(m_key));
        a.lock = std::make_unique<RedisRefreshLock>(m_redis, m_lockPrefix);
        a.oauth = std::make_unique<OAuthClient>(m_endpoints, settings(), m_clock);
        a.manager = std::make_unique<TokenManager>(
            *a.oauth, *a.store, *a.lock, m_clock, QString::fromLatin1(SetId));
        return a;
    }

    static Result<QString> await(const std::function<void(TokenManager::Callback)> &call)
    {
        std::optional<Result<QString>> result;
        call([&result](Result<QString> token) { result = std::move(token); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
        return result.value_or(fail(ErrorCode::Timeout, QStringLiteral("no answer")));
    }

    Json oauthStats()
    {
        return m_http.get(m_emulator.url(QStringLiteral("/__emulator/stats"))).json()["oauth"];
    }

    int calendarsStatus(const QString &token)
    {
        return m_http
            .get(m_emulator.url(QStringLiteral("/payroll.xro/1.0/PayrollCalendars")),
                { { "Authorization", "Bearer " + token.toUtf8() }, { "Xero-Tenant-Id", AuTenant } })
            .status;
    }

    //! The first consent: tokens for the store, as the agent's OAuth callback would save them.
    TokenSet connect(OAuthClient &oauth)
    {
        auto tokens = XeroTestTokens::connectWithPkce(oauth);
        return tokens ? *tokens : TokenSet {};
    }

private Q_SLOTS:

    void initTestCase()
    {
        const auto services = TestServices::load();
        QVERIFY_RESULT(services);
        auto db =
            TestDatabase::createMigrated(services->databaseUrl, QStringLiteral("tokenmanager"));
        QVERIFY_RESULT(db);
        m_db = std::move(*db);
        auto redis = RedisConfig::fromUrl(services->redisUrl);
        QVERIFY_RESULT(redis);
        m_redis = *redis;
        QVERIFY_RESULT(m_emulator.start());
        m_endpoints = *XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
    }

    void init()
    {
        QCOMPARE(
            m_http.postJson(m_emulator.url(QStringLiteral("/__emulator/reset")), Json::object())
                .status,
            200);
        QVERIFY_RESULT(m_db->database().exec(QStringLiteral("DELETE FROM xero_token_sets")));
        m_lockPrefix = "test:refresh:" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        m_clock.setNow(QDateTime::currentDateTimeUtc());
        auto first = agent();
        const auto tokens = connect(*first.oauth);
        QVERIFY(!tokens.refreshToken.isEmpty());
        QVERIFY_RESULT(first.store->save(QString::fromLatin1(SetId), tokens, 0));
    }

    void freshTokenNeedsNoRefresh()
    {
        auto a = agent();
        const auto token = await([&](auto done) { a.manager->accessToken(done); });
        QVERIFY_RESULT(token);
        QCOMPARE(a.manager->refreshes(), 0);
        QCOMPARE(calendarsStatus(*token), 200);
    }

    void twoAgentsRefreshOnce()
    {
        auto a = agent();
        auto b = agent();
        m_clock.advance(29 * 60'000 + 30'000); // inside the one-minute refresh-ahead margin
        std::optional<Result<QString>> fromA;
        std::optional<Result<QString>> fromB;
        a.manager->accessToken([&fromA](Result<QString> t) { fromA = std::move(t); });
        b.manager->accessToken([&fromB](Result<QString> t) { fromB = std::move(t); });
        QTRY_VERIFY_WITH_TIMEOUT(fromA.has_value() && fromB.has_value(), 20'000);
        QVERIFY_RESULT(*fromA);
        QVERIFY_RESULT(*fromB);
        QCOMPARE(**fromA, **fromB); // the loser waited and read the winner's token
        QCOMPARE(a.manager->refreshes() + b.manager->refreshes(), 1);
        const auto stats = oauthStats();
        QCOMPARE(stats["refreshes"].get<int>(), 1);
        QCOMPARE(stats["invalidGrants"].get<int>(), 0);
        QCOMPARE(calendarsStatus(**fromA), 200);
        // The stored refresh token is the rotated one: the next refresh works too, with no grace
        // reuse.
        m_clock.advance(30 * 60'000);
        const auto later = await([&](auto done) { b.manager->accessToken(done); });
        QVERIFY_RESULT(later);
        QCOMPARE(oauthStats()["graceReuses"].get<int>(), 0);
        QCOMPARE(oauthStats()["invalidGrants"].get<int>(), 0);
    }

    void rejectedTokenIsReplaced()
    {
        auto a = agent();
        const auto first = await([&](auto done) { a.manager->accessToken(done); });
        QVERIFY_RESULT(first);
        QCOMPARE(m_http
                     .postJson(m_emulator.url(QStringLiteral("/__emulator/tokens/expire")),
                         Json::object())
                     .status,
            200);
        QCOMPARE(calendarsStatus(*first), 401);
        const auto second =
            await([&](auto done) { a.manager->refreshAfterRejection(*first, done); });
        QVERIFY_RESULT(second);
        QVERIFY(*second != *first);
        QCOMPARE(calendarsStatus(*second), 200);
    }

    void customConnectionRenewsWithClientCredentials()
    {
        // A custom connection's token set has no refresh token: when Xero ends the access token,
        // the manager asks for another with client_credentials (one agent, under the lock).
        auto a = agent();
        OAuthClient custom(m_endpoints,
            OAuthSettings {
                QStringLiteral("xerosync-custom"), QStringLiteral("demo-custom-secret"), {}, {} },
            m_clock);
        TokenManager manager(custom, *a.store, *a.lock, m_clock, QStringLiteral("custom-set"));
        std::optional<Result<TokenSet>> granted;
        custom.clientCredentials([&granted](Result<TokenSet> t) { granted = std::move(t); });
        QTRY_VERIFY(granted.has_value());
        QVERIFY_RESULT(*granted);
        QVERIFY((*granted)->refreshToken.isEmpty());
        QVERIFY_RESULT(a.store->save(QStringLiteral("custom-set"), **granted, 0));
        const auto first = await([&](auto done) { manager.accessToken(done); });
        QVERIFY_RESULT(first);
        QCOMPARE(*first, (*granted)->accessToken);
        QCOMPARE(manager.refreshes(), 0);
        QCOMPARE(m_http
                     .postJson(m_emulator.url(QStringLiteral("/__emulator/tokens/expire")),
                         Json::object())
                     .status,
            200);
        const auto second = await([&](auto done) { manager.refreshAfterRejection(*first, done); });
        QVERIFY_RESULT(second);
        QVERIFY(*second != *first);
        QCOMPARE(manager.refreshes(), 1);
        // No tenant header needed: the custom token is bound to its organisation.
        QCOMPARE(m_http
                     .get(m_emulator.url(QStringLiteral("/payroll.xro/1.0/PayrollCalendars")),
                         { { "Authorization", "Bearer " + second->toUtf8() } })
                     .status,
            200);
        // The idle weekly refresh leaves it alone: it has no 60-day refresh token to keep alive.
        std::optional<Result<bool>> idle;
        manager.refreshIfOlderThan(0, [&idle](Result<bool> r) { idle = std::move(r); });
        QTRY_VERIFY(idle.has_value());
        QVERIFY_RESULT(*idle);
        QCOMPARE(**idle, false);
    }

    void invalidGrantMeansReconnect()
    {
        auto a = agent();
        const auto stored = a.store->load(QString::fromLatin1(SetId));
        std::optional<Result<bool>> revoked;
        a.oauth->revoke(
            (*stored)->tokens.refreshToken, [&revoked](Result<bool> r) { revoked = std::move(r); });
        QTRY_VERIFY(revoked.has_value());
        m_clock.advance(31 * 60'000);
        const auto refused = await([&](auto done) { a.manager->accessToken(done); });
        QVERIFY_ERROR(refused, ErrorCode::Unauthorized);
        QVERIFY(!refused.error().retryable);
        QVERIFY((*a.store->load(QString::fromLatin1(SetId)))->reconnectNeeded);
        // No more calls to Xero with the dead token.
        const auto again = await([&](auto done) { a.manager->accessToken(done); });
        QVERIFY_ERROR(again, ErrorCode::Unauthorized);
        QCOMPARE(oauthStats()["invalidGrants"].get<int>(), 1);
    }

    void tokensAreEncryptedAndFenced()
    {
        auto a = agent();
        const auto stored = a.store->load(QString::fromLatin1(SetId));
        QVERIFY_RESULT(stored);
        auto query = m_db->database().exec(
            QStringLiteral("SELECT refresh_token_enc, access_token_enc FROM xero_token_sets"));
        QVERIFY_RESULT(query);
        QVERIFY(query->next());
        QVERIFY(!query->value(0).toByteArray().contains((*stored)->tokens.refreshToken.toUtf8()));
        QVERIFY(!query->value(1).toByteArray().contains((*stored)->tokens.accessToken.toUtf8()));
        // A refresher whose lease ran out (older fence) cannot overwrite newer tokens.
        auto newer = (*stored)->tokens;
        newer.refreshToken = QStringLiteral("newer");
        QCOMPARE(*a.store->save(QString::fromLatin1(SetId), newer, 5), true);
        auto stale = newer;
        stale.refreshToken = QStringLiteral("stale");
        QCOMPARE(*a.store->save(QString::fromLatin1(SetId), stale, 4), false);
        QCOMPARE((*a.store->load(QString::fromLatin1(SetId)))->tokens.refreshToken,
            QStringLiteral("newer"));
        // Another key cannot read them.
        DatabaseTokenStore wrongKey(m_db->database(), *TokenCipher::fromKey(QByteArray(32, 'w')));
        QVERIFY_ERROR(wrongKey.load(QString::fromLatin1(SetId)), ErrorCode::Forbidden);
    }
};

QTEST_GUILESS_MAIN(TestTokenManager)
#include "tst_tokenmanager.moc"
