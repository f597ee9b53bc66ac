#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include <QList>
#include <QObject>
#include <QTimer>

class QWebSocket;

namespace XeroSync {

//! The push channel (`/api/xero/sync/events`): job events and queue counts to every connected
//! dashboard. Events are coalesced and flushed at most ten times a second, so a burst of a
//! thousand jobs costs each client a handful of messages, never a backlog.
//!
//! The queue's event feed runs only while someone is connected (each followed event costs Redis
//! a message per job), so a client is greeted once the feed is ready: every event after the
//! hello reaches it. If the feed is not ready within FeedWaitMs (Redis down) it is greeted anyway.
class EventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventHub)

public:
    //! `counts` is read at each flush that has something to say.
    explicit EventHub(std::function<nlohmann::json()> counts, QObject *parent = nullptr);
    ~EventHub() override;

    static constexpr int FlushIntervalMs = 100;
    static constexpr int MaxPendingEvents = 200; //!< per flush; beyond it only a count is sent
    static constexpr int FeedWaitMs = 2000;

    //! Takes ownership; sends a hello with the current counts once the feed is ready.
    void addClient(QWebSocket *socket);

    int clientCount() const { return int(m_clients.size() + m_waiting.size()); }

    //! Whether the events posted here are complete (the feed is subscribed); waiting clients
    //! are greeted when it becomes so.
    void setFeedReady(bool ready);

    void post(const std::string &type, nlohmann::json event);

signals:
    //! A client came or went; the feed is needed while the count is above zero.
    void clientCountChanged(int count);

private:
    void flush();
    void greet(QWebSocket *socket);
    void greetWaiting();

    std::function<nlohmann::json()> m_counts;
    QList<QWebSocket *> m_clients;
    QList<QWebSocket *> m_waiting; //!< connected, not yet greeted (the feed is starting)
    bool m_feedReady = false;
    QTimer m_feedWait;
    nlohmann::json m_pending = nlohmann::json::array();
    qint64 m_dropped = 0;
    QTimer m_timer;
};

} // namespace XeroSync
