#!/usr/bin/env bash
# Lighthouse (mobile, its default: a mid-range phone on a throttled 4G link) on the public pages, for
# docs/performance.md. Not part of test.sh: Lighthouse's scores move with the machine's load, so they are figures to
# read, not checks to pass.
# Starts the app as the README's first command does (`dotnet run`, Development, the demo clinic on a fresh SQLite file)
# and runs Debian's Chromium headless.
# Usage: benchmarks/http/lighthouse.sh [dotnet run options, e.g. -c Release --no-build]
# Needs: Node 20 and npm (Lighthouse 12.8.2, the last release for Node 20, is installed into a temporary folder unless
# LIGHTHOUSE points to one), chromium (apt-get install chromium), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5397}
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/rapport-lighthouse.XXXXXX)
trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

lighthouse=${LIGHTHOUSE:-}
if [ -z "$lighthouse" ]; then
  npm install --prefix "$work/lh" --no-audit --no-fund lighthouse@12.8.2 >/dev/null 2>&1
  lighthouse="$work/lh/node_modules/.bin/lighthouse"
fi

dotnet run --project src/Rapport.Web "$@" -- --urls "$base" --App:BaseUrl="$base" \
  --ConnectionStrings:Rapport="Data Source=$work/rapport.db" --Smtp:PickupDirectory="$work/mail" \
  --Audit:GeneratedKeyFile="$work/audit-signing-key.pem" --Audit:CheckpointDirectory="$work/checkpoints" \
  --Logging:LogLevel:Default=Warning >"$work/app.log" 2>&1 & app=$!
until curl -sf "$base/health" >/dev/null; do sleep 0.5; kill -0 $app 2>/dev/null || { cat "$work/app.log"; exit 1; }; done

therapist=$(curl -s "$base/therapists" | grep -oE 'href="/therapists/[0-9a-f-]{36}"' | head -1 | cut -d'"' -f2)
echo "| Page | Path | Performance | Accessibility | Best practices | SEO | First contentful paint | Largest contentful paint | Total blocking time | Cumulative layout shift |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for page in "Home|/" "Directory|/therapists" "A therapist's page|$therapist"; do
  name=${page%%|*}; path=${page#*|}
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$lighthouse" "$base$path" --quiet --output=json --output-path="$work/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    || { echo "Lighthouse failed on $path" >&2; exit 1; }
  python3 - "$name" "${path//[0-9a-f-]\{36\}/{id\}}" "$work/report.json" <<'PY'
import json, re, sys
name, path, report = sys.argv[1], re.sub(r"[0-9a-f-]{36}", "{id}", sys.argv[2]), json.load(open(sys.argv[3]))
c, a = report["categories"], report["audits"]
score = lambda k: round(c[k]["score"] * 100)
print(f"| {name} | `{path}` | {score('performance')} | {score('accessibility')} | {score('best-practices')} | {score('seo')} | "
      f"{a['first-contentful-paint']['displayValue']} | {a['largest-contentful-paint']['displayValue']} | "
      f"{a['total-blocking-time']['displayValue']} | {a['cumulative-layout-shift']['displayValue']} |")
for k in ("performance", "accessibility", "best-practices", "seo"):
    for ref in c[k]["auditRefs"]:
        audit = a[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            print(f"  {k}: {ref['id']} ({audit['score']}): {audit['title']}", file=sys.stderr)
PY
done
