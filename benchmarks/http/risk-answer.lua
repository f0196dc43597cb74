-- POSTs a PHQ-9 whose item 9 is "more than half the days": each request stores an answer, its safety alert and
-- the therapist's e-mail in one transaction. TOKEN is the demo patient's bearer token.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"answers":[1,1,0,1,0,0,0,0,2,null]}'

done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("requests %d errors %d\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
