#include "syncjobs.h"

#include <QTimer>

#include "core/common/json.h"
#include "core/sync/synclogging.h"

namespace XeroSync {

struct SyncJobs::OneByOne
{
    Tenant tenant;
    bool force = false;
    QStringList ids;
    qsizetype next = 0;
    int synced = 0;
    int failed = 0;
    int otherOrganisation = 0;
    bool refreshed = false; //!< one fresh token per batch after a 401, as for an attempt
    //! The range of the batch's periods, for a Payroll 2.0 pay run's up-front reads.
    QDate from;
    QDate to;
    bool preloaded = false;
    //! Read once for the batch: Payroll 2.0 has no array create, but the organisation's
    //! calendars and earnings rates need not be read again for every timesheet.
    std::shared_ptr<SharedLists> lists = std::make_shared<SharedLists>();
};

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
    tenant->accessToken(
        onToken(context, [this, context, request, tenant = *tenant](const QString &token) mutable {
            request.accessToken = token;
            context->progress({ { "stage", "xero" }, { "percent", 40 } });
            runSync(context, request, tenant, true);
        }));
}

void SyncJobs::preview(const QString &submissionId, SubmissionSync::PreviewCallback done)
{
    const auto organisation = m_sync.organisationOf(submissionId);
    if (!organisation) {
        done(std::unexpected(organisation.error()));
        return;
    }
    const auto tenant = m_tenants(*organisation);
    if (!tenant) {
        done(std::unexpected(tenant.error()));
        return;
    }
    SubmissionSync::Request request;
    request.submissionId = submissionId;
    request.trigger = SyncTrigger::Manual;
    request.tenantId = tenant->tenantId;
    request.api = tenant->api;
    request.target = tenant->target;
    tenant->accessToken([this, request, tenant = *tenant, done](Result<QString> token) mutable {
        if (!token) {
            done(std::unexpected(token.error()));
            return;
        }
        request.accessToken = *token;
        m_sync.preview(
            request, [this, request, tenant, done](Result<nlohmann::json> answer) mutable {
                const bool rejected = !answer && answer.error().code == ErrorCode::Unauthorized
                    && answer.error().retryable;
                if (!rejected || !tenant.refreshAfterRejection) {
                    done(std::move(answer));
                    return;
                }
                tenant.refreshAfterRejection(
                    request.accessToken, [this, request, done](Result<QString> fresh) mutable {
                        if (!fresh) {
                            done(std::unexpected(fresh.error()));
                            return;
                        }
                        request.accessToken = *fresh;
                        m_sync.preview(request, done);
                    });
            });
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
    // Only Payroll AU 1.0 has array creates; Payroll 2.0 and Projects write one at a time.
    if (tenant->api != PayrollTarget::PayrollAu1 || tenant->target == SyncTarget::Projects) {
        const auto refs = m_sync.approvedIn(request.from, request.to, request.userIds);
        if (!refs) {
            context->fail(refs.error().message, !refs.error().retryable);
            return;
        }
        auto run = std::make_shared<OneByOne>();
        run->tenant = *tenant;
        run->force = request.force;
        for (const SubmissionRef &ref : *refs) {
            const auto organisation = m_sync.organisationOf(ref.id);
            const bool ours = organisation && organisation->isEmpty()
                ? tenant->isDefault
                : organisation && organisation->compare(tenant->tenantId, Qt::CaseInsensitive) == 0;
            if (ours) {
                run->ids << ref.id;
                run->from =
                    run->from.isValid() ? std::min(run->from, ref.periodStart) : ref.periodStart;
                run->to = run->to.isValid() ? std::max(run->to, ref.periodEnd) : ref.periodEnd;
            } else {
                ++run->otherOrganisation;
            }
        }
        batchNext(context, run);
        return;
    }
    tenant->accessToken(
        onToken(context, [this, context, request, tenant = *tenant](const QString &token) mutable {
            request.accessToken = token;
            runBatch(context, request, tenant, true);
        }));
}

int SyncJobs::estimatedBatchCalls(int submissions, const Tenant &tenant, qint64 rangeDays)
{
    if (submissions <= 0)
        return 0;
    const int pages = (submissions + 99) / 100;
    if (tenant.target == SyncTarget::Projects)
        return 1 + submissions * (1 + 5);
    if (tenant.api == PayrollTarget::PayrollAu1)
        return 3 + 2 * pages; // reference data, then a lookup and an array create per 100
    if (submissions == 1)
        return 5; // calendars, rates, the employee, the lookup, the create
    if (rangeDays > SubmissionSync::MaxPreloadDays)
        return 2 + pages + 2 * submissions; // the employees up front, then lookup and create
    return 2 + 2 * pages + submissions; // calendars, rates, employees and timesheets pages
}

void SyncJobs::batchNext(std::shared_ptr<JobContext> context, std::shared_ptr<OneByOne> run)
{
    const int total = int(run->ids.size());
    if (run->next >= run->ids.size()) {
        context->complete({ { "total", total }, { "synced", run->synced }, { "invalid", 0 },
            { "failed", run->failed }, { "otherOrganisation", run->otherOrganisation } });
        return;
    }
    run->tenant.accessToken(onToken(context, [this, context, run, total](const QString &token) {
        // A Payroll 2.0 pay run of more than one timesheet reads employees and existing
        // timesheets in pages first: about one call per timesheet instead of three.
        if (!run->preloaded && run->ids.size() > 1 && run->tenant.api == PayrollTarget::Payroll2
            && run->tenant.target != SyncTarget::Projects) {
            run->preloaded = true;
            m_sync.preloadPayRun(run->tenant.tenantId, token, run->from, run->to, run->lists,
                [this, context, run](Result<void> loaded) {
                    if (!loaded) {
                        // Not fatal: each timesheet then reads what it needs itself.
                        qCWarning(lcSync).noquote()
                            << "pay run" << context->id()
                            << "reads its timesheets one by one:" << loaded.error().message;
                        *run->lists = SharedLists {};
                    }
                    batchNext(context, run);
                });
            return;
        }
        SubmissionSync::Request request;
        request.submissionId = run->ids[run->next];
        request.trigger = SyncTrigger::Batch;
        request.jobId = context->id();
        request.force = run->force;
        request.tenantId = run->tenant.tenantId;
        request.api = run->tenant.api;
        request.target = run->tenant.target;
        request.accessToken = token;
        request.lists = run->lists;
        m_sync.sync(request, [this, context, run, request, total](SubmissionSync::Result_ result) {
            if (result.tokenRejected && !run->refreshed && run->tenant.refreshAfterRejection) {
                run->refreshed = true;
                withFreshToken(context, run->tenant, request.accessToken,
                    [this, context, run](const QString &) { batchNext(context, run); });
                return;
            }
            if (result.accessRevoked && run->tenant.accessRevoked) {
                run->tenant.accessRevoked(result.error);
                context->fail(result.error); // the rest would meet the same refusal
                return;
            }
            emit submissionSynced(request.submissionId, result.logId, result.success, result.error);
            // A failure a retry can fix leaves the submission to the catch-up scan.
            (result.success ? run->synced : run->failed) += 1;
            ++run->next;
            context->progress({ { "done", int(run->next) }, { "total", total },
                { "percent", total > 0 ? int(run->next) * 100 / total : 100 } });
            // Through the event loop: a sync that answers at once must not deepen the stack.
            QTimer::singleShot(0, this, [this, context, run] { batchNext(context, run); });
        });
    }));
}

void SyncJobs::withFreshToken(std::shared_ptr<JobContext> context, const Tenant &tenant,
    const QString &rejected, std::function<void(const QString &)> next)
{
    tenant.refreshAfterRejection(rejected, onToken(std::move(context), std::move(next)));
}

std::function<void(Result<QString>)> SyncJobs::onToken(
    std::shared_ptr<JobContext> context, std::function<void(const QString &)> next)
{
    return [context = std::move(context), next = std::move(next)](Result<QString> token) {
        qCDebug(lcSync) << "job" << context->id()
                        << "token:" << (token ? QStringLiteral("ok") : token.error().message);
        if (!token) {
            // A connection that needs re-authorising cannot be fixed by a retry.
            context->fail(token.error().message, !token.error().retryable);
            return;
        }
        next(*token);
    };
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
