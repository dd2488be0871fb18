-- wrk script for bench/serve.sh: requests the paths in $PATHS (space
-- separated) in turn, and prints p50/p99/max latency, rate and errors.
local paths = {}
for p in string.gmatch(os.getenv("PATHS") or "/", "%S+") do table.insert(paths, p) end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "p50 %.1f ms  p99 %.1f ms  max %.1f ms  %d requests (%.0f/s)  errors: %d (connect %d, read %d, write %d, non-2xx %d, timeout %d)\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.requests / (summary.duration / 1e6),
    e.connect + e.read + e.write + e.status + e.timeout, e.connect, e.read, e.write, e.status, e.timeout))
end
