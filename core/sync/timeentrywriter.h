#pragma once

#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include <QObject>
#include <QStringList>

#include "core/store/timesheet.h"
#include "core/sync/employeetarget.h"
#include "core/sync/timesheetwriter.h"
#include "core/xero/xeroclient.h"

namespace XeroSync {

//! Writes one validated submission to Xero Projects as time entries (research §7), with the
//! duplicate policy of DESIGN.md §6 applied entry by entry. Projects has no timesheet, so an
//! entry is identified by (user, project, task, day): the user's entries of the period are read
//! first (one call per project), each of ours is matched to Xero's entry with the same identity,
//! and only the difference is written:
//! - no match: create (always allowed: it also finishes a run that stopped half-way);
//! - same minutes and description: nothing;
//! - other content: update, only for a newer version or a forced sync, never an invoiced or
//!   locked entry;
//! - an entry this submission wrote before that it no longer has: delete, with the same rules.
//! Entries of the period that this submission did not write and does not match are someone
//! else's time, and are left alone.
class TimeEntryWriter : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<WriteOutcome>)>;

    explicit TimeEntryWriter(XeroClient &client, QObject *parent = nullptr);

    //! `previousIds`: what the last write of this submission recorded (joinIds()); the
    //! outcome's `xeroTimesheetId` is the new list in the same form.
    void write(const Submission &submission, const EmployeeTarget &target, const QString &tenantId,
        const QString &accessToken, bool mayUpdate, const QString &previousIds, Callback done);

    //! "projectId/timeEntryId,…": the entries of one submission, kept in the sync state's
    //! Xero id column (deleting an entry needs its project).
    static QString joinIds(const QStringList &projectSlashEntry);
    static QStringList splitIds(const QString &joined);

private:
    struct Job;
    void lookup(std::shared_ptr<Job> job);
    void plan(std::shared_ptr<Job> job, nlohmann::json existing);
    void runSteps(std::shared_ptr<Job> job, WriteOutcome::Action action);
    void complete(std::shared_ptr<Job> job, WriteOutcome::Action action);

    XeroClient &m_client;
};

} // namespace XeroSync
