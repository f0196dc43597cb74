#!/usr/bin/env bash
# The floor of an audited, signed-in page (docs/performance.md, "The floor"): wrk on loopback against two Release
# builds on copies of one seeded demo clinic, side by side: the tree as it is, and a throwaway copy whose privacy page
# carries the same audit declaration as the patient home. Prints requests/s (with the ratio to the bare /health/live
# of the same run), p99 and the server's CPU per request for each row.
# Usage: benchmarks/http/floor.sh [seconds per row, default 15]
# Needs: wrk, curl, python3, git. Runs on SQLite (the embedded default).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
work=$(mktemp -d /tmp/rapport-floor.XXXXXX)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; git worktree remove --force "$work/audited-src" 2>/dev/null || true; rm -rf "$work"' EXIT

# The throwaway copy: this commit, plus one line on the privacy page.
git worktree add -q --detach "$work/audited-src" HEAD
sed -i '1a @attribute [Rapport.Web.Features.Audit.Audited(Rapport.Web.Features.Audit.AuditAction.ReadPatientHome, PatientIsCaller = true)]' \
  "$work/audited-src/src/Rapport.Web/Features/Platform/Pages/Privacy.cshtml"
dotnet publish src/Rapport.Web -c Release -o "$work/plain/app" -v quiet -nologo >/dev/null
dotnet publish "$work/audited-src/src/Rapport.Web" -c Release -o "$work/audited/app" -v quiet -nologo >/dev/null

args() { # work dir, port: sets the array "a" to the options both builds are started with
  a=(--urls "http://127.0.0.1:$2" --ConnectionStrings:Rapport="Data Source=$1/rapport.db" --Smtp:PickupDirectory="$1/mail"
     --App:BaseUrl="http://127.0.0.1:$2" --Audit:AllowGeneratedKey=true --Audit:GeneratedKeyFile="$1/audit-signing-key.pem"
     --Audit:CheckpointDirectory="$1/checkpoints")
}
# Seed the demo clinic once (Development), then give the audited build a copy of it.
args "$work/plain" 5097
(cd "$work/plain/app" && ASPNETCORE_ENVIRONMENT=Development exec dotnet Rapport.Web.dll "${a[@]}" >"$work/seed.log" 2>&1) & seed=$!
until curl -sf "http://127.0.0.1:5097/health" >/dev/null; do kill -0 $seed 2>/dev/null || { cat "$work/seed.log" >&2; exit 1; }; sleep 0.5; done
kill $seed; wait $seed 2>/dev/null || true
while curl -s -o /dev/null "http://127.0.0.1:5097/health/live"; do sleep 0.2; done
cp -r "$work/plain/rapport.db"* "$work/plain/audit-signing-key.pem" "$work/audited/"
[ -d "$work/plain/checkpoints" ] && cp -r "$work/plain/checkpoints" "$work/audited/"

serve() { # name, port
  args "$work/$1" "$2"
  (cd "$work/$1/app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Rapport.Web.dll "${a[@]}" \
     --Smtp:UsePickupFolder=true --DataProtection:AllowUnprotectedKeys=true --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1) &
  pids+=($!)
  echo $! >"$work/$1.pid"
  until curl -sf "http://127.0.0.1:$2/health" >/dev/null; do sleep 0.5; done
}
serve plain 5097
serve audited 5098

signin() { # port: the cookies a browser holds after signing in as the demo patient
  local jar="$work/jar-$1" html token
  html=$(curl -s -c "$jar" "http://127.0.0.1:$1/account/sign-in")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$html" | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$1/account/sign-in" \
    --data-urlencode "Input.Email=alex.rivera@demo.rapport.test" --data-urlencode "Input.Password=calm-harbour-lantern-42" \
    --data-urlencode "__RequestVerificationToken=$token"
  grep -q $'\t__Host-rapport\t' "$jar" || { echo "sign-in for the benchmark failed" >&2; exit 1; }
  awk -F'\t' 'NF>=7 && $6 ~ /^__Host-rapport/ {printf "%s%s=%s", sep, $6, $7; sep="; "} END{print ""}' "$jar"
}
plain_cookie=$(signin 5097)
audited_cookie=$(signin 5098)

live=1
row() { # label, server name, port, path, [cookie]; a row's servers are warmed by a run first
  local pid a b out rps p99 n cpu
  pid=$(cat "$work/$2.pid")
  local wrk_args=(-t2 -c16 -d"${secs}s" --latency)
  [ -n "${5:-}" ] && wrk_args+=(-s benchmarks/http/browser-cookie.lua) && export RAPPORT_COOKIE="$5"
  wrk "${wrk_args[@]}" "http://127.0.0.1:$3$4" >/dev/null
  a=$(awk '{print $14+$15}' "/proc/$pid/stat")
  out=$(wrk "${wrk_args[@]}" "http://127.0.0.1:$3$4")
  b=$(awk '{print $14+$15}' "/proc/$pid/stat")
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out"); p99=$(awk '$1=="99%"{print $2}' <<<"$out"); n=$(awk '/requests in/{print $1}' <<<"$out")
  cpu=$(python3 -c "print(round(1e6*($b-$a)/$(getconf CLK_TCK)/$n))")
  [ "$4" = /health/live ] && live=$rps
  python3 -c 'import sys; label, path, rps, live, p99, cpu = sys.argv[1:]
print(f"| {label} | `{path}` | {float(rps):,.0f} | {100 * float(rps) / float(live):.1f} % | {p99} | {cpu} µs |")' "$1" "$4" "$rps" "$live" "$p99" "$cpu"
}

echo "| Row | Path | Requests/s | Ratio to \`/health/live\` | p99 | CPU per request |"
echo "|---|---|---|---|---|---|"
row "bare minimal API" plain 5097 /health/live
row "signed in" plain 5097 /privacy "$plain_cookie"
row "signed in and audited" audited 5098 /privacy "$audited_cookie"
row "signed-in patient home" plain 5097 /patient "$plain_cookie"
row "patient's plan" plain 5097 /my-plan "$plain_cookie"
