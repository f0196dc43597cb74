#!/usr/bin/env bash
# Time from submitting a risk answer to the alert row existing: the alert is written in the same transaction as
# the answer (AssessmentService.SubmitAsync; proven by RiskAnswerTests), so that time is the POST's own time.
# Release build, Production, SQLite (WAL) by default. The demo patient books a session with a demo therapist first,
# so every answer raises an alert for an assigned therapist and queues their e-mail.
# Usage: benchmarks/http/risk-answer.sh [seconds per wrk run, default 15]. Needs wrk, curl, python3.
# On PostgreSQL: PG="Host=127.0.0.1;Port=5432;Username=postgres" benchmarks/http/risk-answer.sh (a throwaway database
# is created on that server and dropped at the end; needs psql).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
port=5097
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/rapport-risk.XXXXXX)
if [ -n "${PG:-}" ]; then
  database="rapport_risk_$$"
  psql_args=$(python3 -c '
import sys
d = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
print("-h", d.get("Host", "127.0.0.1"), "-p", d.get("Port", "5432"), "-U", d.get("Username", "postgres"))' "$PG")
  store=(--Database:Provider=Postgres "--ConnectionStrings:Rapport=$PG;Database=$database")
  sql() { psql $psql_args -d "$database" -Atc "$1"; }
else
  store=(--ConnectionStrings:Rapport="Data Source=$work/rapport.db")
  sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$work/rapport.db" "$1"; }
fi
cleanup() {
  kill "${app:-0}" 2>/dev/null || true; wait 2>/dev/null || true
  [ -n "${database:-}" ] && psql $psql_args -d postgres -qc "drop database if exists $database" || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet publish src/Rapport.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
common=(--urls "$base" "${store[@]}" --Smtp:PickupDirectory="$work/mail" --App:BaseUrl="$base")

# Seed the demo clinic once (Development), then serve it as Production would.
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development exec dotnet Rapport.Web.dll "${common[@]}" >"$work/seed.log" 2>&1) & app=$!
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done
kill $app; wait $app 2>/dev/null || true
while curl -s -o /dev/null "$base/health/live"; do sleep 0.2; done
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll "${common[@]}" \
   --Smtp:UsePickupFolder=true --DataProtection:AllowUnprotectedKeys=true --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1) & app=$!
until curl -sf "$base/health" >/dev/null; do sleep 0.5; done

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
TOKEN=$(curl -sf "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"alex.rivera@demo.rapport.test","password":"calm-harbour-lantern-42"}' | json 'd["accessToken"]')
export TOKEN
auth=(-H "Authorization: Bearer $TOKEN")
read -r therapist start < <(curl -sf "${auth[@]}" "$base/api/v1/therapists?language=en" \
  | json '" ".join(next((t["id"], t["nextFree"]["startUtc"]) for t in d["items"] if t["nextFree"]))')
curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"therapistId\":\"$therapist\",\"start\":\"$start\"}" \
  "$base/api/v1/appointments" -o /dev/null

post() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"answers":[1,1,0,1,0,0,0,0,2,null]}' "$base/api/v1/assessments/phq-9/responses"; }
for i in $(seq 1 20); do post >/dev/null; done # warm-up
echo "one at a time (200 sequential POSTs, curl time_total):"
for i in $(seq 1 200); do post; done | python3 -c '
import sys
rows = [l.split() for l in sys.stdin]
assert all(r[0] == "201" for r in rows), rows
t = sorted(float(r[1]) * 1000 for r in rows)
print(f"  p50 {t[len(t)//2]:.1f} ms, p95 {t[int(len(t)*0.95)]:.1f} ms, max {t[-1]:.1f} ms")'

run() { # label, threads, connections
  wrk -t"$2" -c"$3" -d"${secs}s" --latency -s benchmarks/http/risk-answer.lua "$base/api/v1/assessments/phq-9/responses" >"$work/out.txt"
  python3 - "$1" "$work/out.txt" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = re.search(r"50%\s+([\d.]+\w+)", text).group(1)
p95 = re.search(r"p95_ms ([\d.]+)", text).group(1)
p99 = re.search(r"99%\s+([\d.]+\w+)", text).group(1)
err = re.search(r"errors (\d+)", text).group(1)
print(f"| {name} | {rps:,.0f} | {p50} | {p95}ms | {p99} | {err} |")
PY
}
echo "| Load | Requests/s | p50 | p95 | p99 | errors |"
echo "|---|---|---|---|---|---|"
wrk -t1 -c1 -d"${secs}s" --latency -s benchmarks/http/p95.lua -H "Authorization: Bearer $TOKEN" "$base/api/v1/instruments" >"$work/out.txt"
python3 - "$work/out.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50, p99 = re.search(r"50%\s+([\d.]+\w+)", text).group(1), re.search(r"99%\s+([\d.]+\w+)", text).group(1)
p95 = re.search(r"p95_ms ([\d.]+)", text).group(1)
print(f"| reference: GET /api/v1/instruments, 1 connection | {rps:,.0f} | {p50} | {p95}ms | {p99} | 0 |")
PY
run "1 connection" 1 1
run "16 connections" 2 16
answers=$(sql 'select count(*) from "AssessmentResponses"')
alerts=$(sql 'select count(*) from "SafetyAlerts" where "AssignedTherapistId" is not null')
orphans=$(sql 'select count(*) from "AssessmentResponses" r where not exists (select 1 from "SafetyAlerts" a where a."ResponseId" = r."Id")')
echo "stored: $answers answers, $alerts alerts to the assigned therapist, $orphans answers without their alert"
errors=$(grep -cE '^(fail|crit)' "$work/app.log" || true)
echo "app errors logged: $errors"
[ "$errors" = 0 ] || grep -E -A8 '^(fail|crit)' "$work/app.log" | head -40
