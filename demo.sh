#!/usr/bin/env bash
# README command 1: install what is missing, build, and run `fraudstream demo` on the embedded default.
set -euo pipefail
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fraudstream" demo "$@"
