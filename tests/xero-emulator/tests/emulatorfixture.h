#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <QString>

#include "support/emulatorprocess.h"
#include "support/openapichecker.h"
#include "support/testhttpclient.h"

namespace XeroSync::Test {

//! One emulator process per test class, an HTTP client, and a conformance check of every API
//! answer against the matching spec in ../shared/xero-openapi.
class EmulatorFixture
{
public:
    // Ids from seeds/default.json.
    static constexpr const char *AuTenant = "f4030178-4747-52fe-ab99-de32679cf1b4";
    static constexpr const char *UkTenant = "dee3baf2-45ea-5ef1-af47-ac168ce94c34";
    static constexpr const char *DesktopApp = "xerosync-desktop";
    static constexpr const char *DesktopRedirect = "http://localhost:8750/oauth/callback";
    static constexpr const char *AllScopes =
        "openid profile email offline_access payroll.employees "
        "payroll.timesheets payroll.settings projects";

    Result<void> start(const QStringList &arguments = {});

    void stop() { m_process.stop(); }

    //! The control plane; fails the body check only on transport errors.
    HttpReply control(
        const QByteArray &method, const QString &path, const nlohmann::json &body = nullptr);
    //! POST /connect/token; a 200 answer is checked against the identity spec's AccessToken.
    HttpReply token(const QByteArray &form, const TestHttpClient::Headers &headers = {});

    struct Tokens
    {
        std::string access;
        std::string refresh;
        HttpReply reply;
    };

    //! The whole authorization-code + PKCE flow with auto-consent; empty tokens on failure.
    Tokens authorize(const QString &scopes = QString::fromLatin1(AllScopes));
    //! A client-credentials token of the seeded custom connection (AU tenant).
    std::string customToken();

    //! An API call with bearer token and tenant header, its answer checked against the spec.
    HttpReply api(const QByteArray &method, const QString &path, const std::string &tenant,
        const std::string &accessToken, const nlohmann::json &body = nullptr,
        const TestHttpClient::Headers &headers = {});
    HttpReply apiRaw(const QByteArray &method, const QString &path, const std::string &tenant,
        const std::string &accessToken, const QByteArray &body,
        const TestHttpClient::Headers &headers = {});

    //! Payroll 2.0 answers are checked against the spec of the tenant's region: AU 2.0 for the
    //! seeded AU tenant, UK otherwise, unless set here ("NZ", "UK", "AU").
    void setRegion(const std::string &tenant, const std::string &region)
    {
        m_regions[tenant] = region;
    }

    //! Checks an answer against the spec for its path (also used for hand-made requests).
    void checkConformance(const HttpReply &reply, const std::string &tenant);

    int checkedCount() const { return m_checked; }

    const std::vector<std::string> &violations() const { return m_violations; }

    QString violationReport() const;

    TestHttpClient &http() { return m_http; }

    EmulatorProcess &process() { return m_process; }

    QUrl url(const QString &path) const { return m_process.url(path); }

private:
    EmulatorProcess m_process;
    TestHttpClient m_http;
    std::map<std::string, std::unique_ptr<OpenApiChecker>> m_specs;
    std::map<std::string, std::string> m_regions;
    std::vector<std::string> m_violations;
    int m_checked = 0;
};

} // namespace XeroSync::Test

//! Fails the test when any answer so far did not conform to Xero's specs.
#define QVERIFY_CONFORMS(fixture)                                                                  \
    QVERIFY2((fixture).violations().empty(), qPrintable((fixture).violationReport()))
