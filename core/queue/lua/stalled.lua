-- Recovers jobs whose worker died (Bull's moveStalledJobsToWait).
-- Also sweeps the staging lists of workers gone quiet (ours, not Bull's), under a guard of its
-- own, since Node workers take turns on Bull's stalled-check guard too.
-- KEYS: 1 stalled, 2 wait, 3 active, 4 failed, 5 stalled-check, 6 meta-paused, 7 paused,
--       8 staging workers, 9 staging-check
-- ARGV: 1 max stalled count, 2 prefix, 3 now, 4 stalled interval ms, 5 token,
--       6 ms after which a worker not seen here is gone
-- Returns {failed ids, requeued ids, ids given back from staging}.
--!include targetlist.lua
--!include trimfinished.lua
--!include unstage.lua
local prefix = ARGV[2]
local now = tonumber(ARGV[3])
redis.call("ZADD", KEYS[8], now, ARGV[5])
local unstaged = {}
if redis.call("SET", KEYS[9], now, "NX", "PX", ARGV[4]) then
  local gone = redis.call("ZRANGEBYSCORE", KEYS[8], "-inf", now - tonumber(ARGV[6]))
  for _, token in ipairs(gone) do
    for _, id in ipairs(unstage(prefix .. "staging:" .. token, targetList(KEYS[2], KEYS[7], KEYS[6]))) do
      unstaged[#unstaged + 1] = id
    end
    redis.call("ZREM", KEYS[8], token)
  end
end
if redis.call("EXISTS", KEYS[5]) == 1 then return {{}, {}, unstaged} end
redis.call("SET", KEYS[5], ARGV[3], "PX", ARGV[4])
local maxStalled = tonumber(ARGV[1])
local failed, requeued = {}, {}
local candidates = redis.call("SMEMBERS", KEYS[1])
if #candidates > 0 then
  redis.call("DEL", KEYS[1])
  for _, jobId in ipairs(candidates) do
    local jobKey = prefix .. jobId
    if redis.call("EXISTS", jobKey .. ":lock") == 0 and redis.call("LREM", KEYS[3], 1, jobId) > 0 then
      local stalledCount = redis.call("HINCRBY", jobKey, "stalledCounter", 1)
      if stalledCount > maxStalled then
        local reason = "job stalled more than allowable limit"
        redis.call("ZADD", KEYS[4], now, jobId)
        redis.call("HMSET", jobKey, "failedReason", reason, "finishedOn", now)
        redis.call("PUBLISH", KEYS[4],
          cjson.encode({jobId = jobId, val = "job stalled more than maxStalledCount"}))
        local ok, opts = pcall(cjson.decode, redis.call("HGET", jobKey, "opts") or "{}")
        local keep = ok and type(opts) == "table" and opts["removeOnFail"] or nil
        if keep == true then
          removeJobKeys(prefix, jobId)
          redis.call("ZREM", KEYS[4], jobId)
        elseif type(keep) == "number" then
          trimFinished(KEYS[4], prefix, keep, 0, now)
        elseif type(keep) == "table" then
          trimFinished(KEYS[4], prefix, tonumber(keep["count"]) or -1, tonumber(keep["age"]) or 0, now)
        end
        failed[#failed + 1] = jobId
      else
        redis.call("RPUSH", targetList(KEYS[2], KEYS[7], KEYS[6]), jobId)
        redis.call("PUBLISH", prefix .. "stalled@", jobId)
        requeued[#requeued + 1] = jobId
      end
    end
  end
end
-- Everything active now is a candidate for the next pass; live workers clear their ids by
-- renewing their locks.
local active = redis.call("LRANGE", KEYS[3], 0, -1)
for i = 1, #active, 5000 do
  redis.call("SADD", KEYS[1], unpack(active, i, math.min(i + 4999, #active)))
end
return {failed, requeued, unstaged}
