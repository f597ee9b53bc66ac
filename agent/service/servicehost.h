#pragma once

#include <functional>

#include "core/common/error.h"

namespace XeroSync {

//! How the agent's process meets the operating system's service manager. On Linux it runs in the
//! foreground under systemd and tells it "ready", "stopping" and "still alive" through sd_notify
//! when built with libsystemd (Type=notify), and nothing otherwise (Type=exec). On Windows it
//! connects to the Service Control Manager unless started with --console.
class ServiceHost final
{
public:
    //! Runs `body` (which runs the event loop) the platform's way; returns the exit code.
    static int run(bool console, const std::function<int()> &body);
    //! The service is up: systemd READY=1 / SERVICE_RUNNING.
    static void notifyReady(const char *status);
    //! Shutdown has begun: systemd STOPPING=1 / SERVICE_STOP_PENDING.
    static void notifyStopping();
    //! systemd's watchdog interval in ms, 0 when none was asked for (WatchdogSec=).
    static int watchdogIntervalMs();
    static void notifyWatchdog();

    //! Windows: registers the agent with the SCM (automatic delayed start, LocalService, restart
    //! on failure), running `run --config configFile`; not started. Elsewhere an error naming the
    //! platform's way. Returns what was done, for the operator.
    static Result<QString> install(const QString &configFile);
    //! Windows: stops the service (waiting for its graceful shutdown) and deletes it.
    static Result<QString> uninstall();
};

} // namespace XeroSync
