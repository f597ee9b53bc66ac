#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apirequest.h"
#include "apiresponse.h"

namespace XeroEmulator {

class EmulatorClock;
class EmulatorState;
class IdGenerator;
struct EmulatorConfig;

//! Xero's identity service: authorize (code + PKCE), token (authorization_code, refresh_token
//! with rotation and a grace window, client_credentials), revocation and the connections list
//! (research §8, §12 items 1–5). One emulated user owns every connection.
class OAuthServer
{
public:
    OAuthServer(
        EmulatorState &state, EmulatorConfig &config, EmulatorClock &clock, IdGenerator &ids);

    ApiResponse authorize(const ApiRequest &request);
    ApiResponse consent(const ApiRequest &request);
    ApiResponse token(const ApiRequest &request);
    ApiResponse revoke(const ApiRequest &request);
    ApiResponse discovery(const ApiRequest &request, const std::string &baseUrl) const;
    ApiResponse listConnections(ApiRequest &request);
    ApiResponse deleteConnection(ApiRequest &request, const std::string &connectionId);

    //! Checks the bearer token (and, when `needsTenant`, the Xero-Tenant-Id header); on success
    //! fills the request's client, scopes and tenant, otherwise returns Xero's 401/403 answer.
    std::optional<ApiResponse> authenticate(ApiRequest &request, bool needsTenant);
    static ApiResponse insufficientScope(const std::string &instance);

    //! Xero-side events: the organisation disconnected the app (or was reset).
    void disconnectTenant(const std::string &tenantId);
    //! Ends every access token's life now (the next call gets 401 TokenExpired).
    void expireAccessTokens();
    void clear();
    Json toJson() const;
    void fromJson(const Json &json);
    //! Counters for tests: refreshes served, reuses inside the grace window, invalid_grant answers.
    Json stats() const;

private:
    struct AuthCode
    {
        std::string clientId;
        std::string redirectUri;
        std::string challenge;
        std::vector<std::string> scopes;
        std::string authEventId;
        qint64 expiresMs = 0;
        bool used = false;
    };

    struct AccessToken
    {
        std::string clientId;
        std::string authEventId;
        std::vector<std::string> scopes;
        std::string customTenantId;
        qint64 expiresMs = 0;
    };

    struct RefreshToken
    {
        std::string clientId;
        std::string authEventId;
        std::vector<std::string> scopes;
        qint64 lastUsedMs = 0; //!< issue time; idle expiry counts from here
        qint64 supersededMs = 0; //!< 0 while current; grace window counts from here
        bool revoked = false;
    };

    struct Connection
    {
        std::string id;
        std::string tenantId;
        std::string clientId;
        std::string authEventId;
        QDateTime created;
        QDateTime updated;
    };

    ApiResponse issueTokens(const std::string &clientId, const std::string &authEventId,
        const std::vector<std::string> &scopes, bool withRefresh);
    std::string makeJwt(const Json &claims);
    ApiResponse oauthError(const std::string &error, const std::string &description = {}) const;
    //! Identifies the calling app at the token endpoint (Basic auth or body), or says why not.
    std::optional<std::string> authenticateClient(
        const ApiRequest &request, const QUrlQuery &form, std::string &clientId) const;
    ApiResponse consentPage(const ApiRequest &request) const;
    ApiResponse finishAuthorization(
        const QUrlQuery &params, const std::vector<std::string> &tenantIds);
    std::optional<ApiResponse> validateAuthorizeRequest(
        const QUrlQuery &params, bool &redirectable) const;

    EmulatorState &m_state;
    EmulatorConfig &m_config;
    EmulatorClock &m_clock;
    IdGenerator &m_ids;
    std::string m_userId;
    std::map<std::string, AuthCode> m_codes;
    std::map<std::string, AccessToken> m_accessTokens;
    std::map<std::string, RefreshToken> m_refreshTokens;
    std::vector<Connection> m_connections;
    int m_refreshes = 0;
    int m_graceReuses = 0;
    int m_invalidGrants = 0;
};

} // namespace XeroEmulator
