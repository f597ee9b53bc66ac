#pragma once

#include <QDateTime>

namespace XeroSync {

//! Time source injected wherever behaviour depends on "now" (KeePassXC's Clock/MockClock idea),
//! so retries, statistics windows and expiry are testable without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    //! Wall-clock time in UTC.
    virtual QDateTime now() const = 0;
    //! Milliseconds from an arbitrary fixed point; never goes backwards. For timeouts and
    //! durations.
    virtual qint64 monotonicMs() const = 0;
};

} // namespace XeroSync
