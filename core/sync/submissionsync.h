#pragma once

#include <functional>

#include <QObject>

#include "core/common/clock.h"
#include "core/store/synclog.h"
#include "core/store/synclogstore.h"
#include "core/store/syncstatestore.h"
#include "core/store/timesheetstore.h"
#include "core/sync/employeedirectory.h"
#include "core/sync/timeentrywriter.h"
#include "core/sync/timesheetwriter.h"

namespace XeroSync {

//! One `sync-timesheet` run: load the approved submission, read the employee's Xero setup,
//! validate, write with the duplicate policy, and record every step in the sync log and the
//! sync state (DESIGN.md §6).
class SubmissionSync : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QString submissionId;
        SyncTrigger trigger = SyncTrigger::Approval;
        QString jobId;
        bool force = false;
        QString tenantId;
        PayrollTarget api = PayrollTarget::PayrollAu1;
        SyncTarget target = SyncTarget::PayrollAu;
        QString accessToken;
        int attempt = 0; //!< retries so far, for the log
        //! A batch's calendars and rates, shared by its timesheets (null: read them).
        std::shared_ptr<SharedLists> lists {};
    };

    struct Result_
    {
        qint64 logId = 0;
        bool success = false;
        bool retryable = false; //!< a failure worth another attempt (network, 5xx, 401)
        QString error;
        std::optional<WriteOutcome> outcome;
        //! Xero answered 401 to the access token: a fresh token, not a later retry, fixes it.
        bool tokenRejected = false;
        //! Xero answered 403 for the organisation (disconnected, payroll role removed): the
        //! connection needs a person, not this submission.
        bool accessRevoked = false;
    };

    using Callback = std::function<void(Result_)>;

    SubmissionSync(TimesheetStore &timesheets, SyncLogStore &log, SyncStateStore &state,
        EmployeeDirectory &directory, TimesheetWriter &writer, TimeEntryWriter &entries,
        const Clock &clock, QObject *parent = nullptr);

    void sync(const Request &request, Callback done);

    //! A Payroll 2.0 batch: the organisation's employees, calendars and rates, and the
    //! timesheets it holds for periods within [from, to], read up front in pages into `lists`,
    //! so each timesheet of the batch then costs the one write Xero cannot do without.
    void preloadPayRun(const QString &tenantId, const QString &accessToken, const QDate &from,
        const QDate &to, std::shared_ptr<SharedLists> lists,
        std::function<void(Result<void>)> done);
    //! Longer batches read employees up front but look up each timesheet on its own.
    static constexpr qint64 MaxPreloadDays = 62;

    using PreviewCallback = std::function<void(Result<nlohmann::json>)>;
    //! What a sync of the submission would send now, writing and logging nothing: Xero's
    //! employee setup is read (rate-limited like any call), then validation's findings, the body
    //! mapped for the target, and whether it equals what was last written. `ready` is false when
    //! validation or an unusable employee mapping would refuse it; an error is Xero or the
    //! database failing (or the submission unknown).
    void preview(const Request &request, PreviewCallback done);

    //! The organisation the submission's employee belongs to (empty: the default one).
    Result<QString> organisationOf(const QString &submissionId)
    {
        return m_timesheets.organisationOf(submissionId);
    }

    //! Approved submissions whose period overlaps [from, to], for batches written one by one.
    Result<QList<SubmissionRef>> approvedIn(
        const QDate &from, const QDate &to, const QStringList &userIds)
    {
        return m_timesheets.findApproved(from, to, userIds);
    }

private:
    //! The target's side of a sync: Xero's employee (payroll) or Projects user, the rules, and
    //! the body that would be written.
    void resolve(
        const Submission &submission, const Request &request, EmployeeDirectory::Callback done);
    //! resolve(), and once more with fresh lists when the cached ones give findings.
    void resolveChecked(
        const Submission &submission, const Request &request, EmployeeDirectory::Callback done);
    static QList<ValidationFinding> validate(
        const Submission &submission, const EmployeeTarget &target, const Request &request);
    static nlohmann::json bodyFor(
        const Submission &submission, const EmployeeTarget &target, const Request &request);
    static Result_ failure(qint64 logId, const Error &error);
    //! A failure no retry can fix (validation, unmapped employee): the sync state says so, so the
    //! catch-up scan does not queue this version again and again; a new version is tried afresh.
    void recordPermanentFailure(const Request &request, int version, const QString &error);
    void finish(const Request &request, qint64 logId, qint64 startedMs, Result_ result,
        const nlohmann::json &details, const Callback &done);

    TimesheetStore &m_timesheets;
    SyncLogStore &m_log;
    SyncStateStore &m_state;
    EmployeeDirectory &m_directory;
    TimesheetWriter &m_writer;
    TimeEntryWriter &m_entries;
    const Clock &m_clock;
};

} // namespace XeroSync
