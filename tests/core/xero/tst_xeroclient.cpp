#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include "core/common/systemclock.h"
#include "core/xero/oauthclient.h"
#include "core/xero/xeroclient.h"
#include "support/emulatorprocess.h"
#include "support/testhelpers.h"
#include "support/testhttpclient.h"
#include "support/xerotesttokens.h"

using namespace XeroSync;
using namespace XeroSync::Test;
using Json = nlohmann::json;

//! OAuthClient and XeroClient against a real xero-emulator process.
class TestXeroClient : public QObject
{
    Q_OBJECT

private:
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    EmulatorProcess m_emulator;
    TestHttpClient m_http;
    XeroEndpoints m_endpoints;
    std::unique_ptr<XeroClient> m_client;

    //! Runs an async call and waits for its callback.
    template <typename T, typename Call>
    static T await(Call call)
    {
        std::optional<T> result;
        call([&result](T value) { result = std::move(value); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
        if (!result)
            return T(std::unexpected(
                Error { ErrorCode::Timeout, QStringLiteral("no callback"), false }));
        return std::move(*result);
    }

    XeroReply send(const XeroRequest &request)
    {
        std::optional<XeroReply> result;
        m_client->send(request, [&result](XeroReply reply) { result = std::move(reply); });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20'000); }();
        return result.value_or(XeroReply {});
    }

    OAuthClient pkceClient()
    {
        return OAuthClient(m_endpoints,
            OAuthSettings { QStringLiteral("xerosync-desktop"), {},
                QStringLiteral("http://localhost:8750/oauth/callback"),
                { QStringLiteral("openid"), QStringLiteral("offline_access"),
                    QStringLiteral("payroll.timesheets"), QStringLiteral("payroll.employees"),
                    QStringLiteral("payroll.settings") } },
            SystemClock::shared());
    }

    QString customToken()
    {
        return XeroTestTokens::customConnection(m_endpoints).value_or(QString());
    }

    void control(const QString &path, const Json &body)
    {
        const auto reply =
            m_http.postJson(m_emulator.url(QStringLiteral("/__emulator/") + path), body);
        QCOMPARE(reply.status, 200);
    }

    Json employees(const QString &token)
    {
        XeroRequest request;
        request.path = QStringLiteral("/payroll.xro/1.0/Employees");
        request.accessToken = token;
        request.tenantId = QString::fromLatin1(AuTenant);
        return send(request).json["Employees"];
    }

private Q_SLOTS:

    void initTestCase()
    {
        QVERIFY_RESULT(m_emulator.start());
        auto endpoints = XeroEndpoints::fromBaseUrl(m_emulator.baseUrl().toString());
        QVERIFY_RESULT(endpoints);
        m_endpoints = *endpoints;
        m_client = std::make_unique<XeroClient>(m_endpoints);
    }

    void init() { control(QStringLiteral("reset"), Json::object()); }

    void pkceFlowRefreshAndRevoke()
    {
        auto oauth = pkceClient();
        const auto pkce = Pkce::create();
        const auto url = oauth.authorizationUrl(pkce, QStringLiteral("state-1"));
        // The browser's part: the emulator consents at once and redirects to our callback.
        const auto redirect = m_http.get(url);
        QCOMPARE(redirect.status, 302);
        const QUrlQuery callback(QUrl(QString::fromUtf8(redirect.header("Location"))));
        QCOMPARE(callback.queryItemValue(QStringLiteral("state")), QStringLiteral("state-1"));
        const auto tokens = await<Result<TokenSet>>([&](auto done) {
            oauth.exchangeCode(
                callback.queryItemValue(QStringLiteral("code")), pkce.verifier, done);
        });
        QVERIFY_RESULT(tokens);
        QVERIFY(!tokens->refreshToken.isEmpty());
        QVERIFY(tokens->scopes.contains(QStringLiteral("offline_access")));
        QVERIFY(tokens->expiresWithin(QDateTime::currentDateTimeUtc(), 1800));
        QVERIFY(!tokens->expiresWithin(QDateTime::currentDateTimeUtc(), 1700));

        const auto connections = await<Result<QList<XeroConnection>>>(
            [&](auto done) { oauth.connections(tokens->accessToken, done); });
        QVERIFY_RESULT(connections);
        QCOMPARE(connections->size(), 2);
        QCOMPARE(employees(tokens->accessToken).size(), 24u);

        const auto refreshed =
            await<Result<TokenSet>>([&](auto done) { oauth.refresh(tokens->refreshToken, done); });
        QVERIFY_RESULT(refreshed);
        QVERIFY(refreshed->refreshToken != tokens->refreshToken);

        const auto revoked =
            await<Result<bool>>([&](auto done) { oauth.revoke(refreshed->refreshToken, done); });
        QVERIFY_RESULT(revoked);
        const auto afterRevoke = await<Result<TokenSet>>(
            [&](auto done) { oauth.refresh(refreshed->refreshToken, done); });
        QVERIFY_ERROR(afterRevoke, ErrorCode::Unauthorized);
        QVERIFY(!afterRevoke.error().retryable); // reconnect needed, not a retry
        // A wrong verifier never yields tokens.
        const auto bad = await<Result<TokenSet>>(
            [&](auto done) { oauth.exchangeCode(QStringLiteral("made-up"), pkce.verifier, done); });
        QVERIFY_ERROR(bad, ErrorCode::Unauthorized);
    }

    void writesCarryIdempotencyKeysAndSurviveALostAnswer()
    {
        const auto token = customToken();
        QVERIFY(!token.isEmpty());
        const auto staff = employees(token);
        XeroRequest create;
        create.method = "POST";
        create.path = QStringLiteral("/payroll.xro/1.0/Timesheets");
        create.accessToken = token;
        create.idempotencyKey =
            XeroClient::idempotencyKey(QStringLiteral("create"), QStringLiteral("submission-9"), 1);
        create.body = Json::array({ { { "EmployeeID", staff[1]["EmployeeID"] },
            { "StartDate", "2026-11-02" }, { "EndDate", "2026-11-08" },
            { "TimesheetLines",
                Json::array({ { { "EarningsRateID", staff[1]["OrdinaryEarningsRateID"] },
                    { "NumberOfUnits", { 8, 8, 8, 8, 8, 0, 0 } } } }) } } });
        // Both the first send and Qt's own resend lose their answers after Xero saved the
        // timesheet.
        control(QStringLiteral("faults"),
            Json { { "kind", "drop" }, { "count", 2 }, { "pathContains", "/Timesheets" } });
        const auto lost = send(create);
        QVERIFY(lost.error);
        QVERIFY(lost.error->retryable);
        const auto retry = send(create);
        QVERIFY2(retry.ok(), qPrintable(retry.error ? retry.error->message : QString()));
        QCOMPARE(retry.json["Timesheets"][0]["Hours"].get<double>(), 40.0);
        QCOMPARE(retry.limits.minuteRemaining.has_value(), true);
        QVERIFY(!retry.correlationId.isEmpty());
        const auto state =
            m_http
                .get(m_emulator.url(QStringLiteral("/__emulator/tenants/%1/timesheets")
                                        .arg(QString::fromLatin1(AuTenant))))
                .json();
        QCOMPARE(state["count"].get<int>(), 1);
        QCOMPARE(state["duplicateCreates"].get<int>(), 0);

        // Xero's validation answer becomes a permanent Validation error with Xero's words.
        create.idempotencyKey =
            XeroClient::idempotencyKey(QStringLiteral("create"), QStringLiteral("submission-9"), 2);
        const auto duplicate = send(create);
        QCOMPARE(errorCodeName(duplicate.error->code), errorCodeName(ErrorCode::Validation));
        QVERIFY(!duplicate.error->retryable);
        QVERIFY(duplicate.error->message.contains(QStringLiteral("This timesheet already exists")));
    }

    void rateLimitsOutagesAndTimeouts()
    {
        const auto token = customToken();
        XeroRequest get;
        get.path = QStringLiteral("/payroll.xro/1.0/PayrollCalendars");
        get.accessToken = token;
        control(QStringLiteral("clock"), Json { { "freeze", true } });
        control(QStringLiteral("config"), Json { { "minuteLimit", 2 } });
        QVERIFY(send(get).ok());
        QCOMPARE(send(get).limits.minuteRemaining.value_or(-1), 0);
        const auto limited = send(get);
        QCOMPARE(errorCodeName(limited.error->code), errorCodeName(ErrorCode::RateLimited));
        QCOMPARE(limited.limits.problem, QByteArray("minute"));
        QVERIFY(limited.limits.retryAfterSeconds.value_or(0) > 0);

        control(QStringLiteral("reset"), Json::object());
        get.accessToken = customToken();
        control(QStringLiteral("faults"), Json { { "kind", "503" } });
        const auto outage = send(get);
        QCOMPARE(errorCodeName(outage.error->code), errorCodeName(ErrorCode::Unavailable));
        QVERIFY(outage.error->retryable);

        control(QStringLiteral("faults"), Json { { "kind", "timeout" }, { "delayMs", 5000 } });
        m_client->setTimeout(400);
        const auto slow = send(get);
        m_client->setTimeout(30'000);
        QCOMPARE(errorCodeName(slow.error->code), errorCodeName(ErrorCode::Timeout));
        QVERIFY(slow.error->retryable);

        // An expired token: 401, retryable after a refresh.
        control(QStringLiteral("tokens/expire"), Json::object());
        const auto expired = send(get);
        QCOMPARE(errorCodeName(expired.error->code), errorCodeName(ErrorCode::Unauthorized));
        QVERIFY(expired.error->message.contains(QStringLiteral("TokenExpired")));
    }
};

QTEST_GUILESS_MAIN(TestXeroClient)
#include "tst_xeroclient.moc"
