#include "emulatorstate.h"

#include <algorithm>

#include "emulatorclock.h"
#include "idgenerator.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

std::string text(const Json &object, const char *key, const std::string &fallback = {})
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

QDate date(const Json &object, const char *key)
{
    const auto value = text(object, key);
    return value.empty() ? QDate() : XeroDates::parseDate(value).value_or(QDate());
}

QDateTime timestamp(const Json &object, const char *key, const QDateTime &fallback)
{
    const auto value = text(object, key);
    return value.empty() ? fallback : XeroDates::parseDateTime(value).value_or(fallback);
}

double number(const Json &object, const char *key, double fallback = 0)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : fallback;
}

bool flag(const Json &object, const char *key, bool fallback)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::string dateText(const QDate &date)
{
    return date.isValid() ? XeroDates::isoDate(date) : std::string();
}

std::string timeText(const QDateTime &time)
{
    return time.isValid() ? XeroDates::isoUtc(time) : std::string();
}

const Json &array(const Json &object, const char *key)
{
    static const Json empty = Json::array();
    const auto it = object.find(key);
    return it != object.end() && it->is_array() ? *it : empty;
}

} // namespace

EmulatorState::EmulatorState(EmulatorClock &clock, IdGenerator &ids)
    : m_clock(clock)
    , m_ids(ids)
{ }

std::string EmulatorState::normalizedId(const std::string &id)
{
    auto lower = id;
    std::transform(lower.begin(), lower.end(), lower.begin(),
        [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

void EmulatorState::clear()
{
    m_tenants.clear();
    m_apps.clear();
}

Tenant *EmulatorState::tenant(const std::string &id)
{
    const auto wanted = normalizedId(id);
    auto it = std::find_if(m_tenants.begin(), m_tenants.end(),
        [&](const Tenant &tenant) { return tenant.id == wanted; });
    return it == m_tenants.end() ? nullptr : &*it;
}

const App *EmulatorState::app(const std::string &clientId) const
{
    auto it = std::find_if(
        m_apps.begin(), m_apps.end(), [&](const App &app) { return app.clientId == clientId; });
    return it == m_apps.end() ? nullptr : &*it;
}

std::string EmulatorState::loadSeed(const Json &seed)
{
    if (!seed.is_object())
        return "the seed must be a JSON object with 'tenants' and 'apps'";
    std::vector<Tenant> tenants;
    for (const auto &item : array(seed, "tenants")) {
        Tenant tenant;
        if (auto error = parseTenant(item, tenant); !error.empty())
            return error;
        tenants.push_back(std::move(tenant));
    }
    std::vector<App> apps;
    for (const auto &item : array(seed, "apps")) {
        App app;
        if (auto error = parseApp(item, app); !error.empty())
            return error;
        apps.push_back(std::move(app));
    }
    for (auto &tenant : tenants) {
        if (auto *existing = this->tenant(tenant.id))
            *existing = std::move(tenant);
        else
            m_tenants.push_back(std::move(tenant));
    }
    for (auto &app : apps) {
        auto it = std::find_if(m_apps.begin(), m_apps.end(),
            [&](const App &known) { return known.clientId == app.clientId; });
        if (it != m_apps.end())
            *it = std::move(app);
        else
            m_apps.push_back(std::move(app));
    }
    return {};
}

std::string EmulatorState::parseApp(const Json &json, App &app) const
{
    if (!json.is_object())
        return "every app must be an object";
    app.clientId = text(json, "clientId");
    if (app.clientId.empty())
        return "an app needs a clientId";
    app.clientSecret = text(json, "clientSecret");
    app.type = text(json, "type", "pkce");
    if (app.type != "pkce" && app.type != "web" && app.type != "custom")
        return "app " + app.clientId + ": type must be pkce, web or custom";
    if (app.type != "pkce" && app.clientSecret.empty())
        return "app " + app.clientId + ": web and custom apps need a clientSecret";
    for (const auto &uri : array(json, "redirectUris")) {
        if (uri.is_string())
            app.redirectUris.push_back(uri.get<std::string>());
    }
    app.customTenantId = normalizedId(text(json, "tenantId"));
    for (const auto &scope : array(json, "scopes")) {
        if (scope.is_string())
            app.customScopes.push_back(scope.get<std::string>());
    }
    return {};
}

std::string EmulatorState::parseTenant(const Json &json, Tenant &tenant) const
{
    if (!json.is_object())
        return "every tenant must be an object";
    const auto now = m_clock.now();
    tenant.id = normalizedId(text(json, "tenantId", m_ids.uuid()));
    tenant.name = text(json, "name", "Demo Company");
    const auto region = regionFromName(text(json, "region", "AU"));
    if (!region)
        return "tenant " + tenant.name + ": region must be AU, UK or NZ";
    tenant.region = *region;
    tenant.dailyLimit = static_cast<int>(number(json, "dailyLimit", 0));
    tenant.payrollEnabled = flag(json, "payrollEnabled", true);
    tenant.projectsEnabled = flag(json, "projectsEnabled", true);
    tenant.payrollRoleRevoked = flag(json, "payrollRoleRevoked", false);
    tenant.created = timestamp(json, "created", now);

    for (const auto &item : array(json, "calendars")) {
        PayCalendar calendar;
        calendar.id = normalizedId(text(item, "id", m_ids.uuid()));
        calendar.name = text(item, "name", "Weekly");
        calendar.type = text(item, "type", "WEEKLY");
        calendar.startDate = date(item, "startDate");
        calendar.paymentDate = date(item, "paymentDate");
        calendar.referenceDate = date(item, "referenceDate");
        calendar.updated = timestamp(item, "updated", now);
        static const std::vector<std::string> types { "WEEKLY", "FORTNIGHTLY", "FOURWEEKLY",
            "MONTHLY", "TWICEMONTHLY", "QUARTERLY", "ANNUAL" };
        if (std::find(types.begin(), types.end(), calendar.type) == types.end())
            return "calendar " + calendar.name + ": unknown type " + calendar.type;
        if (!calendar.startDate.isValid())
            return "calendar " + calendar.name + ": startDate (YYYY-MM-DD) is required";
        if (!calendar.paymentDate.isValid())
            calendar.paymentDate = calendar.startDate.addDays(7);
        tenant.calendars.push_back(calendar);
    }
    for (const auto &item : array(json, "earningsRates")) {
        EarningsRate rate;
        rate.id = normalizedId(text(item, "id", m_ids.uuid()));
        rate.name = text(item, "name", "Ordinary Hours");
        const bool au = tenant.region == Region::AU;
        rate.earningsType =
            text(item, "earningsType", au ? "ORDINARYTIMEEARNINGS" : "RegularEarnings");
        rate.rateType = text(item, "rateType", au ? "RATEPERUNIT" : "RatePerUnit");
        rate.typeOfUnits = text(item, "typeOfUnits", "Hours");
        rate.ratePerUnit = number(item, "ratePerUnit");
        rate.multiplier = number(item, "multiplier");
        rate.current = flag(item, "current", true);
        rate.expenseAccountId = normalizedId(text(item, "expenseAccountId", m_ids.uuid()));
        rate.updated = timestamp(item, "updated", now);
        tenant.earningsRates.push_back(rate);
    }
    if (const auto it = json.find("tracking"); it != json.end() && it->is_object()) {
        TrackingCategory category;
        category.id = normalizedId(text(*it, "id", m_ids.uuid()));
        category.name = text(*it, "name", "Region");
        category.required = flag(*it, "required", false);
        for (const auto &option : array(*it, "options"))
            category.options.push_back(
                { normalizedId(text(option, "id", m_ids.uuid())), text(option, "name") });
        tenant.tracking = category;
    }
    for (const auto &item : array(json, "employees")) {
        Employee employee;
        employee.id = normalizedId(text(item, "id", m_ids.uuid()));
        employee.title = text(item, "title", "Mx");
        employee.firstName = text(item, "firstName");
        employee.lastName = text(item, "lastName");
        if (employee.firstName.empty() || employee.lastName.empty())
            return "tenant " + tenant.name + ": every employee needs firstName and lastName";
        employee.email = text(item, "email");
        employee.gender = text(item, "gender", "F");
        employee.status = text(item, "status", "ACTIVE");
        employee.dateOfBirth = date(item, "dateOfBirth");
        if (!employee.dateOfBirth.isValid())
            employee.dateOfBirth = QDate(1990, 1, 1);
        employee.startDate = date(item, "startDate");
        employee.terminationDate = date(item, "terminationDate");
        employee.calendarId = normalizedId(text(item, "calendarId"));
        if (!employee.calendarId.empty() && !tenant.calendar(employee.calendarId))
            return "employee " + employee.firstName + ": unknown calendarId " + employee.calendarId;
        employee.ordinaryEarningsRateId = normalizedId(text(item, "ordinaryEarningsRateId"));
        for (const auto &rate : array(item, "payTemplateEarningsRateIds")) {
            if (rate.is_string())
                employee.payTemplateRateIds.push_back(normalizedId(rate.get<std::string>()));
        }
        employee.created = timestamp(item, "created", now);
        employee.updated = timestamp(item, "updated", now);
        tenant.employees.push_back(employee);
    }
    for (const auto &item : array(json, "users"))
        tenant.users.push_back({ normalizedId(text(item, "id", m_ids.uuid())), text(item, "name"),
            text(item, "email") });
    for (const auto &item : array(json, "projects")) {
        Project project;
        project.id = normalizedId(text(item, "id", m_ids.uuid()));
        project.name = text(item, "name", "Project");
        project.contactId = normalizedId(text(item, "contactId", m_ids.uuid()));
        project.status = text(item, "status", "INPROGRESS");
        project.currency = text(item, "currency", tenant.region == Region::UK ? "GBP" : "AUD");
        for (const auto &taskJson : array(item, "tasks")) {
            ProjectTask task;
            task.id = normalizedId(text(taskJson, "id", m_ids.uuid()));
            task.name = text(taskJson, "name", "Task");
            task.chargeType = text(taskJson, "chargeType", "TIME");
            task.rate = number(taskJson, "rate");
            task.status = text(taskJson, "status", "ACTIVE");
            project.tasks.push_back(task);
        }
        tenant.projects.push_back(project);
    }
    // Saved state (not part of a hand-written seed) restores what clients wrote.
    for (const auto &item : array(json, "timesheets")) {
        Timesheet sheet;
        sheet.id = normalizedId(text(item, "id", m_ids.uuid()));
        sheet.employeeId = normalizedId(text(item, "employeeId"));
        sheet.calendarId = normalizedId(text(item, "calendarId"));
        sheet.start = date(item, "start");
        sheet.end = date(item, "end");
        sheet.status =
            au1StatusFromName(text(item, "status", "DRAFT")).value_or(TimesheetStatus::Draft);
        sheet.employeeCreated = flag(item, "employeeCreated", false);
        sheet.created = timestamp(item, "created", now);
        sheet.updated = timestamp(item, "updated", now);
        for (const auto &lineJson : array(item, "lines")) {
            TimesheetLine line;
            line.id = normalizedId(text(lineJson, "id", m_ids.uuid()));
            line.date = date(lineJson, "date");
            line.earningsRateId = normalizedId(text(lineJson, "earningsRateId"));
            line.trackingItemId = normalizedId(text(lineJson, "trackingItemId"));
            line.units = number(lineJson, "units");
            line.updated = timestamp(lineJson, "updated", sheet.updated);
            sheet.lines.push_back(line);
        }
        tenant.timesheets.push_back(sheet);
    }
    for (const auto &item : array(json, "timeEntries")) {
        TimeEntry entry;
        entry.id = normalizedId(text(item, "id", m_ids.uuid()));
        entry.projectId = normalizedId(text(item, "projectId"));
        entry.taskId = normalizedId(text(item, "taskId"));
        entry.userId = normalizedId(text(item, "userId"));
        entry.dateUtc = timestamp(item, "dateUtc", now);
        entry.dateEntered = timestamp(item, "dateEntered", now);
        entry.duration = static_cast<int>(number(item, "duration"));
        if (const auto it = item.find("description"); it != item.end() && it->is_string())
            entry.description = it->get<std::string>();
        entry.status = text(item, "status", "ACTIVE");
        tenant.timeEntries.push_back(entry);
    }
    const auto sheetCreates = json.value("timesheetCreates", Json::object());
    for (const auto &[key, value] : sheetCreates.items())
        tenant.timesheetCreates[key] = value.is_number_integer() ? value.get<int>() : 0;
    const auto entryCreates = json.value("timeEntryCreates", Json::object());
    for (const auto &[key, value] : entryCreates.items())
        tenant.timeEntryCreates[key] = value.is_number_integer() ? value.get<int>() : 0;
    return {};
}

Json EmulatorState::toJson() const
{
    Json tenants = Json::array();
    for (const auto &tenant : m_tenants) {
        Json calendars = Json::array();
        for (const auto &c : tenant.calendars)
            calendars.push_back({ { "id", c.id }, { "name", c.name }, { "type", c.type },
                { "startDate", dateText(c.startDate) }, { "paymentDate", dateText(c.paymentDate) },
                { "referenceDate", dateText(c.referenceDate) },
                { "updated", timeText(c.updated) } });
        Json rates = Json::array();
        for (const auto &r : tenant.earningsRates)
            rates.push_back({ { "id", r.id }, { "name", r.name },
                { "earningsType", r.earningsType }, { "rateType", r.rateType },
                { "typeOfUnits", r.typeOfUnits }, { "ratePerUnit", r.ratePerUnit },
                { "multiplier", r.multiplier }, { "current", r.current },
                { "expenseAccountId", r.expenseAccountId }, { "updated", timeText(r.updated) } });
        Json employees = Json::array();
        for (const auto &e : tenant.employees)
            employees.push_back({ { "id", e.id }, { "title", e.title },
                { "firstName", e.firstName }, { "lastName", e.lastName }, { "email", e.email },
                { "gender", e.gender }, { "status", e.status },
                { "dateOfBirth", dateText(e.dateOfBirth) }, { "startDate", dateText(e.startDate) },
                { "terminationDate", dateText(e.terminationDate) }, { "calendarId", e.calendarId },
                { "ordinaryEarningsRateId", e.ordinaryEarningsRateId },
                { "payTemplateEarningsRateIds", e.payTemplateRateIds },
                { "created", timeText(e.created) }, { "updated", timeText(e.updated) } });
        Json timesheets = Json::array();
        for (const auto &t : tenant.timesheets) {
            Json lines = Json::array();
            for (const auto &l : t.lines)
                lines.push_back({ { "id", l.id }, { "date", dateText(l.date) },
                    { "earningsRateId", l.earningsRateId }, { "trackingItemId", l.trackingItemId },
                    { "units", l.units }, { "updated", timeText(l.updated) } });
            timesheets.push_back(
                { { "id", t.id }, { "employeeId", t.employeeId }, { "calendarId", t.calendarId },
                    { "start", dateText(t.start) }, { "end", dateText(t.end) },
                    { "status", au1StatusName(t.status) }, { "employeeCreated", t.employeeCreated },
                    { "totalUnits", t.totalUnits() }, { "created", timeText(t.created) },
                    { "updated", timeText(t.updated) }, { "lines", lines } });
        }
        Json users = Json::array();
        for (const auto &u : tenant.users)
            users.push_back({ { "id", u.id }, { "name", u.name }, { "email", u.email } });
        Json projects = Json::array();
        for (const auto &p : tenant.projects) {
            Json tasks = Json::array();
            for (const auto &task : p.tasks)
                tasks.push_back(
                    { { "id", task.id }, { "name", task.name }, { "chargeType", task.chargeType },
                        { "rate", task.rate }, { "status", task.status } });
            projects.push_back({ { "id", p.id }, { "name", p.name }, { "contactId", p.contactId },
                { "status", p.status }, { "currency", p.currency }, { "tasks", tasks } });
        }
        Json entries = Json::array();
        for (const auto &e : tenant.timeEntries) {
            Json entry { { "id", e.id }, { "projectId", e.projectId }, { "taskId", e.taskId },
                { "userId", e.userId }, { "dateUtc", timeText(e.dateUtc) },
                { "dateEntered", timeText(e.dateEntered) }, { "duration", e.duration },
                { "status", e.status } };
            if (e.description)
                entry["description"] = *e.description;
            entries.push_back(entry);
        }
        Json item { { "tenantId", tenant.id }, { "name", tenant.name },
            { "region", regionName(tenant.region) }, { "dailyLimit", tenant.dailyLimit },
            { "payrollEnabled", tenant.payrollEnabled },
            { "projectsEnabled", tenant.projectsEnabled },
            { "payrollRoleRevoked", tenant.payrollRoleRevoked },
            { "created", timeText(tenant.created) }, { "calendars", calendars },
            { "earningsRates", rates }, { "employees", employees }, { "users", users },
            { "projects", projects }, { "timesheets", timesheets }, { "timeEntries", entries },
            { "timesheetCreates", tenant.timesheetCreates },
            { "timeEntryCreates", tenant.timeEntryCreates } };
        if (tenant.tracking) {
            Json options = Json::array();
            for (const auto &o : tenant.tracking->options)
                options.push_back({ { "id", o.id }, { "name", o.name } });
            item["tracking"] = { { "id", tenant.tracking->id }, { "name", tenant.tracking->name },
                { "required", tenant.tracking->required }, { "options", options } };
        }
        tenants.push_back(item);
    }
    Json apps = Json::array();
    for (const auto &app : m_apps)
        apps.push_back({ { "clientId", app.clientId }, { "clientSecret", app.clientSecret },
            { "type", app.type }, { "redirectUris", app.redirectUris },
            { "tenantId", app.customTenantId }, { "scopes", app.customScopes } });
    return Json { { "tenants", tenants }, { "apps", apps } };
}

} // namespace XeroEmulator
