-- Sends the idea form with the session's CSRF token and a new idempotency key
-- per request, so every request stores one idea. wrk itself reports answers
-- that are not 2xx/3xx; the app answers a stored idea with 303.
local token = os.getenv("CSRF_TOKEN")
local form_time = os.getenv("FORM_TIME")
local cookie = os.getenv("SESSION_COOKIE")
local counter = 0

-- Every wrk thread runs its own copy of this script with the same random
-- seed; without a seed of its own each thread would send the same keys (and
-- the app would rightly store each idea once).
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  counter = counter + 1
  local key = string.format("%08x%08x%d", math.random(0, 0x7fffffff), os.time(), counter)
  local body = "csrf_token=" .. encode(token)
    .. "&skjema_tid=" .. encode(form_time)
    .. "&idempotency_key=" .. key
    .. "&title=" .. encode("Lasttest av innsending")
    .. "&body=" .. encode("En idé som sendes mange ganger for å måle hvor raskt den lagres.")
    .. "&group=innbygger"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end
