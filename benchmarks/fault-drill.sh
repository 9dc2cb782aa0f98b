#!/usr/bin/env bash
# The fault drill at full size: 1,000 registrations across three units while each service in turn is SIGKILLed and
# restarted, then RabbitMQ and PostgreSQL are restarted; afterwards the counts (sent, registered, cases, receipts, audit
# entries, duplicates, lost, replayed from error queues). The same test runs in ./build.sh test with 48 registrations.
# Run on purpose, on a built tree (./build.sh test or dotnet build):  ./benchmarks/fault-drill.sh [registrations]
set -euo pipefail
cd "$(dirname "$0")/.."
export GONGKAI_DRILL_REGISTRATIONS=${1:-1000}
log=$(mktemp /tmp/gongkai-fault-drill.XXXXXX.log)
status=0
dotnet test tests/IntegrationTests/IntegrationTests.csproj --no-build --filter "FullyQualifiedName~FaultDrillTests" \
  --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
# The drill's own lines (each fault as it happened, the counts, any replay) and the verdict; the whole log stays in $log.
grep -E "^\s+([0-9]{2}:[0-9]{2}:[0-9]{2} |sent |replayed )|^\s+(Passed|Failed) |Assert" "$log" || true
echo "Full log: $log"
exit $status
