-- Completes or fails a job for good (Bull's moveToFinished), optionally fetching the next one
-- in the same round trip.
-- KEYS: 1 active, 2 completed|failed, 3 job, 4 wait, 5 priority, 6 stalled, 7 metrics hash
-- ARGV: 1 id, 2 now, 3 "returnvalue"|"failedReason", 4 its value, 5 token, 6 keep count
--       (-1 all, 0 none, N), 7 keep age s (0 any), 8 event payload, 9 "1" fetch next, 10 prefix,
--       11 lock ms, 12 metrics max data points ("" off), 13 event channel,
--       14 extra fields json array [field, value, ...] (attemptsMade, stacktrace on failure)
-- Returns 0, the next job like activate.lua, or -1 no job, -2 no lock, -6 not our lock,
-- -3 not active.
--!include removelock.lua
--!include trimfinished.lua
local jobId = ARGV[1]
local jobKey = KEYS[3]
local prefix = ARGV[10]
local now = tonumber(ARGV[2])
if redis.call("EXISTS", jobKey) == 0 then return -1 end
local rc = removeLock(jobKey, KEYS[6], ARGV[5], jobId)
if rc < 0 then return rc end
if redis.call("LREM", KEYS[1], -1, jobId) == 0 then return -3 end
local extra = cjson.decode(ARGV[14])
if #extra > 0 then redis.call("HMSET", jobKey, unpack(extra)) end
local keepCount = tonumber(ARGV[6])
if keepCount ~= 0 then
  redis.call("ZADD", KEYS[2], now, jobId)
  redis.call("HMSET", jobKey, ARGV[3], ARGV[4], "finishedOn", ARGV[2])
  trimFinished(KEYS[2], prefix, keepCount, tonumber(ARGV[7]), now)
else
  removeJobKeys(prefix, jobId)
end
if ARGV[12] ~= "" then
  -- Per-minute counters read by bull-board's charts (Bull's metrics layout).
  local maxPoints = tonumber(ARGV[12])
  local dataKey = KEYS[7] .. ":data"
  local count = redis.call("HINCRBY", KEYS[7], "count", 1) - 1
  local prevTS = redis.call("HGET", KEYS[7], "prevTS")
  if not prevTS then
    redis.call("HSET", KEYS[7], "prevTS", ARGV[2], "prevCount", 0)
  else
    local n = math.min(math.floor(now / 60000) - math.floor(tonumber(prevTS) / 60000), maxPoints)
    if n > 0 then
      local delta = count - tonumber(redis.call("HGET", KEYS[7], "prevCount"))
      local points = {delta}
      for i = 2, n do points[i] = 0 end
      redis.call("LPUSH", dataKey, unpack(points))
      redis.call("LTRIM", dataKey, 0, maxPoints - 1)
      redis.call("HSET", KEYS[7], "prevCount", count, "prevTS", ARGV[2])
    end
  end
end
redis.call("PUBLISH", ARGV[13], ARGV[8])
if ARGV[9] == "1" then
  local nextId = redis.call("RPOPLPUSH", KEYS[4], KEYS[1])
  if nextId then
    local nextKey = prefix .. nextId
    if redis.call("EXISTS", nextKey) == 1 then
      redis.call("SET", nextKey .. ":lock", ARGV[5], "PX", ARGV[11])
      redis.call("ZREM", KEYS[5], nextId)
      redis.call("PUBLISH", KEYS[1] .. "@" .. ARGV[5], nextId)
      redis.call("HSET", nextKey, "processedOn", ARGV[2])
      return {redis.call("HGETALL", nextKey), nextId}
    end
    -- A hashless id: leave it active-less for the regular fetch to record as failed.
    redis.call("LREM", KEYS[1], -1, nextId)
    redis.call("RPUSH", KEYS[4], nextId)
  end
end
return 0
