#include "projectsapi.h"

#include <algorithm>

#include "emulatorclock.h"
#include "emulatorstate.h"
#include "idgenerator.h"
#include "oauthserver.h"
#include "xerodates.h"

namespace XeroEmulator {

namespace {

bool is(const QString &segment, const char *name)
{
    return segment.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
}

int intQuery(const ApiRequest &request, const char *name, int fallback)
{
    bool ok = false;
    const int value = QString::fromStdString(request.queryValue(name)).toInt(&ok);
    return ok ? value : fallback;
}

constexpr int MaxDurationMinutes = 59'940;

} // namespace

ProjectsApi::ProjectsApi(EmulatorContext context)
    : m_context(context)
{ }

ApiResponse ProjectsApi::error(int status, const std::string &message, Json modelState)
{
    Json body { { "message", message } };
    if (!modelState.is_null())
        body["modelState"] = std::move(modelState);
    return ApiResponse::json(status, body);
}

Json ProjectsApi::paged(const Json &items, int page, int pageSize)
{
    const int count = static_cast<int>(items.size());
    Json slice = Json::array();
    for (int i = (page - 1) * pageSize; i < count && i < page * pageSize; ++i)
        slice.push_back(items[static_cast<size_t>(i)]);
    return Json { { "pagination",
                      { { "page", page }, { "pageSize", pageSize },
                          { "pageCount", std::max(1, (count + pageSize - 1) / pageSize) },
                          { "itemCount", count } } },
        { "items", slice } };
}

ApiResponse ProjectsApi::handle(ApiRequest &request)
{
    auto &tenant = *request.tenant;
    const auto &s = request.segments;
    const auto instance = m_context.ids.uuid();
    if (!tenant.projectsEnabled)
        return ApiResponse::gatewayError(401, "Unauthorized",
            "The organisation hasn't been provisioned in Xero Projects", instance);
    const bool get = request.method == "GET";
    if (get ? !request.hasAnyScope({ "projects", "projects.read" })
            : !request.hasAnyScope({ "projects" }))
        return OAuthServer::insufficientScope(instance);
    const auto notFound = [] {
        return error(404, "The resource you're looking for cannot be found");
    };
    if (s.size() < 3)
        return notFound();
    const int page = std::max(1, intQuery(request, "page", 1));
    const int pageSize = intQuery(request, "pageSize", 50);
    if (pageSize < 1 || pageSize > 500)
        return error(400, "The request is invalid.",
            { { "pageSize", { "pageSize must be between 1 and 500" } } });

    if (is(s[2], "ProjectsUsers") && s.size() == 3 && get) {
        Json items = Json::array();
        for (const auto &user : tenant.users)
            items.push_back(
                { { "userId", user.id }, { "name", user.name }, { "email", user.email } });
        return ApiResponse::json(200, paged(items, page, pageSize));
    }
    if (!is(s[2], "Projects"))
        return notFound();
    if (s.size() == 3)
        return get ? listProjects(request, tenant) : notFound();
    auto *project = tenant.project(EmulatorState::normalizedId(s[3].toStdString()));
    if (!project)
        return notFound();
    if (s.size() == 4) {
        if (!get)
            return notFound();
        return ApiResponse::json(200, projectJson(tenant, *project));
    }
    if (is(s[4], "Tasks") && get && s.size() <= 6) {
        Json items = Json::array();
        for (const auto &task : project->tasks) {
            if (s.size() == 6 && task.id != EmulatorState::normalizedId(s[5].toStdString()))
                continue;
            int minutes = 0;
            for (const auto &entry : tenant.timeEntries)
                minutes += entry.taskId == task.id ? entry.duration : 0;
            items.push_back({ { "taskId", task.id }, { "name", task.name },
                { "rate", { { "currency", project->currency }, { "value", task.rate } } },
                { "chargeType", task.chargeType }, { "projectId", project->id },
                { "totalMinutes", minutes }, { "status", task.status } });
        }
        if (s.size() == 6)
            return items.empty() ? notFound() : ApiResponse::json(200, items[0]);
        return ApiResponse::json(200, paged(items, page, pageSize));
    }
    if (is(s[4], "Time") && s.size() <= 6)
        return timeEntries(request, tenant, *project,
            s.size() == 6 ? EmulatorState::normalizedId(s[5].toStdString()) : std::string());
    return notFound();
}

Json ProjectsApi::projectJson(const Tenant &tenant, const Project &project) const
{
    int minutes = 0;
    for (const auto &entry : tenant.timeEntries)
        minutes += entry.projectId == project.id ? entry.duration : 0;
    return Json { { "projectId", project.id }, { "contactId", project.contactId },
        { "name", project.name }, { "currencyCode", project.currency },
        { "minutesLogged", minutes }, { "minutesToBeInvoiced", minutes },
        { "status", project.status } };
}

ApiResponse ProjectsApi::listProjects(const ApiRequest &request, Tenant &tenant)
{
    const auto states = QString::fromStdString(request.queryValue("states"))
                            .split(QLatin1Char(','), Qt::SkipEmptyParts);
    Json items = Json::array();
    for (const auto &project : tenant.projects) {
        if (!states.isEmpty()
            && !states.contains(QString::fromStdString(project.status), Qt::CaseInsensitive))
            continue;
        items.push_back(projectJson(tenant, project));
    }
    return ApiResponse::json(200,
        paged(items, std::max(1, intQuery(request, "page", 1)), intQuery(request, "pageSize", 50)));
}

Json ProjectsApi::timeEntryJson(const TimeEntry &entry) const
{
    return Json { { "timeEntryId", entry.id }, { "userId", entry.userId },
        { "projectId", entry.projectId }, { "taskId", entry.taskId },
        { "dateUtc", XeroDates::isoUtc(entry.dateUtc) },
        { "dateEnteredUtc", XeroDates::isoUtc(entry.dateEntered) }, { "duration", entry.duration },
        { "description", entry.description ? Json(*entry.description) : Json(nullptr) },
        { "status", entry.status } };
}

ApiResponse ProjectsApi::timeEntries(
    ApiRequest &request, Tenant &tenant, Project &project, const std::string &entryId)
{
    const auto notFound = [] {
        return error(404, "The resource you're looking for cannot be found");
    };
    if (entryId.empty()) {
        if (request.method == "POST")
            return saveTimeEntry(request, tenant, project, nullptr);
        if (request.method != "GET")
            return notFound();
        const auto userId = EmulatorState::normalizedId(request.queryValue("userId"));
        const auto taskId = EmulatorState::normalizedId(request.queryValue("taskId"));
        const auto states = QString::fromStdString(request.queryValue("states"))
                                .split(QLatin1Char(','), Qt::SkipEmptyParts);
        std::optional<QDateTime> after;
        std::optional<QDateTime> before;
        if (request.hasQuery("dateAfterUtc")
            && !(after = XeroDates::parseDateTime(request.queryValue("dateAfterUtc"))))
            return error(400, "The request is invalid.",
                { { "dateAfterUtc", { "Not a valid ISO-8601 date" } } });
        if (request.hasQuery("dateBeforeUtc")
            && !(before = XeroDates::parseDateTime(request.queryValue("dateBeforeUtc"))))
            return error(400, "The request is invalid.",
                { { "dateBeforeUtc", { "Not a valid ISO-8601 date" } } });
        Json items = Json::array();
        for (const auto &entry : tenant.timeEntries) {
            if (entry.projectId != project.id || (!userId.empty() && entry.userId != userId)
                || (!taskId.empty() && entry.taskId != taskId))
                continue;
            if (!states.isEmpty()
                && !states.contains(QString::fromStdString(entry.status), Qt::CaseInsensitive))
                continue;
            if ((after && entry.dateUtc < *after) || (before && entry.dateUtc > *before))
                continue;
            items.push_back(timeEntryJson(entry));
        }
        return ApiResponse::json(200,
            paged(items, std::max(1, intQuery(request, "page", 1)),
                intQuery(request, "pageSize", 50)));
    }
    auto it = std::find_if(tenant.timeEntries.begin(), tenant.timeEntries.end(),
        [&](const TimeEntry &e) { return e.id == entryId && e.projectId == project.id; });
    if (it == tenant.timeEntries.end())
        return notFound();
    if (request.method == "GET")
        return ApiResponse::json(200, timeEntryJson(*it));
    if (request.method != "PUT" && request.method != "DELETE")
        return notFound();
    if (it->status != "ACTIVE")
        return error(400,
            "The time entry is " + QString::fromStdString(it->status).toLower().toStdString()
                + " and cannot be changed.");
    if (request.method == "DELETE") {
        tenant.timeEntries.erase(it);
        return ApiResponse::noContent();
    }
    return saveTimeEntry(request, tenant, project, &*it);
}

ApiResponse ProjectsApi::saveTimeEntry(
    const ApiRequest &request, Tenant &tenant, Project &project, TimeEntry *existing)
{
    const auto body = Json::parse(request.body.toStdString(), nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return error(400, "The request is invalid.",
            { { "model", { "The request body must be a JSON object" } } });
    Json modelState = Json::object();
    const auto userId = EmulatorState::normalizedId(body.value("userId", std::string()));
    const auto taskId = EmulatorState::normalizedId(body.value("taskId", std::string()));
    const auto dateText = body.value("dateUtc", std::string());
    const auto date = dateText.empty() ? std::nullopt : XeroDates::parseDateTime(dateText);
    const auto duration = body.find("duration");
    if (userId.empty())
        modelState["model.UserId"] = { "The UserId field is required." };
    else if (!tenant.user(userId))
        modelState["model.UserId"] = {
            "The user does not exist or cannot log time in this organisation."
        };
    if (taskId.empty())
        modelState["model.TaskId"] = { "The TaskId field is required." };
    else if (std::none_of(project.tasks.begin(), project.tasks.end(),
                 [&](const ProjectTask &t) { return t.id == taskId; }))
        modelState["model.TaskId"] = { "The task does not belong to this project." };
    if (!date)
        modelState["model.DateUtc"] = {
            "The DateUtc field is required and must be an ISO-8601 date."
        };
    if (duration == body.end() || !duration->is_number_integer())
        modelState["model.Duration"] = {
            "The Duration field is required and must be a whole number of minutes."
        };
    else if (duration->get<long long>() < 1 || duration->get<long long>() > MaxDurationMinutes)
        modelState["model.Duration"] = { "Duration must be between 1 and 59940 minutes." };
    if (project.status == "CLOSED")
        modelState["model"] = { "Time cannot be logged against a closed project." };
    if (!modelState.empty())
        return error(400, "The request is invalid.", modelState);

    TimeEntry entry = existing ? *existing : TimeEntry {};
    entry.projectId = project.id;
    entry.userId = userId;
    entry.taskId = taskId;
    entry.dateUtc = *date;
    entry.duration = duration->get<int>();
    // "will be set to null if not provided during update" (research §7)
    entry.description = body.contains("description") && body["description"].is_string()
        ? std::optional(body["description"].get<std::string>())
        : std::nullopt;
    if (existing) {
        *existing = entry;
        return ApiResponse::noContent();
    }
    entry.id = m_context.ids.uuid();
    entry.dateEntered = m_context.clock.now();
    tenant.timeEntries.push_back(entry);
    ++tenant.timeEntryCreates[entry.userId + '|' + entry.taskId + '|'
        + XeroDates::isoUtc(entry.dateUtc)];
    return ApiResponse::json(200, timeEntryJson(tenant.timeEntries.back()));
}

} // namespace XeroEmulator
