#include "sigpipeblocker.h"

#ifndef Q_OS_WIN
#include <ctime>

#include <pthread.h>
#endif

namespace XeroSync {

#ifndef Q_OS_WIN
namespace {
sigset_t pipeOnly()
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    return set;
}

bool pipePending()
{
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE) == 1;
}
} // namespace

SigPipeBlocker::SigPipeBlocker()
    : m_wasPending(pipePending())
{
    const sigset_t block = pipeOnly();
    pthread_sigmask(SIG_BLOCK, &block, &m_previousMask);
}

SigPipeBlocker::~SigPipeBlocker()
{
    // Only a SIGPIPE raised inside the guard is ours to swallow; one that was already pending
    // belongs to someone else and is delivered when the mask is restored.
    if (!m_wasPending && pipePending()) {
        const sigset_t pipe = pipeOnly();
        const timespec noWait { 0, 0 };
        sigtimedwait(&pipe, nullptr, &noWait);
    }
    pthread_sigmask(SIG_SETMASK, &m_previousMask, nullptr);
}
#else
SigPipeBlocker::SigPipeBlocker() = default;
SigPipeBlocker::~SigPipeBlocker() = default;
#endif

} // namespace XeroSync
