-- Adds a job (Bull v4 layout).
-- KEYS: 1 wait, 2 paused, 3 meta-paused, 4 id, 5 delayed, 6 priority
-- ARGV: 1 prefix, 2 custom id or "", 3 name, 4 data json, 5 opts json, 6 timestamp ms,
--       7 delay ms, 8 priority (0 none), 9 "1" for LIFO, 10 token
-- Returns the job id (an existing one for a duplicate custom id).
--!include targetlist.lua
--!include addwithpriority.lua
local counter = redis.call("INCR", KEYS[4])
local jobId = ARGV[2]
if jobId == "" then jobId = tostring(counter) end
local prefix = ARGV[1]
local jobKey = prefix .. jobId
if redis.call("EXISTS", jobKey) == 1 then
  redis.call("PUBLISH", prefix .. "duplicated@" .. ARGV[10], jobId)
  return jobId
end
local delay = tonumber(ARGV[7])
local priority = tonumber(ARGV[8])
redis.call("HMSET", jobKey, "name", ARGV[3], "data", ARGV[4], "opts", ARGV[5],
  "timestamp", ARGV[6], "delay", ARGV[7], "priority", ARGV[8])
if delay > 0 then
  local due = tonumber(ARGV[6]) + delay
  redis.call("ZADD", KEYS[5], due * 0x1000 + bit.band(counter, 0xfff), jobId)
  redis.call("PUBLISH", KEYS[5], due)
else
  local target = targetList(KEYS[1], KEYS[2], KEYS[3])
  if priority == 0 then
    if ARGV[9] == "1" then redis.call("RPUSH", target, jobId) else redis.call("LPUSH", target, jobId) end
  else
    addJobWithPriority(target, KEYS[6], priority, jobId)
  end
  redis.call("PUBLISH", KEYS[1] .. "ing@" .. ARGV[10], jobId)
end
return jobId
