#pragma once

#include <nlohmann/json.hpp>

#include <QByteArray>

#include "core/store/timesheet.h"
#include "core/sync/employeetarget.h"

namespace XeroSync {

//! Turns a validated submission into the body each Xero target expects (research §3, §4, §7).
class TimesheetMapper
{
public:
    //! Payroll AU 1.0: one timesheet, one line per (earnings rate, tracking item), one value per
    //! day of the period (zeros included), MS-JSON dates.
    static nlohmann::json toPayrollAu1(const Submission &submission, const EmployeeTarget &target);
    //! Payroll 2.0 (UK, NZ, AU 2.0): one line per (date, earnings rate, tracking item); days
    //! without hours have no line.
    static nlohmann::json toPayroll2(const Submission &submission, const EmployeeTarget &target);
    //! Projects: one time entry per (date, project, task) of the entries that name both, in
    //! whole minutes, ordered by date; ids in lower case, as Xero answers them.
    static nlohmann::json toProjectsTimeEntries(
        const Submission &submission, const EmployeeTarget &target);

    //! A stable hash of what would be sent: same content, same hash (unchanged re-syncs write
    //! nothing).
    static QByteArray contentHash(const nlohmann::json &body);
    static std::string msDate(const QDate &date);
};

} // namespace XeroSync
