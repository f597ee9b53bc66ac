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

    //! Takes ownership; sends a hello with the current counts.
    void addClient(QWebSocket *socket);

    int clientCount() const { return int(m_clients.size()); }

    void post(const std::string &type, nlohmann::json event);

private:
    void flush();

    std::function<nlohmann::json()> m_counts;
    QList<QWebSocket *> m_clients;
    nlohmann::json m_pending = nlohmann::json::array();
    qint64 m_dropped = 0;
    QTimer m_timer;
};

} // namespace XeroSync
