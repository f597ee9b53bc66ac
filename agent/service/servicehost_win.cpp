#include <atomic>
#include <thread>

#include <windows.h>

#include <QCoreApplication>
#include <QMetaObject>

#include "servicehost.h"

// Compiled only on Windows and never run by this project's CI (Linux): kept small for review.
// The Qt event loop stays on the main thread; the SCM dispatcher runs on a helper thread and is
// started before the event loop, well within the SCM's 30 s window (STYLE.md §8).
namespace XeroSync {
namespace {
wchar_t SERVICE_NAME[] = L"xerosync-agent";
SERVICE_STATUS_HANDLE g_handle = nullptr;
SERVICE_STATUS g_status {};
std::atomic<bool> g_underScm { false };

void report(DWORD state, DWORD exitCode = NO_ERROR, DWORD waitHintMs = 0)
{
    if (!g_handle)
        return;
    g_status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    g_status.dwCurrentState = state;
    g_status.dwWin32ExitCode = exitCode;
    g_status.dwWaitHint = waitHintMs;
    g_status.dwControlsAccepted =
        state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    static DWORD checkPoint = 1;
    g_status.dwCheckPoint =
        (state == SERVICE_RUNNING || state == SERVICE_STOPPED) ? 0 : checkPoint++;
    SetServiceStatus(g_handle, &g_status);
}

DWORD WINAPI onControl(DWORD control, DWORD, void *, void *)
{
    if (control == SERVICE_CONTROL_STOP || control == SERVICE_CONTROL_SHUTDOWN) {
        report(SERVICE_STOP_PENDING, NO_ERROR, 60'000);
        // The agent stops gracefully on quit, as on SIGTERM.
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        return NO_ERROR;
    }
    return control == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
}

void WINAPI serviceMain(DWORD, wchar_t **)
{
    g_handle = RegisterServiceCtrlHandlerExW(SERVICE_NAME, onControl, nullptr);
    report(SERVICE_START_PENDING, NO_ERROR, 30'000);
    g_underScm = true;
}
} // namespace

int ServiceHost::run(bool console, const std::function<int()> &body)
{
    if (console)
        return body();
    static SERVICE_TABLE_ENTRYW table[] = { { SERVICE_NAME, serviceMain }, { nullptr, nullptr } };
    // Returns only when the service has stopped; fails at once when not started by the SCM.
    std::thread dispatcher([] { StartServiceCtrlDispatcherW(table); });
    const int code = body();
    report(SERVICE_STOPPED, code == 0 ? NO_ERROR : ERROR_SERVICE_SPECIFIC_ERROR);
    dispatcher.join();
    return code;
}

void ServiceHost::notifyReady(const char *)
{
    report(SERVICE_RUNNING);
}

void ServiceHost::notifyStopping()
{
    report(SERVICE_STOP_PENDING, NO_ERROR, 60'000);
}

int ServiceHost::watchdogIntervalMs()
{
    return 0;
}

void ServiceHost::notifyWatchdog() { }

} // namespace XeroSync
