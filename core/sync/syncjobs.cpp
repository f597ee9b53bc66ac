#include "syncjobs.h"

#include "core/common/json.h"
#include "core/sync/synclogging.h"

namespace XeroSync {

SyncJobs::SyncJobs(SubmissionSync &sync, Tenant tenant, QObject *parent)
    : SyncJobs(
        sync, [tenant = std::move(tenant)](const QString &) -> Result<Tenant> { return tenant; },
        parent)
{ }

SyncJobs::SyncJobs(SubmissionSync &sync, TenantProvider tenants, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
    , m_tenants(std::move(tenants))
{ }

void SyncJobs::registerOn(Worker &worker)
{
    worker.setHandler(QStringLiteral("sync-timesheet"),
        [this](std::shared_ptr<JobContext> context) { syncTimesheet(std::move(context)); });
    worker.setHandler(QStringLiteral("batch-sync"),
        [this](std::shared_ptr<JobContext> context) { batchSync(std::move(context)); });
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
    const auto organisation = m_sync.organisationOf(submissionId);
    if (!organisation) {
        context->fail(organisation.error().message, !organisation.error().retryable);
        return;
    }
    const auto tenant = m_tenants(*organisation);
    if (!tenant) {
        qCDebug(lcSync) << "job" << context->id() << "has no tenant:" << tenant.error().message;
        context->fail(tenant.error().message, !tenant.error().retryable);
        return;
    }
    request.tenantId = tenant->tenantId;
    request.api = tenant->api;
    request.target = tenant->target;
    request.attempt = context->job().attemptsMade;
    context->progress({ { "stage", "token" }, { "percent", 10 } });
    qCDebug(lcSync) << "job" << context->id() << "asks for a token";
    tenant->accessToken([this, context, request, tenant = *tenant](Result<QString> token) mutable {
        qCDebug(lcSync) << "job" << context->id()
                        << "token:" << (token ? QStringLiteral("ok") : token.error().message);
        if (!token) {
            // A connection that needs re-authorising cannot be fixed by a retry.
            context->fail(token.error().message, !token.error().retryable);
            return;
        }
        request.accessToken = *token;
        context->progress({ { "stage", "xero" }, { "percent", 40 } });
        runSync(context, request, tenant, true);
    });
}

void SyncJobs::runSync(std::shared_ptr<JobContext> context, SubmissionSync::Request request,
    Tenant tenant, bool mayRefresh)
{
    m_sync.sync(request,
        [this, context, request, tenant, mayRefresh](SubmissionSync::Result_ result) mutable {
            if (result.tokenRejected && mayRefresh && tenant.refreshAfterRejection) {
                // Xero ended the token early (revoked, clock skew, another agent's rotation):
                // once per attempt, get a fresh one and run again instead of failing the attempt.
                withFreshToken(context, tenant, request.accessToken,
                    [this, context, request, tenant](const QString &token) mutable {
                        request.accessToken = token;
                        runSync(context, request, tenant, false);
                    });
                return;
            }
            if (result.accessRevoked && tenant.accessRevoked)
                tenant.accessRevoked(result.error);
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
}

void SyncJobs::batchSync(std::shared_ptr<JobContext> context)
{
    const auto &data = context->job().data;
    BatchSync::Request request;
    request.from =
        QDate::fromString(Json::stringAt(data, "fromDate").value_or(QString()), Qt::ISODate);
    request.to = QDate::fromString(Json::stringAt(data, "toDate").value_or(QString()), Qt::ISODate);
    if (!m_batch || !request.from.isValid() || !request.to.isValid() || request.to < request.from) {
        context->fail(m_batch ? QStringLiteral("batch-sync needs fromDate <= toDate as YYYY-MM-DD")
                              : QStringLiteral("batch sync is not set up in this worker"),
            true);
        return;
    }
    const auto tenant = m_tenants(Json::stringAt(data, "tenantId").value_or(QString()));
    if (!tenant) {
        context->fail(tenant.error().message, !tenant.error().retryable);
        return;
    }
    if (tenant->api != PayrollTarget::PayrollAu1) {
        context->fail(QStringLiteral("batch-sync writes Payroll AU 1.0 only so far"), true);
        return;
    }
    if (data.is_object() && data.contains("userIds") && data["userIds"].is_array()) {
        for (const auto &id : data["userIds"]) {
            if (id.is_string())
                request.userIds << QString::fromStdString(id.get<std::string>());
        }
    }
    request.force = data.is_object() && data.value("force", false);
    request.jobId = context->id();
    request.tenantId = tenant->tenantId;
    request.defaultOrganisation = tenant->isDefault;
    tenant->accessToken([this, context, request, tenant = *tenant](Result<QString> token) mutable {
        if (!token) {
            context->fail(token.error().message, !token.error().retryable);
            return;
        }
        request.accessToken = *token;
        runBatch(context, request, tenant, true);
    });
}

void SyncJobs::withFreshToken(std::shared_ptr<JobContext> context, const Tenant &tenant,
    const QString &rejected, std::function<void(const QString &)> next)
{
    tenant.refreshAfterRejection(
        rejected, [context, next = std::move(next)](Result<QString> token) {
            if (!token) {
                context->fail(token.error().message, !token.error().retryable);
                return;
            }
            next(*token);
        });
}

void SyncJobs::runBatch(
    std::shared_ptr<JobContext> context, BatchSync::Request request, Tenant tenant, bool mayRefresh)
{
    m_batch->run(
        request,
        [this, context, request, tenant, mayRefresh](BatchSync::Summary summary) mutable {
            if (summary.tokenRejected && mayRefresh && tenant.refreshAfterRejection) {
                // As for one timesheet: a fresh token once, then the batch again (what it wrote
                // already is found in Xero and left alone).
                withFreshToken(context, tenant, request.accessToken,
                    [this, context, request, tenant](const QString &token) mutable {
                        request.accessToken = token;
                        runBatch(context, request, tenant, false);
                    });
                return;
            }
            if (!summary.error.isEmpty()) {
                context->fail(summary.error);
                return;
            }
            context->complete({ { "batchLogId", summary.batchLogId }, { "total", summary.total },
                { "synced", summary.synced }, { "invalid", summary.invalid },
                { "failed", summary.failed }, { "otherOrganisation", summary.otherOrganisation },
                { "calls", summary.calls } });
        },
        [context](int done, int total) {
            context->progress({ { "done", done }, { "total", total },
                { "percent", total > 0 ? done * 100 / total : 100 } });
        });
}

} // namespace XeroSync
