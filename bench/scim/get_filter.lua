-- wrk: GET /scim/v2/Users?filter=userName eq "load-N@bench.test" for random existing N
function init(args)
  token = args[1]
  users = tonumber(args[2])
  math.randomseed(os.time())
end

function request()
  local n = math.random(1, users)
  return wrk.format("GET", "/scim/v2/Users?filter=userName%20eq%20%22load-" .. n .. "%40bench.test%22", {
    ["Authorization"] = "Bearer " .. token
  })
end

function response(status, headers, body)
  if status ~= 200 then
    print("unexpected status " .. status)
  end
end
