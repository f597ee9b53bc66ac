#pragma once

#include <QElapsedTimer>

#include "core/common/clock.h"

namespace XeroSync {

class SystemClock final : public Clock
{
public:
    SystemClock();
    QDateTime now() const override;
    qint64 monotonicMs() const override;

    //! A process-wide instance for code whose caller injects no clock.
    static const SystemClock &shared();

private:
    QElapsedTimer m_elapsed;
};

} // namespace XeroSync
