#include "payroll2api.h"

#include <algorithm>

#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorstate.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "payperiodcalculator.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

constexpr int PageSize = 100;

bool is(const QString &segment, const char *name)
{
    return segment.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
}

std::string calendarType2(const std::string &type)
{
    if (type == "WEEKLY")
        return "Weekly";
    if (type == "FORTNIGHTLY")
        return "Fortnightly";
    if (type == "FOURWEEKLY")
        return "FourWeekly";
    if (type == "MONTHLY")
        return "Monthly";
    if (type == "TWICEMONTHLY")
        return "TwiceMonthly";
    if (type == "QUARTERLY")
        return "Quarterly";
    return "Annual";
}

Json nullable(const std::string &text)
{
    return text.empty() ? Json(nullptr) : Json(text);
}

} // namespace

Payroll2Api::Payroll2Api(EmulatorContext context)
    : m_context(context)
{ }

Json Payroll2Api::envelope(const ApiRequest &request, Json pagination) const
{
    return Json { { "id", m_context.ids.uuid() }, { "providerName", request.clientId },
        { "dateTimeUTC", XeroDates::timestamp(m_context.clock.now()) }, { "httpStatusCode", "OK" },
        { "pagination", std::move(pagination) }, { "problem", nullptr } };
}

ApiResponse Payroll2Api::ok(
    const ApiRequest &request, const char *key, Json value, Json pagination) const
{
    auto body = envelope(request, std::move(pagination));
    body[key] = std::move(value);
    return ApiResponse::json(200, body);
}

ApiResponse Payroll2Api::problem(const ApiRequest &request, int status, const std::string &title,
    const std::string &detail, const std::string &field, const std::string &reason) const
{
    (void)request;
    Json invalid = Json::array();
    if (!field.empty())
        invalid.push_back({ { "name", field }, { "reason", reason } });
    // Errors are a bare Problem object, as the specs' 400 answers say (research §11).
    return ApiResponse::json(status,
        Json { { "type", "application/problem+json" }, { "title", title }, { "status", status },
            { "detail", detail }, { "instance", m_context.ids.uuid() },
            { "invalidFields", invalid } });
}

ApiResponse Payroll2Api::handle(ApiRequest &request)
{
    auto &tenant = *request.tenant;
    const auto &s = request.segments;
    const auto instance = m_context.ids.uuid();
    if (!tenant.payrollEnabled)
        return ApiResponse::gatewayError(403, "Forbidden",
            "AuthorizationUnsuccessful: the organisation does not use Xero Payroll", instance);
    if (tenant.payrollRoleRevoked)
        return ApiResponse::gatewayError(
            401, "Unauthorized", "AuthorizationUnsuccessful", instance);
    const auto notFound = [&] {
        return problem(request, 404, "NotFound", "The resource you're looking for cannot be found");
    };
    if (s.size() < 3)
        return notFound();
    const auto &resource = s[2];
    const bool get = request.method == "GET";
    const std::string id =
        s.size() > 3 ? EmulatorState::normalizedId(s[3].toStdString()) : std::string();
    // Payroll AU 2.0 covers timesheets only; reference data stays on AU 1.0 (research §5).
    const bool referenceData = tenant.region != Region::AU;

    if (referenceData && is(resource, "Employees") && get && s.size() <= 4) {
        if (!request.hasAnyScope({ "payroll.employees", "payroll.employees.read" }))
            return OAuthServer::insufficientScope(instance);
        return listEmployees(request, tenant, id);
    }
    if (referenceData && is(resource, "PayRunCalendars") && get && s.size() <= 4) {
        if (!request.hasAnyScope({ "payroll.settings", "payroll.settings.read" }))
            return OAuthServer::insufficientScope(instance);
        return listCalendars(request, tenant, id);
    }
    if (referenceData && is(resource, "EarningsRates") && get && s.size() <= 4) {
        if (!request.hasAnyScope({ "payroll.settings", "payroll.settings.read" }))
            return OAuthServer::insufficientScope(instance);
        return listEarningsRates(request, tenant, id);
    }
    if (!is(resource, "Timesheets"))
        return notFound();
    if (get ? !request.hasAnyScope({ "payroll.timesheets", "payroll.timesheets.read" })
            : !request.hasAnyScope({ "payroll.timesheets" }))
        return OAuthServer::insufficientScope(instance);
    if (s.size() == 3) {
        if (get)
            return listTimesheets(request, tenant);
        if (request.method == "POST")
            return createTimesheet(request, tenant);
        return notFound();
    }
    auto *sheet = tenant.timesheet(id);
    if (!sheet)
        return notFound();
    const auto action = s.size() > 4 ? s[4] : QString();
    const auto lineId =
        s.size() > 5 ? EmulatorState::normalizedId(s[5].toStdString()) : std::string();
    if (s.size() > 6)
        return notFound();
    return timesheetAction(request, tenant, *sheet, action, lineId);
}

ApiResponse Payroll2Api::listEmployees(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    const auto render = [&](const Employee &e) {
        Json json { { "employeeID", e.id }, { "title", e.title }, { "firstName", e.firstName },
            { "lastName", e.lastName }, { "dateOfBirth", XeroDates::isoMidnight(e.dateOfBirth) },
            { "gender", e.gender == "M" ? "M" : "F" },
            { "address",
                { { "addressLine1", "1 Emulator Street" }, { "city", "London" },
                    { "postCode", "SW1A 1AA" } } },
            { "email", e.email } };
        if (e.startDate.isValid())
            json["startDate"] = XeroDates::isoMidnight(e.startDate);
        if (e.terminationDate.isValid())
            json["endDate"] = XeroDates::isoMidnight(e.terminationDate);
        json["payrollCalendarID"] = nullable(e.calendarId);
        json["updatedDateUTC"] = XeroDates::timestamp(e.updated);
        json["createdDateUTC"] = XeroDates::timestamp(e.created);
        return json;
    };
    if (!id.empty()) {
        const auto *employee = tenant.employee(id);
        if (!employee)
            return problem(
                request, 404, "NotFound", "The resource you're looking for cannot be found");
        return ok(request, "employee", render(*employee));
    }
    // filter=firstName==Ann,lastName==Lee (research §6)
    std::vector<std::pair<std::string, std::string>> filters;
    for (const auto &part : QString::fromStdString(request.queryValue("filter"))
                                .split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto pieces = part.split(QStringLiteral("=="));
        if (pieces.size() != 2)
            return problem(
                request, 400, "BadRequest", "Invalid filter", "filter", "Use field==value");
        filters.emplace_back(
            pieces[0].trimmed().toLower().toStdString(), pieces[1].trimmed().toStdString());
    }
    std::vector<const Employee *> matches;
    for (const auto &e : tenant.employees) {
        const bool keep = std::all_of(filters.begin(), filters.end(), [&](const auto &f) {
            const auto &value = f.first == "firstname" ? e.firstName
                : f.first == "lastname"                ? e.lastName
                                                       : e.email;
            return QString::fromStdString(value).compare(
                       QString::fromStdString(f.second), Qt::CaseInsensitive)
                == 0;
        });
        if (keep)
            matches.push_back(&e);
    }
    const int pageNumber = std::max(1, QString::fromStdString(request.queryValue("page")).toInt());
    Json list = Json::array();
    for (size_t i = static_cast<size_t>((pageNumber - 1) * PageSize);
         i < matches.size() && list.size() < PageSize; ++i)
        list.push_back(render(*matches[i]));
    const int itemCount = static_cast<int>(matches.size());
    return ok(request, "employees", list, pagination(pageNumber, itemCount));
}

ApiResponse Payroll2Api::listCalendars(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    Json list = Json::array();
    for (const auto &c : tenant.calendars) {
        if (!id.empty() && c.id != id)
            continue;
        const auto current = PayPeriodCalculator::periodContaining(c, m_context.clock.today());
        const auto start = current ? current->start : c.startDate;
        const auto end = current ? current->end : c.startDate.addDays(6);
        list.push_back({ { "payrollCalendarID", c.id }, { "name", c.name },
            { "calendarType", calendarType2(c.type) },
            { "periodStartDate", XeroDates::isoMidnight(start) },
            { "periodEndDate", XeroDates::isoMidnight(end) },
            { "paymentDate",
                XeroDates::isoMidnight(start.addDays(c.startDate.daysTo(c.paymentDate))) },
            { "updatedDateUTC", XeroDates::timestamp(c.updated) } });
    }
    return oneOrAll(request, id, "payRunCalendar", "payRunCalendars", list);
}

ApiResponse Payroll2Api::listEarningsRates(
    const ApiRequest &request, Tenant &tenant, const std::string &id)
{
    Json list = Json::array();
    for (const auto &r : tenant.earningsRates) {
        if (!id.empty() && r.id != id)
            continue;
        Json json { { "earningsRateID", r.id }, { "name", r.name },
            { "earningsType", r.earningsType }, { "rateType", r.rateType },
            { "typeOfUnits", r.typeOfUnits }, { "currentRecord", r.current },
            { "expenseAccountID", r.expenseAccountId } };
        if (r.rateType == "RatePerUnit")
            json["ratePerUnit"] = r.ratePerUnit;
        if (r.rateType == "MultipleOfOrdinaryEarningsRate")
            json["multipleOfOrdinaryEarningsRate"] = r.multiplier;
        list.push_back(json);
    }
    return oneOrAll(request, id, "earningsRate", "earningsRates", list);
}

ApiResponse Payroll2Api::oneOrAll(const ApiRequest &request, const std::string &id,
    const char *singular, const char *plural, const Json &list) const
{
    if (id.empty())
        return ok(request, plural, list, pagination(1, static_cast<int>(list.size())));
    if (list.empty())
        return problem(request, 404, "NotFound", "The resource you're looking for cannot be found");
    return ok(request, singular, list[0]);
}

Json Payroll2Api::pagination(int page, int itemCount)
{
    return Json { { "page", page }, { "pageSize", PageSize },
        { "pageCount", (itemCount + PageSize - 1) / PageSize }, { "itemCount", itemCount } };
}

Json Payroll2Api::lineJson(const TimesheetLine &line) const
{
    return Json { { "timesheetLineID", line.id }, { "date", XeroDates::isoMidnight(line.date) },
        { "earningsRateID", line.earningsRateId },
        { "trackingItemID", nullable(line.trackingItemId) }, { "numberOfUnits", line.units } };
}

Json Payroll2Api::timesheetJson(const Tenant &tenant, const Timesheet &sheet, bool withLines) const
{
    Json json { { "timesheetID", sheet.id }, { "payrollCalendarID", sheet.calendarId },
        { "employeeID", sheet.employeeId }, { "startDate", XeroDates::isoMidnight(sheet.start) },
        { "endDate", XeroDates::isoMidnight(sheet.end) },
        { "status", v2StatusName(sheet.status, tenant.region) },
        { "totalHours", sheet.totalUnits() },
        { "updatedDateUTC", XeroDates::timestamp(sheet.updated) } };
    if (withLines) {
        Json lines = Json::array();
        for (const auto &line : sheet.lines)
            lines.push_back(lineJson(line));
        json["timesheetLines"] = lines;
    }
    return json;
}

ApiResponse Payroll2Api::listTimesheets(const ApiRequest &request, Tenant &tenant)
{
    std::string employeeFilter;
    std::string calendarFilter;
    for (const auto &part : QString::fromStdString(request.queryValue("filter"))
                                .split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto pieces = part.split(QStringLiteral("=="));
        if (pieces.size() != 2)
            return problem(request, 400, "BadRequest", "Invalid filter", "filter",
                "Use employeeId==<id>,payrollCalendarId==<id>");
        const auto field = pieces[0].trimmed().toLower();
        const auto value = EmulatorState::normalizedId(pieces[1].trimmed().toStdString());
        if (field == QLatin1String("employeeid"))
            employeeFilter = value;
        else if (field == QLatin1String("payrollcalendarid"))
            calendarFilter = value;
        else
            return problem(
                request, 400, "BadRequest", "Invalid filter", "filter", "Unknown filter field");
    }
    std::optional<QDate> from;
    std::optional<QDate> to;
    if (request.hasQuery("startDate")) {
        from = XeroDates::parseDate(request.queryValue("startDate"));
        if (!from)
            return problem(
                request, 400, "BadRequest", "Invalid startDate", "startDate", "Use YYYY-MM-DD");
    }
    if (request.hasQuery("endDate")) {
        to = XeroDates::parseDate(request.queryValue("endDate"));
        if (!to)
            return problem(
                request, 400, "BadRequest", "Invalid endDate", "endDate", "Use YYYY-MM-DD");
    }
    const auto status = request.queryValue("status");
    std::vector<const Timesheet *> matches;
    for (const auto &t : tenant.timesheets) {
        if (!employeeFilter.empty() && t.employeeId != employeeFilter)
            continue;
        if (!calendarFilter.empty() && t.calendarId != calendarFilter)
            continue;
        if (from && t.start < *from)
            continue;
        if (to && t.end > *to)
            continue;
        if (!status.empty()
            && QString::fromStdString(v2StatusName(t.status, tenant.region))
                    .compare(QString::fromStdString(status), Qt::CaseInsensitive)
                != 0)
            continue;
        matches.push_back(&t);
    }
    if (request.queryValue("sort") == "startDate")
        std::stable_sort(
            matches.begin(), matches.end(), [](const Timesheet *a, const Timesheet *b) {
                return a->start > b->start; // newest first (research §4.1)
            });
    const int pageNumber = std::max(1, QString::fromStdString(request.queryValue("page")).toInt());
    Json list = Json::array();
    for (size_t i = static_cast<size_t>((pageNumber - 1) * PageSize);
         i < matches.size() && list.size() < PageSize; ++i)
        list.push_back(timesheetJson(tenant, *matches[i], false)); // lists omit lines (§4.1)
    const int itemCount = static_cast<int>(matches.size());
    return ok(request, "timesheets", list, pagination(pageNumber, itemCount));
}

std::optional<TimesheetLine> Payroll2Api::parseLine(const Json &json, std::string &error)
{
    if (!json.is_object()) {
        error = "A timesheet line must be a JSON object";
        return std::nullopt;
    }
    TimesheetLine line;
    const auto date = json.value("date", std::string());
    const auto parsed = XeroDates::parseDate(date);
    if (!parsed) {
        error = "date";
        return std::nullopt;
    }
    line.date = *parsed;
    line.earningsRateId = EmulatorState::normalizedId(json.value("earningsRateID", std::string()));
    if (const auto it = json.find("trackingItemID"); it != json.end() && it->is_string())
        line.trackingItemId = EmulatorState::normalizedId(it->get<std::string>());
    const auto units = json.find("numberOfUnits");
    if (units == json.end() || !units->is_number()) {
        error = "numberOfUnits";
        return std::nullopt;
    }
    line.units = units->get<double>();
    return line;
}

std::optional<std::pair<std::string, std::string>> Payroll2Api::validateLine(
    const Tenant &tenant, const Timesheet &sheet, const TimesheetLine &line) const
{
    if (line.date < sheet.start || line.date > sheet.end)
        return std::make_pair(
            "date", "The timesheet line date must be within the timesheet period");
    if (line.units <= 0)
        return std::make_pair("numberOfUnits", "Number of units must be greater than zero");
    const auto *rate = tenant.earningsRate(line.earningsRateId);
    if (!rate || !rate->current || rate->rateType == "FixedAmount"
        || rate->rateType == "FIXEDAMOUNT")
        return std::make_pair(
            "earningsRateID", "Earnings rate does not exist or is not valid for timesheets");
    if (!line.trackingItemId.empty()) {
        const bool known = tenant.tracking
            && std::any_of(tenant.tracking->options.begin(), tenant.tracking->options.end(),
                [&](const TrackingOption &o) { return o.id == line.trackingItemId; });
        if (!known)
            return std::make_pair("trackingItemID", "Tracking item does not exist");
    } else if (tenant.tracking && tenant.tracking->required) {
        return std::make_pair("trackingItemID", "Tracking item is required");
    }
    return std::nullopt;
}

std::optional<ApiResponse> Payroll2Api::refuseEdit(
    const ApiRequest &request, const Tenant &tenant, const Timesheet &sheet) const
{
    if (sheet.employeeCreated || sheet.status == TimesheetStatus::Requested
        || sheet.status == TimesheetStatus::Rejected)
        return problem(request, 400, "BadRequest", "Validation error occurred.", "_default",
            "Can not change employee created timesheets");
    if (sheet.status == TimesheetStatus::Processed)
        return problem(request, 400, "BadRequest", "Validation error occurred.", "status",
            "Completed timesheets cannot be changed");
    if (sheet.status == TimesheetStatus::Approved
        && !m_context.config.approvedEditable(tenant.region))
        return problem(request, 400, "BadRequest", "Validation error occurred.", "status",
            "Approved timesheets cannot be changed; revert the timesheet to draft first");
    return std::nullopt;
}

ApiResponse Payroll2Api::createTimesheet(const ApiRequest &request, Tenant &tenant)
{
    const auto body = Json::parse(request.body.toStdString(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return problem(
            request, 400, "BadRequest", "The request body must be a JSON timesheet object");
    const auto text = [&](const char *key) {
        const auto it = body.find(key);
        return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const auto invalid = [&](const std::string &field, const std::string &reason) {
        return problem(request, 400, "BadRequest", "Validation error occurred.", field, reason);
    };
    Timesheet sheet;
    sheet.employeeId = EmulatorState::normalizedId(text("employeeID"));
    sheet.calendarId = EmulatorState::normalizedId(text("payrollCalendarID"));
    const auto start = XeroDates::parseDate(text("startDate"));
    const auto end = XeroDates::parseDate(text("endDate"));
    if (sheet.employeeId.empty())
        return invalid("employeeID", "The Employee ID is required.");
    const auto *employee = tenant.employee(sheet.employeeId);
    if (!employee)
        return invalid("employeeID", "The employee could not be found.");
    if (sheet.calendarId.empty())
        return invalid("payrollCalendarID", "The Payroll Calendar ID is required.");
    if (!start)
        return invalid("startDate", "The Start Date is required (YYYY-MM-DD).");
    if (!end)
        return invalid("endDate", "The End Date is required (YYYY-MM-DD).");
    if (sheet.calendarId != employee->calendarId)
        return invalid(
            "payrollCalendarID", "The payroll calendar is not the employee's payroll calendar.");
    const auto *calendar = tenant.calendar(sheet.calendarId);
    if (!calendar || !PayPeriodCalculator::isPeriod(*calendar, *start, *end))
        return invalid(
            "startDate", "The timesheet dates must match a pay period of the payroll calendar.");
    if (employee->status == "TERMINATED" && employee->terminationDate.isValid()
        && employee->terminationDate < *start)
        return invalid(
            "employeeID", "The employee was terminated before the start of the pay period.");
    sheet.start = *start;
    sheet.end = *end;
    for (const auto &other : tenant.timesheets) {
        if (other.employeeId == sheet.employeeId && other.start == sheet.start)
            return invalid(
                "_default", "A timesheet already exists for this employee and pay period.");
    }
    const auto now = m_context.clock.now();
    if (const auto lines = body.find("timesheetLines"); lines != body.end() && lines->is_array()) {
        for (const auto &lineJson : *lines) {
            std::string error;
            auto line = parseLine(lineJson, error);
            if (!line)
                return invalid(error.empty() ? "timesheetLines" : error,
                    "The line is missing a valid " + error + ".");
            if (const auto failure = validateLine(tenant, sheet, *line))
                return invalid(failure->first, failure->second);
            line->id = m_context.ids.uuid();
            line->updated = now;
            sheet.lines.push_back(*line);
        }
    }
    sheet.id = m_context.ids.uuid();
    sheet.status = TimesheetStatus::Draft;
    sheet.created = now;
    sheet.updated = now;
    tenant.timesheets.push_back(sheet);
    ++tenant.timesheetCreates[sheet.employeeId + '|' + XeroDates::isoDate(sheet.start) + '|'
        + XeroDates::isoDate(sheet.end)];
    return ok(request, "timesheet", timesheetJson(tenant, tenant.timesheets.back(), true));
}

ApiResponse Payroll2Api::timesheetAction(ApiRequest &request, Tenant &tenant, Timesheet &sheet,
    const QString &action, const std::string &lineId)
{
    const auto &method = request.method;
    const auto now = m_context.clock.now();
    const auto notFound = [&] {
        return problem(request, 404, "NotFound", "The resource you're looking for cannot be found");
    };
    if (action.isEmpty()) {
        if (method == "GET")
            return ok(request, "timesheet", timesheetJson(tenant, sheet, true));
        if (method == "DELETE") {
            if (sheet.status != TimesheetStatus::Draft)
                return problem(request, 400, "BadRequest", "Validation error occurred.", "status",
                    "Only draft timesheets can be deleted");
            const auto id = sheet.id;
            std::erase_if(tenant.timesheets, [&](const Timesheet &t) { return t.id == id; });
            return ok(request, "timesheet", nullptr);
        }
        return notFound();
    }
    if (is(action, "Approve") && method == "POST" && lineId.empty()) {
        if (sheet.status == TimesheetStatus::Processed)
            return problem(request, 400, "BadRequest", "Validation error occurred.", "status",
                "Completed timesheets cannot be approved");
        sheet.status = TimesheetStatus::Approved;
        sheet.updated = now;
        return ok(request, "timesheet", timesheetJson(tenant, sheet, true));
    }
    if (is(action, "RevertToDraft") && method == "POST" && lineId.empty()) {
        if (sheet.status == TimesheetStatus::Processed)
            return problem(request, 400, "BadRequest", "Validation error occurred.", "status",
                "Completed timesheets cannot be reverted to draft");
        sheet.status = TimesheetStatus::Draft;
        sheet.updated = now;
        return ok(request, "timesheet", timesheetJson(tenant, sheet, true));
    }
    if (!is(action, "Lines"))
        return notFound();
    if (auto refused = refuseEdit(request, tenant, sheet))
        return *refused;
    if (lineId.empty()) {
        if (method != "POST")
            return notFound();
        const auto body = Json::parse(request.body.toStdString(), nullptr, false);
        std::string error;
        auto line = body.is_discarded() ? std::nullopt : parseLine(body, error);
        if (!line)
            return problem(request, 400, "BadRequest", "Validation error occurred.",
                error.empty() ? "timesheetLine" : error,
                "The line is missing a valid " + error + ".");
        if (const auto failure = validateLine(tenant, sheet, *line))
            return problem(request, 400, "BadRequest", "Validation error occurred.", failure->first,
                failure->second);
        line->id = m_context.ids.uuid();
        line->updated = now;
        sheet.lines.push_back(*line);
        sheet.updated = now;
        return ok(request, "timesheetLine", lineJson(sheet.lines.back()));
    }
    auto it = std::find_if(sheet.lines.begin(), sheet.lines.end(),
        [&](const TimesheetLine &l) { return l.id == lineId; });
    if (it == sheet.lines.end())
        return notFound();
    if (method == "DELETE") {
        const auto removed = *it;
        sheet.lines.erase(it);
        sheet.updated = now;
        return ok(request, "timesheetLine", lineJson(removed));
    }
    if (method != "PUT")
        return notFound();
    const auto body = Json::parse(request.body.toStdString(), nullptr, false);
    std::string error;
    auto line = body.is_discarded() ? std::nullopt : parseLine(body, error);
    if (!line)
        return problem(request, 400, "BadRequest", "Validation error occurred.",
            error.empty() ? "timesheetLine" : error, "The line is missing a valid " + error + ".");
    if (const auto failure = validateLine(tenant, sheet, *line))
        return problem(request, 400, "BadRequest", "Validation error occurred.", failure->first,
            failure->second);
    line->id = it->id;
    line->updated = now;
    *it = *line;
    sheet.updated = now;
    return ok(request, "timesheetLine", lineJson(*it));
}

} // namespace XeroEmulator
