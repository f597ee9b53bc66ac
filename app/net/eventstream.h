#pragma once

#include <nlohmann/json.hpp>

#include <QObject>
#include <QTimer>
#include <QWebSocket>

namespace XeroSync {

class AgentClient;

//! The agent's push channel (`/api/xero/sync/events`): job events and queue counts, a few messages
//! a second at most. Follows the AgentClient: open while it is connected, reopened with backoff
//! when the socket drops.
class EventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStream)

public:
    explicit EventStream(AgentClient *client, QObject *parent = nullptr);
    ~EventStream() override;

    bool isOpen() const { return m_open; }

signals:
    void opened();
    void closed();
    //! Queue counts as the agent last reported them ({waiting, active, delayed, ...}).
    void countsChanged(const nlohmann::json &counts);
    //! One job or sync event: {type: waiting|active|completed|failed|progress|stalled|paused|
    //! resumed|sync|queue|connection, ...}.
    void eventReceived(const nlohmann::json &event);
    //! The agent dropped events to keep up: views should re-read what they show.
    void resyncNeeded();

private:
    void open();
    void handleClientState();
    void handleMessage(const QString &text);
    void handleDisconnected();

    AgentClient *m_client;
    QWebSocket m_socket;
    QTimer m_reopen;
    bool m_open = false;
    bool m_wanted = false;
    int m_backoffMs = 500;
};

} // namespace XeroSync
