#include "manualclock.h"

namespace XeroSync {

ManualClock::ManualClock(const QDateTime &start)
    : m_wallMs(start.toMSecsSinceEpoch())
{ }

QDateTime ManualClock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_wallMs.load(), Qt::UTC);
}

qint64 ManualClock::monotonicMs() const
{
    return m_monotonicMs.load();
}

void ManualClock::advance(qint64 ms)
{
    m_wallMs += ms;
    m_monotonicMs += ms;
}

void ManualClock::setNow(const QDateTime &now)
{
    m_wallMs = now.toMSecsSinceEpoch();
}

} // namespace XeroSync
