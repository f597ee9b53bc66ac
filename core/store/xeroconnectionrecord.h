#pragma once

#include <QDateTime>
#include <QString>

namespace XeroSync {

//! One connected Xero organisation (`xero_connection`); its tokens live in the token set.
struct XeroConnectionRecord
{
    QString tenantId;
    QString tenantName;
    QString tenantType = QStringLiteral("ORGANISATION");
    QString region; //!< AU, UK, NZ; picks the payroll API
    QString connectionId; //!< Xero's id, for DELETE /connections/{id}
    QString scopes;
    QString status = QStringLiteral("CONNECTED"); //!< CONNECTED, RECONNECT_NEEDED, DISCONNECTED
    QString tokenSetId;
    QDateTime connectedAt;
    QDateTime updatedAt;
};

} // namespace XeroSync
