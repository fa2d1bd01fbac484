-- wrk script for the API benchmark (bench/bench_api.py): one request, repeated, with the token.
--
--   CASUS_TOKEN=… CASUS_METHOD=POST CASUS_BODY='{"case_type": …}' \
--     wrk -t2 -c16 -d10s -s bench/wrk/api.lua http://127.0.0.1:8000/api/v1/cases/
--
-- CASUS_METHOD defaults to GET; CASUS_BODY (JSON) is sent with Content-Type application/json.
-- done() prints one line "CASUS_RESULT {json}" with the counts and the latency percentiles in
-- microseconds. wrk itself only counts statuses above 399 as errors; each thread here also counts every
-- answer outside 2xx (a redirect included), summed over the threads in done().

local token = os.getenv("CASUS_TOKEN") or error("CASUS_TOKEN is not set")
wrk.method = os.getenv("CASUS_METHOD") or "GET"
wrk.headers["Authorization"] = "Token " .. token
wrk.headers["Accept"] = "application/json"
local body = os.getenv("CASUS_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  first_bad = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == 0 then
      first_bad = status
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total, first_bad_status = 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    if first_bad_status == 0 then
      first_bad_status = thread:get("first_bad")
    end
  end
  local e = summary.errors
  io.write(string.format(
    'CASUS_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "non2xx": %d, "first_non2xx_status": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"min": %d, "mean": %.1f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes, non2xx_total, first_bad_status,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max
  ))
end
