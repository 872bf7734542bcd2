#!/usr/bin/env bash
# Installs the web client's npm packages (only when package-lock.json changed since the last
# install) and builds it into client-web/dist, which the server serves. With --test, also the
# browser tests' packages (tests/browser).
set -euo pipefail
cd "$(dirname "$0")/.."

install() {  # npm ci in $1 unless node_modules already matches its package-lock.json
  if ! cmp -s "$1/package-lock.json" "$1/node_modules/.package-lock.json.installed" 2>/dev/null; then
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$1/package-lock.json" "$1/node_modules/.package-lock.json.installed"
  fi
}

install client-web
(cd client-web && npm run --silent build)
if [ "${1:-}" = "--test" ]; then install tests/browser; fi
