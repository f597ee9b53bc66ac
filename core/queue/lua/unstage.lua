-- Puts jobs left in a worker's staging list (a fetch cut off between its BRPOPLPUSH and the
-- activation behind it) back at the front of the queue: they were next when it popped them.
local function unstage(stagingKey, target)
  local ids = {}
  local id = redis.call("RPOP", stagingKey)
  while id do
    redis.call("RPUSH", target, id)
    ids[#ids + 1] = id
    id = redis.call("RPOP", stagingKey)
  end
  return ids
end
