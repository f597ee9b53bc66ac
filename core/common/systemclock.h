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

private:
    QElapsedTimer m_elapsed;
};

} // namespace XeroSync
