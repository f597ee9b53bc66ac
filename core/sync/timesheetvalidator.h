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
    //! `[{code, message, hint}, ...]` for a sync log row's details.
    static nlohmann::json toJson(const QList<ValidationFinding> &findings);
    //! Every message with its hint, for the log row's error and the job's failure reason.
    static QString describe(const QList<ValidationFinding> &findings);
};

} // namespace XeroSync
