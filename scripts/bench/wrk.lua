-- What each request asks for, what counts as an error, and one JSON line when the run is done.
--
-- Arguments (after "--" on wrk's command line): a draw, then for the last two a file of
-- requests, one a line, "<path>\t<cookie>" (the cookie may be empty; the path replaces the one
-- in the URL), the number of threads, and "unique" or "repeat":
--   same            the URL given to wrk, every time (no file)
--   unique          the URL with &n=<thread>-<count>: a different address each time
--   cycle           the lines in turn, each thread starting at its own place; with "unique", a
--                   line used again gets &n=<round>, so that no address is asked twice
--   skewed          lines drawn at random, the first far more often than the last: the line at
--                   rank r with weight 1 / r^0.8, as popularity falls off on the web (Breslau et
--                   al., "Web caching and Zipf-like distributions", 1999)
--
-- wrk counts socket errors and answers of 400 and above. A signed-in page that sends the
-- visitor to the sign-in page answers 302, which wrk would count as a success: count those here.
-- An answer with an Age header came from the portal's page cache, not from the page's view.

local threads = {}
local SKEW = 0.8

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

local function read_lines(name)
   local lines = {}
   for line in io.lines(name) do
      local path, cookie = line:match("^([^\t]*)\t?(.*)$")
      table.insert(lines, {path = path, cookie = cookie})
   end
   return lines
end

local function with_parameter(path, value)
   local separator = string.find(path, "?", 1, true) and "&" or "?"
   return path .. separator .. "n=" .. value
end

function init(args)
   login_redirects = 0
   kept_copies = 0
   sent = 0
   draw = args[1] or "same"
   if draw == "cycle" or draw == "skewed" then
      lines = read_lines(args[2])
      unique = args[4] == "unique"
   end
   if draw == "cycle" then
      -- Threads start evenly spaced through the lines (wrk numbers them from 1).
      position = math.floor((id - 1) * #lines / tonumber(args[3]))
   elseif draw == "skewed" then
      math.randomseed(os.time() + id * 7919)
      cumulative = {}
      local total = 0
      for rank = 1, #lines do
         total = total + 1 / rank ^ SKEW
         cumulative[rank] = total
      end
   end
end

local function skewed_line()
   local target = math.random() * cumulative[#cumulative]
   local low, high = 1, #cumulative
   while low < high do
      local middle = math.floor((low + high) / 2)
      if cumulative[middle] < target then low = middle + 1 else high = middle end
   end
   return lines[low]
end

local function request_for(line, path)
   local headers = {}
   for name, value in pairs(wrk.headers) do
      headers[name] = value
   end
   if line.cookie ~= "" then
      headers["Cookie"] = line.cookie
   end
   return wrk.format(nil, path, headers)
end

function request()
   sent = sent + 1
   if draw == "unique" then
      return wrk.format(nil, with_parameter(wrk.path, id .. "-" .. sent))
   elseif draw == "cycle" then
      local line = lines[position % #lines + 1]
      local round = math.floor(position / #lines)
      position = position + 1
      local path = line.path
      if unique and round > 0 then
         path = with_parameter(path, id .. "-" .. round)
      end
      return request_for(line, path)
   elseif draw == "skewed" then
      local line = skewed_line()
      return request_for(line, line.path)
   end
   return wrk.format()
end

function response(status, headers, body)
   if status >= 300 and status < 400 then
      local location = headers["Location"] or headers["location"] or ""
      if string.find(location, "/accounts/login/", 1, true) then
         login_redirects = login_redirects + 1
      end
   end
   if headers["Age"] or headers["age"] then
      kept_copies = kept_copies + 1
   end
end

function done(summary, latency, requests)
   local redirects, kept = 0, 0
   for _, thread in ipairs(threads) do
      redirects = redirects + thread:get("login_redirects")
      kept = kept + thread:get("kept_copies")
   end
   local errors = summary.errors
   local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, ' ..
      '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, ' ..
      '"status_errors": %d, "login_redirects": %d, "errors": %d, "kb_per_response": %.1f, ' ..
      '"kept_copies": %d}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      socket_errors, errors.status, redirects, socket_errors + errors.status + redirects,
      summary.bytes / math.max(summary.requests, 1) / 1024, kept))
end
