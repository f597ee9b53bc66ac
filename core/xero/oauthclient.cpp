#include "oauthclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

#include "core/common/json.h"
#include "core/xero/xerologging.h"
#include "core/xero/xeroreplyreader.h"

namespace XeroSync {

namespace {

QByteArray formBody(const QUrlQuery &form)
{
    // application/x-www-form-urlencoded: '+' and '&' inside values must be escaped.
    QByteArray body;
    for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

} // namespace

OAuthClient::OAuthClient(
    XeroEndpoints endpoints, OAuthSettings settings, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_endpoints(std::move(endpoints))
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{ }

QUrl OAuthClient::authorizationUrl(const Pkce &pkce, const QString &state) const
{
    QUrl url = m_endpoints.authorize;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("client_id"), m_settings.clientId);
    query.addQueryItem(QStringLiteral("redirect_uri"), m_settings.redirectUri);
    query.addQueryItem(QStringLiteral("scope"), m_settings.scopes.join(QLatin1Char(' ')));
    query.addQueryItem(QStringLiteral("state"), state);
    query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(pkce.challenge));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    // Spaces as %20, not '+', which some servers read literally.
    url.setQuery(QString::fromLatin1(formBody(query)), QUrl::StrictMode);
    return url;
}

QByteArray OAuthClient::basicAuth() const
{
    // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
    const QByteArray credentials = QUrl::toPercentEncoding(m_settings.clientId) + ':'
        + QUrl::toPercentEncoding(m_settings.clientSecret);
    return "Basic " + credentials.toBase64();
}

void OAuthClient::postForm(QUrlQuery form, Callback<TokenSet> done)
{
    QNetworkRequest request(m_endpoints.token);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader("Accept", "application/json");
    if (!m_settings.clientSecret.isEmpty()) {
        request.setRawHeader("Authorization", basicAuth());
    } else {
        form.addQueryItem(QStringLiteral("client_id"), m_settings.clientId);
    }
    request.setTransferTimeout(30'000);
    auto *reply = m_network->post(request, formBody(form));
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        const auto answer =
            XeroReplyReader::read(reply, reply->error() == QNetworkReply::OperationCanceledError);
        reply->deleteLater();
        if (answer.error) {
            qCWarning(lcXero).noquote() << "token endpoint:" << answer.error->message;
            done(std::unexpected(*answer.error));
            return;
        }
        TokenSet tokens;
        tokens.accessToken = Json::textAt(answer.json, "access_token");
        tokens.refreshToken = Json::textAt(answer.json, "refresh_token");
        tokens.idToken = Json::textAt(answer.json, "id_token");
        const auto expiresIn = answer.json.is_object() ? answer.json.value("expires_in", 0) : 0;
        tokens.expiresAt = m_clock.now().addSecs(expiresIn);
        tokens.scopes =
            Json::textAt(answer.json, "scope").split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (tokens.accessToken.isEmpty() || expiresIn <= 0) {
            done(fail(ErrorCode::BadRequest,
                QStringLiteral("Xero's token answer has no access_token or expires_in")));
            return;
        }
        done(tokens);
    });
}

void OAuthClient::exchangeCode(
    const QString &code, const QByteArray &verifier, Callback<TokenSet> done)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("redirect_uri"), m_settings.redirectUri);
    form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
    postForm(form, std::move(done));
}

void OAuthClient::refresh(const QString &refreshToken, Callback<TokenSet> done)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
    postForm(form, std::move(done));
}

void OAuthClient::clientCredentials(Callback<TokenSet> done)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    // The user-consent scopes mean nothing to a custom connection, and Xero refuses a scope the
    // connection was not granted: ask only for API scopes (none: all it was granted).
    QStringList scopes = m_settings.scopes;
    scopes.removeIf([](const QString &scope) {
        return scope == QLatin1String("offline_access") || scope == QLatin1String("openid")
            || scope == QLatin1String("profile") || scope == QLatin1String("email");
    });
    if (!scopes.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
    postForm(form, std::move(done));
}

void OAuthClient::revoke(const QString &refreshToken, Callback<bool> done)
{
    QNetworkRequest request(m_endpoints.revocation);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), refreshToken);
    if (m_settings.clientSecret.isEmpty())
        form.addQueryItem(QStringLiteral("client_id"), m_settings.clientId);
    else
        request.setRawHeader("Authorization", basicAuth());
    auto *reply = m_network->post(request, formBody(form));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        const auto answer = XeroReplyReader::read(reply, false);
        reply->deleteLater();
        if (answer.error)
            done(std::unexpected(*answer.error));
        else
            done(true);
    });
}

void OAuthClient::connections(const QString &accessToken, Callback<QList<XeroConnection>> done)
{
    QUrl url = m_endpoints.api;
    url.setPath(url.path() + QStringLiteral("/connections"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    request.setRawHeader("Accept", "application/json");
    auto *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        const auto answer = XeroReplyReader::read(reply, false);
        reply->deleteLater();
        if (answer.error) {
            done(std::unexpected(*answer.error));
            return;
        }
        if (!answer.json.is_array()) {
            done(fail(
                ErrorCode::BadRequest, QStringLiteral("Xero's connections answer is not a list")));
            return;
        }
        QList<XeroConnection> list;
        for (const auto &item : answer.json)
            list.append({ Json::textAt(item, "id"), Json::textAt(item, "tenantId"),
                Json::textAt(item, "tenantName"), Json::textAt(item, "tenantType"),
                Json::textAt(item, "authEventId") });
        done(list);
    });
}

} // namespace XeroSync
