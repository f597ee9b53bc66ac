#pragma once

#include <optional>
#include <string>

#include "apirequest.h"
#include "apiresponse.h"
#include "emulatorcontext.h"

namespace XeroEmulator {

struct Tenant;
struct Timesheet;
struct TimesheetLine;

//! Payroll 2.0 (`/payroll.xro/2.0`) in the UK, NZ or AU 2.0 shape by the tenant's region:
//! camelCase, `pagination`/`problem` envelopes, one line per date, line CRUD, approve and
//! revert (research §4, §5, §12 items 14–16).
class Payroll2Api
{
public:
    explicit Payroll2Api(EmulatorContext context);

    ApiResponse handle(ApiRequest &request);
    Json timesheetJson(const Tenant &tenant, const Timesheet &sheet, bool withLines) const;

private:
    ApiResponse listEmployees(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse listCalendars(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse listEarningsRates(const ApiRequest &request, Tenant &tenant, const std::string &id);
    ApiResponse listTimesheets(const ApiRequest &request, Tenant &tenant);
    ApiResponse createTimesheet(const ApiRequest &request, Tenant &tenant);
    ApiResponse timesheetAction(ApiRequest &request, Tenant &tenant, Timesheet &sheet,
        const QString &action, const std::string &lineId);

    //! Checks one line against the sheet's period and the tenant's rates; empty when fine.
    std::optional<std::pair<std::string, std::string>> validateLine(
        const Tenant &tenant, const Timesheet &sheet, const TimesheetLine &line) const;
    //! Whether the sheet may still be changed; the problem answer when not.
    std::optional<ApiResponse> refuseEdit(
        const ApiRequest &request, const Tenant &tenant, const Timesheet &sheet) const;
    static std::optional<TimesheetLine> parseLine(const Json &json, std::string &error);

    Json envelope(const ApiRequest &request, Json pagination) const;
    ApiResponse ok(
        const ApiRequest &request, const char *key, Json value, Json pagination = nullptr) const;
    ApiResponse problem(const ApiRequest &request, int status, const std::string &title,
        const std::string &detail, const std::string &field = {},
        const std::string &reason = {}) const;
    Json lineJson(const TimesheetLine &line) const;
    //! GET of a list, or of one item of it when `id` is set (404 when absent).
    ApiResponse oneOrAll(const ApiRequest &request, const std::string &id, const char *singular,
        const char *plural, const Json &list) const;
    static Json pagination(int page, int itemCount);

    static constexpr int PageSize = 100;

    EmulatorContext m_context;
};

} // namespace XeroEmulator
