-- For a job being started: its hash fields as they read once processedOn is set, and the job out
-- of the priority set, where it is only when it was added with a priority (no call otherwise).
local function startedJob(fields, jobId, now, priorityKey)
  local replaced = false
  for f = 1, #fields, 2 do
    local name = fields[f]
    if name == "priority" and fields[f + 1] ~= "0" then
      redis.call("ZREM", priorityKey, jobId)
    elseif name == "processedOn" then
      fields[f + 1] = now
      replaced = true
    end
  end
  if not replaced then fields[#fields + 1] = "processedOn"; fields[#fields + 1] = now end
end
