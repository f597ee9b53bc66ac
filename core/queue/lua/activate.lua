-- Moves a job to active and locks it (Bull's moveToActive, without the rate limiter).
-- KEYS: 1 wait, 2 active, 3 priority, 4 failed, 5 this worker's staging list
-- ARGV: 1 prefix, 2 token, 3 lock ms, 4 now (for "wait"; "staged" takes Redis's TIME),
--       5 "wait": take a job left in staging, else one from wait;
--         "staged": only the job BRPOPLPUSH just moved to staging (sent right behind it)
-- Returns {status, {start fields (startedjob.lua)..., id}} with status 1 when "staged" left wait
-- empty, else 0, or {-1, id} for an id without a job hash (failed on the spot), packed with
-- cmsgpack (see startedjob.lua); nil when no job.
--!include startedjob.lua
local prefix = ARGV[1]
-- The staging list is this worker's alone, so the job taken from it is the one its BRPOPLPUSH
-- popped, never a job another worker (a Node one, say) popped from wait at the same moment.
local jobId = redis.call("RPOPLPUSH", KEYS[5], KEYS[2])
if not jobId and ARGV[5] == "wait" then
  jobId = redis.call("RPOPLPUSH", KEYS[1], KEYS[2])
  if not jobId then
    redis.call("PUBLISH", prefix .. "drained", "")
    return nil
  end
end
if not jobId then return nil end
-- Told that wait is empty, a worker that took a staged job blocks again next instead of looking
-- first (Bull's drained fetch), so the emptiness is announced here.
local status = 0
if ARGV[5] == "staged" and redis.call("LLEN", KEYS[1]) == 0 then
  redis.call("PUBLISH", prefix .. "drained", "")
  status = 1
end
local jobKey = prefix .. jobId
-- A "staged" activation was sent before the job existed, possibly seconds before: the job
-- starts now, by Redis's clock, not when the worker began to wait.
local now = ARGV[4]
if ARGV[5] == "staged" then
  local t = redis.call("TIME")
  now = tostring(t[1] * 1000 + math.floor(t[2] / 1000))
end
-- This call sits between an add and its handler: the hash is read first (an empty one is a
-- missing job) and the priority set is touched only for a job added with a priority.
local values = readStartFields(jobKey, jobId)
if not values then
  -- An id whose hash is gone (deleted by hand, a broken producer) must not block the worker or
  -- vanish unseen: record it as failed so operators can see and remove it.
  redis.call("LREM", KEYS[2], -1, jobId)
  redis.call("ZREM", KEYS[3], jobId)
  local reason = "job hash is missing: the job was deleted or never written completely"
  redis.call("HMSET", jobKey, "name", "__missing__", "data", "{}", "opts", "{}",
    "timestamp", now, "failedReason", reason, "finishedOn", now, "attemptsMade", 0)
  redis.call("ZADD", KEYS[4], now, jobId)
  redis.call("PUBLISH", prefix .. "failed", cjson.encode({jobId = jobId, val = reason}))
  return cmsgpack.pack({-1, jobId})
end
redis.call("SET", jobKey .. ":lock", ARGV[2], "PX", ARGV[3])
startedJob(values, jobId, jobKey, KEYS[3], now)
redis.call("PUBLISH", KEYS[2] .. "@" .. ARGV[2], jobId)
return cmsgpack.pack({status, values})
