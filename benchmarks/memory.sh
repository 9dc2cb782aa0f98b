#!/usr/bin/env bash
# Resident memory (VmRSS) of every process of the built platform once it has been idle for a minute after
# "Platform healthy", against the city simulator in the same run (the smallest ASP.NET Core app the platform starts:
# the floor the runtime sets). Release by default, as production runs; Debug is what ./build.sh run starts.
# Run on purpose:  ./benchmarks/memory.sh [Release|Debug] [idle seconds]   → figures, and .gongkai/bench/memory.json
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-Release}
idle=${2:-60}
[ -f "AppHost/bin/$config/net10.0/AppHost.dll" ] || dotnet build -c "$config" AppHost/AppHost.csproj -v q -nologo >/dev/null
data=$(mktemp -d /tmp/gongkai-memory.XXXXXX)
log="$data/apphost.log"
export ASPNETCORE_URLS=http://127.0.0.1:18988 ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:18989
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:18990 ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development
dotnet "AppHost/bin/$config/net10.0/AppHost.dll" --data "$data" --gateway-port 18980 >"$log" 2>&1 &
apphost=$!
stop() { kill -TERM $apphost 2>/dev/null || true; wait $apphost 2>/dev/null || true; while pgrep -f -- "$data" >/dev/null; do sleep 0.5; done; rm -rf "$data"; }
trap stop EXIT
until grep -q "Platform healthy in" "$log"; do
  kill -0 $apphost 2>/dev/null || { echo "AppHost exited; see its log:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.5
done
echo "$(grep -o 'Platform healthy in [0-9.]* s' "$log") ($config); idle for ${idle} s"
sleep "$idle"

rss_mb() { # the resident memory of the process running $1.dll, in MB
  local pid; pid=$(pgrep -f -- "$PWD/.*/bin/$config/net10.0/$1.dll" | head -1)
  [ -n "$pid" ] && awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status" || echo 0
}
floor=$(rss_mb CitySimulator)
mkdir -p .gongkai/bench
json="{\"configuration\":\"$config\",\"idleSeconds\":$idle,\"citySimulatorMb\":$floor,\"services\":{"
first=1
printf '%-12s %8s %10s\n' process "RSS MB" "× floor"
for name in Gateway Identity Intake Workflow LegalReview Document Publishing Portal CitySimulator; do
  mb=$(rss_mb "$name")
  printf '%-12s %8s %10s\n' "$name" "$mb" "$(awk -v a="$mb" -v b="$floor" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"
  [ $first -eq 1 ] || json+=","
  json+="\"$name\":$mb"; first=0
done
echo "$json}}" > .gongkai/bench/memory.json
echo "Written to .gongkai/bench/memory.json"
