#!/usr/bin/env bash
# Lighthouse (mobile, its default: a mid-range phone on a throttled 4G link) on the public pages and, signed in, the
# patient's "My plan" and the therapist's course page, for docs/performance.md. Not part of test.sh: Lighthouse's
# scores move with the machine's load, so they are figures to read, not checks to pass; each page is measured RUNS
# times (default 3) and the run with the median performance score is reported, with every run's score beside it.
# Starts the app with the demo clinic and signs its patient and therapist in with curl (demo-app.sh); Lighthouse
# sends the session cookie with --extra-headers, so no browser automation signs in.
# Usage: benchmarks/http/lighthouse.sh [dotnet run options, e.g. -c Release --no-build]
# Needs: Node 20 and npm (Lighthouse 12.8.2, the last release for Node 20, is installed into a temporary folder unless
# LIGHTHOUSE points to one), chromium (apt-get install chromium), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5397}
runs=${RUNS:-3}
base="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/rapport-lighthouse.XXXXXX)
trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

lighthouse=${LIGHTHOUSE:-}
if [ -z "$lighthouse" ]; then
  npm install --prefix "$work/lh" --no-audit --no-fund lighthouse@12.8.2 >/dev/null 2>&1
  lighthouse="$work/lh/node_modules/.bin/lighthouse"
fi

source benchmarks/http/demo-app.sh
start_demo_app "$@"
sign_in_demo_users
cookie() { printf '{"Cookie":"__Host-rapport=%s"}' "$(awk '$6 == "__Host-rapport" { print $7 }' "$1")"; }

listed=$(curl -s "$base/therapists" | grep -oE 'href="/therapists/[0-9a-f-]{36}"' | head -1 | cut -d'"' -f2)
alex=$(curl -s -b "$therapist" "$base/therapist/patients" | grep -oE 'href="/therapist/patients/[0-9a-f-]{36}">Alex Rivera' | cut -d'"' -f2)
echo "| Page | Path | Performance (median; every run) | Accessibility | Best practices | SEO | First contentful paint | Largest contentful paint | Total blocking time | Cumulative layout shift |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for page in "Home|/|" "Directory|/therapists|" "A therapist's page|$listed|" "My plan (patient)|/my-plan|$patient" \
  "A course page (therapist)|$alex/course|$therapist"; do
  IFS='|' read -r name path jar <<<"$page"
  signed_in=(); [ -n "$jar" ] && signed_in=(--extra-headers="$(cookie "$jar")")
  for run in $(seq "$runs"); do
    CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$lighthouse" "$base$path" --quiet --output=json --output-path="$work/report-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo "${signed_in[@]}" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      || { echo "Lighthouse failed on $path" >&2; exit 1; }
  done
  python3 - "$name" "$path" "$work" "$runs" <<'PY'
import json, re, sys
name, path, work, runs = sys.argv[1], re.sub(r"[0-9a-f-]{36}", "{id}", sys.argv[2]), sys.argv[3], int(sys.argv[4])
reports = sorted((json.load(open(f"{work}/report-{r}.json")) for r in range(1, runs + 1)),
                 key=lambda r: r["categories"]["performance"]["score"])
report = reports[len(reports) // 2]
if report["finalDisplayedUrl"].rstrip("/").endswith("/account/sign-in") or "sign-in" in report["finalDisplayedUrl"]:
    sys.exit(f"{path} sent Lighthouse to the sign-in page: the cookie was not accepted")
c, a = report["categories"], report["audits"]
score = lambda k: round(c[k]["score"] * 100)
every = ", ".join(str(round(r["categories"]["performance"]["score"] * 100)) for r in reports)
print(f"| {name} | `{path}` | {score('performance')} ({every}) | {score('accessibility')} | {score('best-practices')} | {score('seo')} | "
      f"{a['first-contentful-paint']['displayValue']} | {a['largest-contentful-paint']['displayValue']} | "
      f"{a['total-blocking-time']['displayValue']} | {a['cumulative-layout-shift']['displayValue']} |")
for k in ("performance", "accessibility", "best-practices", "seo"):
    for ref in c[k]["auditRefs"]:
        audit = a[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 0.9:
            print(f"  {name}, {k}: {ref['id']} ({audit['score']}): {audit['title']} {audit.get('displayValue', '')}", file=sys.stderr)
PY
done
