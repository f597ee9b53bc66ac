#pragma once

#include <string>

#include "apirequest.h"
#include "apiresponse.h"
#include "emulatorcontext.h"

namespace XeroEmulator {

struct Tenant;
struct Project;
struct TimeEntry;

//! Projects 2.0 (`/projects.xro/2.0`): projects, tasks, users and time entries in minutes;
//! locked and invoiced entries are immutable (research §7, §12 item 17).
class ProjectsApi
{
public:
    explicit ProjectsApi(EmulatorContext context);

    ApiResponse handle(ApiRequest &request);
    Json timeEntryJson(const TimeEntry &entry) const;

private:
    ApiResponse listProjects(const ApiRequest &request, Tenant &tenant);
    Json projectJson(const Tenant &tenant, const Project &project) const;
    ApiResponse timeEntries(
        ApiRequest &request, Tenant &tenant, Project &project, const std::string &entryId);
    ApiResponse saveTimeEntry(
        const ApiRequest &request, Tenant &tenant, Project &project, TimeEntry *existing);

    static ApiResponse error(int status, const std::string &message, Json modelState = nullptr);
    static Json paged(const Json &items, int page, int pageSize);

    EmulatorContext m_context;
};

} // namespace XeroEmulator
