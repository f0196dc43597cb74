#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL (and, for the browser tests, Redis), checks formatting and the
# browser scripts (ESLint), runs every test project and the scripts' Node tests, and ends with one line: "N passed, N failed".
# Exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '== %s\n' "$*" >&2; }

# 1. System packages (Debian). Installed only when missing, so a warm machine starts at once.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. A throwaway PostgreSQL on a free loopback port, removed on exit.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pgroot=$(mktemp -d /tmp/rapport-pg.XXXXXX)
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pgroot"; fi
cleanup() {
  as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pgroot"
}
trap cleanup EXIT
log "starting PostgreSQL on 127.0.0.1:$pgport"
as_pg "$pgbin/initdb" -D "$pgroot/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 \
  -o "-p $pgport -k $pgroot -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
export RAPPORT_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Pooling=true;Maximum Pool Size=50"

# 3. Restore and build. The build fails on analyzer and code-style warnings and on formatting (IDE0055, .editorconfig);
# the order of using directives, which it cannot see, is a unit test (UsingDirectiveOrderTests).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "restoring and building"
dotnet tool restore >/dev/null
dotnet build Rapport.slnx -c Release -v quiet -nologo
# The browser scripts: ESLint (eslint.config.js) and the npm packages it needs, exactly as package-lock.json says.
npm ci --no-audit --no-fund --loglevel=error >/dev/null
npx --no-install eslint src/Rapport.Web/wwwroot/js tests/js eslint.config.js

# 4. Every test project; TRX reports are summed for the closing line.
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
log "running tests"
run_tests() { dotnet test --project "$1" -c Release --no-build --results-directory "$results" --report-xunit-trx; }
# Browser tests run in a loopback-only network namespace (docs: toolchain.md): there Chromium pairs the two
# sides of a live call over loopback ICE candidates, and no test traffic can leave the machine. They use SQLite
# and their own Kestrel; the scale-out test also needs a real Redis, started inside the same namespace (nothing
# outside can reach it) without persistence, and stopped with it. Some live-call tests change that namespace's
# loopback (tc, ip rule), so they must never run outside it. Unit and integration tests run beside them outside.
netns=(unshare --net); [ "$(id -u)" -ne 0 ] && netns=(unshare --net --map-root-user)
status=0
"${netns[@]}" bash -c '
  set -eu
  ip link set lo up
  redis_dir=$(mktemp -d /tmp/rapport-redis.XXXXXX)
  # Shut Redis down and wait for it before removing its directory: a plain kill let it write there while rm ran, and
  # a failed clean-up must never fail the run (set -e applies inside the trap).
  trap "redis-cli -p 6379 shutdown nosave >/dev/null 2>&1 || kill \$(cat \"$redis_dir/redis.pid\" 2>/dev/null) 2>/dev/null || true; rm -rf \"$redis_dir\" || true" EXIT
  redis-server --port 6379 --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  for _ in $(seq 50); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
  export RAPPORT_TEST_REDIS=127.0.0.1:6379
  dotnet test --project tests/Rapport.BrowserTests -c Release --no-build --results-directory "$0" --report-xunit-trx' "$results" &
browser=$!
# The unit tests start when the browser lane ends, which is usually before the integration lane: they then run in the
# time the integration tests still need instead of after them.
( while kill -0 "$browser" 2>/dev/null; do sleep 1; done; run_tests tests/Rapport.UnitTests ) &
unit=$!
run_tests tests/Rapport.IntegrationTests || status=$?
wait "$unit" || status=$?
# The call script's pure parts (its weak-link policy) under Node's own test runner; counted with the rest below.
node --test --test-reporter=tap tests/js/ >"$results/scripts.tap" || status=$?
wait "$browser" || status=$?

read -r passed failed < <(python3 - "$results" <<'PY'
import glob, html, re, sys
passed = failed = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(path, encoding="utf-8").read()
    # Name every failed test once more at the very end, with the start of its message, where a truncated CI log
    # still shows it.
    for result in re.findall(r'<UnitTestResult[^>]*outcome="(?:Failed|Error|Timeout|Aborted)".*?</UnitTestResult>', text, re.S):
        name = re.search(r'testName="([^"]*)"', result).group(1)
        print("failed test:", html.unescape(name), file=sys.stderr)
        message = re.search(r'<Message>(.*?)</Message>', result, re.S)
        for line in html.unescape(message.group(1)).splitlines()[:8] if message else []:
            print("    " + line[:400], file=sys.stderr)
    m = re.search(r'<Counters[^>]*>', text)
    if not m:
        continue
    attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
    passed += int(attrs.get("passed", 0))
    failed += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
for path in glob.glob(sys.argv[1] + "/*.tap"):
    text = open(path, encoding="utf-8").read()
    for name in re.findall(r'^\s*not ok \d+ - (.*)$', text, re.M):
        print("failed test:", path.rsplit("/", 1)[-1], name, file=sys.stderr)
    passed += int((re.search(r'^# pass (\d+)', text, re.M) or [0, 0])[1])
    failed += int((re.search(r'^# fail (\d+)', text, re.M) or [0, 0])[1])
print(passed, failed)
PY
)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the runner failed without a report: count it
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
