-- A worker that stops gives back what its staging list holds, and is marked gone so the next
-- staging sweep also takes a job a BRPOPLPUSH moved there after this ran (then forgets it).
-- KEYS: 1 staging, 2 wait, 3 paused, 4 meta-paused, 5 staging workers
-- ARGV: 1 token
--!include targetlist.lua
--!include unstage.lua
redis.call("ZADD", KEYS[5], 0, ARGV[1])
return unstage(KEYS[1], targetList(KEYS[2], KEYS[3], KEYS[4]))
