-- Completes or fails jobs for good (Bull's moveToFinished), several in one call, and fetches up
-- to as many next jobs as slots were freed: one round trip and one script run for a whole batch
-- of finished jobs, which is where most of Redis's time per job goes.
-- KEYS: 1 active, 2 completed, 3 failed, 4 wait, 5 priority, 6 stalled,
--       7 metrics:completed, 8 metrics:failed
-- ARGV: 1 prefix, 2 now, 3 token, 4 lock ms, 5 metrics max data points ("" off), 6 fetch count,
--       then 5 per job: id, "completed"|"failed", value (returnvalue json | failedReason),
--       keep ("count" or "count/age": -1 all, 0 none, N newest; age in s, absent or 0 any),
--       extra fields as a json array [field, value, ...] or ""
-- Returns {codes, next jobs} packed with cmsgpack (see startedjob.lua): per job 0 or -1 no job,
-- -2 no lock, -6 not our lock, -3 not active; next jobs as their start fields (startedjob.lua)
-- followed by their ids.
--!include trimfinished.lua
--!include startedjob.lua
local prefix = ARGV[1]
local now = tonumber(ARGV[2])
local token = ARGV[3]
local maxPoints = tonumber(ARGV[5])

local function collectMetrics(metaKey)
  -- Per-minute counters read by bull-board's charts (Bull's metrics layout).
  local dataKey = metaKey .. ":data"
  local count = redis.call("HINCRBY", metaKey, "count", 1) - 1
  local prevTS = redis.call("HGET", metaKey, "prevTS")
  if not prevTS then
    redis.call("HSET", metaKey, "prevTS", now, "prevCount", 0)
    return
  end
  local n = math.min(math.floor(now / 60000) - math.floor(tonumber(prevTS) / 60000), maxPoints)
  if n > 0 then
    local delta = count - tonumber(redis.call("HGET", metaKey, "prevCount"))
    local points = {delta}
    for i = 2, n do points[i] = 0 end
    redis.call("LPUSH", dataKey, unpack(points))
    redis.call("LTRIM", dataKey, 0, maxPoints - 1)
    redis.call("HSET", metaKey, "prevCount", count, "prevTS", now)
  end
end

local codes = {}
-- Redis's time per job here is mostly per redis.call(): each costs several times a small
-- command (the call, then its reply turned into Lua values), which callgrind counts exactly. So
-- the batch's locks are read with one MGET, the keys of removed jobs go in one DEL, the next
-- jobs move with one RPOP and one LPUSH, and a started job's fields are read with one HMGET.
-- A job whose lock we hold still has its hash (Bull's and our removal scripts skip locked jobs),
-- so EXISTS runs only when the lock is not ours or the job is kept; the stalled set is touched
-- only when it exists (it holds ids only between a stalled check and the jobs' next renewal).
local stalledSet = redis.call("EXISTS", KEYS[6]) == 1
-- An event nobody listens to is dropped by Redis anyway, so it is published (and its payload
-- built) only when a client subscribes to its channel or to any pattern (Bull's global:active
-- listeners use one); checked once per call.
local patterns = redis.call("PUBSUB", "NUMPAT") > 0
local listeners = redis.call("PUBSUB", "NUMSUB", KEYS[2], KEYS[3], KEYS[1] .. "@" .. token)
local toCompleted = patterns or listeners[2] > 0
local toFailed = patterns or listeners[4] > 0
local toActive = patterns or listeners[6] > 0

local first, stride = 7, 5
local lockKeys, holders = {}, {}
if token ~= "0" and #ARGV >= first then
  for i = first, #ARGV, stride do lockKeys[#lockKeys + 1] = prefix .. ARGV[i] .. ":lock" end
  holders = redis.call("MGET", unpack(lockKeys))
end
local removed = {}
for i = first, #ARGV - stride + 1, stride do
  local k = #codes + 1
  local jobId, target, value, keep, extraJson = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3],
    ARGV[i + 4]
  local keepCount, keepAge = tonumber(keep), 0
  if not keepCount then
    local count, age = string.match(keep, "^(-?%d+)/(%d+)$")
    keepCount, keepAge = tonumber(count) or 0, tonumber(age) or 0
  end
  local jobKey = prefix .. jobId
  local lockKey = lockKeys[k] or jobKey .. ":lock"
  local code = 0
  local lockHeld = false -- ours, still to be deleted
  if token ~= "0" then
    local holder = holders[k]
    if holder == token then
      lockHeld = true
      if stalledSet then redis.call("SREM", KEYS[6], jobId) end
    elseif redis.call("EXISTS", jobKey) == 0 then
      code = -1
    elseif holder then
      code = -6
    else
      code = -2
    end
  elseif redis.call("EXISTS", jobKey) == 0 then
    code = -1
  end
  if code == 0 and redis.call("LREM", KEYS[1], "-1", jobId) == 0 then
    code = -3
    if lockHeld then redis.call("DEL", lockKey) end
  end
  if code == 0 and keepCount ~= 0 and lockHeld and redis.call("EXISTS", jobKey) == 0 then
    code = -1 -- deleted by hand while we held the lock
    redis.call("DEL", lockKey)
  end
  if code == 0 then
    local completed = target == "completed"
    local setKey = completed and KEYS[2] or KEYS[3]
    if extraJson ~= "" then
      local extra = cjson.decode(extraJson)
      if #extra > 0 then redis.call("HMSET", jobKey, unpack(extra)) end
    end
    if keepCount ~= 0 then
      if lockHeld then redis.call("DEL", lockKey) end
      redis.call("ZADD", setKey, now, jobId)
      redis.call("HMSET", jobKey, completed and "returnvalue" or "failedReason", value, "finishedOn", now)
      trimFinished(setKey, prefix, keepCount, keepAge, now)
    elseif lockHeld then
      removed[#removed + 1] = lockKey
      removed[#removed + 1] = jobKey
      removed[#removed + 1] = jobKey .. ":logs"
    else
      removeJobKeys(prefix, jobId)
    end
    if maxPoints then collectMetrics(completed and KEYS[7] or KEYS[8]) end
    if (completed and toCompleted) or (not completed and toFailed) then
      redis.call("PUBLISH", setKey, cjson.encode({jobId = jobId, val = value}))
    end
  end
  codes[k] = code
end
if #removed > 0 then redis.call("DEL", unpack(removed)) end

local nextJobs = {}
local fetch = tonumber(ARGV[6])
local nextIds = fetch > 0 and redis.call("RPOP", KEYS[4], fetch)
if nextIds then
  -- Bull's RPOPLPUSH one at a time, in one move: active ends in the same order.
  redis.call("LPUSH", KEYS[1], unpack(nextIds))
  for _, nextId in ipairs(nextIds) do
    local nextKey = prefix .. nextId
    local values = readStartFields(nextKey, nextId)
    if values then
      redis.call("SET", nextKey .. ":lock", token, "PX", ARGV[4])
      startedJob(values, nextId, nextKey, KEYS[5], ARGV[2])
      if toActive then redis.call("PUBLISH", KEYS[1] .. "@" .. token, nextId) end
      nextJobs[#nextJobs + 1] = values
    else
      -- A hashless id: back to the front of wait for the regular fetch, which records it as
      -- failed.
      redis.call("LREM", KEYS[1], -1, nextId)
      redis.call("RPUSH", KEYS[4], nextId)
    end
  end
end
return cmsgpack.pack({codes, nextJobs})
