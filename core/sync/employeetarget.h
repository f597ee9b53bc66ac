#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

#include "core/xero/paycalendar.h"

namespace XeroSync {

//! What Xero knows about the employee a submission is for: read from the tenant's payroll
//! before any write, so validation can answer without a failed call.
struct EmployeeTarget
{
    QString xeroEmployeeId;
    QString name;
    bool active = true;
    QDate startDate;
    QDate terminationDate;
    PayCalendar calendar;
    QString defaultEarningsRateId; //!< the ordinary rate (AU) or the chosen regular rate (2.0)
    QStringList validEarningsRateIds; //!< current, hourly, and on the pay template
    QString projectsUserId; //!< Projects target only
    //! The calendars and rates came from EmployeeDirectory's cache and may be older than Xero.
    bool listsCached = false;
};

//! One reason a submission cannot go to Xero as it is, with what to do about it.
struct ValidationFinding
{
    QString code; //!< stable: employee_not_mapped, period_mismatch, ...
    QString message;
    QString hint;
};

} // namespace XeroSync
