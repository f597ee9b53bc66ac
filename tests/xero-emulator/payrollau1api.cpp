#include "payrollau1api.h"

#include <algorithm>
#include <map>

#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorstate.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "payperiodcalculator.h"
#include "wherefilter.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

constexpr int PageSize = 100;

bool is(const QString &segment, const char *name)
{
    return segment.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
}

template <typename Item>
std::vector<const Item *> page(const std::vector<const Item *> &items, const ApiRequest &request)
{
    // Without `page` every match is returned; with it, 100 per page (unverified, README).
    if (!request.hasQuery("page"))
        return items;
    const auto number = std::max(1, QString::fromStdString(request.queryValue("page")).toInt());
    const auto first = static_cast<size_t>((number - 1) * PageSize);
    if (first >= items.size())
        return {};
    return { items.begin() + static_cast<long>(first),
        items.begin() + static_cast<long>(std::min(items.size(), first + PageSize)) };
}

std::string dateOrEmpty(const QDate &date)
{
    return date.isValid() ? XeroDates::isoDate(date) : std::string();
}

} // namespace

PayrollAu1Api::PayrollAu1Api(EmulatorContext context)
    : m_context(context)
{ }

Json PayrollAu1Api::envelope(const ApiRequest &request, const char *key, Json value) const
{
    return Json { { "Id", m_context.ids.uuid() }, { "Status", "OK" },
        { "ProviderName", request.clientId },
        { "DateTimeUTC", XeroDates::msDateTimeNoOffset(m_context.clock.now()) },
        { key, std::move(value) } };
}

ApiResponse PayrollAu1Api::apiException(int status, int number, const std::string &type,
    const std::string &message, const char *nullKey) const
{
    Json body { { "ErrorNumber", number }, { "Type", type }, { "Message", message } };
    if (nullKey)
        body[nullKey] = nullptr;
    return ApiResponse::json(status, body);
}

ApiResponse PayrollAu1Api::handle(ApiRequest &request)
{
    auto &tenant = *request.tenant;
    const auto &s = request.segments;
    const auto instance = m_context.ids.uuid();
    if (tenant.region != Region::AU || !tenant.payrollEnabled)
        return ApiResponse::gatewayError(403, "Forbidden",
            "AuthorizationUnsuccessful: the organisation does not use Payroll AU", instance);
    if (tenant.payrollRoleRevoked)
        return ApiResponse::gatewayError(
            401, "Unauthorized", "AuthorizationUnsuccessful", instance);
    if (s.size() < 3)
        return apiException(
            404, 0, "NotFoundException", "The resource you're looking for cannot be found");
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    const auto &resource = s[2];
    const std::string id =
        s.size() > 3 ? EmulatorState::normalizedId(s[3].toStdString()) : std::string();

    if (is(resource, "Employees") && get && s.size() <= 4) {
        if (!request.hasAnyScope({ "payroll.employees", "payroll.employees.read" }))
            return OAuthServer::insufficientScope(instance);
        return id.empty() ? listEmployees(request, tenant) : getEmployee(request, tenant, id);
    }
    if (is(resource, "PayrollCalendars") && get && s.size() <= 4) {
        if (!request.hasAnyScope({ "payroll.settings", "payroll.settings.read" }))
            return OAuthServer::insufficientScope(instance);
        return listCalendars(request, tenant, id);
    }
    if (is(resource, "PayItems") && get && s.size() == 3) {
        if (!request.hasAnyScope({ "payroll.settings", "payroll.settings.read" }))
            return OAuthServer::insufficientScope(instance);
        return payItems(request, tenant);
    }
    if (is(resource, "Settings") && get && s.size() == 3) {
        if (!request.hasAnyScope({ "payroll.settings", "payroll.settings.read" }))
            return OAuthServer::insufficientScope(instance);
        return settings(request, tenant);
    }
    if (is(resource, "Timesheets") && s.size() <= 4 && (get || post)) {
        if (post ? !request.hasAnyScope({ "payroll.timesheets" })
                 : !request.hasAnyScope({ "payroll.timesheets", "payroll.timesheets.read" }))
            return OAuthServer::insufficientScope(instance);
        if (get)
            return id.empty() ? listTimesheets(request, tenant) : getTimesheet(request, tenant, id);
        return id.empty() ? createTimesheets(request, tenant)
                          : updateTimesheet(request, tenant, id);
    }
    return apiException(
        404, 0, "NotFoundException", "The resource you're looking for cannot be found");
}

Json PayrollAu1Api::employeeJson(const Employee &e, bool withTemplate) const
{
    Json json { { "EmployeeID", e.id }, { "Title", e.title }, { "FirstName", e.firstName },
        { "LastName", e.lastName }, { "Status", e.status }, { "Email", e.email },
        { "DateOfBirth", XeroDates::msDate(e.dateOfBirth) }, { "Gender", e.gender } };
    if (e.startDate.isValid())
        json["StartDate"] = XeroDates::msDate(e.startDate);
    if (e.terminationDate.isValid())
        json["TerminationDate"] = XeroDates::msDate(e.terminationDate);
    if (!e.ordinaryEarningsRateId.empty())
        json["OrdinaryEarningsRateID"] = e.ordinaryEarningsRateId;
    if (!e.calendarId.empty())
        json["PayrollCalendarID"] = e.calendarId;
    json["IsAuthorisedToApproveTimesheets"] = false;
    if (withTemplate) {
        Json lines = Json::array();
        for (const auto &rate : e.payTemplateRateIds)
            lines.push_back(
                { { "EarningsRateID", rate }, { "CalculationType", "USEEARNINGSRATE" } });
        json["PayTemplate"] = { { "EarningsLines", lines } };
    }
    json["UpdatedDateUTC"] = XeroDates::msDateTime(e.updated);
    return json;
}

ApiResponse PayrollAu1Api::listEmployees(const ApiRequest &request, Tenant &tenant)
{
    std::string error;
    const auto where = WhereFilter::parse(request.queryValue("where"), &error);
    if (!where)
        return apiException(400, 16, "QueryParseException", error);
    std::optional<QDateTime> since;
    if (const auto header = request.header("If-Modified-Since"); !header.isEmpty())
        since = XeroDates::parseHttpDate(header.toStdString());
    std::vector<const Employee *> matches;
    for (const auto &e : tenant.employees) {
        if (since && e.updated <= *since)
            continue;
        const bool keep =
            where->matches([&](const std::string &field) -> std::optional<std::string> {
                if (field == "employeeid")
                    return e.id;
                if (field == "firstname")
                    return e.firstName;
                if (field == "lastname")
                    return e.lastName;
                if (field == "email")
                    return e.email;
                if (field == "status")
                    return e.status;
                if (field == "payrollcalendarid")
                    return e.calendarId;
                return std::nullopt;
            });
        if (keep)
            matches.push_back(&e);
    }
    Json list = Json::array();
    for (const auto *e : page(matches, request))
        list.push_back(employeeJson(*e, false));
    return ApiResponse::json(200, envelope(request, "Employees", list));
}

ApiResponse PayrollAu1Api::getEmployee(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    const auto *employee = tenant.employee(id);
    if (!employee)
        return apiException(
            404, 0, "NotFoundException", "The resource you're looking for cannot be found");
    return ApiResponse::json(
        200, envelope(request, "Employees", Json::array({ employeeJson(*employee, true) })));
}

ApiResponse PayrollAu1Api::listCalendars(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    Json list = Json::array();
    for (const auto &c : tenant.calendars) {
        if (!id.empty() && c.id != id)
            continue;
        Json json { { "PayrollCalendarID", c.id }, { "Name", c.name }, { "CalendarType", c.type } };
        // Xero reports the start of the upcoming period, derived from the anchor and today.
        const auto upcoming = PayPeriodCalculator::periodContaining(c, m_context.clock.today());
        const auto start = upcoming ? upcoming->start : c.startDate;
        json["StartDate"] = XeroDates::msDate(start);
        json["PaymentDate"] = XeroDates::msDate(start.addDays(c.startDate.daysTo(c.paymentDate)));
        if (c.referenceDate.isValid())
            json["ReferenceDate"] = XeroDates::msDate(c.referenceDate);
        json["UpdatedDateUTC"] = XeroDates::msDateTime(c.updated);
        list.push_back(json);
    }
    if (!id.empty() && list.empty())
        return apiException(
            404, 0, "NotFoundException", "The resource you're looking for cannot be found");
    return ApiResponse::json(200, envelope(request, "PayrollCalendars", list));
}

ApiResponse PayrollAu1Api::payItems(const ApiRequest &request, Tenant &tenant)
{
    Json rates = Json::array();
    for (const auto &r : tenant.earningsRates) {
        Json json { { "EarningsRateID", r.id }, { "Name", r.name },
            { "EarningsType", r.earningsType }, { "RateType", r.rateType },
            { "TypeOfUnits", r.typeOfUnits }, { "IsExemptFromTax", false },
            { "IsExemptFromSuper", false }, { "IsReportableAsW1", true },
            { "IsQualifyingEarnings", true }, { "AccrueLeave", true } };
        // Declared a string in the spec but sent as a number by Xero (research §14).
        if (r.rateType == "RATEPERUNIT")
            json["RatePerUnit"] = r.ratePerUnit;
        if (r.rateType == "MULTIPLE")
            json["Multiplier"] = r.multiplier;
        json["CurrentRecord"] = r.current;
        json["UpdatedDateUTC"] = XeroDates::msDateTime(r.updated);
        rates.push_back(json);
    }
    return ApiResponse::json(
        200, envelope(request, "PayItems", Json { { "EarningsRates", rates } }));
}

ApiResponse PayrollAu1Api::settings(const ApiRequest &request, Tenant &tenant)
{
    Json categories = Json::object();
    if (tenant.tracking)
        categories["TimesheetCategories"] = { { "TrackingCategoryID", tenant.tracking->id },
            { "TrackingCategoryName", tenant.tracking->name } };
    return ApiResponse::json(200,
        envelope(request, "Settings",
            Json { { "TrackingCategories", categories }, { "DaysInPayrollYear", 364 } }));
}

Json PayrollAu1Api::timesheetJson(const Tenant &tenant, const Timesheet &sheet) const
{
    (void)tenant;
    const auto days = std::max<qint64>(1, sheet.start.daysTo(sheet.end) + 1);
    // Lines are keyed by (earnings rate, tracking item), in the order they first appear.
    std::vector<std::pair<std::string, std::string>> keys;
    std::map<std::pair<std::string, std::string>, std::vector<double>> units;
    std::map<std::pair<std::string, std::string>, QDateTime> updated;
    for (const auto &line : sheet.lines) {
        const auto key = std::make_pair(line.earningsRateId, line.trackingItemId);
        if (!units.contains(key)) {
            keys.push_back(key);
            units[key] = std::vector<double>(static_cast<size_t>(days), 0.0);
        }
        const auto index = sheet.start.daysTo(line.date);
        if (index >= 0 && index < days)
            units[key][static_cast<size_t>(index)] += line.units;
        updated[key] = std::max(updated[key], line.updated);
    }
    Json lines = Json::array();
    for (const auto &key : keys) {
        Json line { { "EarningsRateID", key.first } };
        if (!key.second.empty())
            line["TrackingItemID"] = key.second;
        line["NumberOfUnits"] = units[key];
        line["UpdatedDateUTC"] = XeroDates::msDateTime(updated[key]);
        lines.push_back(line);
    }
    return Json { { "TimesheetID", sheet.id }, { "EmployeeID", sheet.employeeId },
        { "StartDate", XeroDates::msDate(sheet.start) },
        { "EndDate", XeroDates::msDate(sheet.end) }, { "Status", au1StatusName(sheet.status) },
        { "Hours", sheet.totalUnits() }, { "TimesheetLines", lines },
        { "UpdatedDateUTC", XeroDates::msDateTime(sheet.updated) } };
}

ApiResponse PayrollAu1Api::listTimesheets(const ApiRequest &request, Tenant &tenant)
{
    std::string error;
    const auto where = WhereFilter::parse(request.queryValue("where"), &error);
    if (!where)
        return apiException(400, 16, "QueryParseException", error);
    std::optional<WhereFilter::Order> order;
    if (request.hasQuery("order")) {
        order = WhereFilter::parseOrder(request.queryValue("order"));
        if (!order)
            return apiException(400, 16, "QueryParseException", "Unable to parse the order clause");
    }
    std::optional<QDateTime> since;
    if (const auto header = request.header("If-Modified-Since"); !header.isEmpty())
        since = XeroDates::parseHttpDate(header.toStdString());
    const auto field = [](const Timesheet &t,
                           const std::string &name) -> std::optional<std::string> {
        if (name == "timesheetid")
            return t.id;
        if (name == "employeeid")
            return t.employeeId;
        if (name == "status")
            return au1StatusName(t.status);
        if (name == "startdate")
            return dateOrEmpty(t.start);
        if (name == "enddate")
            return dateOrEmpty(t.end);
        if (name == "updateddateutc")
            return t.updated.toString(Qt::ISODateWithMs).toStdString();
        return std::nullopt;
    };
    std::vector<const Timesheet *> matches;
    for (const auto &t : tenant.timesheets) {
        if (since && t.updated <= *since)
            continue;
        if (where->matches([&](const std::string &name) { return field(t, name); }))
            matches.push_back(&t);
    }
    if (order) {
        std::stable_sort(
            matches.begin(), matches.end(), [&](const Timesheet *a, const Timesheet *b) {
                const auto x = field(*a, order->field).value_or("");
                const auto y = field(*b, order->field).value_or("");
                return order->descending ? y < x : x < y;
            });
    }
    Json list = Json::array();
    for (const auto *t : page(matches, request))
        list.push_back(timesheetJson(tenant, *t));
    return ApiResponse::json(200, envelope(request, "Timesheets", list));
}

ApiResponse PayrollAu1Api::getTimesheet(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    const auto *sheet = tenant.timesheet(id);
    if (!sheet)
        return apiException(
            404, 0, "NotFoundException", "The resource you're looking for cannot be found");
    return ApiResponse::json(200, envelope(request, "Timesheet", timesheetJson(tenant, *sheet)));
}

std::optional<PayrollAu1Api::Input> PayrollAu1Api::parseInput(const Json &item, std::string &error)
{
    if (!item.is_object()) {
        error = "Each timesheet must be a JSON object";
        return std::nullopt;
    }
    Input input;
    input.raw = item;
    const auto text = [&](const char *key) {
        const auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    input.employeeId = EmulatorState::normalizedId(text("EmployeeID"));
    if (const auto start = text("StartDate"); !start.empty())
        input.start = XeroDates::parseDate(start);
    if (const auto end = text("EndDate"); !end.empty())
        input.end = XeroDates::parseDate(end);
    input.status = text("Status");
    if (const auto it = item.find("TimesheetLines"); it != item.end() && !it->is_null()) {
        if (!it->is_array()) {
            error = "TimesheetLines must be an array";
            return std::nullopt;
        }
        for (const auto &lineJson : *it) {
            if (!lineJson.is_object()) {
                error = "Each timesheet line must be a JSON object";
                return std::nullopt;
            }
            InputLine line;
            line.earningsRateId = EmulatorState::normalizedId(lineJson.value("EarningsRateID", ""));
            const auto tracking = lineJson.find("TrackingItemID");
            if (tracking != lineJson.end() && tracking->is_string())
                line.trackingItemId = EmulatorState::normalizedId(tracking->get<std::string>());
            const auto units = lineJson.find("NumberOfUnits");
            if (units != lineJson.end() && units->is_array()) {
                for (const auto &value : *units) {
                    if (!value.is_number()) {
                        error = "NumberOfUnits must be an array of numbers";
                        return std::nullopt;
                    }
                    line.units.push_back(value.get<double>());
                }
            }
            input.lines.push_back(line);
        }
    }
    return input;
}

std::optional<PayrollAu1Api::Failure> PayrollAu1Api::validate(
    const Tenant &tenant, const Input &input, const Timesheet *existing) const
{
    if (input.employeeId.empty())
        return Failure { "EmployeeID is not provided", {} };
    const auto *employee = tenant.employee(input.employeeId);
    if (!employee)
        return Failure { "Invalid EmployeeID " + input.employeeId, "Error" };
    if (!input.start || !input.start->isValid())
        return Failure { "StartDate is not provided or is not a valid date", {} };
    if (!input.end || !input.end->isValid())
        return Failure { "EndDate is not provided or is not a valid date", {} };
    if (existing) {
        if (existing->employeeCreated || existing->status == TimesheetStatus::Requested
            || existing->status == TimesheetStatus::Rejected)
            return Failure { "Can not change employee created timesheets", {} };
        const bool approvedOk = existing->status == TimesheetStatus::Approved
            && m_context.config.approvedEditable(Region::AU);
        if (existing->status != TimesheetStatus::Draft && !approvedOk)
            return Failure { "Timesheet is not a Draft Timesheet", {} };
        if (existing->employeeId != input.employeeId)
            return Failure { "The employee of a timesheet cannot be changed", {} };
    }
    if (!input.status.empty() && input.status != "DRAFT" && input.status != "APPROVED")
        return Failure { "Status must be DRAFT or APPROVED", {} };
    const auto *calendar = tenant.calendar(employee->calendarId);
    if (!calendar)
        return Failure { "The employee has no payroll calendar", {} };
    if (!PayPeriodCalculator::isPeriod(*calendar, *input.start, *input.end))
        return Failure { "Provided period doesn't correspond with a pay period", {} };
    if (employee->status == "TERMINATED" && employee->terminationDate.isValid()
        && employee->terminationDate < *input.start)
        return Failure { "The employee was terminated before the start of the pay period", {} };
    if (employee->startDate.isValid() && employee->startDate > *input.end)
        return Failure { "The employee's start date is after the end of the pay period", {} };
    const auto days = input.start->daysTo(*input.end) + 1;
    for (const auto &line : input.lines) {
        const auto *rate = tenant.earningsRate(line.earningsRateId);
        const bool onTemplate = std::find(employee->payTemplateRateIds.begin(),
                                    employee->payTemplateRateIds.end(), line.earningsRateId)
                != employee->payTemplateRateIds.end()
            || employee->ordinaryEarningsRateId == line.earningsRateId;
        if (!rate || !rate->current || rate->rateType == "FIXEDAMOUNT" || !onTemplate)
            return Failure { "Earnings Rate " + line.earningsRateId
                    + " does not exist or is not valid for timesheets.",
                "ValidationException" };
        if (static_cast<qint64>(line.units.size()) != days)
            return Failure { "Incorrect number of timesheet entries supplied for the pay period.",
                {} };
        if (std::any_of(line.units.begin(), line.units.end(), [](double u) { return u < 0; }))
            return Failure { "Number of units cannot be negative", {} };
        if (tenant.tracking) {
            if (line.trackingItemId.empty() && tenant.tracking->required)
                return Failure { "TrackingitemID is required", {} };
            const auto &options = tenant.tracking->options;
            if (!line.trackingItemId.empty()
                && std::none_of(options.begin(), options.end(),
                    [&](const TrackingOption &o) { return o.id == line.trackingItemId; }))
                return Failure { "Tracking Option does not exist", {} };
        } else if (!line.trackingItemId.empty()) {
            return Failure { "Tracking Option does not exist", {} };
        }
    }
    for (const auto &other : tenant.timesheets) {
        if (&other != existing && other.employeeId == input.employeeId
            && other.start == *input.start)
            return Failure { "This timesheet already exists, please provide the timesheet ID", {} };
    }
    return std::nullopt;
}

void PayrollAu1Api::applyInput(Timesheet &sheet, const Tenant &tenant, const Input &input) const
{
    const auto now = m_context.clock.now();
    const auto *employee = tenant.employee(input.employeeId);
    sheet.employeeId = input.employeeId;
    sheet.calendarId = employee ? employee->calendarId : std::string();
    sheet.start = *input.start;
    sheet.end = *input.end;
    if (!input.status.empty())
        sheet.status = au1StatusFromName(input.status).value_or(TimesheetStatus::Draft);
    // Full replacement (research §3.5): the new lines are all there is.
    sheet.lines.clear();
    for (const auto &line : input.lines) {
        for (size_t day = 0; day < line.units.size(); ++day) {
            if (line.units[day] == 0)
                continue;
            sheet.lines.push_back(
                { m_context.ids.uuid(), sheet.start.addDays(static_cast<qint64>(day)),
                    line.earningsRateId, line.trackingItemId, line.units[day], now });
        }
    }
    sheet.updated = now;
}

ApiResponse PayrollAu1Api::createTimesheets(const ApiRequest &request, Tenant &tenant)
{
    const auto body = Json::parse(request.body.toStdString(), nullptr, false);
    if (body.is_discarded())
        return apiException(400, 0, "Error", "The request body is not valid JSON");
    if (!body.is_array())
        return apiException(400, 0, "Error", "The request body must be a JSON array of timesheets");
    Json results = Json::array();
    // Items are processed in order; those before a failing one stay saved (research §10, §11).
    for (size_t i = 0; i < body.size(); ++i) {
        std::string parseError;
        const auto input = parseInput(body[i], parseError);
        std::optional<Failure> failure;
        if (!input)
            failure = Failure { parseError, "Error" };
        else
            failure = validate(tenant, *input, nullptr);
        if (failure) {
            if (!failure->topLevelType.empty())
                return apiException(400, 0, failure->topLevelType, failure->message, "Timesheets");
            auto failed = body[i];
            failed["ValidationErrors"] = Json::array({ { { "Message", failure->message } } });
            results.push_back(failed);
            for (size_t rest = i + 1; rest < body.size(); ++rest)
                results.push_back(body[rest]);
            Json error { { "Id", m_context.ids.uuid() }, { "ProviderName", request.clientId },
                { "DateTimeUTC", XeroDates::msDateTimeNoOffset(m_context.clock.now()) },
                { "ErrorNumber", 10 }, { "Type", "ValidationException" },
                { "Message", "A validation exception occurred" }, { "Timesheets", results } };
            return ApiResponse::json(400, error);
        }
        Timesheet sheet;
        sheet.id = m_context.ids.uuid();
        sheet.created = m_context.clock.now();
        applyInput(sheet, tenant, *input);
        tenant.timesheets.push_back(sheet);
        ++tenant.timesheetCreates[sheet.employeeId + '|' + XeroDates::isoDate(sheet.start) + '|'
            + XeroDates::isoDate(sheet.end)];
        results.push_back(timesheetJson(tenant, tenant.timesheets.back()));
    }
    return ApiResponse::json(200, envelope(request, "Timesheets", results));
}

ApiResponse PayrollAu1Api::updateTimesheet(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    auto *sheet = tenant.timesheet(id);
    if (!sheet)
        return apiException(
            404, 0, "NotFoundException", "The resource you're looking for cannot be found");
    auto body = Json::parse(request.body.toStdString(), nullptr, false);
    if (body.is_discarded())
        return apiException(400, 0, "Error", "The request body is not valid JSON");
    if (body.is_array()) {
        if (body.size() != 1)
            return apiException(400, 0, "Error", "Update one timesheet per request");
        body = body[0];
    }
    std::string parseError;
    const auto input = parseInput(body, parseError);
    if (!input)
        return apiException(400, 0, "Error", parseError);
    if (const auto failure = validate(tenant, *input, sheet)) {
        if (!failure->topLevelType.empty())
            return apiException(400, 0, failure->topLevelType, failure->message, "Timesheets");
        auto failed = body;
        failed["ValidationErrors"] = Json::array({ { { "Message", failure->message } } });
        return ApiResponse::json(400,
            Json { { "Id", m_context.ids.uuid() }, { "ProviderName", request.clientId },
                { "DateTimeUTC", XeroDates::msDateTimeNoOffset(m_context.clock.now()) },
                { "ErrorNumber", 10 }, { "Type", "ValidationException" },
                { "Message", "A validation exception occurred" },
                { "Timesheets", Json::array({ failed }) } });
    }
    applyInput(*sheet, tenant, *input);
    return ApiResponse::json(
        200, envelope(request, "Timesheets", Json::array({ timesheetJson(tenant, *sheet) })));
}

} // namespace XeroEmulator
