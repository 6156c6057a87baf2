#!/usr/bin/env bash
# Installs what FraudStream needs on Debian 12 and builds it. Idempotent: when everything is present it
# installs nothing, runs no `apt-get update`, and skips the build if no source changed since the last one.
#   bash deploy/setup.sh [--quiet] [--force-build]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
quiet=0 force=0
for arg in "$@"; do
  case "$arg" in
    --quiet) quiet=1 ;;
    --force-build) force=1 ;;
    *) echo "setup.sh: unknown option '$arg' (expected --quiet, --force-build)" >&2; exit 2 ;;
  esac
done
say() { [ "$quiet" = 1 ] || echo "setup: $*" >&2; }
die() { echo "setup: $*" >&2; exit 1; }

# Debian packages, each with the file that proves it is installed (librdkafka is not one: it comes from
# NuGet's librdkafka.redist with Confluent.Kafka, restored by the build):
#   redis-server - the label store; tests and the demo start a private instance
#   libgomp1     - the OpenMP runtime that LightGBM's native lib_lightgbm.so (from NuGet, for `train`) links against
#   kcat         - the Kafka CLI the README and the tests use against the embedded cluster
#   gnuplot-nox  - draws the scaling plot of `fraudstream bench` into benchmarks/history/
#   systemd      - systemd-analyze, with which the tests verify deploy/systemd/fraudstream.service (Debian's
#                  container images have no systemd; installing it starts nothing there)
#   chromium     - the headless browser the analyst page's tests drive (playwright-core from npm, Host/Web)
#   nodejs, npm  - only where Node is missing: npm builds the analyst page's assets and runs its browser tests
declare -A proof=(
  [chromium]=/usr/bin/chromium
  [nodejs]=/usr/bin/node
  [npm]=/usr/bin/npm
  [redis-server]=/usr/bin/redis-server
  [libgomp1]=/usr/lib/x86_64-linux-gnu/libgomp.so.1
  [kcat]=/usr/bin/kcat
  [gnuplot-nox]=/usr/bin/gnuplot-nox
  [systemd]=/usr/bin/systemd-analyze
)
missing=()
for pkg in redis-server libgomp1 kcat gnuplot-nox systemd chromium nodejs npm; do
  if { [ "$pkg" = nodejs ] || [ "$pkg" = npm ]; } && command -v "${pkg%js}" >/dev/null; then
    continue
  fi
  if [ ! -e "${proof[$pkg]}" ] && ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get: FraudStream's setup supports Debian 12; install them by hand"
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null || die "missing ${missing[*]}: run this script as root (or with passwordless sudo) to install them"
    sudo="sudo -n"
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  # Debian starts a system redis-server on 6379 at install; FraudStream never uses it (tests and the
  # demo start private ones), so leave it as Debian configured it.
fi

command -v dotnet >/dev/null || die "the .NET SDK is missing: install .NET SDK 10.0.4xx (see global.json)"
sdk=$(cd "$root" && dotnet --version 2>/dev/null) || die "no .NET SDK matches global.json (10.0.4xx): $(cd "$root" && dotnet --version 2>&1 | head -1)"

stamp="$root/Host/bin/Release/net10.0/.setup-built"

# The analyst page's assets (Host/Web): npm ci from the committed package-lock.json (Chart.js for the page,
# playwright-core for its browser tests), then the chart library copied into Host/Web/page/vendor, which the
# build copies beside the executable. Redone when the lock file changed; then the build runs again too.
web="$root/Host/Web"
if [ ! -f "$web/page/vendor/chart.umd.min.js" ] || [ ! -d "$web/node_modules/playwright-core" ] || [ "$web/package-lock.json" -nt "$web/page/vendor/chart.umd.min.js" ]; then
  command -v npm >/dev/null || die "npm is missing: install Node.js 20 and npm (Debian: apt-get install nodejs npm)"
  say "building the analyst page's assets (npm ci)"
  bash "$web/build-assets.sh" || die "npm ci in Host/Web failed (is the npm registry reachable?)"
  rm -f "$stamp"
fi
if [ "$force" = 0 ] && [ -f "$stamp" ] && [ -z "$(find "$root" \( -path '*/bin' -o -path '*/obj' -o -path '*/.git' -o -path '*/TestResults' -o -path '*/node_modules' \) -prune -o \
      -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' -o -name '*.json' -o -name '*.sln' -o -path '*/Host/Web/page/*' \) -newer "$stamp" -print -quit)" ]; then
  say "everything present, build up to date"
  exit 0
fi

say "building with .NET SDK $sdk"
log=$(cd "$root" && dotnet build FraudStream.sln -c Release -nologo -v quiet 2>&1) || { echo "$log" >&2; die "build failed (errors above)"; }
touch "$stamp"
say "done: $root/fraudstream --help"
