#pragma once

#include <nlohmann/json.hpp>

#include <QDate>
#include <QHash>
#include <QString>

namespace XeroSync {

//! What the timesheets of one batch share and Xero would otherwise be asked again for each:
//! filled by the first timesheet (calendars, rates, Projects users) or read up front for a
//! Payroll 2.0 pay run (employees, and the timesheets Xero already holds in the batch's range).
//! Payroll 2.0 has no array create, so one call per timesheet is its floor; these reads are
//! what keeps a pay run close to it.
struct SharedLists
{
    bool loaded = false;
    nlohmann::json calendars = nlohmann::json::array();
    nlohmann::json rates = nlohmann::json::array();

    bool usersLoaded = false;
    nlohmann::json users = nlohmann::json::array(); //!< Xero Projects users

    bool employeesLoaded = false;
    QHash<QString, nlohmann::json> employees; //!< by lower-case employee id

    //! Payroll 2.0 timesheet summaries (no lines) for periods within [timesheetsFrom,
    //! timesheetsTo]; a timesheet created by the batch is added.
    bool timesheetsLoaded = false;
    QDate timesheetsFrom;
    QDate timesheetsTo;
    nlohmann::json timesheets = nlohmann::json::array();
};

} // namespace XeroSync
