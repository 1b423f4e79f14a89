-- POSTs the JSON body in the file CATALOG_BODY to CATALOG_PATH, with the API key from CATALOG_KEY if it is set.
local report = require("report")

local key = os.getenv("CATALOG_KEY")
local path = os.getenv("CATALOG_PATH")
local body

function init(args)
  local file = assert(io.open(os.getenv("CATALOG_BODY"), "r"))
  body = file:read("*a")
  file:close()
end

function request()
  local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
  if key and key ~= "" then
    headers["Authorization"] = "Bearer " .. key
  end
  return wrk.format("POST", path, headers, body)
end

done = report.done
