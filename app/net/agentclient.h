#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include "core/common/error.h"

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace XeroSync {

//! The dashboard's one door to the agent: authenticated JSON calls over HTTP(S), the session state
//! (reachable, token accepted, role) and the certificate trust decision. Reconnects by itself.
class AgentClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentClient)

public:
    enum class State
    {
        Disconnected, //!< no agent configured
        Connecting,
        Connected,
        Unreachable, //!< no answer (retried with backoff)
        TokenRejected, //!< 401: the token is unknown or revoked (not retried)
        TlsUntrusted, //!< the certificate is not trusted and its fingerprint is not pinned
        Incompatible, //!< the agent speaks another API version
    };
    Q_ENUM(State)

    using Callback = std::function<void(Result<nlohmann::json>)>;

    explicit AgentClient(QObject *parent = nullptr);
    ~AgentClient() override;

    //! Points the client at an agent. `trustedFingerprint` (SHA-256 hex of the certificate) pins a
    //! self-signed certificate the user chose to trust.
    void setAgent(
        const QUrl &baseUrl, const QString &token, const QByteArray &trustedFingerprint = {});
    void connectToAgent();
    void disconnectFromAgent();

    QUrl baseUrl() const { return m_baseUrl; }

    QString token() const { return m_token; }

    State state() const { return m_state; }

    bool isAdmin() const { return m_role == QLatin1String("admin"); }

    QString role() const { return m_role; }

    QString tokenName() const { return m_tokenName; }

    QString lastError() const { return m_lastError; }

    //! The fingerprint of the certificate that failed verification (state TlsUntrusted).
    QByteArray untrustedFingerprint() const { return m_untrustedFingerprint; }

    QByteArray trustedFingerprint() const { return m_trustedFingerprint; }

    //! Calls answer on the event loop; `context` going away drops the answer.
    void get(const QString &path, const QUrlQuery &query, QObject *context, Callback done);
    void post(const QString &path, const nlohmann::json &body, QObject *context, Callback done);
    void remove(const QString &path, QObject *context, Callback done);

    //! `ws(s)://…/api/xero/sync/events` for the push channel.
    QUrl eventsUrl() const;

    //! Milliseconds before the next reconnect attempt (tests shorten it).
    void setRetryIntervals(int firstMs, int maxMs);

signals:
    void stateChanged(XeroSync::AgentClient::State state);

private:
    void send(const QByteArray &verb, const QUrl &url, const QByteArray &body, QObject *context,
        Callback done);
    void setState(State state);
    void handleSession(Result<nlohmann::json> session);
    void scheduleRetry();
    void handleSslErrors(QNetworkReply *reply, const QList<QSslError> &errors);

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl;
    QString m_token;
    QByteArray m_trustedFingerprint;
    QByteArray m_untrustedFingerprint;
    State m_state = State::Disconnected;
    QString m_role;
    QString m_tokenName;
    QString m_lastError;
    QTimer m_retry;
    int m_firstRetryMs = 1000;
    int m_maxRetryMs = 30000;
    int m_nextRetryMs = 1000;
    quint64 m_generation = 0; //!< answers to an earlier setAgent() are dropped
};

} // namespace XeroSync
