#!/usr/bin/env bash
# Gongkai's two commands:
#   ./build.sh run    install what is missing, build, start the whole platform (AppHost) until Ctrl+C
#   ./build.sh test   install what is missing, build, run every test; prints "N passed, N failed"
#   ./build.sh bench  install what is missing, build, run the benchmarks (on purpose; they print ratios)
# Anything after the command is passed on (to the AppHost, or to `dotnet test`).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL and RabbitMQ come from the distribution's packages. We only need their binaries: the
# AppHost and the test fixtures start private instances on loopback ports, never the system services.
ensure_servers() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # Package scripts may start the system services; we do not use them.
    as_root service rabbitmq-server stop >/dev/null 2>&1 || true
    as_root service postgresql stop >/dev/null 2>&1 || true
  fi
}

# Document draws letters and reports natively in Debian's free TrueType Song, Kai and Hei faces (AR PL UMing and UKai,
# WenQuanYi Micro Hei), with HanaMin A/B for rare characters those lack; poppler-utils gives pdftotext/pdftoppm/pdffonts, which the tests use to read rendered documents.
# Debian's Chromium with the Noto CJK fonts drives the console's browser tests and is the letter benchmark's baseline.
# Browsers are never downloaded.
ensure_document_tools() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list ':lang=zh' 2>/dev/null | grep -q 'Noto Serif CJK' || missing+=(fonts-noto-cjk)
  [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || missing+=(fonts-arphic-uming)
  [ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || missing+=(fonts-arphic-ukai)
  [ -f /usr/share/fonts/truetype/hanazono/HanaMinB.ttf ] || missing+=(fonts-hanazono)
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} (apt-get)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (https://dot.net); it is not in Debian's packages." >&2
    exit 1
  fi
}

# The staff console (Vite 8) needs Node.js 20.19 or newer; Debian 12's own nodejs is 18, too old to build it.
ensure_node() {
  local version
  version=$(node --version 2>/dev/null || true)
  if ! printf '%s\n' "${version#v}" | awk -F. '{ exit !($1 > 20 || ($1 == 20 && $2 >= 19)) }'; then
    echo "Node.js 20.19 or newer is required to build the staff console (found: ${version:-none})." >&2
    echo "Debian 12's nodejs package is 18; install Node.js 20 or 22 LTS (e.g. from NodeSource's apt repository or nodejs.org) and run again." >&2
    exit 1
  fi
}

# npm ci only when the lock file changed since the last install (it deletes node_modules first).
npm_install() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_web() {
  log "Building the staff console (npm)"
  npm_install web/console
  npm_install tests/IntegrationTests
  (cd web/console && npm run --silent build -- --logLevel warn && node scripts/budget.mjs)
}

build() {
  ensure_node
  build_web
  log "Restoring tools and packages"
  dotnet tool restore >/dev/null
  dotnet restore Platform.sln --verbosity quiet
  log "Building"
  dotnet build Platform.sln --no-restore --verbosity quiet -nologo -clp:ErrorsOnly
}

run_tests() {
  local results=.gongkai/test-results
  rm -rf "$results"
  log "Running tests"
  local status=0 project
  # One project at a time: each gets its own report, and unit tests do not compete with the platform for the CPUs.
  for project in tests/*/*.csproj; do
    dotnet test "$project" --no-build --verbosity quiet --results-directory "$results" \
      --logger "trx;LogFileName=$(basename "$project" .csproj).trx" "$@" || status=$?
  done
  # One line of totals, summed over every test assembly's TRX report.
  local totals
  totals=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); gsub("\"", "", kv[2]); v[kv[1]] += kv[2] } }
    END { printf "%d passed, %d failed, %d skipped", v["passed"], v["failed"], v["total"] - v["passed"] - v["failed"] }')
  [ -n "$totals" ] || totals="0 passed, 1 failed"
  case "$totals" in "0 passed, 0 failed"*) totals="0 passed, 1 failed (no test ran)"; status=1 ;; esac
  # A test host that crashed may leave no failed test in its report: never print a clean line then.
  if [ $status -ne 0 ]; then case "$totals" in *" 0 failed"*) totals="${totals/ 0 failed/ 1 failed} (a test run crashed)" ;; esac; fi
  echo "$totals"
  return $status
}

# Benchmarks run on purpose, never in the test suite: each gets a private PostgreSQL on a free loopback port with its data
# in a temporary folder, removed afterwards. They print their figures as ratios against a baseline of the same run.
run_benchmarks() {
  local bin dir port status=0
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  dir=$(mktemp -d /tmp/gongkai-bench.XXXXXX)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  chmod 755 "$dir"
  local pg=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; pg=(runuser -u postgres --); fi
  trap '"${pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
  "${pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c shared_buffers=512MB -c work_mem=64MB" start >/dev/null
  mkdir -p .gongkai/bench
  log "Benchmark: district supervision (50 units, 1,000,000 cases)"
  dotnet benchmarks/Supervision/bin/Debug/net10.0/Supervision.dll "Host=127.0.0.1;Port=$port;Username=postgres" || status=$?
  log "Benchmark: deadline computations per second against a day-by-day walk (Release build)"
  dotnet run -c Release --project benchmarks/Deadlines || status=$?
  log "Benchmark: a one-page reply, drawn natively against Chromium (Release build)"
  dotnet run -c Release --project benchmarks/Letters -- .gongkai/bench/letters.json || status=$?
  log "Benchmark: the platform in Release through its gateway (cold start, memory, gateway, registrations, arrivals at 100/s)"
  dotnet run -c Release --project benchmarks/Platform -- .gongkai/bench/platform.json || status=$?
  return $status
}

command=${1:-}
shift || true
case "$command" in
  run)
    ensure_dotnet; ensure_servers; ensure_document_tools; build
    log "Starting the platform (Ctrl+C stops everything)"
    # Aspire's dashboard over plain http on loopback (there is no development certificate here): the dashboard on
    # GONGKAI_DASHBOARD_PORT (18888), its OTLP and resource-service endpoints on the next two ports.
    dashboard=${GONGKAI_DASHBOARD_PORT:-18888}
    export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:$dashboard}
    export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:$((dashboard + 1))}
    export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:$((dashboard + 2))}
    export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Development}
    # The AppHost logs the dashboard's login URL at start, then "Platform healthy in N s. Gateway: <url>".
    exec dotnet AppHost/bin/Debug/net10.0/AppHost.dll "$@"
    ;;
  test)
    ensure_dotnet; ensure_servers; ensure_document_tools
    build || { echo "0 passed, 1 failed (build failed)"; exit 1; }
    run_tests "$@"
    ;;
  bench)
    ensure_dotnet; ensure_servers; ensure_document_tools; build
    run_benchmarks
    ;;
  *)
    echo "usage: ./build.sh run [--gateway-port N] [--data DIR] [--dashboard-port N] [--demo] [--replicas N] [--quorum-queues] | ./build.sh test [dotnet test options] | ./build.sh bench" >&2
    exit 2
    ;;
esac
