-- POSTs outages as monitoring does when an alert fires: each request a new alert, with a source reference no
-- other request of any run carries, on the services listed one per line in the file CATALOG_SERVICES, round
-- robin, started at CATALOG_STARTED_AT and still ongoing. The API key comes from CATALOG_KEY.
local report = require("report")

local key = os.getenv("CATALOG_KEY")
local started_at = os.getenv("CATALOG_STARTED_AT")
local services = {}
local next_service = 1
local sent = 0

-- Runs once per thread in wrk's main state: every thread of every run gets its own prefix, a global of the
-- thread's state that request() reads.
local threads = 0
local run = nil
function setup(thread)
  if not run then
    local random = assert(io.open("/dev/urandom", "rb"))
    run = random:read(8):gsub(".", function(c) return string.format("%02x", c:byte()) end)
    random:close()
  end
  threads = threads + 1
  thread:set("prefix", run .. "-" .. threads)
end

function init(args)
  for line in io.lines(os.getenv("CATALOG_SERVICES")) do
    if line ~= "" then
      services[#services + 1] = line
    end
  end
  next_service = math.random(#services)
end

function request()
  sent = sent + 1
  local service = services[next_service]
  next_service = next_service % #services + 1
  local body = string.format(
    '{"serviceId":"%s","kind":"outage","priority":"P1","startedAt":"%s","summary":"Alert from monitoring: the service stopped answering its health probe.","source":{"system":"bench-monitoring","reference":"%s-%d"}}',
    service, started_at, prefix, sent)
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if key and key ~= "" then
    headers["Authorization"] = "Bearer " .. key
  end
  return wrk.format("POST", "/api/v1/outages", headers, body)
end

done = report.done
