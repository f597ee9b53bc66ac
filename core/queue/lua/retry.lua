-- After a failed attempt that will be retried: record the attempt and requeue, now or later
-- (Bull's saveStacktrace + retryJob / moveToDelayed, in one script).
-- KEYS: 1 active, 2 wait, 3 job, 4 meta-paused, 5 paused, 6 stalled, 7 priority, 8 delayed
-- ARGV: 1 id, 2 token, 3 extra fields json array, 4 due ms or "" (now), 5 "1" LIFO, 6 prefix
-- Returns 0, or -1 no job, -2 no lock, -6 not our lock, -3 not active.
--!include removelock.lua
--!include targetlist.lua
--!include addwithpriority.lua
local jobId = ARGV[1]
local jobKey = KEYS[3]
if redis.call("EXISTS", jobKey) == 0 then return -1 end
local rc = removeLock(jobKey, KEYS[6], ARGV[2], jobId)
if rc < 0 then return rc end
if redis.call("LREM", KEYS[1], -1, jobId) == 0 then return -3 end
local extra = cjson.decode(ARGV[3])
if #extra > 0 then redis.call("HMSET", jobKey, unpack(extra)) end
if ARGV[4] ~= "" then
  local due = tonumber(ARGV[4])
  local low = tonumber(jobId)
  if low then low = bit.band(low, 0xfff) else low = 0 end
  redis.call("ZADD", KEYS[8], due * 0x1000 + low, jobId)
  redis.call("PUBLISH", KEYS[8], due)
else
  local target = targetList(KEYS[2], KEYS[5], KEYS[4])
  local priority = tonumber(redis.call("HGET", jobKey, "priority")) or 0
  if priority > 0 then
    addJobWithPriority(target, KEYS[7], priority, jobId)
  elseif ARGV[5] == "1" then
    redis.call("RPUSH", target, jobId)
  else
    redis.call("LPUSH", target, jobId)
  end
end
return 0
