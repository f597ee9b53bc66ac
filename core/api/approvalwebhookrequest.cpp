#include "approvalwebhookrequest.h"

#include "core/api/fieldreader.h"

namespace XeroSync {

Result<ApprovalWebhookRequest> ApprovalWebhookRequest::fromJson(const nlohmann::json &body)
{
    FieldReader reader(body);
    ApprovalWebhookRequest request;
    request.submissionId = reader.string("submissionId");
    if (const auto version = reader.integer("version", 1, 1'000'000))
        request.version = int(*version);
    if (auto ok = reader.finish(); !ok)
        return std::unexpected(ok.error());
    return request;
}

} // namespace XeroSync
