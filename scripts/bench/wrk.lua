-- Counts what wrk does not call an error, and prints one JSON line when the run is done.
--
-- wrk counts socket errors and answers of 400 and above. A signed-in page that sends the
-- visitor to the sign-in page answers 302, which wrk would count as a success: count those here.
--
-- With the argument "unique", each request asks a different address (&n=<thread>-<count>), so
-- that the page is made for every request instead of being answered from a kept copy.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   login_redirects = 0
   unique = args[1] == "unique"
   sent = 0
end

function request()
   if not unique then
      return wrk.format()
   end
   sent = sent + 1
   local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
   return wrk.format(nil, wrk.path .. separator .. "n=" .. id .. "-" .. sent)
end

function response(status, headers, body)
   if status >= 300 and status < 400 then
      local location = headers["Location"] or headers["location"] or ""
      if string.find(location, "/accounts/login/", 1, true) then
         login_redirects = login_redirects + 1
      end
   end
end

function done(summary, latency, requests)
   local redirects = 0
   for _, thread in ipairs(threads) do
      redirects = redirects + thread:get("login_redirects")
   end
   local errors = summary.errors
   local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.2f, ' ..
      '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "socket_errors": %d, ' ..
      '"status_errors": %d, "login_redirects": %d, "errors": %d, "kb_per_response": %.1f}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      socket_errors, errors.status, redirects, socket_errors + errors.status + redirects,
      summary.bytes / math.max(summary.requests, 1) / 1024))
end
