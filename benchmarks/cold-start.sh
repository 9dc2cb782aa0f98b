#!/usr/bin/env bash
# Cold start of the already built platform, to "Platform healthy": projects started from their build output (as
# ./build.sh run does) against Aspire's own `dotnet run --no-build` launch, in turn, on the same data directory
# (created by a warm-up start, so initdb is not counted). Run on purpose on an otherwise idle machine:
#   ./benchmarks/cold-start.sh [pairs]        (default 3 pairs; build first with ./build.sh test or dotnet build)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-3}
data=$(mktemp -d /tmp/gongkai-cold-start.XXXXXX)
trap 'rm -rf "$data"' EXIT
export ASPNETCORE_URLS=http://127.0.0.1:18988 ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:18989
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:18990 ASPIRE_ALLOW_UNSECURED_TRANSPORT=true DOTNET_ENVIRONMENT=Development

# Starts the AppHost, prints the seconds it reports to healthy, stops it with SIGTERM and waits until it is gone.
start_once() {
  local log="$data/apphost.log"
  dotnet AppHost/bin/Debug/net10.0/AppHost.dll --data "$data" --gateway-port 18980 "$@" >"$log" 2>&1 &
  local pid=$!
  until grep -q "Platform healthy in" "$log"; do
    kill -0 $pid 2>/dev/null || { echo "AppHost exited; see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.5
  done
  grep -o "Platform healthy in [0-9.]*" "$log" | grep -o "[0-9.]*$"
  kill -TERM $pid
  wait $pid || true
  while pgrep -f -- "$data" >/dev/null; do sleep 0.5; done
}

start_once >/dev/null   # warm-up: creates the databases and the broker's node
built=() dotnet_run=()
for i in $(seq "$pairs"); do
  built+=("$(start_once)")
  dotnet_run+=("$(start_once --Gongkai:DotnetRun=true)")
  echo "pair $i: build output ${built[-1]} s, dotnet run ${dotnet_run[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratios=(); for i in "${!built[@]}"; do ratios+=("$(awk -v a="${built[$i]}" -v b="${dotnet_run[$i]}" 'BEGIN {printf "%.2f", a/b}')"); done
echo "median: build output $(median "${built[@]}") s, dotnet run $(median "${dotnet_run[@]}") s, ratio $(median "${ratios[@]}") (build output / dotnet run, pair by pair)"
