#!/usr/bin/env bash
# Builds the analyst page's third-party assets from npm (no bundler: Chart.js ships a browser build):
# npm ci from package-lock.json, then copies the chart library into page/vendor/ (ignored by git), from where the
# Host build copies page/** beside the executable as web/. Called by deploy/setup.sh; safe to run again.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
mkdir -p page/vendor
cp node_modules/chart.js/dist/chart.umd.min.js page/vendor/chart.umd.min.js
cp node_modules/chart.js/LICENSE.md page/vendor/chart.js.LICENSE.md
