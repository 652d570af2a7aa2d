#!/usr/bin/env bash
# Starts the whole suite (PostgreSQL, Redis, migrator, services, gateway, dashboard)
# through the Aspire AppHost. Ctrl-C or SIGTERM stops every process it started.
#   ./run.sh          optimised (Release) builds, no demo account
#   ./run.sh --demo   also a demo account with a sample portfolio, its random password
#                     printed once below (never stored in a file or a log)
#   ./run.sh --dev    Debug builds instead, for development (combines with --demo)
# The dashboard's login link carries a fresh token each start; it is printed to this
# terminal by the AppHost and written to no file.
set -euo pipefail
cd "$(dirname "$0")"

demo=false
configuration=Release
for arg in "$@"; do
  case "$arg" in
    --demo) demo=true ;;
    --dev) configuration=Debug ;;
    *) echo "usage: ./run.sh [--demo] [--dev]" >&2; exit 2 ;;
  esac
done

source scripts/prerequisites.sh

# The AppHost runs each service from the output of its own configuration, so one build
# of the AppHost in that configuration builds and selects them all.
dotnet build AppHost -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

# Release: the services also published ReadyToRun for this machine's runtime (their code and
# their packages' compiled ahead of time), and the AppHost told to run those, so a restarted
# service answers its first requests without compiling them first. The first start spends
# about three minutes on two cores on this; later starts only check it is current (seconds).
if [ "$configuration" = Release ]; then
  runtime=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
  [ -n "$runtime" ] || { echo "dotnet --info names no runtime (RID); use ./run.sh --dev to run the build output instead." >&2; exit 1; }
  echo "Compiling the services ahead of time for $runtime (minutes on the first start only)..."
  dotnet publish services/Services.slnf -c Release -r "$runtime" -nologo -v quiet -clp:ErrorsOnly
  export Services__ReadyToRunRuntime="$runtime"
fi

cat <<TXT

  Portfolio Tracker is starting, $configuration build (state, data and keys in $(pwd)/.local):
    Gateway, HTTPS:          https://127.0.0.1:8443  (HTTP/JSON and native gRPC; certificate below)
    Gateway, HTTP/JSON:      http://127.0.0.1:8080   (loopback only; health: /health)
    Gateway, native gRPC:    http://127.0.0.1:8081   (h2c, loopback only)
    PostgreSQL:              127.0.0.1:55432  (database portfolio, TLS)
    Redis:                   127.0.0.1:56379
    API reference:           http://127.0.0.1:8080/docs  (OpenAPI document: /openapi/v1.json)
    Aspire dashboard:        http://127.0.0.1:18888  (open the login link printed below;
                             it is shown only here, so keep this terminal's output private)
  Stop with Ctrl-C.

TXT
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
if $demo; then
  # Handed to the AppHost as a secret parameter in the environment, not on a command line
  # that other users could read with ps.
  demo_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  cat <<TXT
  Demo account (when this start creates it; an existing one keeps the password it was created with):
    email:     demo@example.com
    password:  $demo_password
  This is the only place the password is shown.

TXT
  exec env Demo__Enabled=true "Parameters__demo-password=$demo_password" \
    dotnet run --project AppHost -c "$configuration" --no-build --launch-profile http
fi
exec dotnet run --project AppHost -c "$configuration" --no-build --launch-profile http
