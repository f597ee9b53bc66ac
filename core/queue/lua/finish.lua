-- Completes or fails jobs for good (Bull's moveToFinished), several in one call, and fetches up
-- to as many next jobs as slots were freed: one round trip and one script run for a whole batch
-- of finished jobs, which is where most of Redis's time per job goes.
-- KEYS: 1 active, 2 completed, 3 failed, 4 wait, 5 priority, 6 stalled,
--       7 metrics:completed, 8 metrics:failed
-- ARGV: 1 prefix, 2 now, 3 token, 4 lock ms, 5 metrics max data points ("" off), 6 fetch count,
--       then 7 per job: id, "completed"|"failed", value (returnvalue json | failedReason),
--       keep count (-1 all, 0 none, N), keep age s (0 any), event payload,
--       extra fields json array [field, value, ...]
-- Returns {codes, next jobs}: per job 0 or -1 no job, -2 no lock, -6 not our lock, -3 not
-- active; next jobs as {hash fields, id} pairs.
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
-- Fewer redis.call()s per job is what lowers Redis's time per job: each costs more than the
-- command it runs. So the lock is checked and released inline, a job removed on completion
-- loses its lock, hash and logs in one DEL, and the next job's hash is read before it is locked.
-- A job whose lock we hold still has its hash (Bull's and our removal scripts skip locked jobs),
-- so EXISTS runs only when the lock is not ours or the job is kept; the stalled set is touched
-- only when it exists (it holds ids only between a stalled check and the jobs' next renewal).
local stalledSet = redis.call("EXISTS", KEYS[6]) == 1
-- An event nobody listens to is dropped by Redis anyway, so it is published only when a client
-- subscribes to its channel or to any pattern (Bull's global:active listeners use one); checked
-- once per call, so each job saves two redis.call()s when the queue has no listeners.
local patterns = redis.call("PUBSUB", "NUMPAT") > 0
local listeners = redis.call("PUBSUB", "NUMSUB", KEYS[2], KEYS[3], KEYS[1] .. "@" .. token)
local toCompleted = patterns or listeners[2] > 0
local toFailed = patterns or listeners[4] > 0
local toActive = patterns or listeners[6] > 0
local noExtra = "[]"
local i = 7
while i + 6 <= #ARGV do
  local jobId, target, value = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local keepCount, keepAge = tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  local event, extraJson = ARGV[i + 5], ARGV[i + 6]
  i = i + 7
  local jobKey = prefix .. jobId
  local lockKey = jobKey .. ":lock"
  local code = 0
  local lockHeld = false -- ours, still to be deleted
  if token ~= "0" then
    local holder = redis.call("GET", lockKey)
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
    if extraJson ~= noExtra then
      local extra = cjson.decode(extraJson)
      if #extra > 0 then redis.call("HMSET", jobKey, unpack(extra)) end
    end
    if keepCount ~= 0 then
      if lockHeld then redis.call("DEL", lockKey) end
      redis.call("ZADD", setKey, now, jobId)
      redis.call("HMSET", jobKey, completed and "returnvalue" or "failedReason", value, "finishedOn", now)
      trimFinished(setKey, prefix, keepCount, keepAge, now)
    elseif lockHeld then
      redis.call("DEL", lockKey, jobKey, jobKey .. ":logs")
    else
      removeJobKeys(prefix, jobId)
    end
    if maxPoints then collectMetrics(completed and KEYS[7] or KEYS[8]) end
    if (completed and toCompleted) or (not completed and toFailed) then
      redis.call("PUBLISH", setKey, event)
    end
  end
  codes[#codes + 1] = code
end

local nextJobs = {}
local fetch = tonumber(ARGV[6])
for _ = 1, fetch do
  local nextId = redis.call("RPOPLPUSH", KEYS[4], KEYS[1])
  if not nextId then break end
  local nextKey = prefix .. nextId
  local fields = redis.call("HGETALL", nextKey)
  if #fields == 0 then
    -- A hashless id: put it back for the regular fetch, which records it as failed.
    redis.call("LREM", KEYS[1], -1, nextId)
    redis.call("RPUSH", KEYS[4], nextId)
    break
  end
  redis.call("SET", nextKey .. ":lock", token, "PX", ARGV[4])
  startedJob(fields, nextId, ARGV[2], KEYS[5])
  if toActive then redis.call("PUBLISH", KEYS[1] .. "@" .. token, nextId) end
  redis.call("HSET", nextKey, "processedOn", ARGV[2])
  nextJobs[#nextJobs + 1] = {fields, nextId}
end
return {codes, nextJobs}
