#!/usr/bin/env bash
# The test suites again, built with clang and sanitizers (run by scripts/test.sh after the normal
# suites; tests/fuzz/README.md):
#  1. build/san: AddressSanitizer + UndefinedBehaviorSanitizer (with LeakSanitizer) on every
#     target; the unit and integration tests (whose servers are the sanitized binary too), then
#     a short run of each libFuzzer target (scripts/fuzz.sh).
#  2. build/tsan: ThreadSanitizer on the server, which runs the integration tests (build/san's
#     test program, ENCUENTRO_TEST_SERVER_BINARY) with several I/O threads
#     (ENCUENTRO_TEST_SERVER_THREADS) sharing the app layer. The test program itself is not
#     rebuilt for TSan: its threads are the clients', and share nothing but the recording file.
# Any sanitizer report fails the script.
#   scripts/sanitize.sh            everything
#   SANITIZE_FUZZ_SECONDS=0        skips the fuzz run; SANITIZE_TSAN=0 skips ThreadSanitizer
#   SANITIZE_TSAN_FILTER='live_*'  only these integration cases under ThreadSanitizer (doctest -tc)
set -euo pipefail
cd "$(dirname "$0")/.."
# As in scripts/test.sh: compiler cache entries shared by every clone of the repository.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-1}

scripts/deps.sh --test
jobs=${SANITIZE_JOBS:-$(nproc)}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1 and line tables only: sanitized template-heavy code compiles about three times faster than
# at -O2 -g, and stack traces still name file and line. Assertions stay on (no NDEBUG).
configure() {  # build dir, sanitizers, more cmake options
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DENCUENTRO_WERROR=ON \
    -DENCUENTRO_SANITIZE="$2" "${launcher[@]}" "${@:3}" >/dev/null
}
elapsed() { echo "sanitize: $1 ($((SECONDS / 60))m$((SECONDS % 60))s so far)"; }

# -- 1. ASan + UBSan ------------------------------------------------------------------------------
configure build/san address,undefined -DENCUENTRO_FUZZ=ON
cmake --build build/san -j "$jobs" --target encuentro-server encuentro_unit_tests \
  encuentro_integration_tests encuentro_fuzz_decode encuentro_fuzz_command
elapsed "build/san built"
# abort_on_error: a report kills the process with SIGABRT, which every test harness notices
# (the integration tests' servers inherit these options).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:check_initialization_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build/san -R '^unit$' --output-on-failure --timeout 900
# The reconnect storm's 1,100 client threads and connections outrun a sanitized build on two
# cores (devices cannot even catch up within its deadlines); it runs in the normal suite, and the
# crash storm runs here and under TSan.
(cd build/san && ./encuentro_integration_tests --no-intro -tce="reconnect storm*")
elapsed "ASan + UBSan: unit and integration tests passed"
fuzz_seconds=${SANITIZE_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" -gt 0 ]; then
  FUZZ_SKIP_BUILD=1 scripts/fuzz.sh "$fuzz_seconds"
  elapsed "fuzz smoke passed"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

# -- 2. TSan ------------------------------------------------------------------------------------
if [ "${SANITIZE_TSAN:-1}" = 1 ]; then
  configure build/tsan thread -DENCUENTRO_FUZZ=OFF -DENCUENTRO_TESTS=OFF
  cmake --build build/tsan -j "$jobs" --target encuentro-server
  elapsed "build/tsan built"
  reports=build/tsan/tsan-reports
  rm -rf "$reports" && mkdir -p "$reports"
  # Reports go to files (the servers' stderr is a log in a removed temp dir); each process's
  # races are all reported, and any report fails the run below.
  export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:history_size=4:log_path=$PWD/$reports/tsan"
  threads=${SANITIZE_TSAN_THREADS:-4}
  export ENCUENTRO_TEST_SERVER_THREADS=$threads
  export ENCUENTRO_TEST_SERVER_BINARY=$PWD/build/tsan/encuentro-server
  # Without the reconnect storm, as above.
  filter=(-tce="${SANITIZE_TSAN_EXCLUDE:-reconnect storm*}")
  [ -n "${SANITIZE_TSAN_FILTER:-}" ] && filter+=(-tc="$SANITIZE_TSAN_FILTER")
  status=0
  (cd build/san && ASAN_OPTIONS=detect_leaks=0 ./encuentro_integration_tests --no-intro \
    "${filter[@]}") || status=$?
  unset ENCUENTRO_TEST_SERVER_BINARY ENCUENTRO_TEST_SERVER_THREADS
  if compgen -G "$reports/tsan.*" >/dev/null; then
    echo "sanitize: ThreadSanitizer reports ($reports):" >&2
    cat "$reports"/tsan.* >&2
    exit 1
  fi
  [ "$status" -eq 0 ] || { echo "sanitize: integration tests failed under TSan" >&2; exit 1; }
  elapsed "TSan: integration tests passed with $threads I/O threads, no race"
fi
