#!/usr/bin/env bash
# Builds the server and the web app (installing what is missing) and runs it with the demo
# encuentros loaded.
# Extra arguments go to encuentro-server (e.g. --port 9000). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
scripts/web-build.sh
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# The same optimisation level as the tested build (RelWithDebInfo): what runs is what was tested.
cmake -S . -B build/run -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENCUENTRO_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build build/run --target encuentro-server -j "$(nproc)"
mkdir -p data
exec build/run/encuentro-server --config config/encuentro.json --demo "$@"
