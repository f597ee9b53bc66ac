#include "agentclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include "app/dashboardlogging.h"
#include "core/api/apierror.h"
#include "core/api/apiversion.h"
#include "core/api/routes.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

namespace {
constexpr int RequestTimeoutMs = 15000;
}

AgentClient::AgentClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AgentClient::connectToAgent);
    connect(m_network, &QNetworkAccessManager::sslErrors, this, &AgentClient::handleSslErrors);
}

AgentClient::~AgentClient() = default;

void AgentClient::setAgent(
    const QUrl &baseUrl, const QString &token, const QByteArray &trustedFingerprint)
{
    ++m_generation;
    m_retry.stop();
    m_baseUrl = baseUrl;
    m_token = token;
    m_trustedFingerprint = trustedFingerprint.toLower();
    m_untrustedFingerprint.clear();
    m_role.clear();
    m_tokenName.clear();
    m_lastError.clear();
    m_nextRetryMs = m_firstRetryMs;
    setState(State::Disconnected);
}

void AgentClient::setRetryIntervals(int firstMs, int maxMs)
{
    m_firstRetryMs = firstMs;
    m_maxRetryMs = maxMs;
    m_nextRetryMs = firstMs;
}

void AgentClient::connectToAgent()
{
    if (!m_baseUrl.isValid())
        return;
    m_retry.stop();
    if (m_state != State::Connected)
        setState(State::Connecting);
    get(QString::fromLatin1(Routes::Session), {}, this,
        [this](Result<nlohmann::json> session) { handleSession(std::move(session)); });
}

void AgentClient::disconnectFromAgent()
{
    ++m_generation;
    m_retry.stop();
    setState(State::Disconnected);
}

void AgentClient::handleSession(Result<nlohmann::json> session)
{
    if (session) {
        const int version = session->value("apiVersion", 0);
        if (version != API_VERSION) {
            m_lastError = tr("The agent speaks API version %1; this dashboard needs version %2.")
                              .arg(version)
                              .arg(API_VERSION);
            setState(State::Incompatible);
            return;
        }
        m_role = QString::fromStdString(session->value("role", "viewer"));
        m_tokenName = QString::fromStdString(session->value("name", ""));
        m_lastError.clear();
        m_nextRetryMs = m_firstRetryMs;
        setState(State::Connected);
        return;
    }
    m_lastError = session.error().message;
    if (session.error().code == ErrorCode::Unauthorized) {
        setState(State::TokenRejected);
        return;
    }
    if (m_state == State::TlsUntrusted)
        return; // waits for the user's trust decision
    setState(State::Unreachable);
    scheduleRetry();
}

void AgentClient::scheduleRetry()
{
    if (m_retry.isActive())
        return;
    m_retry.start(m_nextRetryMs);
    m_nextRetryMs = std::min(m_nextRetryMs * 2, m_maxRetryMs);
}

void AgentClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcDashboardNet) << "agent state" << state;
    emit stateChanged(state);
}

QUrl AgentClient::eventsUrl() const
{
    QUrl url = m_baseUrl;
    url.setScheme(m_baseUrl.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    url.setPath(QString::fromLatin1(Routes::Events));
    return url;
}

void AgentClient::get(const QString &path, const QUrlQuery &query, QObject *context, Callback done)
{
    QUrl url = m_baseUrl.resolved(QUrl(path));
    url.setQuery(query);
    send("GET", url, {}, context, std::move(done));
}

void AgentClient::post(
    const QString &path, const nlohmann::json &body, QObject *context, Callback done)
{
    send("POST", m_baseUrl.resolved(QUrl(path)), QByteArray::fromStdString(body.dump()), context,
        std::move(done));
}

void AgentClient::remove(const QString &path, QObject *context, Callback done)
{
    send("DELETE", m_baseUrl.resolved(QUrl(path)), {}, context, std::move(done));
}

void AgentClient::send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
    QObject *context, Callback done)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setTransferTimeout(RequestTimeoutMs);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);
    const quint64 generation = m_generation;
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, generation, guard, done = std::move(done)] {
            reply->deleteLater();
            if (generation != m_generation || !guard)
                return;
            const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
            if (!status.isValid()) {
                // No HTTP answer at all: connection refused, timeout, TLS failure.
                QString reason = reply->errorString();
                if (!m_untrustedFingerprint.isEmpty()) {
                    setState(State::TlsUntrusted);
                    reason = tr("The agent's TLS certificate is not trusted.");
                } else if (m_state == State::Connected || m_state == State::Connecting) {
                    setState(State::Unreachable);
                    scheduleRetry();
                }
                done(fail(ErrorCode::Unavailable, tr("The agent cannot be reached: %1").arg(reason),
                    true));
                return;
            }
            const int code = status.toInt();
            const auto json = nlohmann::json::parse(reply->readAll().toStdString(), nullptr, false);
            if (code >= 200 && code < 300) {
                done(json.is_discarded() ? nlohmann::json() : json);
                return;
            }
            const Error error =
                ApiError::fromBody(code, json.is_discarded() ? nlohmann::json() : json);
            if (code == 401 && m_state == State::Connected)
                setState(State::TokenRejected);
            done(std::unexpected(error));
        });
}

void AgentClient::handleSslErrors(QNetworkReply *reply, const QList<QSslError> &errors)
{
    const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
    const QByteArray fingerprint = certificate.digest(QCryptographicHash::Sha256).toHex();
    if (!m_trustedFingerprint.isEmpty() && fingerprint == m_trustedFingerprint) {
        // The user pinned this certificate: accept exactly these errors for it.
        reply->ignoreSslErrors(errors);
        return;
    }
    qCWarning(lcDashboardNet) << "untrusted agent certificate" << fingerprint << errors;
    m_untrustedFingerprint = fingerprint;
}

} // namespace XeroSync
