#include "eventstream.h"

#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>

#include "app/dashboardlogging.h"
#include "app/net/agentclient.h"

namespace XeroSync {

EventStream::EventStream(AgentClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_reopen.setSingleShot(true);
    connect(&m_reopen, &QTimer::timeout, this, &EventStream::open);
    connect(m_client, &AgentClient::stateChanged, this, &EventStream::handleClientState);
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        m_backoffMs = 500;
        qCInfo(lcDashboardNet) << "push channel open";
        emit opened();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &EventStream::handleDisconnected);
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (!m_open && m_wanted && !m_reopen.isActive()) {
            m_reopen.start(m_backoffMs);
            m_backoffMs = std::min(m_backoffMs * 2, 15000);
        }
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &EventStream::handleMessage);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // The same pin the HTTP side honours (AgentClient::setAgent).
        const QByteArray fingerprint = m_socket.sslConfiguration()
                                           .peerCertificate()
                                           .digest(QCryptographicHash::Sha256)
                                           .toHex();
        if (m_client->state() == AgentClient::State::Connected
            && fingerprint == m_client->trustedFingerprint())
            m_socket.ignoreSslErrors(errors);
    });
    handleClientState();
}

EventStream::~EventStream()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

void EventStream::handleClientState()
{
    m_wanted = m_client->state() == AgentClient::State::Connected;
    if (m_wanted && m_socket.state() == QAbstractSocket::UnconnectedState)
        open();
    else if (!m_wanted) {
        m_reopen.stop();
        m_socket.abort();
    }
}

void EventStream::open()
{
    if (!m_wanted)
        return;
    QNetworkRequest request(m_client->eventsUrl());
    request.setRawHeader("Authorization", "Bearer " + m_client->token().toUtf8());
    m_socket.open(request);
}

void EventStream::handleDisconnected()
{
    const bool wasOpen = m_open;
    m_open = false;
    if (wasOpen) {
        qCInfo(lcDashboardNet) << "push channel closed:" << m_socket.closeReason();
        emit closed();
    }
    if (!m_wanted || !wasOpen)
        return;
    m_reopen.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, 15000);
    // A dropped socket often means the agent went away: let the client find out.
    m_client->connectToAgent();
}

void EventStream::handleMessage(const QString &text)
{
    const auto message = nlohmann::json::parse(text.toStdString(), nullptr, false);
    if (message.is_discarded() || !message.is_object())
        return;
    if (message.contains("counts") && message["counts"].is_object())
        emit countsChanged(message["counts"]);
    if (message.value("type", "") == "events" && message.contains("events")) {
        for (const auto &event : message["events"])
            emit eventReceived(event);
        if (message.contains("more"))
            emit resyncNeeded();
    }
}

} // namespace XeroSync
