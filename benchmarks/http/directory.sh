#!/usr/bin/env bash
# Directory search with availability over 1,000 therapists holding 90 days of bookings each, on PostgreSQL,
# under wrk with 16 connections (the target in docs/performance.md, "Booking": p95 under 100 ms). Starts its own throwaway PostgreSQL.
# Usage: benchmarks/http/directory.sh [seconds per run, default 20]. Needs wrk, python3, PostgreSQL (apt).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-20}
port=5098
work=$(mktemp -d /tmp/rapport-dir.XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
chown postgres:postgres "$work"
cleanup() { kill "${app:-0}" 2>/dev/null || true; runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pgport -k $work -c listen_addresses=127.0.0.1" start >/dev/null
cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=rapport"

dotnet publish src/Rapport.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll --migrate --Database:Provider=Postgres \
  "--ConnectionStrings:Rapport=$cs" --Smtp:UsePickupFolder=true --DataProtection:AllowUnprotectedKeys=true >"$work/migrate.log" 2>&1)
psql -q -h 127.0.0.1 -p "$pgport" -U postgres -d rapport -f benchmarks/http/seed-directory.sql
echo "appointments: $(psql -At -h 127.0.0.1 -p "$pgport" -U postgres -d rapport -c 'select count(*) from "Appointments"')" >&2

(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll --urls "http://127.0.0.1:$port" --Database:Provider=Postgres \
  "--ConnectionStrings:Rapport=$cs" --Smtp:UsePickupFolder=true --DataProtection:AllowUnprotectedKeys=true \
  --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1) & app=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.5; done

run() { # name, path
  wrk -t2 -c16 -d"${secs}s" --latency -s benchmarks/http/p95.lua "http://127.0.0.1:$port$1" >"$work/out.txt"
  python3 - "$2" "$1" "$work/out.txt" <<'PY'
import re, sys
name, path, text = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p50 = re.search(r"50%\s+([\d.]+\w+)", text).group(1)
p95 = re.search(r"p95_ms ([\d.]+)", text).group(1)
p99 = re.search(r"99%\s+([\d.]+\w+)", text).group(1)
err = re.search(r"errors (\d+)", text).group(1)
print(f"| {name} | `{path}` | {rps:,.0f} | {p50} | {p95}ms | {p99} | {err} |")
PY
}
run "/api/v1/therapists?language=en" "warm-up" >/dev/null
for q in "/api/v1/therapists?language=en&page=7" "/api/v1/therapists?availableWithinDays=7&page=3"; do
  printf 'one at a time %s:' "$q" >&2
  for i in 1 2 3 4 5; do curl -s -o /dev/null -w ' %{time_total}' "http://127.0.0.1:$port$q" >&2; done; echo >&2
done
[ -n "${KEEP:-}" ] && { echo "app on http://127.0.0.1:$port, PostgreSQL on $pgport; Ctrl-C to stop" >&2; wait $app; }
echo "| Query | Path | Requests/s | p50 | p95 | p99 | errors |"
echo "|---|---|---|---|---|---|---|"
run "/api/v1/therapists?language=en&page=7" "page of 10 with next free time (28 days)"
run "/api/v1/therapists?language=en&condition=perinatal&availableWithinDays=14" "available within 14 days (all 500 candidates)"
run "/api/v1/therapists?availableWithinDays=7&page=3" "available within 7 days (all 1,000)"
