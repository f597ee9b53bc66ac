#pragma once

#include <atomic>

#include "core/common/clock.h"

namespace XeroSync {

//! A clock that only moves when told to; for tests and for the emulator's controllable time.
//! Thread-safe: tests advance it from one thread while workers read it from another.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(
        const QDateTime &start = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC));
    QDateTime now() const override;
    qint64 monotonicMs() const override;

    void advance(qint64 ms);
    //! Moves wall time only (a clock jump); the monotonic reading is unaffected, as on a real
    //! machine.
    void setNow(const QDateTime &now);

private:
    std::atomic<qint64> m_wallMs;
    std::atomic<qint64> m_monotonicMs { 0 };
};

} // namespace XeroSync
