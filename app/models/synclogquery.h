#pragma once

#include <QDate>
#include <QString>
#include <QUrlQuery>

namespace XeroSync {

//! The sync log's server-side filters (GET /api/xero/sync/logs). Empty fields do not filter.
struct SyncLogQuery
{
    QString status {}; //!< PENDING, RUNNING, SUCCESS or FAILED
    QString trigger {}; //!< approval, manual, batch or scheduled
    QString text {};
    QString submissionId {};
    QDate from {};
    QDate to {}; //!< inclusive

    QUrlQuery toUrlQuery() const
    {
        QUrlQuery query;
        if (!status.isEmpty())
            query.addQueryItem(QStringLiteral("status"), status);
        if (!trigger.isEmpty())
            query.addQueryItem(QStringLiteral("trigger"), trigger);
        if (!text.trimmed().isEmpty())
            query.addQueryItem(QStringLiteral("text"), text.trimmed());
        if (!submissionId.isEmpty())
            query.addQueryItem(QStringLiteral("submissionId"), submissionId);
        if (from.isValid())
            query.addQueryItem(QStringLiteral("from"), from.toString(Qt::ISODate));
        if (to.isValid())
            query.addQueryItem(QStringLiteral("to"), to.addDays(1).toString(Qt::ISODate));
        return query;
    }

    bool operator==(const SyncLogQuery &) const = default;
};

} // namespace XeroSync
