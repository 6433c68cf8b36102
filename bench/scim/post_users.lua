-- wrk: POST /scim/v2/Users with a fresh userName each time
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function request()
  counter = counter + 1
  local name = "wrk-" .. tid .. "-" .. counter .. "-" .. math.random(1, 1000000000) .. "@bench.test"
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. name ..
    '","name":{"givenName":"Load","familyName":"Test"},"emails":[{"primary":true,"type":"work","value":"' .. name ..
    '"}],"displayName":"Load Test","active":true}'
  return wrk.format("POST", "/scim/v2/Users", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/scim+json"
  }, body)
end

function init(args)
  token = args[1]
  math.randomseed(os.time() + (tid or 0) * 7919)
end
