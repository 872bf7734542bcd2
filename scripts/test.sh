#!/usr/bin/env bash
# Builds everything with warnings as errors (installing what is missing) and runs every test
# suite: domain, protocol, storage and app unit tests, the real server over HTTP and WebSocket,
# the protocol's schema checks, the web client's unit tests and the browser tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
# Compiler cache entries keyed by paths relative to the checkout, so that a fresh clone (CI) reuses
# what another clone compiled (ccache's base_dir; the build directories' own paths not hashed).
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

scripts/deps.sh --test
scripts/web-build.sh --test
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENCUENTRO_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build/test -j "$(nproc)"
ctest --test-dir build/test --output-on-failure --timeout 600
scripts/sanitize.sh
