#include "emulatorfixture.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace XeroSync::Test {

Result<void> EmulatorFixture::start(const QStringList &arguments)
{
    for (const char *file :
        { "xero-payroll-au.yaml", "xero-payroll-nz.yaml", "xero-payroll-au-v2.yaml",
            "xero-payroll-uk.yaml", "xero-projects.yaml", "xero-identity.yaml" }) {
        if (m_specs.contains(file))
            continue;
        auto checker = OpenApiChecker::load(
            QStringLiteral(XEROSYNC_OPENAPI_DIR "/") + QString::fromLatin1(file));
        if (!checker)
            return std::unexpected(checker.error());
        m_specs[file] = std::make_unique<OpenApiChecker>(std::move(*checker));
    }
    return m_process.start(arguments);
}

HttpReply EmulatorFixture::control(
    const QByteArray &method, const QString &path, const nlohmann::json &body)
{
    return m_http.send(method, m_process.url(QStringLiteral("/__emulator/") + path),
        body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()));
}

HttpReply EmulatorFixture::token(const QByteArray &form, const TestHttpClient::Headers &headers)
{
    auto reply = m_http.postForm(m_process.url(QStringLiteral("/connect/token")), form, headers);
    if (reply.status == 200) {
        ++m_checked;
        // Token answers carry `scope` (xero-api.md §8.2 item 5), which AccessToken does not list.
        for (const auto &violation :
            m_specs["xero-identity.yaml"]->checkSchema("AccessToken", reply.json(), { "scope" }))
            m_violations.push_back("token: " + violation);
    }
    return reply;
}

EmulatorFixture::Tokens EmulatorFixture::authorize(const QString &scopes)
{
    Tokens tokens;
    const auto verifier = QByteArray::number(QRandomGenerator::global()->generate64()).repeated(4);
    const auto challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrl url = m_process.url(QStringLiteral("/identity/connect/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(DesktopApp));
    query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(DesktopRedirect));
    query.addQueryItem(QStringLiteral("scope"), scopes);
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("xyz"));
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    url.setQuery(query);
    const auto redirect = m_http.get(url);
    if (redirect.status != 302)
        return tokens;
    const QUrlQuery answer(QUrl(QString::fromUtf8(redirect.header("Location"))));
    const auto code = answer.queryItemValue(QStringLiteral("code"));
    const QByteArray form = "grant_type=authorization_code&client_id=" + QByteArray(DesktopApp)
        + "&code=" + QUrl::toPercentEncoding(code)
        + "&redirect_uri=" + QUrl::toPercentEncoding(QString::fromLatin1(DesktopRedirect))
        + "&code_verifier=" + verifier;
    tokens.reply = token(form);
    const auto json = tokens.reply.json();
    if (tokens.reply.status == 200) {
        tokens.access = json.value("access_token", "");
        tokens.refresh = json.value("refresh_token", "");
    }
    return tokens;
}

std::string EmulatorFixture::customToken()
{
    const auto reply = token("grant_type=client_credentials",
        { { "Authorization",
            "Basic " + QByteArray("xerosync-custom:demo-custom-secret").toBase64() } });
    return reply.json().value("access_token", "");
}

HttpReply EmulatorFixture::api(const QByteArray &method, const QString &path,
    const std::string &tenant, const std::string &accessToken, const nlohmann::json &body,
    const TestHttpClient::Headers &headers)
{
    return apiRaw(method, path, tenant, accessToken,
        body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()), headers);
}

HttpReply EmulatorFixture::apiRaw(const QByteArray &method, const QString &path,
    const std::string &tenant, const std::string &accessToken, const QByteArray &body,
    const TestHttpClient::Headers &headers)
{
    auto all = headers;
    if (!accessToken.empty())
        all.append(std::pair<QByteArray, QByteArray>(
            "Authorization", "Bearer " + QByteArray::fromStdString(accessToken)));
    if (!tenant.empty())
        all.append(
            std::pair<QByteArray, QByteArray>("Xero-Tenant-Id", QByteArray::fromStdString(tenant)));
    auto reply = m_http.send(method, m_process.url(path), body, all);
    checkConformance(reply, tenant);
    return reply;
}

void EmulatorFixture::checkConformance(const HttpReply &reply, const std::string &tenant)
{
    if (reply.status == 0 || reply.body.isEmpty())
        return;
    const auto json = reply.json();
    if (json.is_discarded())
        return;
    auto path = reply.url.path().toStdString();
    const OpenApiChecker *spec = nullptr;
    const auto strip = [&path](const std::string &prefix) {
        if (!path.starts_with(prefix))
            return false;
        path = path.substr(prefix.size());
        return true;
    };
    if (strip("/payroll.xro/1.0"))
        spec = m_specs["xero-payroll-au.yaml"].get();
    else if (strip("/payroll.xro/2.0")) {
        auto region = tenant == AuTenant ? std::string("AU") : std::string("UK");
        if (const auto it = m_regions.find(tenant); it != m_regions.end())
            region = it->second;
        spec = m_specs[region == "AU" ? "xero-payroll-au-v2.yaml"
                : region == "NZ"      ? "xero-payroll-nz.yaml"
                                      : "xero-payroll-uk.yaml"]
                   .get();
    } else if (strip("/projects.xro/2.0"))
        spec = m_specs["xero-projects.yaml"].get();
    else if (path.starts_with("/connections"))
        spec = m_specs["xero-identity.yaml"].get();
    if (!spec)
        return;
    bool checked = false;
    for (auto &violation :
        spec->checkResponse(reply.method.toStdString(), path, reply.status, json, &checked))
        m_violations.push_back(std::move(violation));
    m_checked += checked ? 1 : 0;
}

QString EmulatorFixture::violationReport() const
{
    QString report = QStringLiteral("%1 answer(s) did not conform:").arg(m_violations.size());
    for (const auto &violation : m_violations)
        report += QStringLiteral("\n  ") + QString::fromStdString(violation);
    return report;
}

} // namespace XeroSync::Test
