-- POSTs the JSON body in the file CATALOG_BODY to CATALOG_PATH with the API key from CATALOG_KEY.
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
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }, body)
end

done = report.done
