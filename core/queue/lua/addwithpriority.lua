-- Inserts jobId into `target` behind every waiting job of equal or higher urgency (lower
-- number), as Bull v4 orders its wait list: the same list content Bull would produce.
-- Bull finds the spot with LINDEX/LINSERT from the list's head, O(backlog). The prioritised jobs
-- sit at the tail (the front of the queue), so here the few jobs ahead are popped off the tail
-- and pushed back around the new id: O(jobs ahead), whatever the backlog behind them. When more
-- jobs are ahead than behind, LINSERT (which scans from the head) is the cheaper way.
local function addJobWithPriority(target, priorityKey, priority, jobId)
  redis.call("ZADD", priorityKey, priority, jobId)
  local ahead = redis.call("ZCOUNT", priorityKey, 0, priority) - 1
  local len = redis.call("LLEN", target)
  if ahead <= 0 then
    redis.call("RPUSH", target, jobId)
  elseif ahead >= len then
    redis.call("LPUSH", target, jobId)
  elseif ahead <= len - ahead then
    local popped = {}
    for i = 1, ahead do popped[i] = redis.call("RPOP", target) end
    redis.call("RPUSH", target, jobId)
    for i = ahead, 1, -1 do redis.call("RPUSH", target, popped[i]) end
  else
    local pivot = redis.call("LINDEX", target, -ahead)
    redis.call("LINSERT", target, "BEFORE", pivot, jobId)
  end
end
