#include "approvalintake.h"

#include "agent/agentlogging.h"
#include "agent/timesheetevents.h"
#include "core/queue/queue.h"
#include "core/store/auditstore.h"
#include "core/store/timesheetstore.h"

using namespace Qt::StringLiterals;

namespace XeroSync {

ApprovalIntake::ApprovalIntake(Queue &queue, TimesheetStore &timesheets, AuditStore &audit,
    TimesheetEvents &events, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
    , m_timesheets(timesheets)
    , m_audit(audit)
{
    connect(&events, &TimesheetEvents::approved, this, &ApprovalIntake::onApproved);
    connect(&events, &TimesheetEvents::rejected, this, &ApprovalIntake::onRejected);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto done = catchUp(); !done)
            qCWarning(lcAgent) << "catch-up scan failed, next try in" << m_timer.interval()
                               << "ms:" << done.error().message;
    });
}

QString ApprovalIntake::jobIdFor(const QString &submissionId, int version)
{
    return u"sync:%1:v%2"_s.arg(submissionId).arg(version);
}

Result<QString> ApprovalIntake::enqueue(const QString &submissionId, int version,
    const QString &trigger, int priority, const QString &jobId)
{
    JobOptions options;
    options.priority = priority;
    options.attempts = 5;
    options.backoff = BackoffOptions { u"exponential"_s, 5000 };
    options.jobId = jobId.isEmpty() ? jobIdFor(submissionId, version) : jobId;
    options.removeOnComplete = KeepJobs { 1000, 0 };
    nlohmann::json data { { "submissionId", submissionId.toStdString() }, { "version", version },
        { "trigger", trigger.toStdString() } };
    return m_queue.add(u"sync-timesheet"_s, data, options);
}

void ApprovalIntake::onApproved(const ApprovalEvent &event, const QString &source)
{
    const auto jobId = enqueue(event.submissionId, event.version, u"approval"_s);
    nlohmann::json details { { "source", source.toStdString() }, { "version", event.version } };
    if (!jobId) {
        // Not lost: the submission stays approved and unsynced, so the next catch-up scan finds it.
        qCWarning(lcAgent) << "could not queue approval of" << event.submissionId
                           << "now; the catch-up scan will:" << jobId.error().message;
        details["error"] = jobId.error().message.toStdString();
    } else {
        details["jobId"] = jobId->toStdString();
        emit queued(event.submissionId, *jobId, source);
    }
    (void)m_audit.record({ 0, {}, source == u"webhook"_s ? u"webhook"_s : u"listener"_s,
        u"approval.seen"_s, event.submissionId, details });
}

void ApprovalIntake::onRejected(const ApprovalEvent &event, const QString &source)
{
    // A rejected version must not reach Xero: drop its job if it has not started.
    nlohmann::json details { { "source", source.toStdString() }, { "version", event.version } };
    const QString jobId = jobIdFor(event.submissionId, event.version);
    const auto state = m_queue.state(jobId);
    if (state
        && (*state == JobState::Waiting || *state == JobState::Delayed
            || *state == JobState::Paused)) {
        const auto removed = m_queue.remove(jobId);
        details["cancelledJob"] = removed ? jobId.toStdString() : std::string();
        qCInfo(lcAgent) << "submission" << event.submissionId << "rejected: waiting job" << jobId
                        << (removed ? "cancelled" : "could not be cancelled");
    } else {
        qCInfo(lcAgent) << "submission" << event.submissionId << "rejected";
    }
    (void)m_audit.record(
        { 0, {}, u"listener"_s, u"approval.rejected"_s, event.submissionId, details });
}

Result<int> ApprovalIntake::catchUp()
{
    QStringList live;
    for (const JobState state :
        { JobState::Waiting, JobState::Active, JobState::Delayed, JobState::Paused }) {
        const auto jobs = m_queue.jobs(state, 0, -1);
        if (!jobs)
            return std::unexpected(jobs.error());
        for (const Job &job : *jobs) {
            if (job.name == u"sync-timesheet"_s && job.data.is_object()
                && job.data.contains("submissionId") && job.data["submissionId"].is_string())
                live << QString::fromStdString(job.data["submissionId"].get<std::string>());
        }
    }
    const auto missed = m_timesheets.findUnsynced(live);
    if (!missed)
        return std::unexpected(missed.error());
    int count = 0;
    for (const SubmissionRef &ref : *missed) {
        const QString jobId = jobIdFor(ref.id, ref.version);
        const auto state = m_queue.state(jobId);
        if (state && *state == JobState::Failed) {
            // Its attempts ran out while something was down; the failure was not final (a final
            // one is recorded in the sync state and not returned by findUnsynced).
            if (m_queue.retryFailed(jobId))
                ++count;
            continue;
        }
        if (state && *state == JobState::Completed)
            continue; // finished but its log row says otherwise: leave it for a person to look at
        if (const auto added = enqueue(ref.id, ref.version, u"approval"_s); added) {
            ++count;
            emit queued(ref.id, *added, u"catch-up"_s);
        }
    }
    if (count > 0) {
        qCInfo(lcAgent) << "catch-up scan queued" << count << "missed approval(s)";
        (void)m_audit.record(
            { 0, {}, u"system"_s, u"approval.catch-up"_s, {}, { { "queued", count } } });
    }
    emit catchUpFinished(count);
    return count;
}

void ApprovalIntake::startCatchUp(int intervalMs)
{
    m_timer.start(intervalMs);
}

void ApprovalIntake::stop()
{
    m_timer.stop();
}

} // namespace XeroSync
