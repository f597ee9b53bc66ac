#include "emulatorclock.h"

namespace XeroEmulator {

QDateTime EmulatorClock::now() const
{
    if (m_frozenAt)
        return *m_frozenAt;
    return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs);
}

void EmulatorClock::set(const QDateTime &time)
{
    const auto utc = time.toUTC();
    if (m_frozenAt)
        m_frozenAt = utc;
    else
        m_offsetMs = QDateTime::currentDateTimeUtc().msecsTo(utc);
}

void EmulatorClock::advance(qint64 milliseconds)
{
    if (m_frozenAt)
        m_frozenAt = m_frozenAt->addMSecs(milliseconds);
    else
        m_offsetMs += milliseconds;
}

void EmulatorClock::freeze(bool frozen)
{
    if (frozen && !m_frozenAt) {
        m_frozenAt = now();
    } else if (!frozen && m_frozenAt) {
        m_offsetMs = QDateTime::currentDateTimeUtc().msecsTo(*m_frozenAt);
        m_frozenAt.reset();
    }
}

} // namespace XeroEmulator
