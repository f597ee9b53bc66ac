#pragma once

#include <optional>

#include <QDateTime>

namespace XeroEmulator {

//! Xero's time as the emulator sees it: real time shifted by an offset, or frozen. Token expiry,
//! rate-limit windows and idempotency TTLs all read this clock, so tests can jump a minute or
//! a day ahead instead of waiting. Response latency uses real timers.
class EmulatorClock
{
public:
    QDateTime now() const;

    QDate today() const { return now().date(); }

    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }

    void set(const QDateTime &time);
    void advance(qint64 milliseconds);
    void freeze(bool frozen);

    bool isFrozen() const { return m_frozenAt.has_value(); }

private:
    qint64 m_offsetMs = 0;
    std::optional<QDateTime> m_frozenAt;
};

} // namespace XeroEmulator
