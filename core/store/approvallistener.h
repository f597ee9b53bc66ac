#pragma once

#include <QObject>
#include <QTimer>

#include "core/store/approvalevent.h"
#include "core/store/databaseconfig.h"

namespace XeroSync {

//! LISTENs on `xerosync_timesheet_events` over a connection of its own and turns each NOTIFY
//! into a signal. A health probe notices a lost connection (a restart drops LISTEN silently);
//! it then reconnects with backoff, subscribes again and emits reconnected(), upon which the
//! owner must run the catch-up scan: notifications sent while it was away are gone.
class ApprovalListener final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalListener)

public:
    static constexpr auto CHANNEL = "xerosync_timesheet_events";

    explicit ApprovalListener(DatabaseConfig config, QObject *parent = nullptr);
    ~ApprovalListener() override;

    //! Connects and subscribes. On failure it keeps retrying in the background and returns the
    //! first error, so a caller can report it yet still get the listener once the server is up.
    Result<void> start();
    void stop();

    bool isListening() const { return m_listening; }

    //! How often the connection is probed (default 5 s); tests use a short one.
    void setProbeInterval(int ms);
    //! Backoff bounds for reconnecting (default 250 ms doubling to 30 s).
    void setReconnectBackoff(int initialMs, int maxMs);

signals:
    void approvalReceived(const XeroSync::ApprovalEvent &event);
    void rejectionReceived(const XeroSync::ApprovalEvent &event);
    void malformedPayload(const QString &payload, const QString &reason);
    void connectionLost(const QString &reason);
    void reconnected();

private:
    Result<void> connectAndSubscribe();
    void handleNotification(const QString &name, const QVariant &payload);
    void handleProbe();
    void handleReconnect();
    void scheduleReconnect(const QString &reason);
    void closeConnection();

    const DatabaseConfig m_config;
    const QString m_connectionName;
    QTimer m_probeTimer;
    QTimer m_reconnectTimer;
    int m_backoffInitialMs = 250;
    int m_backoffMaxMs = 30000;
    int m_nextBackoffMs = 250;
    bool m_listening = false;
    bool m_running = false;
    bool m_everConnected = false;
};

} // namespace XeroSync
