#!/usr/bin/env bash
# Starts the whole suite (PostgreSQL, Redis, migrator, services, gateway, dashboard)
# through the Aspire AppHost. Ctrl-C or SIGTERM stops every process it started.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh

dotnet build AppHost -nologo -v quiet -clp:ErrorsOnly

cat <<TXT

  Portfolio Tracker is starting (state, data and keys in $(pwd)/.local):
    Gateway, HTTP/JSON:      http://127.0.0.1:8080   (health: /health)
    Gateway, native gRPC:    http://127.0.0.1:8081   (h2c)
    PostgreSQL:              127.0.0.1:55432  (database portfolio)
    Redis:                   127.0.0.1:56379
    Aspire dashboard:        http://127.0.0.1:18888  (open the login link printed below)
  Stop with Ctrl-C.

TXT
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet run --project AppHost --no-build --launch-profile http
