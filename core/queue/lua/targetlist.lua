-- wait, or paused while the queue is globally paused (meta-paused exists).
local function targetList(waitKey, pausedKey, metaPausedKey)
  if redis.call("EXISTS", metaPausedKey) == 1 then return pausedKey end
  return waitKey
end
