-- KEYS: 1 job  ARGV: 1 progress json, 2 event payload, 3 channel
if redis.call("EXISTS", KEYS[1]) == 0 then return -1 end
redis.call("HSET", KEYS[1], "progress", ARGV[1])
redis.call("PUBLISH", ARGV[3], ARGV[2])
return 0
