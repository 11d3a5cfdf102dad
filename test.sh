#!/usr/bin/env bash
# Runs every Herald test. Installs what the tests need first (Azurite, Prism and maildev through npm ci, Debian's
# Chromium and python3-feedparser through apt-get, NuGet packages through restore); the tests start and stop their
# own servers. Ends with one line: "Tests: N passed, N failed, N skipped".
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$home"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing local tools (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian packages: Chromium for the browser tests, python3-feedparser for the feed reader's differential test.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || packages+=(python3-feedparser)
if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing ${packages[*]} (apt-get install)..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test Herald.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test assembly ("Passed!  - Failed: 0, Passed: 84, Skipped: 0, Total: 84, ..."); add them up.
summary="$(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" || true)"
if [ -z "$summary" ]; then
  echo "Tests: no test summary found (build or test host failure, exit code $status)" >&2
  exit $(( status == 0 ? 1 : status ))
fi
passed=0 failed=0 skipped=0
while IFS= read -r line; do
  [[ $line =~ Failed:\ +([0-9]+),\ Passed:\ +([0-9]+),\ Skipped:\ +([0-9]+) ]] || continue
  failed=$(( failed + BASH_REMATCH[1] )); passed=$(( passed + BASH_REMATCH[2] )); skipped=$(( skipped + BASH_REMATCH[3] ))
done <<<"$summary"
echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
