-- removeOnComplete / removeOnFail: keep at most `count` jobs (-1: all) younger than `age`
-- seconds (0: any age) in the finished set; delete the rest with their logs.
local function removeJobKeys(prefix, jobId)
  redis.call("DEL", prefix .. jobId, prefix .. jobId .. ":logs")
end

local function trimFinished(setKey, prefix, count, ageSeconds, now)
  if ageSeconds > 0 then
    local cutoff = now - ageSeconds * 1000
    local old = redis.call("ZRANGEBYSCORE", setKey, "-inf", cutoff)
    for _, id in ipairs(old) do removeJobKeys(prefix, id) end
    if #old > 0 then redis.call("ZREMRANGEBYSCORE", setKey, "-inf", cutoff) end
  end
  if count > 0 then
    local extra = redis.call("ZREVRANGE", setKey, count, -1)
    for _, id in ipairs(extra) do removeJobKeys(prefix, id) end
    if #extra > 0 then redis.call("ZREMRANGEBYRANK", setKey, 0, -(count + 1)) end
  end
end
