#!/usr/bin/env bash
# HTTP load figures for docs/performance.md: wrk on loopback against a Release build.
# Usage: benchmarks/http/run.sh [seconds per run, default 15]
# Needs: wrk (apt-get install wrk), curl, python3. Runs on SQLite (the embedded default).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
port=5099
work=$(mktemp -d /tmp/rapport-wrk.XXXXXX)
trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish src/Rapport.Web -c Release -o "$work/app" -v quiet -nologo >/dev/null
common=(--urls "http://127.0.0.1:$port" --ConnectionStrings:Rapport="Data Source=$work/rapport.db"
        --Smtp:PickupDirectory="$work/mail" --App:BaseUrl="http://127.0.0.1:$port"
        --Audit:AllowGeneratedKey=true --Audit:GeneratedKeyFile="$work/audit-signing-key.pem" --Audit:CheckpointDirectory="$work/checkpoints")

# 1. Seed the demo clinic once (Development), then serve it as Production would.
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Development exec dotnet Rapport.Web.dll "${common[@]}" >"$work/seed.log" 2>&1) & app=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.5; done
kill $app; wait $app 2>/dev/null || true
while curl -s -o /dev/null "http://127.0.0.1:$port/health/live"; do sleep 0.2; done
(cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll "${common[@]}" \
   --Smtp:UsePickupFolder=true --DataProtection:AllowUnprotectedKeys=true --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1) & app=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do sleep 0.5; done

run() { # name, path, [cookies as a browser holds them after the sign-in]
  local args=(-t2 -c16 -d"${secs}s" --latency)
  [ -n "${3:-}" ] && args+=(-s benchmarks/http/browser-cookie.lua) && export RAPPORT_COOKIE="$3"
  wrk "${args[@]}" "http://127.0.0.1:$port$2" >"$work/$1.txt"
  python3 - "$1" "$2" "$work/$1.txt" <<'PY'
import re, sys
name, path, text = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
p99 = re.search(r"99%\s+([\d.]+\w+)", text).group(1)
p50 = re.search(r"50%\s+([\d.]+\w+)", text).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"| {name} | `{path}` | {float(rps):,.0f} | {p50} | {p99} | {non2xx.group(1) if non2xx else 0} |")
PY
}

echo "| Endpoint | Path | Requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|---|"
run "warm-up" /account/sign-in >/dev/null
run "bare minimal API" /health/live
run "health (database check)" /health
run "sign-in page" /account/sign-in
# Sign in as the demo patient (anti-forgery token from the form), then load their home with that cookie.
jar="$work/jar"
html=$(curl -s -c "$jar" "http://127.0.0.1:$port/account/sign-in")
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$port/account/sign-in" \
  --data-urlencode "Input.Email=alex.rivera@demo.rapport.test" --data-urlencode "Input.Password=calm-harbour-lantern-42" \
  --data-urlencode "__RequestVerificationToken=$token"
# Every cookie the browser now holds (the session and the anti-forgery cookie); browser-cookie.lua keeps them current.
grep -q $'\t__Host-rapport\t' "$jar" || { echo "sign-in for the benchmark failed" >&2; exit 1; }
cookie=$(awk -F'\t' 'NF>=7 && $6 ~ /^__Host-rapport/ {printf "%s%s=%s", sep, $6, $7; sep="; "} END{print ""}' "$jar")
run "signed-in patient home (warm-up)" /patient "$cookie" >/dev/null
run "signed-in patient home" /patient "$cookie"
# The same patient's plan: alex.rivera is in the middle phase, so the page shows a full course.
run "patient's plan (warm-up)" /my-plan "$cookie" >/dev/null
run "patient's plan" /my-plan "$cookie"
