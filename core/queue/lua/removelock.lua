-- Releases a job's lock if `token` holds it. -2: no lock, -6: another worker's lock.
-- Token "0" skips the check (operator actions).
local function removeLock(jobKey, stalledKey, token, jobId)
  if token ~= "0" then
    local lockKey = jobKey .. ":lock"
    local holder = redis.call("GET", lockKey)
    if holder == token then
      redis.call("DEL", lockKey)
      redis.call("SREM", stalledKey, jobId)
    elseif holder then
      return -6
    else
      return -2
    end
  end
  return 0
end
