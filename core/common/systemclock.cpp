#include "systemclock.h"

namespace XeroSync {

SystemClock::SystemClock()
{
    m_elapsed.start();
}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

const SystemClock &SystemClock::shared()
{
    static const SystemClock clock;
    return clock;
}

qint64 SystemClock::monotonicMs() const
{
    return m_elapsed.elapsed();
}

} // namespace XeroSync
