#pragma once

#include <functional>

#include <QObject>

#include "core/queue/worker.h"
#include "core/sync/batchsync.h"
#include "core/sync/healthcheck.h"
#include "core/sync/submissionsync.h"

namespace XeroSync {

//! The queue side of the sync engine: the `sync-timesheet` job handler. Job data is
//! `{submissionId, trigger?, force?}` (DESIGN.md §5). A permanent failure (validation, a
//! refused non-draft, a missing submission) fails the job without retries; anything else
//! fails it for the queue's backoff to retry.
class SyncJobs : public QObject
{
    Q_OBJECT

public:
    //! Where the organisation's timesheets go and how to get a token for it.
    struct Tenant
    {
        QString tenantId;
        PayrollTarget api = PayrollTarget::PayrollAu1;
        SyncTarget target = SyncTarget::PayrollAu;
        std::function<void(std::function<void(Result<QString>)>)> accessToken;
        //! After Xero answered 401 to `rejected`: a fresh token (one refresher across agents).
        std::function<void(const QString &rejected, std::function<void(Result<QString>)>)>
            refreshAfterRejection;
        //! Xero refused the organisation (403): flag the connection so jobs stop calling Xero
        //! until an admin connects again.
        std::function<void(const QString &reason)> accessRevoked;
        bool isDefault = true; //!< the organisation of employees that name none
    };

    //! Looked up for every job, so a connection made (or lost) while the agent runs is used at
    //! once; an error fails the job as retryable unless it says otherwise. `organisation` is the
    //! employee's Xero tenant id, empty for "the default organisation".
    using TenantProvider = std::function<Result<Tenant>(const QString &organisation)>;

    SyncJobs(SubmissionSync &sync, Tenant tenant, QObject *parent = nullptr);
    SyncJobs(SubmissionSync &sync, TenantProvider tenants, QObject *parent = nullptr);

    //! Also handle `health-check` jobs (the agent schedules one a minute).
    void setHealthCheck(HealthCheck *check) { m_health = check; }

    //! Also handle `batch-sync {fromDate, toDate, userIds?, force?, tenantId?}` jobs: one
    //! organisation per job, the default one unless `tenantId` names another. Payroll AU 1.0
    //! writes arrays through BatchSync; Payroll 2.0 and Projects have no array create, so their
    //! batches run the single-timesheet sync for each submission in turn.
    void setBatchSync(BatchSync *batch) { m_batch = batch; }

    void registerOn(Worker &worker);

    //! About how many Xero calls a batch of `submissions` costs the organisation: what the
    //! batch-sync handler does for its target (AU 1.0 arrays of 100, a Payroll 2.0 pay run's
    //! pages and one create each, Projects' lookups and one create per entry, taken as five).
    //! For saying before a batch starts that it will not fit in today's allowance.
    //! `rangeDays`: the batch's span; a Payroll 2.0 batch longer than
    //! SubmissionSync::MaxPreloadDays looks up each timesheet.
    static int estimatedBatchCalls(int submissions, const Tenant &tenant, qint64 rangeDays);

    //! What a sync of the submission would send to its organisation now (SubmissionSync::preview),
    //! with that organisation's token; after Xero's 401, once more with a fresh one.
    void preview(const QString &submissionId, SubmissionSync::PreviewCallback done);

signals:
    //! For the agent's push channel: one submission done (or not).
    void submissionSynced(
        const QString &submissionId, qint64 logId, bool success, const QString &error);

private:
    void syncTimesheet(std::shared_ptr<JobContext> context);
    void batchSync(std::shared_ptr<JobContext> context);
    //! One sync of the job; after a 401 (and `mayRefresh`) once more with a fresh token.
    void runSync(std::shared_ptr<JobContext> context, SubmissionSync::Request request,
        Tenant tenant, bool mayRefresh);

    struct OneByOne;
    //! The next submission of a Payroll 2.0 batch, or the job's completion after the last.
    void batchNext(std::shared_ptr<JobContext> context, std::shared_ptr<OneByOne> run);
    //! The answer to a token request: `next` with the token, or the job fails (retryable as
    //! the error says).
    static std::function<void(Result<QString>)> onToken(
        std::shared_ptr<JobContext> context, std::function<void(const QString &)> next);
    //! After Xero's 401 to `rejected`: a fresh token to `next`, or the job fails.
    static void withFreshToken(std::shared_ptr<JobContext> context, const Tenant &tenant,
        const QString &rejected, std::function<void(const QString &)> next);
    //! One batch run; after Xero's 401 (and `mayRefresh`) once more with a fresh token.
    void runBatch(std::shared_ptr<JobContext> context, BatchSync::Request request, Tenant tenant,
        bool mayRefresh);

    SubmissionSync &m_sync;
    TenantProvider m_tenants;
    HealthCheck *m_health = nullptr;
    BatchSync *m_batch = nullptr;
};

} // namespace XeroSync
