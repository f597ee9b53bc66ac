-- Removes one job from every state (Bull's removeJob); refuses while another worker holds it.
-- KEYS: 1 active, 2 wait, 3 delayed, 4 paused, 5 completed, 6 failed, 7 priority, 8 job, 9 stalled
-- ARGV: 1 id, 2 token
-- Returns 1 removed, 0 locked or missing.
local lock = redis.call("GET", KEYS[8] .. ":lock")
if lock and lock ~= ARGV[2] then return 0 end
if redis.call("EXISTS", KEYS[8]) == 0 then return 0 end
redis.call("LREM", KEYS[1], 0, ARGV[1])
redis.call("LREM", KEYS[2], 0, ARGV[1])
redis.call("ZREM", KEYS[3], ARGV[1])
redis.call("LREM", KEYS[4], 0, ARGV[1])
redis.call("ZREM", KEYS[5], ARGV[1])
redis.call("ZREM", KEYS[6], ARGV[1])
redis.call("ZREM", KEYS[7], ARGV[1])
redis.call("SREM", KEYS[9], ARGV[1])
redis.call("DEL", KEYS[8], KEYS[8] .. ":logs", KEYS[8] .. ":lock")
return 1
