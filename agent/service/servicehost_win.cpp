#include <atomic>
#include <thread>

#include <windows.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QThread>

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

//! Closes an SCM handle on every return path.
struct ScHandle
{
    SC_HANDLE handle = nullptr;

    ~ScHandle()
    {
        if (handle)
            CloseServiceHandle(handle);
    }

    explicit operator bool() const { return handle != nullptr; }
};

QString lastErrorText()
{
    const DWORD code = GetLastError();
    wchar_t *text = nullptr;
    FormatMessageW(
        FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        nullptr, code, 0, reinterpret_cast<wchar_t *>(&text), 0, nullptr);
    const QString message = text ? QString::fromWCharArray(text).trimmed() : QString();
    LocalFree(text);
    return QStringLiteral("%1 (Windows error %2)").arg(message).arg(code);
}
} // namespace

Result<QString> ServiceHost::install(const QString &configFile)
{
    ScHandle scm { OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CREATE_SERVICE) };
    if (!scm)
        return fail(ErrorCode::Forbidden,
            QStringLiteral("cannot open the service control manager (run as Administrator): %1")
                .arg(lastErrorText()));
    // The SCM starts exactly this command line; both paths quoted for "Program Files".
    const QString config = QDir::toNativeSeparators(QFileInfo(configFile).absoluteFilePath());
    const std::wstring command =
        QStringLiteral("\"%1\" run --config \"%2\"")
            .arg(QDir::toNativeSeparators(QCoreApplication::applicationFilePath()), config)
            .toStdWString();
    // LocalService: no password, least privilege, network as the machine account's anonymous.
    ScHandle service { CreateServiceW(scm.handle, SERVICE_NAME, L"xerosync agent",
        SERVICE_CHANGE_CONFIG | SERVICE_START, SERVICE_WIN32_OWN_PROCESS, SERVICE_AUTO_START,
        SERVICE_ERROR_NORMAL, command.c_str(), nullptr, nullptr, nullptr,
        L"NT AUTHORITY\\LocalService", nullptr) };
    if (!service) {
        if (GetLastError() == ERROR_SERVICE_EXISTS)
            return fail(ErrorCode::Conflict,
                QStringLiteral("the service xerosync-agent is already installed; run "
                               "'xerosync-agent service uninstall' first to change it"));
        return fail(ErrorCode::Internal,
            QStringLiteral("cannot create the service: %1").arg(lastErrorText()));
    }
    wchar_t descriptionText[] = L"Syncs approved timesheets into Xero (xerosync).";
    SERVICE_DESCRIPTIONW description { descriptionText };
    ChangeServiceConfig2W(service.handle, SERVICE_CONFIG_DESCRIPTION, &description);
    // Delayed start: PostgreSQL and Redis on the same machine are up first.
    SERVICE_DELAYED_AUTO_START_INFO delayed { TRUE };
    ChangeServiceConfig2W(service.handle, SERVICE_CONFIG_DELAYED_AUTO_START_INFO, &delayed);
    // As systemd's Restart=on-failure: restart after 10 s, 30 s, then every minute; the count
    // resets after a day without failures. The flag also counts a non-zero exit as a failure.
    SC_ACTION actions[] = { { SC_ACTION_RESTART, 10'000 }, { SC_ACTION_RESTART, 30'000 },
        { SC_ACTION_RESTART, 60'000 } };
    SERVICE_FAILURE_ACTIONSW failure {};
    failure.dwResetPeriod = 24 * 60 * 60;
    failure.cActions = DWORD(std::size(actions));
    failure.lpsaActions = actions;
    ChangeServiceConfig2W(service.handle, SERVICE_CONFIG_FAILURE_ACTIONS, &failure);
    SERVICE_FAILURE_ACTIONS_FLAG onExitCode { TRUE };
    ChangeServiceConfig2W(service.handle, SERVICE_CONFIG_FAILURE_ACTIONS_FLAG, &onExitCode);
    return QStringLiteral("installed the service xerosync-agent (automatic start, LocalService) "
                          "with %1; not started: fill that file in, then 'sc start "
                          "xerosync-agent'")
        .arg(config);
}

Result<QString> ServiceHost::uninstall()
{
    ScHandle scm { OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT) };
    if (!scm)
        return fail(ErrorCode::Forbidden,
            QStringLiteral("cannot open the service control manager (run as Administrator): %1")
                .arg(lastErrorText()));
    ScHandle service { OpenServiceW(
        scm.handle, SERVICE_NAME, SERVICE_STOP | SERVICE_QUERY_STATUS | DELETE) };
    if (!service) {
        if (GetLastError() == ERROR_SERVICE_DOES_NOT_EXIST)
            return fail(
                ErrorCode::NotFound, QStringLiteral("the service xerosync-agent is not installed"));
        return fail(ErrorCode::Internal,
            QStringLiteral("cannot open the service: %1").arg(lastErrorText()));
    }
    SERVICE_STATUS status {};
    if (ControlService(service.handle, SERVICE_CONTROL_STOP, &status)) {
        // The agent finishes its active jobs first (up to its shutdown timeout); wait for that.
        for (int waited = 0; waited < 90'000 && status.dwCurrentState != SERVICE_STOPPED;
             waited += 500) {
            QThread::msleep(500);
            if (!QueryServiceStatus(service.handle, &status))
                break;
        }
    }
    if (!DeleteService(service.handle))
        return fail(ErrorCode::Internal,
            QStringLiteral("cannot delete the service: %1").arg(lastErrorText()));
    return QStringLiteral("removed the service xerosync-agent");
}

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
