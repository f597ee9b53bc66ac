#include "batchsync.h"

#include "core/common/json.h"
#include "core/sync/employeedirectory.h"
#include "core/sync/timesheetmapper.h"
#include "core/sync/timesheetvalidator.h"

namespace XeroSync {

struct BatchSync::Run
{
    Request request;
    std::function<void(Summary)> done;
    BatchWriter::Progress progress;
    Summary summary;
    qint64 startedMs = 0;
    QList<Submission> submissions;
    nlohmann::json employees = nlohmann::json::array();
    nlohmann::json calendars = nlohmann::json::array();
    nlohmann::json rates = nlohmann::json::array();
    QList<BatchWriter::Item> items;
};

BatchSync::BatchSync(TimesheetStore &timesheets, SyncLogStore &log, SyncStateStore &state,
    XeroClient &client, BatchWriter &writer, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_timesheets(timesheets)
    , m_log(log)
    , m_state(state)
    , m_client(client)
    , m_writer(writer)
    , m_clock(clock)
{ }

void BatchSync::run(
    const Request &request, std::function<void(Summary)> done, BatchWriter::Progress progress)
{
    auto run = std::make_shared<Run>();
    run->request = request;
    run->done = std::move(done);
    run->progress = std::move(progress);
    run->startedMs = m_clock.monotonicMs();
    SyncLogEntry entry;
    entry.operation = QStringLiteral("batch-sync");
    entry.status = SyncStatus::Running;
    entry.trigger = request.trigger;
    entry.jobId = request.jobId;
    entry.metadata = { { "from", request.from.toString(Qt::ISODate).toStdString() },
        { "to", request.to.toString(Qt::ISODate).toStdString() }, { "force", request.force } };
    run->summary.batchLogId = m_log.insert(entry).value_or(0);

    const auto refs = m_timesheets.findApproved(request.from, request.to, request.userIds);
    if (!refs) {
        run->summary.error = refs.error().message;
        finish(run);
        return;
    }
    for (const auto &ref : *refs) {
        auto submission = m_timesheets.load(ref.id);
        if (!submission)
            continue;
        const QString &organisation = submission->employee.xeroTenantId;
        const bool ours = organisation.isEmpty()
            ? request.defaultOrganisation
            : organisation.compare(request.tenantId, Qt::CaseInsensitive) == 0;
        if (!ours) {
            ++run->summary.otherOrganisation;
            continue;
        }
        run->submissions.append(*submission);
    }
    run->summary.total = static_cast<int>(run->submissions.size());
    readReference(run, 1);
}

void BatchSync::readReference(std::shared_ptr<Run> run, int page)
{
    // Employees page by 100; then the calendars and the pay items, once for the whole run.
    XeroRequest request;
    request.tenantId = run->request.tenantId;
    request.accessToken = run->request.accessToken;
    request.path = QStringLiteral("/payroll.xro/1.0/Employees");
    request.query.addQueryItem(QStringLiteral("page"), QString::number(page));
    ++run->summary.calls;
    m_client.send(request, [this, run, page](XeroReply reply) {
        if (reply.error) {
            run->summary.error = reply.error->message;
            run->summary.tokenRejected = reply.status == 401;
            finish(run);
            return;
        }
        const auto list = reply.json.value("Employees", nlohmann::json::array());
        for (const auto &employee : list)
            run->employees.push_back(employee);
        if (list.size() >= 100) {
            readReference(run, page + 1);
            return;
        }
        XeroRequest calendars;
        calendars.tenantId = run->request.tenantId;
        calendars.accessToken = run->request.accessToken;
        calendars.path = QStringLiteral("/payroll.xro/1.0/PayrollCalendars");
        ++run->summary.calls;
        m_client.send(calendars, [this, run, calendars](XeroReply calendarReply) mutable {
            if (calendarReply.error) {
                run->summary.error = calendarReply.error->message;
                run->summary.tokenRejected = calendarReply.status == 401;
                finish(run);
                return;
            }
            run->calendars = calendarReply.json.value("PayrollCalendars", nlohmann::json::array());
            calendars.path = QStringLiteral("/payroll.xro/1.0/PayItems");
            ++run->summary.calls;
            m_client.send(calendars, [this, run](XeroReply rates) {
                if (rates.error) {
                    run->summary.error = rates.error->message;
                    run->summary.tokenRejected = rates.status == 401;
                    finish(run);
                    return;
                }
                run->rates = rates.json.value("PayItems", nlohmann::json::object())
                                 .value("EarningsRates", nlohmann::json::array());
                write(run);
            });
        });
    });
}

void BatchSync::write(std::shared_ptr<Run> run)
{
    // Indexed once: a pay run of thousands must not scan the employee list per submission.
    QHash<QString, const nlohmann::json *> byId;
    for (const auto &employee : run->employees)
        byId.insert(Json::textAt(employee, "EmployeeID").toLower(), &employee);
    for (const auto &submission : run->submissions) {
        EmployeeTarget target; // unmapped or unknown: the validator says so
        const auto *employee = byId.value(submission.employee.xeroEmployeeId.toLower());
        if (employee && !submission.employee.xeroEmployeeId.isEmpty())
            target = EmployeeDirectory::targetFrom(*employee, run->calendars, run->rates,
                PayrollTarget::PayrollAu1, submission.employee.xeroEarningsRateId);
        const auto findings = TimesheetValidator::validate(submission, target);
        if (!findings.isEmpty()) {
            // Validated first: nothing invalid reaches Xero.
            ++run->summary.invalid;
            logSubmission(*run, submission, false, TimesheetValidator::describe(findings),
                { { "findings", TimesheetValidator::toJson(findings) } });
            continue;
        }
        run->items.append({ submission, target });
    }
    const int invalid = run->summary.invalid;
    const auto progress = run->progress;
    const int total = run->summary.total;
    m_writer.writeAu1(
        run->items, run->request.tenantId, run->request.accessToken, run->request.force,
        [this, run](BatchWriter::Report report) {
            run->summary.calls += report.calls;
            for (const auto &item : run->items) {
                const auto result = report.results.value(item.submission.id);
                nlohmann::json details = nullptr;
                if (result.outcome)
                    details = { { "action", writeActionName(result.outcome->action).toStdString() },
                        { "xeroTimesheetId", result.outcome->xeroTimesheetId.toStdString() },
                        { "sent", result.outcome->sent } };
                if (result.success)
                    ++run->summary.synced;
                else
                    ++run->summary.failed;
                logSubmission(*run, item.submission, result.success, result.error, details);
                SyncState state =
                    m_state.get(item.submission.id).value_or(std::nullopt).value_or(SyncState {});
                state.submissionId = item.submission.id;
                state.tenantId = run->request.tenantId;
                state.target = SyncTarget::PayrollAu;
                // A failure a retry can fix (Xero down, a token rejected) stays pending, so the
                // catch-up scan syncs the submission later; only a refusal no retry can change is
                // recorded as failed for this version.
                const bool retryLater = !result.success && result.retryable;
                if (!retryLater)
                    state.attemptedVersion = item.submission.version;
                state.status = result.success ? SyncStateStatus::Synced
                    : retryLater              ? SyncStateStatus::Pending
                                              : SyncStateStatus::Failed;
                state.lastError = result.error;
                if (result.outcome)
                    state.xeroTimesheetId = result.outcome->xeroTimesheetId;
                if (result.success) {
                    state.lastSyncedVersion = item.submission.version;
                    state.payloadHash = QString::fromLatin1(TimesheetMapper::contentHash(
                        TimesheetMapper::toPayrollAu1(item.submission, item.target)));
                }
                (void)m_state.upsert(state);
            }
            finish(run);
        },
        [progress, invalid, total](int done, int) {
            if (progress)
                progress(done + invalid, total);
        });
}

void BatchSync::logSubmission(const Run &run, const Submission &submission, bool ok,
    const QString &error, const nlohmann::json &details)
{
    SyncLogEntry entry;
    entry.submissionId = submission.id;
    entry.operation = QStringLiteral("sync-timesheet");
    entry.status = ok ? SyncStatus::Success : SyncStatus::Failed;
    entry.trigger = run.request.trigger;
    entry.jobId = run.request.jobId;
    entry.error = error;
    entry.details = details;
    entry.metadata = { { "batchLogId", run.summary.batchLogId } };
    (void)m_log.insert(entry);
}

void BatchSync::finish(std::shared_ptr<Run> run)
{
    auto &s = run->summary;
    SyncLogUpdate update;
    update.status = s.error.isEmpty() && s.failed == 0 && s.invalid == 0 ? SyncStatus::Success
                                                                         : SyncStatus::Failed;
    update.durationMs = static_cast<int>(m_clock.monotonicMs() - run->startedMs);
    update.details = nlohmann::json { { "total", s.total }, { "synced", s.synced },
        { "invalid", s.invalid }, { "failed", s.failed },
        { "otherOrganisation", s.otherOrganisation }, { "calls", s.calls } };
    if (!s.error.isEmpty())
        update.error = s.error;
    else if (s.failed + s.invalid > 0)
        update.error = QStringLiteral("%1 of %2 submissions were not synced")
                           .arg(s.failed + s.invalid)
                           .arg(s.total);
    (void)m_log.update(s.batchLogId, update);
    run->done(s);
}

} // namespace XeroSync
