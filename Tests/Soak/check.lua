-- wrk script: every response must have the status in $EXPECT; counts the ones that do not.
-- done() prints one line: "class=<CLASS> requests=<n> mismatches=<m> first_bad=<status> errors=<socket errors>"
-- (non-2xx statuses are expected for most classes, so they are not counted as errors).
local expect = tonumber(os.getenv("EXPECT"))
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  mismatches = 0
  first_bad = 0
end

function response(status, headers, body)
  if status ~= expect then
    mismatches = mismatches + 1
    if first_bad == 0 then first_bad = status end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("mismatches")
    if thread:get("first_bad") ~= 0 then first = thread:get("first_bad") end
  end
  io.write(string.format("class=%s requests=%d mismatches=%d first_bad=%s errors=%d\n", os.getenv("CLASS"),
    summary.requests, bad, tostring(first or 0),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
