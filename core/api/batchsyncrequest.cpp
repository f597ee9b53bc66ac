#include "batchsyncrequest.h"

#include <QRegularExpression>

#include "core/api/fieldreader.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

Result<BatchSyncRequest> BatchSyncRequest::fromJson(const nlohmann::json &body)
{
    FieldReader reader(body);
    BatchSyncRequest request;
    request.fromDate = reader.date("fromDate");
    request.toDate = reader.date("toDate");
    request.userIds = reader.strings("userIds", false, MaxUsers);
    request.force = reader.boolean("force").value_or(false);
    request.tenantId = reader.string("tenantId", false);
    static const QRegularExpression tenantPattern(u"^[0-9A-Fa-f-]{1,64}$"_s);
    if (!request.tenantId.isEmpty() && !tenantPattern.match(request.tenantId).hasMatch())
        reader.reject("tenantId", u"tenantId must be a Xero organisation id (a UUID)"_s);
    if (request.fromDate.isValid() && request.toDate.isValid()) {
        if (request.toDate < request.fromDate)
            reader.reject("toDate",
                u"toDate (%1) is before fromDate (%2)"_s.arg(
                    request.toDate.toString(Qt::ISODate), request.fromDate.toString(Qt::ISODate)));
        else if (request.fromDate.daysTo(request.toDate) >= MaxDays)
            reader.reject(
                "toDate", u"a batch covers at most %1 days; split the range"_s.arg(MaxDays));
    }
    if (auto ok = reader.finish(); !ok)
        return std::unexpected(ok.error());
    return request;
}

nlohmann::json BatchSyncRequest::toJson() const
{
    nlohmann::json out { { "fromDate", fromDate.toString(Qt::ISODate).toStdString() },
        { "toDate", toDate.toString(Qt::ISODate).toStdString() }, { "force", force } };
    if (!userIds.isEmpty()) {
        nlohmann::json users = nlohmann::json::array();
        for (const QString &id : userIds)
            users.push_back(id.toStdString());
        out["userIds"] = users;
    }
    if (!tenantId.isEmpty())
        out["tenantId"] = tenantId.toStdString();
    return out;
}

} // namespace XeroSync
