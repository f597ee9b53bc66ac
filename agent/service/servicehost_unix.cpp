#include "servicehost.h"

#ifdef XEROSYNC_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace XeroSync {

int ServiceHost::run(bool, const std::function<int()> &body)
{
    // systemd owns the process: no fork, no pid file; it runs in the foreground.
    return body();
}

#ifdef XEROSYNC_HAVE_SYSTEMD
void ServiceHost::notifyReady(const char *status)
{
    sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void ServiceHost::notifyStopping()
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping: finishing active jobs");
}

int ServiceHost::watchdogIntervalMs()
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) <= 0)
        return 0;
    // Pet it at half the interval, as sd_watchdog_enabled(3) advises.
    return int(usec / 2000);
}

void ServiceHost::notifyWatchdog()
{
    sd_notify(0, "WATCHDOG=1");
}
#else
void ServiceHost::notifyReady(const char *) { }

void ServiceHost::notifyStopping() { }

int ServiceHost::watchdogIntervalMs()
{
    return 0;
}

void ServiceHost::notifyWatchdog() { }
#endif

Result<QString> ServiceHost::install(const QString &)
{
    return fail(ErrorCode::BadRequest,
        QStringLiteral("'service install' is for Windows; on Linux the package's systemd unit runs "
                       "the agent: systemctl enable --now xerosync-agent"));
}

Result<QString> ServiceHost::uninstall()
{
    return fail(ErrorCode::BadRequest,
        QStringLiteral("'service uninstall' is for Windows; on Linux: systemctl disable --now "
                       "xerosync-agent"));
}

} // namespace XeroSync
