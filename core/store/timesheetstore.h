#pragma once

#include <QStringList>

#include "core/common/error.h"
#include "core/store/timesheet.h"

namespace XeroSync {

class Database;

//! Reads the timesheet system's tables: what to sync, and what was missed.
class TimesheetStore final
{
public:
    explicit TimesheetStore(Database &database);

    //! The submission with its employee mapping and entries; NotFound for an unknown id.
    Result<Submission> load(const QString &submissionId);

    //! The Xero organisation the submission's employee is mapped to (`employees.xero_tenant_id`);
    //! empty when the employee names none (the default organisation) or the submission is unknown
    //! (the sync itself reports that). One small query: jobs ask it before taking a token.
    Result<QString> organisationOf(const QString &submissionId);

    //! Approved submissions whose period overlaps [from, to] (inclusive dates), optionally only
    //! for some users; ordered by period then id. An inverted range is a BadRequest.
    Result<QList<SubmissionRef>> findApproved(
        const QDate &from, const QDate &to, const QStringList &userIds = {});

    //! The catch-up query: approved submissions whose current version is neither synced nor
    //! failed for good, and that have no live job (`liveSubmissionIds`, from the queue); oldest
    //! approval first.
    Result<QList<SubmissionRef>> findUnsynced(
        const QStringList &liveSubmissionIds, int limit = 500);

    //! Known employees, for the dashboard's user pickers.
    Result<QList<Employee>> employees(bool activeOnly = true);

private:
    Database &m_database;
};

} // namespace XeroSync
