#!/usr/bin/env bash
# Time from a risk answer to the clinician's e-mail leaving the outbox, under 16 concurrent submitters, on PostgreSQL.
# Release build, Production. The demo patient books a session with a demo therapist, so every answer raises an alert
# for an assigned clinician and queues their e-mail in the answer's own transaction; the outbox dispatcher is nudged
# after the commit and "sends" to a pickup folder (the SMTP hop itself is not measured). For each safety-alert e-mail
# the database gives the answer's time (AssessmentResponses.SubmittedAt, via the alert) and the time the dispatcher
# marked it sent (OutboxMessages.SentAt), both from the app's clock.
# Usage: PG="Host=127.0.0.1;Port=5432;Username=postgres" benchmarks/http/risk-to-mail.sh [answers per submitter, default 25]
# A throwaway database is created on that server and dropped at the end. Needs psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
per=${1:-25}
port=5098
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/rapport-risk-mail.XXXXXX)
: "${PG:?Set PG to a PostgreSQL connection string}"
database="rapport_riskmail_$$"
psql_args=$(python3 -c '
import sys
d = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
print("-h", d.get("Host", "127.0.0.1"), "-p", d.get("Port", "5432"), "-U", d.get("Username", "postgres"))' "$PG")
sql() { psql $psql_args -d "$database" -Atc "$1"; }
cleanup() {
  kill "${app:-0}" 2>/dev/null || true; wait 2>/dev/null || true
  psql $psql_args -d postgres -qc "drop database if exists $database" || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/Rapport.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
common=(--urls "$base" --Database:Provider=Postgres "--ConnectionStrings:Rapport=$PG;Database=$database" --Smtp:PickupDirectory="$work/mail" --App:BaseUrl="$base")
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development exec dotnet Rapport.Web.dll "${common[@]}" >"$work/seed.log" 2>&1) & app=$!
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done
kill $app; wait $app 2>/dev/null || true
while curl -s -o /dev/null "$base/health/live"; do sleep 0.2; done
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll "${common[@]}" --Smtp:UsePickupFolder=true \
   --DataProtection:AllowUnprotectedKeys=true --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1) & app=$!
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done

python3 - "$base" "$per" <<'PY'
import json, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, per = sys.argv[1], int(sys.argv[2])
def call(path, body=None, token=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read() or b"null")
_, t = call("/api/v1/auth/token", {"email": "alex.rivera@demo.rapport.test", "password": "calm-harbour-lantern-42"})
token = t["accessToken"]
_, page = call("/api/v1/therapists?language=en", token=token)
first = next(x for x in page["items"] if x["nextFree"])
call("/api/v1/appointments", {"therapistId": first["id"], "start": first["nextFree"]["startUtc"]}, token)
answer = {"answers": [1, 1, 0, 1, 0, 0, 0, 0, 2, None]}
for _ in range(5):
    call("/api/v1/assessments/phq-9/responses", answer, token)  # warm-up
def submitter(_):
    codes = []
    for _ in range(per):
        codes.append(call("/api/v1/assessments/phq-9/responses", answer, token)[0])
    return codes
start = time.time()
with ThreadPoolExecutor(16) as pool:
    codes = [c for cs in pool.map(submitter, range(16)) for c in cs]
print(f"16 submitters x {per} risk answers in {time.time() - start:.1f} s; statuses: {sorted(set(codes))}")
PY
# Let the dispatcher drain what is still queued.
for i in $(seq 1 60); do
  [ "$(sql "select count(*) from \"OutboxMessages\" where \"SentAt\" is null and \"CorrelationKey\" like 'safety-alert:%'")" = 0 ] && break
  sleep 1
done
sql "
with t as (
  select extract(epoch from (m.\"SentAt\" - r.\"SubmittedAt\")) * 1000 as ms
  from \"OutboxMessages\" m
  join \"SafetyAlerts\" a on m.\"CorrelationKey\" = 'safety-alert:' || replace(a.\"Id\"::text, '-', '')
  join \"AssessmentResponses\" r on r.\"Id\" = a.\"ResponseId\")
select format('e-mails %s, unsent %s; answer to sent: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms',
  count(*), (select count(*) from \"OutboxMessages\" where \"SentAt\" is null and \"CorrelationKey\" like 'safety-alert:%'),
  round(percentile_cont(0.5) within group (order by ms)::numeric), round(percentile_cont(0.95) within group (order by ms)::numeric),
  round(percentile_cont(0.99) within group (order by ms)::numeric), round(max(ms)::numeric)) from t"
echo "risk answers without their alert: $(sql 'select count(*) from "AssessmentResponses" r where r."Risk" > 0 and not exists (select 1 from "SafetyAlerts" a where a."ResponseId" = r."Id")')"
errors=$(grep -cE '^(fail|crit)' "$work/app.log" || true)
echo "app errors logged: $errors"
[ "$errors" = 0 ] || grep -E -A8 '^(fail|crit)' "$work/app.log" | head -40
