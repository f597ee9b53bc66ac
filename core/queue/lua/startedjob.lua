-- A started job's hash fields, as Job::fromStartFields() reads them (keep the lists the same):
-- HMGET of these instead of HGETALL. Redis turns every string of a script's replies into a Lua
-- value and back, so values without field names, and only what the job can carry, cost about
-- half. The scripts that start jobs return them packed into one MessagePack string: Redis then
-- copies one string to the client instead of converting every value of every nested table (its
-- return conversion looks up half a dozen special fields per table; callgrind: about a tenth of
-- Redis's work per job at c10). A fresh job has no attemptsMade or processedOn, and only a job
-- that ran before can carry the last three; such a job has one of the two, except one retried by
-- hand after it failed as stalled (its handler then does not see the progress it had).
local startFields = {"name", "data", "opts", "timestamp", "priority", "attemptsMade",
  "processedOn"}
local rerunFields = {"progress", "failedReason", "stacktrace"}

-- Reads a job being started: the values of startFields, then of rerunFields for a job that ran
-- before, then its id; nil when its hash is gone (nothing a producer always writes is there).
local function readStartFields(jobKey, jobId)
  local values = redis.call("HMGET", jobKey, unpack(startFields))
  if not (values[1] or values[2] or values[3] or values[4]) then return nil end
  if values[6] or values[7] then
    local more = redis.call("HMGET", jobKey, unpack(rerunFields))
    for f = 1, #rerunFields do values[#startFields + f] = more[f] end
  end
  values[#values + 1] = jobId -- no nil above: HMGET gives false for a missing field
  return values
end

-- Marks a job started at `now`, in its hash and in the values returned, and takes it out of the
-- priority set, where it is only when it was added with a priority (no call otherwise).
local function startedJob(values, jobId, jobKey, priorityKey, now)
  local priority = values[5]
  if priority and priority ~= "0" then redis.call("ZREM", priorityKey, jobId) end
  redis.call("HSET", jobKey, "processedOn", now)
  values[7] = now
end
