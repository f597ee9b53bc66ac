#pragma once

#include <optional>
#include <string>
#include <vector>

#include "apirequest.h"
#include "apiresponse.h"
#include "emulatorcontext.h"

namespace XeroEmulator {

struct Tenant;
struct Timesheet;
struct Employee;

//! Payroll AU 1.0 (`/payroll.xro/1.0`): PascalCase, MS-JSON dates, per-day unit arrays, array
//! creates that keep the items before a failing one (research §3, §12 items 10–13).
class PayrollAu1Api
{
public:
    explicit PayrollAu1Api(EmulatorContext context);

    //! `request.segments` starts with "payroll.xro", "1.0"; authentication is done.
    ApiResponse handle(ApiRequest &request);

    //! AU 1.0 rendering of a timesheet (also used by the control plane).
    Json timesheetJson(const Tenant &tenant, const Timesheet &sheet) const;

private:
    struct InputLine
    {
        std::string earningsRateId;
        std::string trackingItemId;
        std::vector<double> units;
    };

    struct Input
    {
        std::string employeeId;
        std::optional<QDate> start;
        std::optional<QDate> end;
        std::string status;
        std::vector<InputLine> lines;
        Json raw;
    };

    //! A failure of one item: either a per-item ValidationErrors message or a whole-request
    //! error (`topLevelType` set), as Xero reports each kind (research §11).
    struct Failure
    {
        std::string message;
        std::string topLevelType;
    };

    ApiResponse listEmployees(const ApiRequest &request, Tenant &tenant);
    ApiResponse getEmployee(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse listCalendars(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse payItems(const ApiRequest &request, Tenant &tenant);
    ApiResponse settings(const ApiRequest &request, Tenant &tenant);
    ApiResponse listTimesheets(const ApiRequest &request, Tenant &tenant);
    ApiResponse getTimesheet(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse createTimesheets(const ApiRequest &request, Tenant &tenant);
    ApiResponse updateTimesheet(const ApiRequest &request, Tenant &tenant, const std::string &id);

    static std::optional<Input> parseInput(const Json &item, std::string &error);
    std::optional<Failure> validate(
        const Tenant &tenant, const Input &input, const Timesheet *existing) const;
    void applyInput(Timesheet &sheet, const Tenant &tenant, const Input &input) const;

    Json envelope(const ApiRequest &request, const char *key, Json value) const;
    ApiResponse apiException(int status, int number, const std::string &type,
        const std::string &message, const char *nullKey = nullptr) const;
    Json employeeJson(const Employee &employee, bool withTemplate) const;

    EmulatorContext m_context;
};

} // namespace XeroEmulator
