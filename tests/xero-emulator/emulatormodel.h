#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <QDate>
#include <QDateTime>

namespace XeroEmulator {

// Ordered so that bodies keep Xero's field order, which makes them easy to compare by eye.
using Json = nlohmann::ordered_json;

enum class Region
{
    AU,
    UK,
    NZ,
};

std::string regionName(Region region);
std::optional<Region> regionFromName(const std::string &name);

//! A pay calendar. `type` is kept in AU 1.0 spelling (WEEKLY, FORTNIGHTLY, FOURWEEKLY, MONTHLY,
//! TWICEMONTHLY, QUARTERLY, ANNUAL); the 2.0 API renders it in its own spelling.
struct PayCalendar
{
    std::string id;
    std::string name;
    std::string type;
    QDate startDate; //!< start of a pay period; every other period is derived from it
    QDate paymentDate;
    QDate referenceDate; //!< TWICEMONTHLY: start of the second half-month period
    QDateTime updated;
};

struct EarningsRate
{
    std::string id;
    std::string name;
    std::string earningsType;
    std::string rateType; //!< AU: RATEPERUNIT/MULTIPLE/FIXEDAMOUNT; 2.0: RatePerUnit/...
    std::string typeOfUnits;
    double ratePerUnit = 0;
    double multiplier = 0;
    bool current = true;
    std::string expenseAccountId;
    QDateTime updated;
};

struct TrackingOption
{
    std::string id;
    std::string name;
};

struct TrackingCategory
{
    std::string id;
    std::string name;
    std::vector<TrackingOption> options;
    bool required = false; //!< every timesheet line must name an option
};

struct Employee
{
    std::string id;
    std::string title;
    std::string firstName;
    std::string lastName;
    std::string email;
    std::string gender;
    std::string status = "ACTIVE"; //!< ACTIVE or TERMINATED
    QDate dateOfBirth;
    QDate startDate;
    QDate terminationDate;
    std::string calendarId;
    std::string ordinaryEarningsRateId;
    std::vector<std::string> payTemplateRateIds;
    QDateTime created;
    QDateTime updated;
};

enum class TimesheetStatus
{
    Draft,
    Approved,
    Processed, //!< "Completed" in Payroll 2.0
    Requested, //!< submitted by the employee (Xero Me), waiting for the admin
    Rejected,
};

std::string au1StatusName(TimesheetStatus status);
std::optional<TimesheetStatus> au1StatusFromName(const std::string &name);
std::string v2StatusName(TimesheetStatus status, Region region);

//! One day's units for one (earnings rate, tracking item). AU 1.0 groups these into per-day
//! arrays; Payroll 2.0 shows them as they are.
struct TimesheetLine
{
    std::string id;
    QDate date;
    std::string earningsRateId;
    std::string trackingItemId;
    double units = 0;
    QDateTime updated;
};

struct Timesheet
{
    std::string id;
    std::string employeeId;
    std::string calendarId;
    QDate start;
    QDate end;
    TimesheetStatus status = TimesheetStatus::Draft;
    bool employeeCreated = false;
    std::vector<TimesheetLine> lines;
    QDateTime created;
    QDateTime updated;

    double totalUnits() const;
};

struct ProjectTask
{
    std::string id;
    std::string name;
    std::string chargeType = "TIME";
    double rate = 0;
    std::string status = "ACTIVE";
};

struct Project
{
    std::string id;
    std::string name;
    std::string contactId;
    std::string status = "INPROGRESS";
    std::string currency = "AUD";
    std::vector<ProjectTask> tasks;
};

struct ProjectUser
{
    std::string id;
    std::string name;
    std::string email;
};

struct TimeEntry
{
    std::string id;
    std::string projectId;
    std::string taskId;
    std::string userId;
    QDateTime dateUtc;
    QDateTime dateEntered;
    int duration = 0; //!< minutes
    std::optional<std::string> description;
    std::string status = "ACTIVE"; //!< ACTIVE, LOCKED, INVOICED
};

struct Tenant
{
    std::string id;
    std::string name;
    Region region = Region::AU;
    int dailyLimit = 0; //!< 0: the emulator's default
    bool payrollEnabled = true;
    bool projectsEnabled = true;
    bool payrollRoleRevoked = false; //!< the authorising user lost the payroll admin role
    std::vector<PayCalendar> calendars;
    std::vector<EarningsRate> earningsRates;
    std::optional<TrackingCategory> tracking;
    std::vector<Employee> employees;
    std::vector<Timesheet> timesheets;
    std::vector<Project> projects;
    std::vector<ProjectUser> users;
    std::vector<TimeEntry> timeEntries;
    //! Successful creates per "employeeId|start|end": the exactly-once evidence tests read.
    std::map<std::string, int> timesheetCreates;
    std::map<std::string, int> timeEntryCreates; //!< per "userId|taskId|dateUtc"
    QDateTime created;

    const PayCalendar *calendar(const std::string &id) const;
    const EarningsRate *earningsRate(const std::string &id) const;
    const Employee *employee(const std::string &id) const;
    Timesheet *timesheet(const std::string &id);
    Project *project(const std::string &id);
    const ProjectUser *user(const std::string &id) const;
};

//! An OAuth client registered with the emulator, as a developer registers an app at Xero.
struct App
{
    std::string clientId;
    std::string clientSecret; //!< empty for PKCE apps
    std::string type = "pkce"; //!< pkce, web or custom (client credentials)
    std::vector<std::string> redirectUris;
    std::string customTenantId; //!< custom connections are bound to one organisation
    std::vector<std::string> customScopes;
};

} // namespace XeroEmulator
