#pragma once

#include <functional>

#include <QList>
#include <QObject>
#include <QStringList>

#include "core/common/clock.h"
#include "core/xero/pkce.h"
#include "core/xero/tokenset.h"
#include "core/xero/xeroendpoints.h"

class QNetworkAccessManager;
class QUrlQuery;

namespace XeroSync {

struct OAuthSettings
{
    QString clientId;
    QString clientSecret; //!< empty for PKCE apps
    QString redirectUri;
    QStringList scopes;
};

//! Xero's OAuth 2.0 token calls: the authorize URL (code + PKCE), code exchange, refresh,
//! client credentials, revocation and the connections list (research §8).
//!
//! Hand-written rather than QtNetworkAuth: QOAuth2AuthorizationCodeFlow in Qt 6.4 has no PKCE
//! (it arrived in 6.8) and hides the refresh answer we must store before using it (rotation,
//! research §8.3); the calls themselves are two form POSTs and one GET.
class OAuthClient : public QObject
{
    Q_OBJECT

public:
    template <typename T>
    using Callback = std::function<void(Result<T>)>;

    OAuthClient(XeroEndpoints endpoints, OAuthSettings settings, const Clock &clock,
        QObject *parent = nullptr);

    QUrl authorizationUrl(const Pkce &pkce, const QString &state) const;
    void exchangeCode(const QString &code, const QByteArray &verifier, Callback<TokenSet> done);
    //! One refresh. The answer carries a new refresh token; the old one is spent.
    void refresh(const QString &refreshToken, Callback<TokenSet> done);
    void clientCredentials(Callback<TokenSet> done);
    void revoke(const QString &refreshToken, Callback<bool> done);
    void connections(const QString &accessToken, Callback<QList<XeroConnection>> done);

private:
    void postForm(QUrlQuery form, Callback<TokenSet> done);
    QByteArray basicAuth() const;

    XeroEndpoints m_endpoints;
    OAuthSettings m_settings;
    const Clock &m_clock;
    QNetworkAccessManager *m_network;
};

} // namespace XeroSync
