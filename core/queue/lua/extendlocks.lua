-- Renews the locks of every job this worker runs, in one call (Bull's extendLock, batched).
-- KEYS: 1 stalled
-- ARGV: 1 prefix, 2 token, 3 lock ms, 4.. job ids
-- Returns the ids whose lock this worker no longer holds.
local lost = {}
for i = 4, #ARGV do
  local lockKey = ARGV[1] .. ARGV[i] .. ":lock"
  if redis.call("GET", lockKey) == ARGV[2] then
    redis.call("SET", lockKey, ARGV[2], "PX", ARGV[3])
    redis.call("SREM", KEYS[1], ARGV[i])
  else
    lost[#lost + 1] = ARGV[i]
  end
end
return lost
