#include <windows.h>

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include "signalwatcher.h"

// Not compiled or run on this project's CI (Linux); kept small for review. Console control
// events arrive on a thread of their own, so they are forwarded as a queued call.
namespace XeroSync {
namespace {
QPointer<SignalWatcher> g_watcher;

BOOL WINAPI onConsoleEvent(DWORD type)
{
    if (type != CTRL_C_EVENT && type != CTRL_BREAK_EVENT && type != CTRL_CLOSE_EVENT
        && type != CTRL_SHUTDOWN_EVENT)
        return FALSE;
    if (SignalWatcher *watcher = g_watcher.data())
        QMetaObject::invokeMethod(
            watcher, [watcher] { watcher->notifyTermination(); }, Qt::QueuedConnection);
    return TRUE;
}
} // namespace

struct SignalWatcher::Private
{ };

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
    , d(new Private)
{
    g_watcher = this;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

SignalWatcher::~SignalWatcher()
{
    SetConsoleCtrlHandler(onConsoleEvent, FALSE);
    delete d;
}

void SignalWatcher::onReadable() { }

} // namespace XeroSync
