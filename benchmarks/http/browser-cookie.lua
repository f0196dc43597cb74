-- Sends cookies as a browser would: starting from those given in RAPPORT_COOKIE ("a=1; b=2", taken from the sign-in),
-- and keeping whatever a response sets again. The session cookie is re-issued when its security stamp is checked (once
-- a minute, AccountsSetup), and the anti-forgery cookie is set when a page with a form finds none; a fixed header would
-- send the old ones for ever and pay for both on every request, which no browser does.
local names, values = {}, {}
for name, value in string.gmatch(os.getenv("RAPPORT_COOKIE") or "", "([^=;%s]+)=([^;]*)") do
  names[#names + 1] = name
  values[name] = value
end

local function header()
  local parts = {}
  for _, name in ipairs(names) do
    parts[#parts + 1] = name .. "=" .. values[name]
  end
  return table.concat(parts, "; ")
end

local cookie = header()

function request()
  return wrk.format(nil, nil, { ["Cookie"] = cookie })
end

-- wrk hands over one Set-Cookie per response (the last); with the anti-forgery cookie sent, that is the session's.
function response(status, headers, body)
  local set = headers["Set-Cookie"]
  if set then
    local name, value = set:match("^([^=;%s]+)=([^;]*)")
    if not name then
      return
    end
    local lower = set:lower()
    -- A cookie set empty, with Max-Age=0 or already expired (ASP.NET Core deletes with a 1970 date) is dropped.
    if value == "" or lower:find("max%-age=0") or lower:find("1970") then
      if values[name] then
        values[name] = nil
        for i, n in ipairs(names) do
          if n == name then
            table.remove(names, i)
            break
          end
        end
        cookie = header()
      end
      return
    end
    if not values[name] then
      names[#names + 1] = name
    end
    values[name] = value
    cookie = header()
  end
end
