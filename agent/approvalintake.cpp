#include "approvalintake.h"

#include <QRegularExpression>

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

namespace {
JobOptions approvalOptions(const QString &jobId, int priority)
{
    JobOptions options;
    options.priority = priority;
    options.attempts = 5;
    options.backoff = BackoffOptions { u"exponential"_s, 5000 };
    options.jobId = jobId;
    options.removeOnComplete = KeepJobs { 1000, 0 };
    return options;
}

nlohmann::json approvalData(const QString &submissionId, int version, const QString &trigger)
{
    return { { "submissionId", submissionId.toStdString() }, { "version", version },
        { "trigger", trigger.toStdString() } };
}
} // namespace

Result<QString> ApprovalIntake::enqueue(const QString &submissionId, int version,
    const QString &trigger, int priority, const QString &jobId)
{
    return m_queue.add(u"sync-timesheet"_s, approvalData(submissionId, version, trigger),
        approvalOptions(jobId.isEmpty() ? jobIdFor(submissionId, version) : jobId, priority));
}

void ApprovalIntake::onApproved(const ApprovalEvent &event, const QString &source)
{
    m_pending.append({ event, source });
    if (!m_queueScheduled) {
        m_queueScheduled = true;
        // After the notifications already delivered: they are queued together.
        QTimer::singleShot(0, this, &ApprovalIntake::queuePending);
    }
}

void ApprovalIntake::queuePending()
{
    m_queueScheduled = false;
    const QList<Pending> batch = m_pending.mid(0, ApprovalsPerTurn);
    m_pending.remove(0, batch.size());
    if (!m_pending.isEmpty()) {
        m_queueScheduled = true;
        QTimer::singleShot(0, this, &ApprovalIntake::queuePending);
    }
    if (batch.isEmpty())
        return;
    QList<NewJob> jobs;
    for (const Pending &p : batch) {
        jobs.append({ u"sync-timesheet"_s,
            approvalData(p.event.submissionId, p.event.version, u"approval"_s),
            approvalOptions(jobIdFor(p.event.submissionId, p.event.version), ApprovalPriority) });
    }
    const auto ids = m_queue.addBulk(jobs);
    if (!ids) {
        // Not lost: the submissions stay approved and unsynced, so the next catch-up scan finds
        // them.
        qCWarning(lcAgent) << "could not queue" << batch.size()
                           << "approval(s) now; the catch-up scan will:" << ids.error().message;
    }
    QList<AuditEntry> entries;
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Pending &p = batch[i];
        nlohmann::json details { { "source", p.source.toStdString() },
            { "version", p.event.version } };
        if (ids && i < ids->size()) {
            details["jobId"] = ids->at(i).toStdString();
            emit queued(p.event.submissionId, ids->at(i), p.source);
        } else {
            details["error"] = ids ? std::string("no job id") : ids.error().message.toStdString();
        }
        entries.append({ 0, {}, p.source == u"webhook"_s ? u"webhook"_s : u"listener"_s,
            u"approval.seen"_s, p.event.submissionId, details });
    }
    if (auto recorded = m_audit.recordMany(entries); !recorded)
        qCWarning(lcAgent) << "could not record" << entries.size()
                           << "approval(s) in the audit log:" << recorded.error().message;
}

void ApprovalIntake::onRejected(const ApprovalEvent &event, const QString &source)
{
    // A rejected version must not reach Xero: drop its approval if it is not queued yet, and its
    // job if it has not started.
    m_pending.removeIf([&event](const Pending &p) {
        return p.event.submissionId == event.submissionId && p.event.version == event.version;
    });
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
    // The submissions with a live job. Our job ids name the submission, so a backlog of
    // thousands costs one list read, not a hash read per job; other producers' jobs are read.
    static const QRegularExpression ours(u"^(?:sync:(.+):v\\d+|manual:(.+):v\\d+:[^:]+)$"_s);
    QStringList live;
    for (const JobState state :
        { JobState::Waiting, JobState::Active, JobState::Delayed, JobState::Paused }) {
        const auto ids = m_queue.jobIds(state, 0, -1);
        if (!ids)
            return std::unexpected(ids.error());
        for (const QString &id : *ids) {
            if (const auto match = ours.match(id); match.hasMatch()) {
                live << (match.hasCaptured(1) ? match.captured(1) : match.captured(2));
                continue;
            }
            const auto job = m_queue.job(id);
            if (job && *job && (*job)->name == u"sync-timesheet"_s && (*job)->data.is_object()
                && (*job)->data.contains("submissionId")
                && (*job)->data["submissionId"].is_string())
                live << QString::fromStdString((*job)->data["submissionId"].get<std::string>());
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
