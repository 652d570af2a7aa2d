#!/usr/bin/env bash
# Installs what the suite needs beyond the .NET SDK, once; safe to rerun.
# Sourced by run.sh and test.sh.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing $*: install it (apt-get install -y $*) or rerun as root." >&2
    exit 1
  fi
  echo "Installing $* from Debian packages..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not on PATH)." >&2; exit 1; }

missing=()
[ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v setpriv >/dev/null || missing+=(util-linux)
# The gateway's build fetches the dashboard's chart library with npm; the browser tests drive chromium.
command -v npm >/dev/null || missing+=(npm)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# Debian's packages start their own servers; the suite runs its own on other ports, so
# those are not needed (and not touched if the machine uses them).
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
