#!/usr/bin/env bash
# Page weight for docs/performance.md: the bytes a browser downloads for the main pages, compressed (what a browser
# that sends Accept-Encoding gets) and uncompressed.
# Starts the app as the README's first command does (`dotnet run`, Development, the demo clinic seeded on a fresh
# SQLite file), signs the demo patient and therapist in with curl, and for each page measures
#   warm: the HTML alone (stylesheets and scripts are fingerprinted and cached as immutable, so a return visit sends no
#         request for them);
#   cold: the HTML plus every stylesheet and script the page names.
# Usage: benchmarks/http/page-weight.sh [dotnet run options, e.g. -c Release --no-build]
# Needs: curl built with brotli (Debian's is), python3 (for the authenticator code).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5398}
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/rapport-weight.XXXXXX)
trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

source benchmarks/http/demo-app.sh
start_demo_app "$@"
sign_in_demo_users

kb() { python3 -c "print(f'{$1/1024:.1f}')"; }
row() { # name, path, [jar]
  local jar=${3:-/dev/null} html="$work/page.html" raw packed assets_raw=0 assets_packed=0 status
  status=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' "$base$2")
  [ "$status" = 200 ] || { echo "$2 answered $status" >&2; exit 1; }
  raw=$(curl -s -b "$jar" -o "$html" -w '%{size_download}' "$base$2")
  packed=$(curl -s -b "$jar" -o /dev/null --compressed -w '%{size_download}' "$base$2")
  for asset in $(grep -oE '(href|src)="/(css|js|lib)/[^"]+"' "$html" | cut -d'"' -f2 | sort -u); do
    assets_raw=$((assets_raw + $(curl -s -o /dev/null -w '%{size_download}' "$base$asset")))
    assets_packed=$((assets_packed + $(curl -s -o /dev/null --compressed -w '%{size_download}' "$base$asset")))
  done
  echo "| $1 | \`$2\` | $(kb $raw) | $(kb $packed) | $(kb $((raw + assets_raw))) | $(kb $((packed + assets_packed))) |"
}

directory=$(curl -s "$base/therapists" | grep -oE 'href="/therapists/[0-9a-f-]{36}"' | head -1 | cut -d'"' -f2)
alex=$(curl -s -b "$therapist" "$base/therapist/patients" | grep -oE 'href="/therapist/patients/[0-9a-f-]{36}">Alex Rivera' | cut -d'"' -f2)
echo "| Page | Path | Warm, uncompressed (KB) | Warm, compressed (KB) | Cold, uncompressed (KB) | Cold, compressed (KB) |"
echo "|---|---|---:|---:|---:|---:|"
row "Home" /
row "Directory" /therapists
row "A therapist's page" "$directory"
row "Sign-in" /account/sign-in
row "Patient home" /patient "$patient"
row "Patient's plan" /my-plan "$patient"
row "Therapist's course page" "$alex/course" "$therapist"
# The live session: the heaviest scripts (SignalR and the call), for comparison.
live_raw=0; live_packed=0
for asset in $(ls src/Rapport.Web/wwwroot/lib/signalr/signalr.min.js src/Rapport.Web/wwwroot/js/live-session.js | sed 's|src/Rapport.Web/wwwroot||'); do
  live_raw=$((live_raw + $(curl -s -o /dev/null -w '%{size_download}' "$base$asset")))
  live_packed=$((live_packed + $(curl -s -o /dev/null --compressed -w '%{size_download}' "$base$asset")))
done
echo "| The call's scripts (SignalR + live-session.js) | \`/lib/signalr/signalr.min.js\`, \`/js/live-session.js\` | – | – | $(kb $live_raw) | $(kb $live_packed) |"
