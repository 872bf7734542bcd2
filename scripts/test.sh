#!/usr/bin/env bash
# Builds everything with warnings as errors (installing what is missing) and runs every test
# suite: domain, protocol, storage and app unit tests, then the real server over HTTP.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENCUENTRO_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build build/test -j "$(nproc)"
ctest --test-dir build/test --output-on-failure --timeout 600
