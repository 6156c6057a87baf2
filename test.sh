#!/usr/bin/env bash
# README command 2: install what is missing, build, run every test, and end with the line
# `N passed, N failed, N skipped` counted from the real results (the TRX files of each test project).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"

bash deploy/setup.sh --quiet || exit $?

results="$root/TestResults"
rm -rf "$results"
projects=$(ls tests/*/*.Tests.csproj | wc -l)

# One run per test project, each writing its own TRX, so no result file can overwrite another.
# A hung test must not eat CI's budget: blame-hang kills it after 5 minutes and reports which one.
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" --blame-hang-timeout 5m "$@" || status=1
done

sum() { grep -ho "<Counters [^>]*" "$results"/*.trx 2>/dev/null | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
trx=$(ls "$results"/*.trx 2>/dev/null | wc -l)
total=$(sum total)
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
skipped=$(sum notExecuted)

if [ "$trx" -lt "$projects" ]; then
  echo "test.sh: only $trx of $projects test projects reported results (a test host crashed?)" >&2
  failed=$((failed + projects - trx))
  status=1
fi
if [ "${CI:-}" = "true" ] && [ "$skipped" -gt 0 ]; then
  echo "test.sh: $skipped tests were skipped; nothing may be skipped under CI" >&2
  status=1
fi
if [ "$total" -eq 0 ]; then
  echo "test.sh: no test ran" >&2
  status=1
fi
[ "$failed" -gt 0 ] && status=1

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
