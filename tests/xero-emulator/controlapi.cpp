#include "controlapi.h"

#include <QFile>
#include <QSaveFile>

#include "emulatorclock.h"
#include "emulatorconfig.h"
#include "emulatorstate.h"
#include "faultinjector.h"
#include "idempotencystore.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "payperiodcalculator.h"
#include "payroll2api.h"
#include "payrollau1api.h"
#include "projectsapi.h"
#include "ratelimiter.h"
#include "xerodates.h"

namespace XeroEmulator {

ControlApi::ControlApi(EmulatorContext context, Parts parts, std::string defaultSeedPath)
    : m_context(context)
    , m_parts(std::move(parts))
    , m_defaultSeedPath(std::move(defaultSeedPath))
{ }

ApiResponse ControlApi::bad(const std::string &message)
{
    return ApiResponse::json(400, Json { { "error", message } });
}

std::string ControlApi::loadSeedFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return "cannot read seed file " + path + ": " + file.errorString().toStdString();
    const auto json = Json::parse(file.readAll().toStdString(), nullptr, false);
    if (json.is_discarded())
        return "seed file " + path + " is not valid JSON";
    return m_context.state.loadSeed(json);
}

Json ControlApi::fullState() const
{
    auto json = m_context.state.toJson();
    json["oauth"] = m_parts.oauth.toJson();
    json["config"] = m_context.config.toJson();
    return json;
}

std::string ControlApi::saveState(const std::string &path) const
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return "cannot write " + path + ": " + file.errorString().toStdString();
    file.write(QByteArray::fromStdString(fullState().dump(2)));
    if (!file.commit())
        return "cannot write " + path + ": " + file.errorString().toStdString();
    return {};
}

std::string ControlApi::loadState(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return "cannot read " + path + ": " + file.errorString().toStdString();
    const auto json = Json::parse(file.readAll().toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return path + " is not a saved emulator state";
    m_context.state.clear();
    if (auto error = m_context.state.loadSeed(json); !error.empty())
        return error;
    if (json.contains("config"))
        m_context.config.apply(json["config"]);
    m_parts.oauth.fromJson(json.value("oauth", Json::object()));
    return {};
}

ApiResponse ControlApi::handle(ApiRequest &request)
{
    // Only a local test or demo may steer the emulator.
    if (!request.remote.isLoopback())
        return ApiResponse::json(
            403, Json { { "error", "the control plane answers loopback clients only" } });
    const auto &s = request.segments; // "__emulator", ...
    const auto route = s.mid(1).join(QLatin1Char('/'));
    const auto &method = request.method;
    Json body = Json::object();
    if (!request.body.isEmpty()) {
        body = Json::parse(request.body.toStdString(), nullptr, false);
        if (body.is_discarded() || !body.is_object())
            return bad("the request body must be a JSON object");
    }
    const auto ok = [](Json json = Json { { "ok", true } }) {
        return ApiResponse::json(200, json);
    };

    if (route == QLatin1String("health") && method == "GET")
        return ok({ { "status", "ok" }, { "tenants", m_context.state.tenants().size() } });
    if (route == QLatin1String("reset") && method == "POST") {
        m_context.state.clear();
        m_parts.oauth.clear();
        m_parts.rateLimiter.clear();
        m_parts.idempotency.clear();
        m_parts.faults.clear();
        m_parts.resetStats();
        m_context.config = EmulatorConfig {};
        m_context.clock.freeze(false);
        m_context.clock.set(QDateTime::currentDateTimeUtc());
        if (body.value("seed", std::string("default")) == "default" && !m_defaultSeedPath.empty()) {
            if (auto error = loadSeedFile(m_defaultSeedPath); !error.empty())
                return bad(error);
        }
        return ok();
    }
    if (route == QLatin1String("seed") && method == "POST") {
        if (auto error = m_context.state.loadSeed(body); !error.empty())
            return bad(error);
        return ok();
    }
    if (route == QLatin1String("apps") && method == "POST") {
        if (auto error = m_context.state.loadSeed(Json { { "apps", Json::array({ body }) } });
            !error.empty())
            return bad(error);
        return ok();
    }
    if (route == QLatin1String("state") && method == "GET")
        return ok(fullState());
    if ((route == QLatin1String("state/save") || route == QLatin1String("state/load"))
        && method == "POST") {
        const auto path = body.value("path", std::string());
        if (path.empty())
            return bad("give the file as {\"path\": ...}");
        const auto error =
            route.endsWith(QLatin1String("save")) ? saveState(path) : loadState(path);
        return error.empty() ? ok() : bad(error);
    }
    if (route == QLatin1String("config")) {
        if (method == "POST") {
            if (auto error = m_context.config.apply(body); !error.empty())
                return bad(error);
        }
        return ok(m_context.config.toJson());
    }
    if (route == QLatin1String("clock")) {
        if (method == "POST") {
            if (body.contains("freeze"))
                m_context.clock.freeze(body.value("freeze", false));
            if (body.contains("set")) {
                const auto time = XeroDates::parseDateTime(body.value("set", std::string()));
                if (!time)
                    return bad("set needs an ISO-8601 time");
                m_context.clock.set(*time);
            }
            if (body.contains("advanceSeconds"))
                m_context.clock.advance(
                    static_cast<qint64>(body.value("advanceSeconds", 0.0) * 1000));
        }
        return ok({ { "now", XeroDates::isoUtc(m_context.clock.now()) },
            { "frozen", m_context.clock.isFrozen() } });
    }
    if (route == QLatin1String("faults")) {
        if (method == "POST") {
            if (auto error = m_parts.faults.add(body); !error.empty())
                return bad(error);
        } else if (method == "DELETE") {
            m_parts.faults.clear();
        }
        return ok(Json { { "faults", m_parts.faults.toJson() } });
    }
    if (route == QLatin1String("tokens/expire") && method == "POST") {
        m_parts.oauth.expireAccessTokens();
        return ok();
    }
    if (route == QLatin1String("stats") && method == "GET") {
        auto stats = m_parts.requestStats();
        stats["rateLimits"] = m_parts.rateLimiter.stats();
        stats["oauth"] = m_parts.oauth.stats();
        stats["idempotentReplays"] = m_parts.idempotency.replays();
        return ok(stats);
    }
    if (route == QLatin1String("events") && method == "POST")
        return event(body);
    if (s.size() == 4 && s[1] == QLatin1String("tenants") && method == "GET") {
        if (s[3] == QLatin1String("timesheets"))
            return tenantTimesheets(s[2].toStdString());
        if (s[3] == QLatin1String("time-entries"))
            return tenantTimeEntries(s[2].toStdString());
    }
    return ApiResponse::json(
        404, Json { { "error", "no such control endpoint: " + route.toStdString() } });
}

ApiResponse ControlApi::tenantTimesheets(const std::string &tenantId)
{
    auto *tenant = m_context.state.tenant(tenantId);
    if (!tenant)
        return ApiResponse::json(404, Json { { "error", "unknown tenant " + tenantId } });
    Json sheets = Json::array();
    for (const auto &sheet : tenant->timesheets) {
        auto json = m_parts.payroll2.timesheetJson(*tenant, sheet, true);
        json["au1Status"] = au1StatusName(sheet.status);
        json["employeeCreated"] = sheet.employeeCreated;
        sheets.push_back(json);
    }
    Json creates = Json::array();
    int duplicates = 0;
    for (const auto &[key, count] : tenant->timesheetCreates) {
        const auto parts = QString::fromStdString(key).split(QLatin1Char('|'));
        creates.push_back({ { "employeeId", parts.value(0).toStdString() },
            { "startDate", parts.value(1).toStdString() },
            { "endDate", parts.value(2).toStdString() }, { "creates", count } });
        duplicates += count > 1 ? count - 1 : 0;
    }
    return ApiResponse::json(200,
        Json { { "tenantId", tenant->id }, { "count", sheets.size() },
            { "duplicateCreates", duplicates }, { "timesheets", sheets }, { "creates", creates } });
}

ApiResponse ControlApi::tenantTimeEntries(const std::string &tenantId)
{
    auto *tenant = m_context.state.tenant(tenantId);
    if (!tenant)
        return ApiResponse::json(404, Json { { "error", "unknown tenant " + tenantId } });
    Json entries = Json::array();
    for (const auto &entry : tenant->timeEntries)
        entries.push_back(m_parts.projects.timeEntryJson(entry));
    int duplicates = 0;
    for (const auto &[key, count] : tenant->timeEntryCreates)
        duplicates += count > 1 ? count - 1 : 0;
    return ApiResponse::json(200,
        Json { { "tenantId", tenant->id }, { "count", entries.size() },
            { "duplicateCreates", duplicates }, { "timeEntries", entries } });
}

ApiResponse ControlApi::event(const Json &body)
{
    const auto type = body.value("type", std::string());
    auto *tenant = m_context.state.tenant(body.value("tenantId", std::string()));
    if (!tenant)
        return bad("events need a known tenantId");
    const auto now = m_context.clock.now();
    const auto sheetId = EmulatorState::normalizedId(body.value("timesheetId", std::string()));
    const auto withSheet = [&](auto change) -> ApiResponse {
        auto *sheet = tenant->timesheet(sheetId);
        if (!sheet)
            return bad("unknown timesheetId " + sheetId);
        change(*sheet);
        sheet->updated = now;
        return ApiResponse::json(
            200, Json { { "ok", true }, { "status", au1StatusName(sheet->status) } });
    };
    if (type == "approve-timesheet")
        return withSheet([](Timesheet &t) { t.status = TimesheetStatus::Approved; });
    if (type == "revert-timesheet")
        return withSheet([](Timesheet &t) { t.status = TimesheetStatus::Draft; });
    if (type == "process-timesheet")
        return withSheet([](Timesheet &t) { t.status = TimesheetStatus::Processed; });
    if (type == "reject-timesheet")
        return withSheet([](Timesheet &t) { t.status = TimesheetStatus::Rejected; });
    if (type == "delete-timesheet") {
        const auto removed =
            std::erase_if(tenant->timesheets, [&](const Timesheet &t) { return t.id == sheetId; });
        return removed ? ApiResponse::json(200, Json { { "ok", true } })
                       : bad("unknown timesheetId " + sheetId);
    }
    if (type == "pay-run") {
        // Posting a pay run processes every approved timesheet of the calendar (and period).
        const auto calendarId =
            EmulatorState::normalizedId(body.value("calendarId", std::string()));
        const auto periodStart = XeroDates::parseDate(body.value("periodStart", std::string()));
        int processed = 0;
        for (auto &sheet : tenant->timesheets) {
            if (sheet.status != TimesheetStatus::Approved)
                continue;
            if (!calendarId.empty() && sheet.calendarId != calendarId)
                continue;
            if (periodStart && sheet.start != *periodStart)
                continue;
            sheet.status = TimesheetStatus::Processed;
            sheet.updated = now;
            ++processed;
        }
        return ApiResponse::json(200, Json { { "ok", true }, { "processed", processed } });
    }
    if (type == "employee-timesheet") {
        // An employee submits through Xero Me: a timesheet nobody else may change.
        const auto *employee = tenant->employee(body.value("employeeId", std::string()));
        const auto start = XeroDates::parseDate(body.value("startDate", std::string()));
        const auto *calendar = employee ? tenant->calendar(employee->calendarId) : nullptr;
        if (!employee || !calendar || !start)
            return bad("employee-timesheet needs employeeId (with a calendar) and startDate");
        const auto period = PayPeriodCalculator::periodContaining(*calendar, *start);
        Timesheet sheet;
        sheet.id = m_context.ids.uuid();
        sheet.employeeId = employee->id;
        sheet.calendarId = calendar->id;
        sheet.start = period->start;
        sheet.end = period->end;
        sheet.status =
            tenant->region == Region::UK ? TimesheetStatus::Draft : TimesheetStatus::Requested;
        sheet.employeeCreated = true;
        sheet.created = sheet.updated = now;
        const auto rate = employee->ordinaryEarningsRateId.empty() && !tenant->earningsRates.empty()
            ? tenant->earningsRates.front().id
            : employee->ordinaryEarningsRateId;
        sheet.lines.push_back(
            { m_context.ids.uuid(), sheet.start, rate, {}, body.value("hours", 7.5), now });
        tenant->timesheets.push_back(sheet);
        return ApiResponse::json(200, Json { { "ok", true }, { "timesheetId", sheet.id } });
    }
    if (type == "disconnect-tenant") {
        m_parts.oauth.disconnectTenant(tenant->id);
        return ApiResponse::json(200, Json { { "ok", true } });
    }
    if (type == "remove-payroll-role" || type == "restore-payroll-role") {
        tenant->payrollRoleRevoked = type == "remove-payroll-role";
        return ApiResponse::json(200, Json { { "ok", true } });
    }
    if (type == "lock-time-entry" || type == "invoice-time-entry") {
        const auto entryId = EmulatorState::normalizedId(body.value("timeEntryId", std::string()));
        for (auto &entry : tenant->timeEntries) {
            if (entry.id == entryId) {
                entry.status = type == "lock-time-entry" ? "LOCKED" : "INVOICED";
                return ApiResponse::json(200, Json { { "ok", true } });
            }
        }
        return bad("unknown timeEntryId " + entryId);
    }
    return bad("unknown event type '" + type + "'");
}

} // namespace XeroEmulator
