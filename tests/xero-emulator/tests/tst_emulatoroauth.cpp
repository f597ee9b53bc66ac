#include <QTest>
#include <QUrlQuery>

#include "emulatorfixture.h"
#include "support/openapichecker.h"
#include "support/testhelpers.h"

using namespace XeroSync::Test;
using Json = nlohmann::json;

//! Identity and OAuth 2.0 against a running emulator (research §8, §12 items 1–5).
class TestEmulatorOAuth : public QObject
{
    Q_OBJECT

private:
    EmulatorFixture m_emulator;

    QUrl authorizeUrl(const QList<std::pair<QString, QString>> &params)
    {
        QUrl url = m_emulator.url(QStringLiteral("/identity/connect/authorize"));
        QUrlQuery query;
        for (const auto &[key, value] : params)
            query.addQueryItem(key, value);
        url.setQuery(query);
        return url;
    }

    HttpReply refresh(const std::string &refreshToken)
    {
        return m_emulator.token("grant_type=refresh_token&client_id=xerosync-desktop&refresh_token="
            + QByteArray::fromStdString(refreshToken));
    }

    void advance(int seconds)
    {
        QCOMPARE(
            m_emulator
                .control("POST", QStringLiteral("clock"), Json { { "advanceSeconds", seconds } })
                .status,
            200);
    }

private Q_SLOTS:

    void initTestCase() { QVERIFY_RESULT(m_emulator.start()); }

    void init() { QCOMPARE(m_emulator.control("POST", QStringLiteral("reset")).status, 200); }

    void cleanupTestCase()
    {
        QVERIFY(m_emulator.checkedCount() > 10);
        QVERIFY_CONFORMS(m_emulator);
    }

    void pkceFlowIssuesTokensAndConnections()
    {
        const auto tokens = m_emulator.authorize();
        QVERIFY2(!tokens.access.empty(), tokens.reply.body.constData());
        QVERIFY(!tokens.refresh.empty());
        const auto json = tokens.reply.json();
        QCOMPARE(json["expires_in"].get<int>(), 1800);
        QCOMPARE(json["token_type"].get<std::string>(), std::string("Bearer"));
        QVERIFY(json.contains("id_token"));
        QVERIFY(json["scope"].get<std::string>().find("offline_access") != std::string::npos);

        const auto connections =
            m_emulator.api("GET", QStringLiteral("/connections"), {}, tokens.access);
        QCOMPARE(connections.status, 200);
        const auto list = connections.json();
        QCOMPARE(list.size(), 2u);
        QCOMPARE(list[0]["tenantType"].get<std::string>(), std::string("ORGANISATION"));
        // authEventId filter, then DELETE one connection: calls for that tenant now fail.
        const auto authEvent = QString::fromStdString(list[0]["authEventId"].get<std::string>());
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/connections?authEventId=") + authEvent, {},
                         tokens.access)
                     .json()
                     .size(),
            2u);
        QCOMPARE(
            m_emulator
                .api("GET",
                    QStringLiteral("/connections?authEventId=00000000-0000-4000-8000-000000000000"),
                    {}, tokens.access)
                .json()
                .size(),
            0u);
        const auto auConnection = std::find_if(list.begin(), list.end(),
            [](const Json &c) { return c["tenantId"] == EmulatorFixture::AuTenant; });
        const auto id = QString::fromStdString((*auConnection)["id"].get<std::string>());
        QCOMPARE(m_emulator.api("DELETE", QStringLiteral("/connections/") + id, {}, tokens.access)
                     .status,
            204);
        QCOMPARE(m_emulator.api("DELETE", QStringLiteral("/connections/") + id, {}, tokens.access)
                     .status,
            404);
        const auto forbidden = m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Employees"),
            EmulatorFixture::AuTenant, tokens.access);
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.json()["Detail"].get<std::string>(),
            std::string("AuthenticationUnsuccessful"));
    }

    void authorizeRejectsBadRequests()
    {
        const QString challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        // Unregistered redirect: an error page, never a redirect to the unverified address.
        auto reply = m_emulator.http().get(
            authorizeUrl({ { QStringLiteral("response_type"), QStringLiteral("code") },
                { QStringLiteral("client_id"), QStringLiteral("xerosync-desktop") },
                { QStringLiteral("redirect_uri"), QStringLiteral("http://evil.example/cb") },
                { QStringLiteral("scope"), QStringLiteral("openid") },
                { QStringLiteral("code_challenge"), challenge },
                { QStringLiteral("code_challenge_method"), QStringLiteral("S256") } }));
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("Location").isEmpty());
        // Unknown scope: redirected back with error=invalid_scope and the state.
        reply = m_emulator.http().get(
            authorizeUrl({ { QStringLiteral("response_type"), QStringLiteral("code") },
                { QStringLiteral("client_id"), QStringLiteral("xerosync-desktop") },
                { QStringLiteral("redirect_uri"),
                    QString::fromLatin1(EmulatorFixture::DesktopRedirect) },
                { QStringLiteral("scope"), QStringLiteral("openid payroll.everything") },
                { QStringLiteral("state"), QStringLiteral("s1") },
                { QStringLiteral("code_challenge"), challenge },
                { QStringLiteral("code_challenge_method"), QStringLiteral("S256") } }));
        QCOMPARE(reply.status, 302);
        const QUrlQuery error(QUrl(QString::fromUtf8(reply.header("Location"))));
        QCOMPARE(error.queryItemValue(QStringLiteral("error")), QStringLiteral("invalid_scope"));
        QCOMPARE(error.queryItemValue(QStringLiteral("state")), QStringLiteral("s1"));
        // A PKCE app must send an S256 challenge.
        reply = m_emulator.http().get(
            authorizeUrl({ { QStringLiteral("response_type"), QStringLiteral("code") },
                { QStringLiteral("client_id"), QStringLiteral("xerosync-desktop") },
                { QStringLiteral("redirect_uri"),
                    QString::fromLatin1(EmulatorFixture::DesktopRedirect) },
                { QStringLiteral("scope"), QStringLiteral("openid") },
                { QStringLiteral("code_challenge"), challenge },
                { QStringLiteral("code_challenge_method"), QStringLiteral("plain") } }));
        QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(reply.header("Location"))))
                     .queryItemValue(QStringLiteral("error")),
            QStringLiteral("invalid_request"));
    }

    void codeIsSingleUseAndVerifierChecked()
    {
        // RFC 7636 appendix B's verifier and challenge.
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const QString challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        const auto getCode = [&] {
            const auto reply = m_emulator.http().get(
                authorizeUrl({ { QStringLiteral("response_type"), QStringLiteral("code") },
                    { QStringLiteral("client_id"), QStringLiteral("xerosync-desktop") },
                    { QStringLiteral("redirect_uri"),
                        QString::fromLatin1(EmulatorFixture::DesktopRedirect) },
                    { QStringLiteral("scope"),
                        QStringLiteral("openid offline_access payroll.timesheets") },
                    { QStringLiteral("state"), QStringLiteral("abc") },
                    { QStringLiteral("code_challenge"), challenge },
                    { QStringLiteral("code_challenge_method"), QStringLiteral("S256") } }));
            const QUrlQuery query(QUrl(QString::fromUtf8(reply.header("Location"))));
            [&] {
                QCOMPARE(query.queryItemValue(QStringLiteral("state")), QStringLiteral("abc"));
            }();
            return query.queryItemValue(QStringLiteral("code")).toUtf8();
        };
        const auto exchange = [&](const QByteArray &code, const QByteArray &codeVerifier) {
            return m_emulator.token("grant_type=authorization_code&client_id=xerosync-desktop&code="
                + code + "&redirect_uri="
                + QUrl::toPercentEncoding(QString::fromLatin1(EmulatorFixture::DesktopRedirect))
                + "&code_verifier=" + codeVerifier);
        };
        auto code = getCode();
        auto reply = exchange(code, "wrong-verifier-wrong-verifier-wrong-verifier");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()["error"].get<std::string>(), std::string("invalid_grant"));
        code = getCode();
        QCOMPARE(exchange(code, verifier).status, 200);
        reply = exchange(code, verifier);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json()["error"].get<std::string>(), std::string("invalid_grant"));
        // Codes expire (unverified lifetime: 5 minutes, README).
        code = getCode();
        advance(301);
        QCOMPARE(exchange(code, verifier).json()["error"].get<std::string>(),
            std::string("invalid_grant"));
        QCOMPARE(m_emulator.token("grant_type=password&client_id=xerosync-desktop")
                     .json()["error"]
                     .get<std::string>(),
            std::string("unsupported_grant_type"));
        QCOMPARE(m_emulator.token("grant_type=refresh_token&client_id=nobody&refresh_token=x")
                     .json()["error"]
                     .get<std::string>(),
            std::string("invalid_client"));
    }

    void refreshRotatesWithGraceWindow()
    {
        const auto first = m_emulator.authorize();
        QVERIFY(!first.refresh.empty());
        const auto second = refresh(first.refresh);
        QCOMPARE(second.status, 200);
        const auto rotated = second.json()["refresh_token"].get<std::string>();
        QVERIFY(rotated != first.refresh);
        // The answer was "lost": the previous token still works inside the 30-minute grace.
        advance(29 * 60);
        const auto retry = refresh(first.refresh);
        QCOMPARE(retry.status, 200);
        const auto latest = retry.json()["refresh_token"].get<std::string>();
        // Outside the grace window the superseded tokens are dead.
        advance(31 * 60);
        QCOMPARE(refresh(first.refresh).json()["error"].get<std::string>(),
            std::string("invalid_grant"));
        QCOMPARE(refresh(rotated).json()["error"].get<std::string>(), std::string("invalid_grant"));
        const auto ok = refresh(latest);
        QCOMPARE(ok.status, 200);
        // The new access token works; the stats show the grace reuse and the refusals.
        const auto access = ok.json()["access_token"].get<std::string>();
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/1.0/PayrollCalendars"),
                         EmulatorFixture::AuTenant, access)
                     .status,
            200);
        const auto stats = m_emulator.control("GET", QStringLiteral("stats")).json()["oauth"];
        QCOMPARE(stats["graceReuses"].get<int>(), 1);
        QCOMPARE(stats["invalidGrants"].get<int>(), 2);
    }

    void twoRefreshersWithOneTokenLoseOutsideGrace()
    {
        // Two agents hold copies of one token set; both refresh at once (research §13 #1).
        const auto tokens = m_emulator.authorize();
        const auto a = refresh(tokens.refresh);
        const auto b = refresh(tokens.refresh);
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200); // inside the grace window both succeed
        // ...but only the latest stays valid; A's rotated token dies when the window passes.
        advance(31 * 60);
        QCOMPARE(refresh(a.json()["refresh_token"].get<std::string>())
                     .json()["error"]
                     .get<std::string>(),
            std::string("invalid_grant"));
        QCOMPARE(refresh(b.json()["refresh_token"].get<std::string>()).status, 200);
    }

    void refreshTokenIdlesOutAfterSixtyDays()
    {
        const auto tokens = m_emulator.authorize();
        advance(59 * 86400);
        const auto kept = refresh(tokens.refresh);
        QCOMPARE(kept.status, 200);
        advance(61 * 86400);
        QCOMPARE(refresh(kept.json()["refresh_token"].get<std::string>())
                     .json()["error"]
                     .get<std::string>(),
            std::string("invalid_grant"));
    }

    void accessTokenExpiryTenantAndScopeErrors()
    {
        const auto tokens =
            m_emulator.authorize(QStringLiteral("offline_access payroll.employees.read"));
        const auto path = QStringLiteral("/payroll.xro/1.0/Employees");
        QCOMPARE(m_emulator.api("GET", path, EmulatorFixture::AuTenant, tokens.access).status, 200);
        // Missing and foreign tenant headers.
        auto reply = m_emulator.api("GET", path, {}, tokens.access);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.json()["Title"].get<std::string>(), std::string("Forbidden"));
        QCOMPARE(m_emulator.api("GET", path, "00000000-0000-4000-8000-000000000000", tokens.access)
                     .status,
            403);
        // A scope the token lacks.
        reply = m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Timesheets"),
            EmulatorFixture::AuTenant, tokens.access);
        QCOMPARE(reply.status, 403);
        QVERIFY(reply.header("WWW-Authenticate").contains("insufficient_scope"));
        // No token, a made-up token, then expiry after 30 minutes with Xero's body.
        QCOMPARE(m_emulator.api("GET", path, EmulatorFixture::AuTenant, {}).status, 401);
        QCOMPARE(m_emulator.api("GET", path, EmulatorFixture::AuTenant, "not-a-token").status, 401);
        advance(1801);
        reply = m_emulator.api("GET", path, EmulatorFixture::AuTenant, tokens.access);
        QCOMPARE(reply.status, 401);
        const auto body = reply.json();
        QCOMPARE(body["Status"].get<int>(), 401);
        QVERIFY(body["Detail"].get<std::string>().starts_with("TokenExpired: token expired at "));
        QVERIFY(reply.header("WWW-Authenticate").contains("invalid_token"));
    }

    void organisationTellsWhichPayrollTheTenantUses()
    {
        // Xero's /connections does not say where an organisation is; Accounting's Organisation
        // does, and agents read it to pick Payroll AU 1.0 or 2.0.
        auto tokens = m_emulator.authorize(
            QStringLiteral("offline_access payroll.employees accounting.settings.read"));
        const auto path = QStringLiteral("/api.xro/2.0/Organisation");
        const auto spec =
            OpenApiChecker::load(QStringLiteral(XEROSYNC_OPENAPI_DIR "/xero_accounting.yaml"));
        QVERIFY_RESULT(spec);
        for (const auto &[tenant, version, country] :
            { std::tuple { EmulatorFixture::AuTenant, "AU", "AU" },
                std::tuple { EmulatorFixture::UkTenant, "UK", "GB" } }) {
            const auto reply = m_emulator.api("GET", path, tenant, tokens.access);
            QCOMPARE(reply.status, 200);
            const auto org = reply.json()["Organisations"][0];
            QCOMPARE(org["OrganisationID"].get<std::string>(), std::string(tenant));
            QCOMPARE(org["Version"].get<std::string>(), std::string(version));
            QCOMPARE(org["CountryCode"].get<std::string>(), std::string(country));
            bool checked = false;
            const auto violations =
                spec->checkResponse("GET", "/Organisation", 200, reply.json(), &checked);
            QVERIFY(checked);
            QVERIFY2(violations.empty(), violations.empty() ? "" : violations.front().c_str());
        }
        // Without an accounting scope: 403 insufficient_scope, like any other API.
        tokens = m_emulator.authorize(QStringLiteral("offline_access payroll.employees"));
        const auto refused = m_emulator.api("GET", path, EmulatorFixture::AuTenant, tokens.access);
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.header("WWW-Authenticate").contains("insufficient_scope"));
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/api.xro/2.0/Invoices"), EmulatorFixture::AuTenant,
                         tokens.access)
                     .status,
            404);
    }

    void clientCredentialsNeedNoTenantHeader()
    {
        const auto token = m_emulator.customToken();
        QVERIFY(!token.empty());
        QCOMPARE(
            m_emulator.api("GET", QStringLiteral("/payroll.xro/1.0/Employees"), {}, token).status,
            200);
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/1.0/Employees"),
                         EmulatorFixture::UkTenant, token)
                     .status,
            403);
        const auto badSecret = m_emulator.token("grant_type=client_credentials",
            { { "Authorization", "Basic " + QByteArray("xerosync-custom:wrong").toBase64() } });
        QCOMPARE(badSecret.json()["error"].get<std::string>(), std::string("invalid_client"));
        // Custom connections get no refresh token.
        QVERIFY(
            !m_emulator
                 .token("grant_type=client_credentials",
                     { { "Authorization",
                         "Basic " + QByteArray("xerosync-custom:demo-custom-secret").toBase64() } })
                 .json()
                 .contains("refresh_token"));
    }

    void revocationEndsTokensAndConnections()
    {
        const auto tokens = m_emulator.authorize();
        const auto reply =
            m_emulator.http().postForm(m_emulator.url(QStringLiteral("/connect/revocation")),
                "client_id=xerosync-desktop&token=" + QByteArray::fromStdString(tokens.refresh));
        QCOMPARE(reply.status, 200);
        QCOMPARE(refresh(tokens.refresh).json()["error"].get<std::string>(),
            std::string("invalid_grant"));
        QCOMPARE(
            m_emulator.api("GET", QStringLiteral("/connections"), {}, tokens.access).status, 401);
    }

    void tenantDisconnectKeepsRefreshButForbidsCalls()
    {
        const auto tokens = m_emulator.authorize();
        QCOMPARE(m_emulator
                     .control("POST", QStringLiteral("events"),
                         Json { { "type", "disconnect-tenant" },
                             { "tenantId", EmulatorFixture::UkTenant } })
                     .status,
            200);
        const auto refreshed = refresh(tokens.refresh);
        QCOMPARE(refreshed.status, 200);
        const auto access = refreshed.json()["access_token"].get<std::string>();
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/2.0/Timesheets"),
                         EmulatorFixture::UkTenant, access)
                     .status,
            403);
        QCOMPARE(m_emulator
                     .api("GET", QStringLiteral("/payroll.xro/1.0/Timesheets"),
                         EmulatorFixture::AuTenant, access)
                     .status,
            200);
        QCOMPARE(
            m_emulator.api("GET", QStringLiteral("/connections"), {}, access).json().size(), 1u);
    }

    void consentPageMode()
    {
        QCOMPARE(
            m_emulator.control("POST", QStringLiteral("config"), Json { { "autoConsent", false } })
                .status,
            200);
        const QString challenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        const QList<std::pair<QString, QString>> params { { QStringLiteral("response_type"),
                                                              QStringLiteral("code") },
            { QStringLiteral("client_id"), QStringLiteral("xerosync-desktop") },
            { QStringLiteral("redirect_uri"),
                QString::fromLatin1(EmulatorFixture::DesktopRedirect) },
            { QStringLiteral("scope"), QStringLiteral("openid offline_access payroll.timesheets") },
            { QStringLiteral("state"), QStringLiteral("p") },
            { QStringLiteral("code_challenge"), challenge },
            { QStringLiteral("code_challenge_method"), QStringLiteral("S256") } };
        const auto page = m_emulator.http().get(authorizeUrl(params));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.body.contains("Demo Company (AU)"));
        QUrlQuery form;
        for (const auto &[key, value] : params)
            form.addQueryItem(key, value);
        form.addQueryItem(QStringLiteral("tenant"), QString::fromLatin1(EmulatorFixture::UkTenant));
        form.addQueryItem(QStringLiteral("decision"), QStringLiteral("allow"));
        auto reply = m_emulator.http().postForm(
            m_emulator.url(QStringLiteral("/identity/connect/authorize/consent")),
            form.toString(QUrl::FullyEncoded).toUtf8());
        QCOMPARE(reply.status, 302);
        QVERIFY(reply.header("Location").contains("code="));
        form.removeQueryItem(QStringLiteral("decision"));
        form.addQueryItem(QStringLiteral("decision"), QStringLiteral("deny"));
        reply = m_emulator.http().postForm(
            m_emulator.url(QStringLiteral("/identity/connect/authorize/consent")),
            form.toString(QUrl::FullyEncoded).toUtf8());
        QVERIFY(reply.header("Location").contains("error=access_denied"));
    }

    void discoveryDocument()
    {
        const auto reply = m_emulator.http().get(
            m_emulator.url(QStringLiteral("/.well-known/openid-configuration")));
        QCOMPARE(reply.status, 200);
        const auto json = reply.json();
        QVERIFY(json["token_endpoint"].get<std::string>().ends_with("/connect/token"));
        QCOMPARE(
            json["code_challenge_methods_supported"][0].get<std::string>(), std::string("S256"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorOAuth)
#include "tst_emulatoroauth.moc"
