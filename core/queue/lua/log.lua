-- KEYS: 1 job, 2 logs  ARGV: 1 line, 2 keep (0 = all)
if redis.call("EXISTS", KEYS[1]) == 0 then return -1 end
local n = redis.call("RPUSH", KEYS[2], ARGV[1])
local keep = tonumber(ARGV[2])
if keep > 0 and n > keep then
  redis.call("LTRIM", KEYS[2], -keep, -1)
  n = keep
end
return n
