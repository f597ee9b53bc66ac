#pragma once

#include <QList>

#include "core/common/clock.h"
#include "core/common/error.h"
#include "core/store/xeroconnectionrecord.h"

namespace XeroSync {

class Database;

//! The organisations the agent is connected to. The refresh token is not here: it rotates, so it
//! lives once in `xero_token_sets`, shared by the organisations one consent connected.
class XeroConnectionStore final
{
public:
    XeroConnectionStore(Database &database, const Clock &clock);

    //! Inserts or refreshes a connection (status back to CONNECTED).
    Result<void> upsert(const XeroConnectionRecord &record);
    Result<QList<XeroConnectionRecord>> list(bool includeDisconnected = false);
    Result<void> setStatus(const QString &tenantId, const QString &status);

private:
    Database &m_database;
    const Clock &m_clock;
};

} // namespace XeroSync
