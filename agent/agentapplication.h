#pragma once

#include <memory>

#include <QObject>
#include <QTimer>

#include "agent/agentconfig.h"
#include "core/common/error.h"

namespace XeroSync {

//! The composition root (STYLE.md §8): builds the stores, the queue, the Xero client and the
//! sync engine from the config, then runs the approval intake, the workers, the scheduled health
//! check and the HTTP API. Nothing else in the agent constructs a service.
class AgentApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentApplication)

public:
    AgentApplication(AgentConfig config, bool migrate, QObject *parent = nullptr);
    ~AgentApplication() override;

    //! Connects, migrates, starts intake, workers and the API. An error says what is wrong;
    //! Redis being down is not one (the queue reconnects), PostgreSQL being down is.
    Result<void> start();

    quint16 port() const { return m_port; }

    //! Graceful stop: intake and API first, then active jobs get `shutdownTimeoutMs` to finish;
    //! the rest go back to the queue for another worker. Emits stopped() when done.
    void stop();
    //! The same, at once, for when the event loop has already ended (a Windows SCM stop).
    void shutdown();
    //! Second signal: give active jobs back now and quit.
    void forceStop();

signals:
    void stopped();

private:
    struct Private;
    bool beginStop();
    void finishStop();
    void scheduleHealthCheck();
    //! xero/connection=custom: connects at start, and again a minute later while it fails (Xero
    //! down, a wrong secret being fixed).
    void connectCustom();
    void wireEvents();

    AgentConfig m_config;
    const bool m_migrate;
    std::unique_ptr<Private> d;
    quint16 m_port = 0;
    bool m_stopping = false;
};

} // namespace XeroSync
