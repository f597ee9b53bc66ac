#include "syncjobs.h"

#include "core/common/json.h"

namespace XeroSync {

SyncJobs::SyncJobs(SubmissionSync &sync, Tenant tenant, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
    , m_tenant(std::move(tenant))
{ }

void SyncJobs::registerOn(Worker &worker)
{
    worker.setHandler(QStringLiteral("sync-timesheet"),
        [this](std::shared_ptr<JobContext> context) { syncTimesheet(std::move(context)); });
    worker.setHandler(QStringLiteral("health-check"), [this](std::shared_ptr<JobContext> context) {
        if (!m_health) {
            context->fail(QStringLiteral("health checks are not set up in this worker"), true);
            return;
        }
        m_health->run(SyncTrigger::Scheduled, [context](HealthCheck::Report report) {
            // An unhealthy service is a finding, not a job failure: the job did its work.
            auto value = report.toJson();
            value["logId"] = report.logId;
            context->complete(value);
        });
    });
}

void SyncJobs::syncTimesheet(std::shared_ptr<JobContext> context)
{
    const auto &data = context->job().data;
    const auto submissionId = Json::stringAt(data, "submissionId").value_or(QString());
    if (submissionId.isEmpty()) {
        context->fail(QStringLiteral("sync-timesheet needs a submissionId"), true);
        return;
    }
    SubmissionSync::Request request;
    request.submissionId = submissionId;
    request.jobId = context->id();
    request.force = data.is_object() && data.value("force", false);
    request.trigger =
        syncTriggerFromString(Json::stringAt(data, "trigger").value_or(QStringLiteral("approval")))
            .value_or(SyncTrigger::Approval);
    request.tenantId = m_tenant.tenantId;
    request.api = m_tenant.api;
    request.target = m_tenant.target;
    request.attempt = context->job().attemptsMade;
    context->progress({ { "stage", "token" }, { "percent", 10 } });
    m_tenant.accessToken([this, context, request](Result<QString> token) mutable {
        if (!token) {
            // A connection that needs re-authorising cannot be fixed by a retry.
            context->fail(token.error().message, !token.error().retryable);
            return;
        }
        request.accessToken = *token;
        context->progress({ { "stage", "xero" }, { "percent", 40 } });
        m_sync.sync(request, [this, context, request](SubmissionSync::Result_ result) {
            emit submissionSynced(request.submissionId, result.logId, result.success, result.error);
            if (result.success) {
                context->complete({ { "logId", result.logId },
                    { "action",
                        result.outcome ? writeActionName(result.outcome->action).toStdString()
                                       : std::string() },
                    { "xeroTimesheetId",
                        result.outcome ? result.outcome->xeroTimesheetId.toStdString()
                                       : std::string() } });
                return;
            }
            context->fail(result.error, !result.retryable);
        });
    });
}

} // namespace XeroSync
