#include "submissionsync.h"

#include "core/sync/synclogging.h"
#include "core/sync/timesheetmapper.h"
#include "core/sync/timesheetvalidator.h"

namespace XeroSync {

SubmissionSync::SubmissionSync(TimesheetStore &timesheets, SyncLogStore &log, SyncStateStore &state,
    EmployeeDirectory &directory, TimesheetWriter &writer, TimeEntryWriter &entries,
    const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_timesheets(timesheets)
    , m_log(log)
    , m_state(state)
    , m_directory(directory)
    , m_writer(writer)
    , m_entries(entries)
    , m_clock(clock)
{ }

nlohmann::json SubmissionSync::bodyFor(
    const Submission &submission, const EmployeeTarget &target, const Request &request)
{
    return request.target == SyncTarget::Projects
        ? TimesheetMapper::toProjectsTimeEntries(submission, target)
        : TimesheetWriter::bodyFor(submission, target, request.api);
}

void SubmissionSync::resolveChecked(
    const Submission &submission, const Request &request, EmployeeDirectory::Callback done)
{
    resolve(submission, request, [=, this](Result<EmployeeTarget> target) {
        if (target && target->listsCached && !validate(submission, *target, request).isEmpty()) {
            // Findings against calendars and rates up to ListsTtlMs old: ask Xero again before
            // a person is told (a rate made in Xero minutes ago is valid).
            m_directory.forgetLists(request.tenantId);
            resolve(submission, request, done);
            return;
        }
        done(std::move(target));
    });
}

QList<ValidationFinding> SubmissionSync::validate(
    const Submission &submission, const EmployeeTarget &target, const Request &request)
{
    return request.target == SyncTarget::Projects
        ? TimesheetValidator::validateForProjects(submission, target)
        : TimesheetValidator::validate(submission, target);
}

void SubmissionSync::resolve(
    const Submission &submission, const Request &request, EmployeeDirectory::Callback done)
{
    if (request.target == SyncTarget::Projects)
        m_directory.resolveProjectsUser(submission.employee.email, request.tenantId,
            request.accessToken, std::move(done), request.lists);
    else
        m_directory.resolve(submission.employee.xeroEmployeeId,
            submission.employee.xeroEarningsRateId, request.api, request.tenantId,
            request.accessToken, std::move(done), request.lists);
}

void SubmissionSync::sync(const Request &request, Callback done)
{
    const auto startedMs = m_clock.monotonicMs();
    // A job that runs again after its agent died left its row RUNNING; close it first.
    if (const auto closed = m_log.closeInterrupted(request.jobId,
            QStringLiteral("Interrupted: the agent stopped during this attempt; it ran again"));
        closed && *closed > 0)
        qCInfo(lcSync) << "closed" << *closed << "interrupted log rows of job" << request.jobId;
    SyncLogEntry entry;
    entry.submissionId = request.submissionId;
    entry.operation = QStringLiteral("sync-timesheet");
    entry.status = SyncStatus::Running;
    entry.trigger = request.trigger;
    entry.jobId = request.jobId;
    entry.retryCount = request.attempt;
    entry.metadata = { { "tenantId", request.tenantId.toStdString() },
        { "target", syncTargetName(request.target).toStdString() }, { "force", request.force } };
    const auto logId = m_log.insert(entry);
    if (!logId) {
        done(Result_ { 0, false, true, logId.error().message, std::nullopt });
        return;
    }
    const auto submission = m_timesheets.load(request.submissionId);
    if (!submission) {
        const bool missing = submission.error().code == ErrorCode::NotFound;
        finish(request, *logId, startedMs,
            Result_ { *logId, false, !missing, submission.error().message, std::nullopt }, {},
            done);
        return;
    }
    if (submission->status != QLatin1String("APPROVED")) {
        finish(request, *logId, startedMs,
            Result_ { *logId, false, false,
                QStringLiteral("Submission %1 is %2, not approved")
                    .arg(request.submissionId, submission->status.toLower()),
                std::nullopt },
            {}, done);
        return;
    }
    const auto state = m_state.get(request.submissionId);
    const int lastSynced = state && *state ? (*state)->lastSyncedVersion : 0;
    const bool mayUpdate = request.force || submission->version > lastSynced;
    // The entries this submission wrote to Projects last time: only those may be deleted.
    const QString previousEntries = state && *state && (*state)->target == SyncTarget::Projects
        ? (*state)->xeroTimesheetId
        : QString();
    resolveChecked(
        *submission, request, [=, this, sub = *submission](Result<EmployeeTarget> target) {
            if (!target) {
                // A 403 is about the connection, not this timesheet: after a reconnect it syncs.
                if (!target.error().retryable && target.error().code != ErrorCode::Forbidden)
                    recordPermanentFailure(request, sub.version, target.error().message);
                finish(request, *logId, startedMs, failure(*logId, target.error()), {}, done);
                return;
            }
            const auto findings = validate(sub, *target, request);
            if (!findings.isEmpty()) {
                // Validation failures are permanent: no retry can fix them, a person can.
                recordPermanentFailure(
                    request, sub.version, TimesheetValidator::describe(findings));
                finish(request, *logId, startedMs,
                    Result_ { *logId, false, false, TimesheetValidator::describe(findings),
                        std::nullopt },
                    { { "findings", TimesheetValidator::toJson(findings) } }, done);
                return;
            }
            auto written = [=, this](Result<WriteOutcome> outcome) {
                if (!outcome) {
                    finish(request, *logId, startedMs, failure(*logId, outcome.error()), {}, done);
                    return;
                }
                const bool ok = outcome->action != WriteOutcome::Action::Refused;
                SyncState next = state && *state ? **state : SyncState {};
                next.submissionId = sub.id;
                next.target = request.target;
                next.tenantId = request.tenantId;
                next.xeroTimesheetId = outcome->xeroTimesheetId;
                next.attemptedVersion = sub.version;
                if (ok) {
                    next.lastSyncedVersion = sub.version;
                    next.payloadHash = QString::fromLatin1(
                        TimesheetMapper::contentHash(bodyFor(sub, *target, request)));
                    next.status = SyncStateStatus::Synced;
                    next.lastError.clear();
                } else {
                    next.status = SyncStateStatus::Failed;
                    next.lastError = outcome->reason;
                }
                if (const auto saved = m_state.upsert(next); !saved) {
                    // Xero has it but our record does not say so: fail retryably, so the
                    // next attempt (replayed by Xero's idempotency) records it.
                    finish(request, *logId, startedMs,
                        Result_ { *logId, false, true,
                            QStringLiteral("Written to Xero, but the sync state could not be "
                                           "saved: %1")
                                .arg(saved.error().message),
                            std::nullopt },
                        {}, done);
                    return;
                }
                const nlohmann::json details { { "action",
                                                   writeActionName(outcome->action).toStdString() },
                    { "xeroTimesheetId", outcome->xeroTimesheetId.toStdString() },
                    { "sent", outcome->sent }, { "received", outcome->received },
                    { "reason", outcome->reason.toStdString() } };
                finish(request, *logId, startedMs,
                    Result_ { *logId, ok, false, ok ? QString() : outcome->reason, *outcome },
                    details, done);
            };
            if (request.target == SyncTarget::Projects)
                m_entries.write(sub, *target, request.tenantId, request.accessToken, mayUpdate,
                    previousEntries, std::move(written));
            else
                m_writer.write(sub, *target, request.api, request.tenantId, request.accessToken,
                    mayUpdate, std::move(written), request.lists);
        });
}

void SubmissionSync::preloadPayRun(const QString &tenantId, const QString &accessToken,
    const QDate &from, const QDate &to, std::shared_ptr<SharedLists> lists,
    std::function<void(Result<void>)> done)
{
    m_directory.preload(
        tenantId, accessToken, lists, [=, this, done = std::move(done)](Result<void> employees) {
            if (!employees) {
                done(employees);
                return;
            }
            // Xero's timesheets of a long range would cost more pages than the lookups they
            // save; a pay run is a period or two.
            if (from.daysTo(to) > MaxPreloadDays) {
                done({});
                return;
            }
            m_writer.preload(tenantId, accessToken, from, to, lists, done);
        });
}

void SubmissionSync::preview(const Request &request, PreviewCallback done)
{
    const auto submission = m_timesheets.load(request.submissionId);
    if (!submission) {
        done(std::unexpected(submission.error()));
        return;
    }
    const auto state = m_state.get(request.submissionId);
    if (!state) {
        done(std::unexpected(state.error()));
        return;
    }
    const std::optional<SyncState> last = *state;
    nlohmann::json out { { "submissionId", submission->id.toStdString() },
        { "version", submission->version }, { "status", submission->status.toStdString() },
        { "tenantId", request.tenantId.toStdString() },
        { "target", syncTargetName(request.target).toStdString() },
        { "api",
            request.target == SyncTarget::Projects         ? "projects-2.0"
                : request.api == PayrollTarget::PayrollAu1 ? "payroll-au-1.0"
                                                           : "payroll-2.0" },
        { "lastSyncedVersion", last ? last->lastSyncedVersion : 0 },
        { "xeroTimesheetId", last ? last->xeroTimesheetId.toStdString() : std::string() } };
    resolveChecked(
        *submission, request, [=, sub = *submission](Result<EmployeeTarget> target) mutable {
            if (!target) {
                // Not mapped, unknown or inactive in Xero: a finding of this submission, not a
                // failure of the preview. A connection or Xero fault is the caller's error.
                if (target.error().retryable || target.error().code == ErrorCode::Forbidden
                    || target.error().code == ErrorCode::Unauthorized) {
                    done(std::unexpected(target.error()));
                    return;
                }
                out["ready"] = false;
                out["findings"] = nlohmann::json::array({ { { "code", "employee" },
                    { "message", target.error().message.toStdString() }, { "hint", "" } } });
                done(out);
                return;
            }
            const auto findings = validate(sub, *target, request);
            out["findings"] = TimesheetValidator::toJson(findings);
            out["ready"] = findings.isEmpty() && sub.status == QLatin1String("APPROVED");
            out["employee"] = { { "xeroEmployeeId", target->xeroEmployeeId.toStdString() },
                { "name", target->name.toStdString() } };
            if (request.target == SyncTarget::Projects)
                out["employee"]["projectsUserId"] = target->projectsUserId.toStdString();
            if (findings.isEmpty()) {
                const nlohmann::json body = bodyFor(sub, *target, request);
                out["body"] = body;
                out["unchanged"] = last && !last->payloadHash.isEmpty()
                    && last->payloadHash.toLatin1() == TimesheetMapper::contentHash(body);
            }
            done(out);
        });
}

SubmissionSync::Result_ SubmissionSync::failure(qint64 logId, const Error &error)
{
    Result_ result { logId, false, error.retryable, error.message, std::nullopt };
    // A 401 is retryable; a refresh answered invalid_grant is Unauthorized but final.
    result.tokenRejected = error.code == ErrorCode::Unauthorized && error.retryable;
    result.accessRevoked = error.code == ErrorCode::Forbidden;
    return result;
}

void SubmissionSync::recordPermanentFailure(
    const Request &request, int version, const QString &error)
{
    const auto current = m_state.get(request.submissionId);
    SyncState next = current && *current ? **current : SyncState {};
    next.submissionId = request.submissionId;
    next.target = request.target;
    next.tenantId = request.tenantId;
    next.attemptedVersion = version;
    next.status = SyncStateStatus::Failed;
    next.lastError = error;
    (void)m_state.upsert(next);
}

void SubmissionSync::finish(const Request &request, qint64 logId, qint64 startedMs, Result_ result,
    const nlohmann::json &details, const Callback &done)
{
    (void)request;
    SyncLogUpdate update;
    update.status = result.success ? SyncStatus::Success : SyncStatus::Failed;
    update.durationMs = static_cast<int>(m_clock.monotonicMs() - startedMs);
    if (!result.error.isEmpty())
        update.error = result.error;
    if (!details.is_null())
        update.details = details;
    if (const auto logged = m_log.update(logId, update); !logged && result.success) {
        // Synced, but the log row still says RUNNING: not done until it says so. The retry finds
        // the timesheet in Xero unchanged, closes this row and writes its own.
        result.success = false;
        result.retryable = true;
        result.error = QStringLiteral("Synced to Xero, but the sync log could not be written: %1")
                           .arg(logged.error().message);
    }
    done(std::move(result));
}

} // namespace XeroSync
