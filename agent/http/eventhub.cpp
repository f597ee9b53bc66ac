#include "eventhub.h"

#include <utility>

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
    m_feedWait.setSingleShot(true);
    m_feedWait.setInterval(FeedWaitMs);
    connect(&m_feedWait, &QTimer::timeout, this, [this] {
        qCWarning(lcAgentHttp) << "the queue's event feed is not up yet; greeting"
                               << m_waiting.size() << "push clients without it";
        greetWaiting();
    });
}

EventHub::~EventHub()
{
    for (QWebSocket *socket : m_clients + m_waiting) {
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("agent stopping"));
        delete socket;
    }
}

void EventHub::addClient(QWebSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        m_clients.removeAll(socket);
        m_waiting.removeAll(socket);
        socket->deleteLater();
        emit clientCountChanged(clientCount());
    });
    // Clients only listen; anything they send is ignored (and a huge frame would be refused).
    socket->setMaxAllowedIncomingMessageSize(4096);
    if (m_feedReady) {
        greet(socket);
    } else {
        m_waiting << socket;
        if (!m_feedWait.isActive())
            m_feedWait.start();
    }
    emit clientCountChanged(clientCount());
}

void EventHub::setFeedReady(bool ready)
{
    m_feedReady = ready;
    if (ready)
        greetWaiting();
}

void EventHub::greet(QWebSocket *socket)
{
    m_clients << socket;
    const nlohmann::json hello { { "type", "hello" }, { "counts", m_counts() },
        { "at", QDateTime::currentMSecsSinceEpoch() } };
    socket->sendTextMessage(QString::fromStdString(hello.dump()));
}

void EventHub::greetWaiting()
{
    m_feedWait.stop();
    for (QWebSocket *socket : std::exchange(m_waiting, {}))
        greet(socket);
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
