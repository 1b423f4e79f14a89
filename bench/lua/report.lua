-- Shared by every scenario: after the run, wrk prints one line the benchmark driver reads.
-- Latencies are in microseconds; "non2xx" counts answers outside 200-399 (wrk's status errors).
local report = {}

function report.done(summary, latency, requests)
  local seconds = summary.duration / 1000000
  io.write(string.format(
    'BENCH {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50":%d,"p99":%d,"max":%d,"non2xx":%d,"socketErrors":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

return report
