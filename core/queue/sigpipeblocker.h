#pragma once

#include <QtGlobal>

#ifndef Q_OS_WIN
#include <csignal>
#endif

namespace XeroSync {

//! Keeps a write to a socket the peer closed (or that was shut down) from killing the
//! process. hiredis 0.14 writes with write(2), not send(MSG_NOSIGNAL), so such a write raises
//! SIGPIPE, whose default action ends the program. For the guard's lifetime SIGPIPE is blocked on
//! the calling thread and one that became pending is swallowed, so the write fails with EPIPE and
//! becomes an ordinary "connection lost" error. The application's own SIGPIPE disposition is left
//! alone, which a process-wide SIG_IGN from a library would not do.
class SigPipeBlocker final
{
public:
    SigPipeBlocker();
    ~SigPipeBlocker();
    Q_DISABLE_COPY_MOVE(SigPipeBlocker)

private:
#ifndef Q_OS_WIN
    sigset_t m_previousMask;
    bool m_wasPending = false;
#endif
};

} // namespace XeroSync
