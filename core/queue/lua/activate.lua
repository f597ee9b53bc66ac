-- Moves a job to active and locks it (Bull's moveToActive, without the rate limiter).
-- KEYS: 1 wait, 2 active, 3 priority, 4 stalled, 5 failed
-- ARGV: 1 prefix, 2 token, 3 lock ms, 4 now, 5 job id from BRPOPLPUSH or "" to take one here
-- Returns {hash fields, id}; {false, id} for an id without a job hash (failed on the spot);
-- nil when the queue is empty.
--!include startedjob.lua
local prefix = ARGV[1]
local jobId = ARGV[5]
if jobId ~= "" then
  redis.call("SREM", KEYS[4], jobId)
else
  jobId = redis.call("RPOPLPUSH", KEYS[1], KEYS[2])
  if not jobId then
    redis.call("PUBLISH", prefix .. "drained", "")
    return nil
  end
end
local jobKey = prefix .. jobId
-- This call sits between an add and its handler: the hash is read first (an empty one is a
-- missing job) and the priority set is touched only for a job added with a priority.
local fields = redis.call("HGETALL", jobKey)
if #fields == 0 then
  -- An id whose hash is gone (deleted by hand, a broken producer) must not block the worker or
  -- vanish unseen: record it as failed so operators can see and remove it.
  redis.call("LREM", KEYS[2], -1, jobId)
  redis.call("ZREM", KEYS[3], jobId)
  local reason = "job hash is missing: the job was deleted or never written completely"
  redis.call("HMSET", jobKey, "name", "__missing__", "data", "{}", "opts", "{}",
    "timestamp", ARGV[4], "failedReason", reason, "finishedOn", ARGV[4], "attemptsMade", 0)
  redis.call("ZADD", KEYS[5], ARGV[4], jobId)
  redis.call("PUBLISH", prefix .. "failed", cjson.encode({jobId = jobId, val = reason}))
  return {false, jobId}
end
redis.call("SET", jobKey .. ":lock", ARGV[2], "PX", ARGV[3])
startedJob(fields, jobId, ARGV[4], KEYS[3])
redis.call("PUBLISH", KEYS[2] .. "@" .. ARGV[2], jobId)
redis.call("HSET", jobKey, "processedOn", ARGV[4])
return {fields, jobId}
