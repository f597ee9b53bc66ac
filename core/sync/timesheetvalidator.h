#pragma once

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
};

} // namespace XeroSync
