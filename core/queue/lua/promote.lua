-- Moves due delayed jobs to wait (Bull's updateDelaySet). At most 1000 per call.
-- KEYS: 1 delayed, 2 active, 3 wait, 4 priority, 5 paused, 6 meta-paused
-- ARGV: 1 prefix, 2 now, 3 token
-- Returns {promoted count, next due ms or -1}.
--!include targetlist.lua
--!include addwithpriority.lua
local prefix = ARGV[1]
local due = redis.call("ZRANGEBYSCORE", KEYS[1], 0, (tonumber(ARGV[2]) + 1) * 0x1000 - 1, "LIMIT", 0, 1000)
local target = targetList(KEYS[3], KEYS[5], KEYS[6])
for _, jobId in ipairs(due) do
  redis.call("ZREM", KEYS[1], jobId)
  redis.call("LREM", KEYS[2], 0, jobId)
  local jobKey = prefix .. jobId
  local priority = tonumber(redis.call("HGET", jobKey, "priority")) or 0
  if priority > 0 then
    addJobWithPriority(target, KEYS[4], priority, jobId)
  else
    redis.call("LPUSH", target, jobId)
  end
  redis.call("PUBLISH", KEYS[3] .. "ing@" .. ARGV[3], jobId)
  if redis.call("EXISTS", jobKey) == 1 then redis.call("HSET", jobKey, "delay", 0) end
end
local nextJob = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
local nextDue = -1
if nextJob[2] then
  nextDue = math.floor(tonumber(nextJob[2]) / 0x1000)
end
return {#due, nextDue}
