-- wrk script: one JSON line with throughput, latency percentiles and errors, for deadline_day.py.
-- Any answer but the one expected (200, or 304 for a conditional request) counts as unexpected.
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  expected = tonumber(os.getenv("WRK_EXPECT") or "200")
  unexpected = 0
end

response = function(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("unexpected")
  end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "unexpected": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout,
    wrong, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
