-- Moves up to `count` failed jobs back to wait (Bull's retryJobs).
-- KEYS: 1 failed, 2 wait, 3 meta-paused, 4 paused
-- ARGV: 1 prefix, 2 count
-- Returns {moved, remaining}.
--!include targetlist.lua
local ids = redis.call("ZRANGE", KEYS[1], 0, tonumber(ARGV[2]) - 1)
local target = targetList(KEYS[2], KEYS[4], KEYS[3])
for i = 1, #ids, 5000 do
  local chunk = {unpack(ids, i, math.min(i + 4999, #ids))}
  for _, id in ipairs(chunk) do
    redis.call("HDEL", ARGV[1] .. id, "finishedOn", "processedOn", "failedReason")
  end
  redis.call("ZREM", KEYS[1], unpack(chunk))
  redis.call("LPUSH", target, unpack(chunk))
end
return {#ids, redis.call("ZCARD", KEYS[1])}
