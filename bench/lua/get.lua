-- GET requests over a list of targets, round robin, with the API key from CATALOG_KEY.
-- CATALOG_TARGETS names a file with one target per line: "path" or "path etag"; with
-- CATALOG_CONDITIONAL=1 each request carries If-None-Match with the line's etag; CATALOG_ACCEPT names the
-- media type asked for (application/json unless set); CATALOG_COOKIE, a cookie sent with each request (the
-- portal's session) instead of a key.
local report = require("report")

local key = os.getenv("CATALOG_KEY")
local cookie = os.getenv("CATALOG_COOKIE")
local conditional = os.getenv("CATALOG_CONDITIONAL") == "1"
local accept = os.getenv("CATALOG_ACCEPT") or "application/json"
local targets = {}
local next_target = 1

function init(args)
  for line in io.lines(os.getenv("CATALOG_TARGETS")) do
    local path, etag = line:match("^(%S+)%s*(.*)$")
    if path then
      targets[#targets + 1] = { path = path, etag = etag }
    end
  end
  -- Threads start at different places in the list.
  next_target = math.random(#targets)
end

function request()
  local target = targets[next_target]
  next_target = next_target % #targets + 1
  local headers = { ["Accept"] = accept }
  if key and key ~= "" then
    headers["Authorization"] = "Bearer " .. key
  end
  if cookie and cookie ~= "" then
    headers["Cookie"] = cookie
  end
  if conditional then
    headers["If-None-Match"] = target.etag
  end
  return wrk.format("GET", target.path, headers)
end

done = report.done
