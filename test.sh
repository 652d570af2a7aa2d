#!/usr/bin/env bash
# Runs every test. The tests start their own PostgreSQL and Redis (local processes on free
# ports, in temporary folders), so nothing else needs to be running.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

dotnet build PortfolioTracker.sln -nologo -v quiet -clp:ErrorsOnly

log=$(mktemp)
status=0
# One test project at a time: the suites start their own servers, and timing-sensitive
# provider tests are steadier without the others competing for two cores.
dotnet test PortfolioTracker.sln --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?

# One summary line over every test assembly.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit $status
