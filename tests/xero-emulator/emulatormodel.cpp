#include "emulatormodel.h"

#include <algorithm>

namespace XeroEmulator {

std::string regionName(Region region)
{
    switch (region) {
    case Region::AU:
        return "AU";
    case Region::UK:
        return "UK";
    case Region::NZ:
        return "NZ";
    }
    return "AU";
}

std::optional<Region> regionFromName(const std::string &name)
{
    if (name == "AU")
        return Region::AU;
    if (name == "UK" || name == "GB")
        return Region::UK;
    if (name == "NZ")
        return Region::NZ;
    return std::nullopt;
}

std::string au1StatusName(TimesheetStatus status)
{
    switch (status) {
    case TimesheetStatus::Draft:
        return "DRAFT";
    case TimesheetStatus::Approved:
        return "APPROVED";
    case TimesheetStatus::Processed:
        return "PROCESSED";
    case TimesheetStatus::Requested:
        return "REQUESTED";
    case TimesheetStatus::Rejected:
        return "REJECTED";
    }
    return "DRAFT";
}

std::optional<TimesheetStatus> au1StatusFromName(const std::string &name)
{
    for (auto status : { TimesheetStatus::Draft, TimesheetStatus::Approved,
             TimesheetStatus::Processed, TimesheetStatus::Requested, TimesheetStatus::Rejected }) {
        if (au1StatusName(status) == name)
            return status;
    }
    return std::nullopt;
}

std::string v2StatusName(TimesheetStatus status, Region region)
{
    switch (status) {
    case TimesheetStatus::Draft:
        return "Draft";
    case TimesheetStatus::Approved:
        return "Approved";
    case TimesheetStatus::Processed:
        return "Completed";
    case TimesheetStatus::Requested:
    case TimesheetStatus::Rejected:
        // Only NZ's enum has Requested; UK and AU 2.0 show an employee's submission as a draft.
        return region == Region::NZ ? "Requested" : "Draft";
    }
    return "Draft";
}

double Timesheet::totalUnits() const
{
    double total = 0;
    for (const auto &line : lines)
        total += line.units;
    return total;
}

template <typename Vector>
static auto findById(Vector &items, const std::string &id) -> decltype(&items.front())
{
    auto it =
        std::find_if(items.begin(), items.end(), [&](const auto &item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

const PayCalendar *Tenant::calendar(const std::string &id) const
{
    return findById(calendars, id);
}

const EarningsRate *Tenant::earningsRate(const std::string &id) const
{
    return findById(earningsRates, id);
}

const Employee *Tenant::employee(const std::string &id) const
{
    return findById(employees, id);
}

Timesheet *Tenant::timesheet(const std::string &id)
{
    return findById(timesheets, id);
}

Project *Tenant::project(const std::string &id)
{
    return findById(projects, id);
}

const ProjectUser *Tenant::user(const std::string &id) const
{
    return findById(users, id);
}

} // namespace XeroEmulator
