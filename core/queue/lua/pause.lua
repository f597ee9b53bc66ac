-- Global pause / resume (Bull's pause): wait is renamed to paused and back.
-- KEYS: 1 from list, 2 to list, 3 meta-paused, 4 event channel, 5 meta
-- ARGV: 1 "paused" | "resumed"
if redis.call("EXISTS", KEYS[1]) == 1 then redis.call("RENAME", KEYS[1], KEYS[2]) end
if ARGV[1] == "paused" then
  redis.call("SET", KEYS[3], 1)
  redis.call("HSET", KEYS[5], "paused", 1)
else
  redis.call("DEL", KEYS[3])
  redis.call("HDEL", KEYS[5], "paused")
end
redis.call("PUBLISH", KEYS[4], ARGV[1])
return 0
