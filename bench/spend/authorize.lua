-- wrk: POST /spend/authorize for one member (args: jwt, org id, member id)
function init(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/orgs/" .. args[2] .. "/spend/authorize"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"memberId":"' .. args[3] .. '","amountCents":100}'
end

function response(status, headers, body)
  if status ~= 200 then
    error("authorize answered " .. status .. ": " .. body)
  end
end
