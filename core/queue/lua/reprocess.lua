-- Retries one finished job (Bull's job.retry()): keeps attemptsMade, clears the outcome.
-- KEYS: 1 job, 2 lock, 3 failed|completed set, 4 wait, 5 meta-paused, 6 paused
-- ARGV: 1 id, 2 "1" LIFO, 3 token, 4 now
-- Returns 1 ok, 0 no such job, -1 locked, -2 not in that set.
--!include targetlist.lua
if redis.call("EXISTS", KEYS[1]) == 0 then return 0 end
if redis.call("EXISTS", KEYS[2]) == 1 then return -1 end
if redis.call("ZREM", KEYS[3], ARGV[1]) == 0 then return -2 end
redis.call("HDEL", KEYS[1], "finishedOn", "processedOn", "failedReason")
redis.call("HSET", KEYS[1], "retriedOn", ARGV[4])
local target = targetList(KEYS[4], KEYS[6], KEYS[5])
if ARGV[2] == "1" then redis.call("RPUSH", target, ARGV[1]) else redis.call("LPUSH", target, ARGV[1]) end
redis.call("PUBLISH", KEYS[4] .. "ing@" .. ARGV[3], ARGV[1])
return 1
