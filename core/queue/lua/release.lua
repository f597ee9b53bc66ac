-- Gives an unfinished job back on shutdown: unlock and put it at the front of the queue without
-- counting an attempt, so another worker takes it at once.
-- KEYS: 1 active, 2 wait, 3 job, 4 meta-paused, 5 paused, 6 stalled
-- ARGV: 1 id, 2 token
--!include removelock.lua
--!include targetlist.lua
local rc = removeLock(KEYS[3], KEYS[6], ARGV[2], ARGV[1])
if rc < 0 then return rc end
if redis.call("LREM", KEYS[1], -1, ARGV[1]) == 0 then return -3 end
redis.call("RPUSH", targetList(KEYS[2], KEYS[5], KEYS[4]), ARGV[1])
return 0
