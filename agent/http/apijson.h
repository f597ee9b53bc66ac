#pragma once

#include <nlohmann/json.hpp>

#include "core/queue/job.h"
#include "core/queue/queue.h"
#include "core/store/synclog.h"
#include "core/store/syncstate.h"
#include "core/store/timesheet.h"

// The agent's records as the API's JSON: camelCase, ISO-8601 UTC times, ids as strings.
namespace XeroSync::ApiJson {

nlohmann::json counts(const JobCounts &counts);
nlohmann::json job(const Job &job);
nlohmann::json logEntry(const SyncLogEntry &entry);
nlohmann::json stats(const SyncLogStats &stats);
nlohmann::json bucket(const SyncLogBucket &bucket);
nlohmann::json syncState(const SyncState &state);
nlohmann::json submission(const Submission &submission);
nlohmann::json employee(const Employee &employee);
std::string isoTime(const QDateTime &time);

} // namespace XeroSync::ApiJson
