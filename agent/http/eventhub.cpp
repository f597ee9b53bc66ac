#include "eventhub.h"

#include <QDateTime>
#include <QWebSocket>

#include "agent/agentlogging.h"

namespace XeroSync {

EventHub::EventHub(std::function<nlohmann::json()> counts, QObject *parent)
    : QObject(parent)
    , m_counts(std::move(counts))
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(FlushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventHub::flush);
}

EventHub::~EventHub()
{
    for (QWebSocket *socket : std::as_const(m_clients)) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("agent stopping"));
        delete socket;
    }
}

void EventHub::addClient(QWebSocket *socket)
{
    socket->setParent(this);
    m_clients << socket;
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_clients.removeAll(socket);
        socket->deleteLater();
    });
    // Clients only listen; anything they send is ignored (and a huge frame would be refused).
    socket->setMaxAllowedIncomingMessageSize(4096);
    const nlohmann::json hello { { "type", "hello" }, { "counts", m_counts() },
        { "at", QDateTime::currentMSecsSinceEpoch() } };
    socket->sendTextMessage(QString::fromStdString(hello.dump()));
}

void EventHub::post(const std::string &type, nlohmann::json event)
{
    if (m_clients.isEmpty())
        return;
    event["type"] = type;
    if (m_pending.size() < MaxPendingEvents)
        m_pending.push_back(std::move(event));
    else
        ++m_dropped;
    if (!m_timer.isActive())
        m_timer.start();
}

void EventHub::flush()
{
    if (m_clients.isEmpty()) {
        m_pending = nlohmann::json::array();
        m_dropped = 0;
        return;
    }
    nlohmann::json message { { "type", "events" }, { "events", m_pending },
        { "counts", m_counts() }, { "at", QDateTime::currentMSecsSinceEpoch() } };
    if (m_dropped > 0)
        message["more"] = m_dropped; // too many to list: the client re-reads what it shows
    const QString text = QString::fromStdString(message.dump());
    for (QWebSocket *socket : std::as_const(m_clients)) {
        // A client that stopped reading is dropped rather than buffered without bound.
        if (socket->bytesToWrite() > 4 * 1024 * 1024) {
            qCWarning(lcAgentHttp) << "dropping a push client that stopped reading";
            socket->abort();
            continue;
        }
        socket->sendTextMessage(text);
    }
    m_pending = nlohmann::json::array();
    m_dropped = 0;
}

} // namespace XeroSync
