#pragma once

#include <QString>

#include "core/common/error.h"
#include "core/xero/xeroreply.h"

namespace XeroSync {

//! Xero's per-tenant limits shared by every worker of every agent (DESIGN.md §6). core/xero
//! declares it; core/sync implements it on Redis, so core/xero stays free of Redis.
class RateLimitGate
{
public:
    struct Permit
    {
        bool granted = false;
        QByteArray id; //!< give back to release()
        int waitMs = 0; //!< when not granted: try again after this long
        QString reason; //!< which limit held the call back (for logs and the dashboard)
    };

    virtual ~RateLimitGate() = default;
    //! Takes a slot for one call to `tenant` now, or says how long to wait.
    virtual Result<Permit> tryAcquire(const QString &tenant) = 0;
    //! The call is over: its in-flight slot is free again.
    virtual void release(const QString &tenant, const QByteArray &permitId) = 0;
    //! Corrects the gate from what Xero said: remaining counts and Retry-After.
    virtual void observe(const QString &tenant, const RateLimitInfo &limits, int status) = 0;
};

} // namespace XeroSync
