#!/usr/bin/env bash
# The browser test's tools (crates/cli/tests/serve.rs): Debian's chromium and
# playwright-core from npm (pinned in crates/cli/tests/browser/package-lock.json).
# Idempotent and quiet: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Only what is missing: a Node.js from elsewhere (NodeSource's bundles npm)
# conflicts with Debian's npm package.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if [ ! -d crates/cli/tests/browser/node_modules/playwright-core ]; then
  (cd crates/cli/tests/browser && npm ci --no-audit --no-fund --silent)
fi
