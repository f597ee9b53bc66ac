#pragma once

#include <nlohmann/json.hpp>

#include <QList>

#include "core/store/timesheet.h"
#include "core/sync/employeetarget.h"

namespace XeroSync {

//! Checks a submission against the employee's Xero setup before any call (DESIGN.md §6);
//! every finding is permanent: retrying cannot fix it, a person must.
class TimesheetValidator
{
public:
    static QList<ValidationFinding> validate(
        const Submission &submission, const EmployeeTarget &target);
    //! The Projects target: the employee is a Xero Projects user, and every entry with hours
    //! names a project and a task (the rules on days and hours are the payroll ones).
    static QList<ValidationFinding> validateForProjects(
        const Submission &submission, const EmployeeTarget &target);
    //! `[{code, message, hint}, ...]` for a sync log row's details.
    static nlohmann::json toJson(const QList<ValidationFinding> &findings);
    //! Every message with its hint, for the log row's error and the job's failure reason.
    static QString describe(const QList<ValidationFinding> &findings);

private:
    //! The rules of both targets: entries, period, negative hours, at most 24 h a day.
    static void entryFindings(const Submission &submission, QList<ValidationFinding> &findings);
    static QList<ValidationFinding> unique(const QList<ValidationFinding> &findings);
};

} // namespace XeroSync
