-- Removes jobs older than a cutoff from one state (Bull's cleanJobsInSet); skips locked jobs.
-- KEYS: 1 state key (list or zset), 2 priority
-- ARGV: 1 prefix, 2 cutoff ms, 3 limit (0 = all), 4 "list" | "zset"
-- Returns the removed ids.
local prefix = ARGV[1]
local cutoff = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local isList = ARGV[4] == "list"
local ids
if isList then ids = redis.call("LRANGE", KEYS[1], 0, -1) else ids = redis.call("ZRANGE", KEYS[1], 0, -1) end
local removed = {}
for _, id in ipairs(ids) do
  if limit > 0 and #removed >= limit then break end
  local jobKey = prefix .. id
  if redis.call("EXISTS", jobKey .. ":lock") == 0 then
    local t = redis.call("HMGET", jobKey, "finishedOn", "processedOn", "timestamp")
    local ts = tonumber(t[1]) or tonumber(t[2]) or tonumber(t[3])
    if (not ts) or ts < cutoff then
      if isList then redis.call("LREM", KEYS[1], 0, id) else redis.call("ZREM", KEYS[1], id) end
      redis.call("ZREM", KEYS[2], id)
      redis.call("DEL", jobKey, jobKey .. ":logs")
      removed[#removed + 1] = id
    end
  end
end
return removed
