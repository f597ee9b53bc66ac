#pragma once

#include <QObject>
#include <QTimer>

#include "core/common/error.h"
#include "core/store/approvalevent.h"

namespace XeroSync {

class AuditStore;
class Queue;
class TimesheetEvents;
class TimesheetStore;

//! Turns approvals into `sync-timesheet` jobs, exactly one per submission version: the job id is
//! `sync:<submission>:v<version>`, so the trigger, the webhook and the catch-up scan announcing
//! the same approval add it once. The catch-up scan (at start, every minute and after the
//! listener reconnects) queues approved submissions that have neither a final sync nor a live
//! job, and retries those whose job ran out of attempts, so nothing approved while the agent,
//! Redis or Xero was down is lost.
class ApprovalIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApprovalIntake)

public:
    ApprovalIntake(Queue &queue, TimesheetStore &timesheets, AuditStore &audit,
        TimesheetEvents &events, QObject *parent = nullptr);

    static constexpr int ApprovalPriority = 1;
    //! Approvals queued per turn of the event loop: a pay run approved at once arrives as
    //! thousands of notifications, and the API must keep answering while they are queued.
    static constexpr int ApprovalsPerTurn = 100;
    static QString jobIdFor(const QString &submissionId, int version);

    //! Queues a sync of one submission version; returns the job id (existing or new). The job
    //! id defaults to the approval's, so repeats are no-ops; a manual re-sync passes its own.
    Result<QString> enqueue(const QString &submissionId, int version, const QString &trigger,
        int priority = ApprovalPriority, const QString &jobId = {});
    //! One catch-up pass; returns how many jobs it queued or revived.
    Result<int> catchUp();
    void startCatchUp(int intervalMs);
    void stop();

signals:
    void queued(const QString &submissionId, const QString &jobId, const QString &source);
    void catchUpFinished(int queued);

private:
    void onApproved(const XeroSync::ApprovalEvent &event, const QString &source);
    void onRejected(const XeroSync::ApprovalEvent &event, const QString &source);
    //! Queues up to ApprovalsPerTurn pending approvals in one Redis round trip and records them
    //! in one audit statement; schedules itself again while more wait.
    void queuePending();

    struct Pending
    {
        ApprovalEvent event;
        QString source;
    };

    Queue &m_queue;
    TimesheetStore &m_timesheets;
    AuditStore &m_audit;
    QTimer m_timer;
    QList<Pending> m_pending;
    bool m_queueScheduled = false;
};

} // namespace XeroSync
