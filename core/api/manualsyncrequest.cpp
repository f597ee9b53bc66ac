#include "manualsyncrequest.h"

#include "core/api/fieldreader.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

int ManualSyncRequest::queuePriority() const
{
    if (priority == u"high"_s)
        return 1;
    if (priority == u"low"_s)
        return 10;
    return 5;
}

Result<ManualSyncRequest> ManualSyncRequest::fromJson(const nlohmann::json &body)
{
    FieldReader reader(body);
    ManualSyncRequest request;
    request.submissionIds = reader.strings("submissionIds", true, MaxIds);
    const QString priority = reader.string("priority", false);
    if (!priority.isEmpty()) {
        if (priority != u"high"_s && priority != u"normal"_s && priority != u"low"_s)
            reader.reject("priority", u"priority must be high, normal or low"_s);
        request.priority = priority;
    }
    if (auto ok = reader.finish(); !ok)
        return std::unexpected(ok.error());
    return request;
}

nlohmann::json ManualSyncRequest::toJson() const
{
    nlohmann::json ids = nlohmann::json::array();
    for (const QString &id : submissionIds)
        ids.push_back(id.toStdString());
    return { { "submissionIds", ids }, { "priority", priority.toStdString() } };
}

} // namespace XeroSync
