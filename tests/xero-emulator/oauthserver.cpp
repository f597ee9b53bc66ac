#include "oauthserver.h"

#include <algorithm>
#include <set>

#include <QCryptographicHash>
#include <QUrl>

#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorlogging.h"
#include "emulatorstate.h"
#include "idgenerator.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

const std::set<std::string> &knownScopes()
{
    static const std::set<std::string> scopes { "openid", "profile", "email", "offline_access",
        "payroll.employees", "payroll.employees.read", "payroll.timesheets",
        "payroll.timesheets.read", "payroll.settings", "payroll.settings.read", "payroll.payruns",
        "payroll.payruns.read", "payroll.payslip", "payroll.payslip.read", "projects",
        "projects.read", "accounting.settings", "accounting.settings.read", "accounting.contacts",
        "accounting.contacts.read" };
    return scopes;
}

std::vector<std::string> splitScopes(const QString &text)
{
    std::vector<std::string> scopes;
    for (const auto &part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        scopes.push_back(part.toStdString());
    return scopes;
}

std::string joinScopes(const std::vector<std::string> &scopes)
{
    std::string joined;
    for (const auto &scope : scopes)
        joined += (joined.empty() ? "" : " ") + scope;
    return joined;
}

bool contains(const std::vector<std::string> &list, const std::string &value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

QByteArray htmlEscape(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

std::string pkceChallenge(const std::string &verifier)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(verifier), QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

std::string param(const QUrlQuery &query, const char *name)
{
    return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded).toStdString();
}

} // namespace

OAuthServer::OAuthServer(
    EmulatorState &state, EmulatorConfig &config, EmulatorClock &clock, IdGenerator &ids)
    : m_state(state)
    , m_config(config)
    , m_clock(clock)
    , m_ids(ids)
    , m_userId(ids.uuid())
{ }

ApiResponse OAuthServer::oauthError(const std::string &error, const std::string &description) const
{
    Json body { { "error", error } };
    if (!description.empty())
        body["error_description"] = description;
    return ApiResponse::json(400, body);
}

std::optional<ApiResponse> OAuthServer::validateAuthorizeRequest(
    const QUrlQuery &params, bool &redirectable) const
{
    redirectable = false;
    const auto *app = m_state.app(param(params, "client_id"));
    // Like Xero, never redirect to an unverified address: these errors are shown as a page.
    if (!app || app->type == "custom")
        return ApiResponse::text(400,
            "<html><body><h1>Error: unauthorized_client</h1><p>Unknown client or "
            "client not enabled for this flow.</p></body></html>",
            "text/html; charset=utf-8");
    const auto redirectUri = param(params, "redirect_uri");
    if (!contains(app->redirectUris, redirectUri))
        return ApiResponse::text(400,
            "<html><body><h1>Error: invalid_request</h1><p>Invalid redirect_uri</p></body></html>",
            "text/html; charset=utf-8");
    redirectable = true;
    if (param(params, "response_type") != "code")
        return oauthError("unsupported_response_type");
    const auto scopes =
        splitScopes(params.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded));
    if (scopes.empty())
        return oauthError("invalid_scope", "scope is required");
    for (const auto &scope : scopes) {
        if (!knownScopes().contains(scope))
            return oauthError("invalid_scope", "Unknown scope " + scope);
    }
    if (app->type == "pkce") {
        if (param(params, "code_challenge").empty())
            return oauthError("invalid_request", "code_challenge is required");
        if (param(params, "code_challenge_method") != "S256")
            return oauthError("invalid_request", "code_challenge_method must be S256");
    }
    return std::nullopt;
}

static ApiResponse redirectWithError(const QUrlQuery &params, const ApiResponse &error)
{
    // Turns an OAuth error body into the error redirect RFC 6749 §4.1.2.1 prescribes.
    const auto body = Json::parse(error.body.toStdString(), nullptr, false);
    QUrl target(QString::fromStdString(param(params, "redirect_uri")));
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("error"), QString::fromStdString(body.value("error", "")));
    if (body.contains("error_description"))
        query.addQueryItem(QStringLiteral("error_description"),
            QString::fromStdString(body.value("error_description", "")));
    if (params.hasQueryItem(QStringLiteral("state")))
        query.addQueryItem(QStringLiteral("state"), params.queryItemValue(QStringLiteral("state")));
    target.setQuery(query);
    return ApiResponse::redirect(target.toEncoded());
}

ApiResponse OAuthServer::authorize(const ApiRequest &request)
{
    bool redirectable = false;
    if (auto error = validateAuthorizeRequest(request.query, redirectable))
        return redirectable ? redirectWithError(request.query, *error) : *error;
    if (!m_config.autoConsent)
        return consentPage(request);
    std::vector<std::string> tenantIds;
    for (const auto &tenant : m_state.tenants())
        tenantIds.push_back(tenant.id);
    return finishAuthorization(request.query, tenantIds);
}

ApiResponse OAuthServer::consentPage(const ApiRequest &request) const
{
    QByteArray html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Xero emulator: "
                      "allow access</title></head><body "
                      "style=\"font-family:sans-serif;max-width:36em;margin:3em auto\">"
                      "<h1>Allow access?</h1><p><b>"
        + htmlEscape(request.query.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded))
        + "</b> asks for: <code>"
        + htmlEscape(request.query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded))
        + "</code></p><form method=\"post\" action=\"/identity/connect/authorize/consent\">";
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded))
        html += "<input type=\"hidden\" name=\"" + htmlEscape(key) + "\" value=\""
            + htmlEscape(value) + "\">";
    html += "<p>Organisations:</p>";
    for (const auto &tenant : m_state.tenants()) {
        html += "<label><input type=\"checkbox\" name=\"tenant\" checked value=\""
            + QByteArray::fromStdString(tenant.id) + "\"> "
            + htmlEscape(
                QString::fromStdString(tenant.name + " (" + regionName(tenant.region) + ")"))
            + "</label><br>";
    }
    html += "<p><button name=\"decision\" value=\"allow\">Allow access</button> "
            "<button name=\"decision\" value=\"deny\">Cancel</button></p></form></body></html>";
    return ApiResponse::text(200, html, "text/html; charset=utf-8");
}

ApiResponse OAuthServer::consent(const ApiRequest &request)
{
    const auto form = request.form();
    bool redirectable = false;
    if (auto error = validateAuthorizeRequest(form, redirectable))
        return redirectable ? redirectWithError(form, *error) : *error;
    if (param(form, "decision") != "allow")
        return redirectWithError(form, oauthError("access_denied"));
    std::vector<std::string> tenantIds;
    for (const auto &value :
        form.allQueryItemValues(QStringLiteral("tenant"), QUrl::FullyDecoded)) {
        if (m_state.tenant(value.toStdString()))
            tenantIds.push_back(EmulatorState::normalizedId(value.toStdString()));
    }
    return finishAuthorization(form, tenantIds);
}

ApiResponse OAuthServer::finishAuthorization(
    const QUrlQuery &params, const std::vector<std::string> &tenantIds)
{
    const auto authEventId = m_ids.uuid();
    const auto clientId = param(params, "client_id");
    const auto now = m_clock.now();
    for (const auto &tenantId : tenantIds) {
        auto it = std::find_if(m_connections.begin(), m_connections.end(),
            [&](const Connection &c) { return c.clientId == clientId && c.tenantId == tenantId; });
        if (it == m_connections.end()) {
            m_connections.push_back({ m_ids.uuid(), tenantId, clientId, authEventId, now, now });
        } else {
            it->authEventId = authEventId;
            it->updated = now;
        }
    }
    AuthCode code;
    code.clientId = clientId;
    code.redirectUri = param(params, "redirect_uri");
    code.challenge = param(params, "code_challenge");
    code.scopes = splitScopes(params.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded));
    code.authEventId = authEventId;
    code.expiresMs = m_clock.nowMs() + m_config.authCodeSeconds * 1000LL;
    const auto codeValue = m_ids.token(32);
    m_codes[codeValue] = code;

    QUrl target(QString::fromStdString(code.redirectUri));
    QUrlQuery query(target);
    query.addQueryItem(QStringLiteral("code"), QString::fromStdString(codeValue));
    query.addQueryItem(QStringLiteral("scope"), QString::fromStdString(joinScopes(code.scopes)));
    if (params.hasQueryItem(QStringLiteral("state")))
        query.addQueryItem(QStringLiteral("state"),
            params.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
    query.addQueryItem(QStringLiteral("session_state"), QString::fromStdString(m_ids.token(16)));
    target.setQuery(query);
    return ApiResponse::redirect(target.toEncoded());
}

std::optional<std::string> OAuthServer::authenticateClient(
    const ApiRequest &request, const QUrlQuery &form, std::string &clientId) const
{
    std::string secret;
    const auto authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const auto decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
        const auto colon = decoded.indexOf(':');
        if (colon < 0)
            return "invalid_client";
        clientId = QUrl::fromPercentEncoding(decoded.left(colon)).toStdString();
        secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1)).toStdString();
    } else {
        clientId = param(form, "client_id");
        secret = param(form, "client_secret");
    }
    const auto *app = m_state.app(clientId);
    if (!app)
        return "invalid_client";
    if (app->type != "pkce" && secret != app->clientSecret)
        return "invalid_client";
    return std::nullopt;
}

std::string OAuthServer::makeJwt(const Json &claims)
{
    // Shaped like Xero's RS256 tokens so clients that peek at `exp` work; the signature is random.
    const auto encode = [](const std::string &text) {
        return QByteArray::fromStdString(text)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            .toStdString();
    };
    const Json header { { "alg", "RS256" }, { "kid", "xero-emulator" }, { "typ", "JWT" } };
    return encode(header.dump()) + '.' + encode(claims.dump()) + '.' + m_ids.token(64);
}

ApiResponse OAuthServer::issueTokens(const std::string &clientId, const std::string &authEventId,
    const std::vector<std::string> &scopes, bool withRefresh)
{
    const auto nowMs = m_clock.nowMs();
    const qint64 expiresMs = nowMs + m_config.accessTokenSeconds * 1000LL;
    const auto *app = m_state.app(clientId);
    const Json claims { { "nbf", nowMs / 1000 }, { "exp", expiresMs / 1000 },
        { "iss", "https://identity.xero.com" }, { "aud", "https://identity.xero.com/resources" },
        { "client_id", clientId }, { "sub", m_userId }, { "xero_userid", m_userId },
        { "jti", m_ids.uuid() }, { "authentication_event_id", authEventId }, { "scope", scopes } };
    const auto access = makeJwt(claims);
    m_accessTokens[access] = AccessToken { clientId, authEventId, scopes,
        app && app->type == "custom" ? app->customTenantId : std::string(), expiresMs };

    Json body;
    if (contains(scopes, "openid"))
        body["id_token"] = makeJwt(
            { { "iss", "https://identity.xero.com" }, { "aud", clientId }, { "sub", m_userId },
                { "exp", expiresMs / 1000 }, { "email", "payroll.admin@example.com" } });
    body["access_token"] = access;
    body["expires_in"] = m_config.accessTokenSeconds;
    body["token_type"] = "Bearer";
    if (withRefresh && contains(scopes, "offline_access")) {
        const auto refresh = m_ids.token(32);
        m_refreshTokens[refresh] = RefreshToken { clientId, authEventId, scopes, nowMs, 0, false };
        body["refresh_token"] = refresh;
    }
    body["scope"] = joinScopes(scopes);
    auto response = ApiResponse::json(200, body);
    response.setHeader("Cache-Control", "no-store, no-cache, max-age=0");
    response.setHeader("Pragma", "no-cache");
    return response;
}

ApiResponse OAuthServer::token(const ApiRequest &request)
{
    const auto form = request.form();
    std::string clientId;
    if (auto error = authenticateClient(request, form, clientId))
        return oauthError(*error);
    const auto *app = m_state.app(clientId);
    const auto grantType = param(form, "grant_type");
    const auto nowMs = m_clock.nowMs();

    if (grantType == "authorization_code") {
        if (app->type == "custom")
            return oauthError("unauthorized_client");
        auto it = m_codes.find(param(form, "code"));
        if (it == m_codes.end() || it->second.used || it->second.expiresMs < nowMs
            || it->second.clientId != clientId) {
            if (it != m_codes.end())
                it->second.used = true; // a replayed code is burnt for good
            ++m_invalidGrants;
            return oauthError("invalid_grant");
        }
        auto &code = it->second;
        if (param(form, "redirect_uri") != code.redirectUri) {
            ++m_invalidGrants;
            return oauthError("invalid_grant", "redirect_uri does not match");
        }
        if (!code.challenge.empty()
            && pkceChallenge(param(form, "code_verifier")) != code.challenge) {
            ++m_invalidGrants;
            return oauthError("invalid_grant", "code_verifier does not match code_challenge");
        }
        code.used = true;
        return issueTokens(clientId, code.authEventId, code.scopes, true);
    }

    if (grantType == "refresh_token") {
        auto it = m_refreshTokens.find(param(form, "refresh_token"));
        if (it == m_refreshTokens.end() || it->second.revoked || it->second.clientId != clientId) {
            ++m_invalidGrants;
            return oauthError("invalid_grant");
        }
        auto &presented = it->second;
        if (nowMs - presented.lastUsedMs > m_config.refreshIdleDays * 86'400'000LL) {
            ++m_invalidGrants;
            return oauthError("invalid_grant");
        }
        if (presented.supersededMs != 0) {
            if (nowMs - presented.supersededMs > m_config.refreshGraceSeconds * 1000LL) {
                ++m_invalidGrants;
                qCInfo(lcEmulator) << "refresh token reused after the grace window: invalid_grant";
                return oauthError("invalid_grant");
            }
            ++m_graceReuses;
        }
        // Rotation: whatever was current in this grant becomes "previous" with a grace window.
        for (auto &[value, token] : m_refreshTokens) {
            if (token.authEventId == presented.authEventId && token.supersededMs == 0)
                token.supersededMs = nowMs;
        }
        ++m_refreshes;
        const auto authEventId = presented.authEventId;
        const auto scopes = presented.scopes;
        return issueTokens(clientId, authEventId, scopes, true);
    }

    if (grantType == "client_credentials") {
        if (app->type != "custom")
            return oauthError("unauthorized_client");
        auto scopes = splitScopes(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded));
        if (scopes.empty())
            scopes = app->customScopes;
        for (const auto &scope : scopes) {
            if (!contains(app->customScopes, scope))
                return oauthError("invalid_scope");
        }
        return issueTokens(clientId, "custom:" + clientId, scopes, false);
    }
    return oauthError("unsupported_grant_type");
}

ApiResponse OAuthServer::revoke(const ApiRequest &request)
{
    const auto form = request.form();
    std::string clientId;
    if (auto error = authenticateClient(request, form, clientId))
        return oauthError(*error);
    auto it = m_refreshTokens.find(param(form, "token"));
    if (it != m_refreshTokens.end() && it->second.clientId == clientId) {
        for (auto &[value, token] : m_refreshTokens) {
            if (token.clientId == clientId)
                token.revoked = true;
        }
        std::erase_if(
            m_accessTokens, [&](const auto &entry) { return entry.second.clientId == clientId; });
        // Revoking removes all of the user's connections for the app (research §8.2 item 8).
        std::erase_if(m_connections, [&](const Connection &c) { return c.clientId == clientId; });
    }
    // RFC 7009: an unknown token is not an error.
    return ApiResponse::noContent(200);
}

ApiResponse OAuthServer::discovery(const ApiRequest &, const std::string &baseUrl) const
{
    return ApiResponse::json(200,
        Json { { "issuer", "https://identity.xero.com" },
            { "authorization_endpoint", baseUrl + "/identity/connect/authorize" },
            { "token_endpoint", baseUrl + "/connect/token" },
            { "revocation_endpoint", baseUrl + "/connect/revocation" },
            { "scopes_supported",
                std::vector<std::string>(knownScopes().begin(), knownScopes().end()) },
            { "response_types_supported", { "code" } },
            { "grant_types_supported",
                { "authorization_code", "refresh_token", "client_credentials" } },
            { "code_challenge_methods_supported", { "S256" } } });
}

std::optional<ApiResponse> OAuthServer::authenticate(ApiRequest &request, bool needsTenant)
{
    const auto instance = m_ids.uuid();
    const auto authorization = request.header("Authorization");
    if (!authorization.startsWith("Bearer "))
        return ApiResponse::gatewayError(
            401, "Unauthorized", "AuthenticationUnsuccessful", instance);
    const auto it = m_accessTokens.find(authorization.mid(7).trimmed().toStdString());
    if (it == m_accessTokens.end())
        return ApiResponse::gatewayError(
            401, "Unauthorized", "AuthenticationUnsuccessful", instance);
    const auto &token = it->second;
    if (token.expiresMs <= m_clock.nowMs()) {
        const auto expiredAt = QDateTime::fromMSecsSinceEpoch(token.expiresMs, Qt::UTC)
                                   .toString(QStringLiteral("MM/dd/yyyy HH:mm:ss"))
                                   .toStdString();
        auto response = ApiResponse::gatewayError(
            401, "Unauthorized", "TokenExpired: token expired at " + expiredAt, instance);
        response.setHeader("WWW-Authenticate",
            "Bearer error=\"invalid_token\", error_description=\"The token expired at '"
                + QByteArray::fromStdString(expiredAt) + "'\"");
        return response;
    }
    request.clientId = token.clientId;
    request.scopes = token.scopes;
    if (!needsTenant)
        return std::nullopt;

    auto tenantHeader = request.header("Xero-Tenant-Id").trimmed().toStdString();
    if (!token.customTenantId.empty()) {
        // Custom connections need no tenant header; a different one is still refused.
        if (!tenantHeader.empty()
            && EmulatorState::normalizedId(tenantHeader) != token.customTenantId)
            return ApiResponse::gatewayError(
                403, "Forbidden", "AuthenticationUnsuccessful", instance);
        request.tenant = m_state.tenant(token.customTenantId);
        if (!request.tenant)
            return ApiResponse::gatewayError(
                403, "Forbidden", "AuthenticationUnsuccessful", instance);
        return std::nullopt;
    }
    const auto tenantId = EmulatorState::normalizedId(tenantHeader);
    const bool connected =
        std::any_of(m_connections.begin(), m_connections.end(), [&](const Connection &c) {
            return c.clientId == token.clientId && c.tenantId == tenantId;
        });
    request.tenant = connected ? m_state.tenant(tenantId) : nullptr;
    if (!request.tenant)
        return ApiResponse::gatewayError(403, "Forbidden", "AuthenticationUnsuccessful", instance);
    return std::nullopt;
}

ApiResponse OAuthServer::insufficientScope(const std::string &instance)
{
    auto response =
        ApiResponse::gatewayError(403, "Forbidden", "AuthorizationUnsuccessful", instance);
    response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
    return response;
}

ApiResponse OAuthServer::listConnections(ApiRequest &request)
{
    if (auto error = authenticate(request, false))
        return *error;
    const auto authEventFilter = EmulatorState::normalizedId(request.queryValue("authEventId"));
    Json list = Json::array();
    for (const auto &connection : m_connections) {
        if (connection.clientId != request.clientId)
            continue;
        if (!authEventFilter.empty() && connection.authEventId != authEventFilter)
            continue;
        const auto *tenant = m_state.tenant(connection.tenantId);
        if (!tenant)
            continue;
        list.push_back({ { "id", connection.id }, { "authEventId", connection.authEventId },
            { "tenantId", tenant->id }, { "tenantType", "ORGANISATION" },
            { "tenantName", tenant->name },
            { "createdDateUtc", XeroDates::timestamp(connection.created) },
            { "updatedDateUtc", XeroDates::timestamp(connection.updated) } });
    }
    return ApiResponse::json(200, list);
}

ApiResponse OAuthServer::deleteConnection(ApiRequest &request, const std::string &connectionId)
{
    if (auto error = authenticate(request, false))
        return *error;
    const auto id = EmulatorState::normalizedId(connectionId);
    const auto removed = std::erase_if(m_connections,
        [&](const Connection &c) { return c.id == id && c.clientId == request.clientId; });
    if (removed == 0)
        return ApiResponse::gatewayError(
            404, "NotFound", "The resource you're looking for cannot be found", m_ids.uuid());
    return ApiResponse::noContent();
}

void OAuthServer::disconnectTenant(const std::string &tenantId)
{
    const auto id = EmulatorState::normalizedId(tenantId);
    std::erase_if(m_connections, [&](const Connection &c) { return c.tenantId == id; });
}

void OAuthServer::expireAccessTokens()
{
    const auto nowMs = m_clock.nowMs();
    for (auto &[value, token] : m_accessTokens)
        token.expiresMs = std::min(token.expiresMs, nowMs);
}

void OAuthServer::clear()
{
    m_codes.clear();
    m_accessTokens.clear();
    m_refreshTokens.clear();
    m_connections.clear();
    m_refreshes = m_graceReuses = m_invalidGrants = 0;
}

Json OAuthServer::stats() const
{
    int current = 0;
    for (const auto &[value, token] : m_refreshTokens)
        current += token.supersededMs == 0 && !token.revoked ? 1 : 0;
    return Json { { "refreshes", m_refreshes }, { "graceReuses", m_graceReuses },
        { "invalidGrants", m_invalidGrants }, { "currentRefreshTokens", current },
        { "accessTokens", m_accessTokens.size() }, { "connections", m_connections.size() } };
}

Json OAuthServer::toJson() const
{
    Json access = Json::object();
    for (const auto &[value, t] : m_accessTokens)
        access[value] = { { "clientId", t.clientId }, { "authEventId", t.authEventId },
            { "scopes", t.scopes }, { "customTenantId", t.customTenantId },
            { "expiresMs", t.expiresMs } };
    Json refresh = Json::object();
    for (const auto &[value, t] : m_refreshTokens)
        refresh[value] = { { "clientId", t.clientId }, { "authEventId", t.authEventId },
            { "scopes", t.scopes }, { "lastUsedMs", t.lastUsedMs },
            { "supersededMs", t.supersededMs }, { "revoked", t.revoked } };
    Json connections = Json::array();
    for (const auto &c : m_connections)
        connections.push_back(
            { { "id", c.id }, { "tenantId", c.tenantId }, { "clientId", c.clientId },
                { "authEventId", c.authEventId }, { "created", XeroDates::isoUtc(c.created) },
                { "updated", XeroDates::isoUtc(c.updated) } });
    return Json { { "userId", m_userId }, { "accessTokens", access }, { "refreshTokens", refresh },
        { "connections", connections } };
}

void OAuthServer::fromJson(const Json &json)
{
    clear();
    if (!json.is_object())
        return;
    m_userId = json.value("userId", m_userId);
    const auto access = json.value("accessTokens", Json::object());
    for (const auto &[value, t] : access.items())
        m_accessTokens[value] = AccessToken { t.value("clientId", ""), t.value("authEventId", ""),
            t.value("scopes", std::vector<std::string>()), t.value("customTenantId", ""),
            t.value("expiresMs", qint64(0)) };
    const auto refresh = json.value("refreshTokens", Json::object());
    for (const auto &[value, t] : refresh.items())
        m_refreshTokens[value] = RefreshToken { t.value("clientId", ""), t.value("authEventId", ""),
            t.value("scopes", std::vector<std::string>()), t.value("lastUsedMs", qint64(0)),
            t.value("supersededMs", qint64(0)), t.value("revoked", false) };
    const auto connections = json.value("connections", Json::array());
    for (const auto &c : connections) {
        const auto now = m_clock.now();
        m_connections.push_back({ c.value("id", ""), c.value("tenantId", ""),
            c.value("clientId", ""), c.value("authEventId", ""),
            XeroDates::parseDateTime(c.value("created", "")).value_or(now),
            XeroDates::parseDateTime(c.value("updated", "")).value_or(now) });
    }
}

} // namespace XeroEmulator
