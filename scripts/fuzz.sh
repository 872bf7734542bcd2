#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build/san) and runs each for N seconds
# (default 30) from its committed seed corpus (tests/fuzz/corpus/<target>); fails on any crash,
# leak, sanitizer report or broken promise. New inputs go to a scratch copy of the corpus, never
# into the committed one. Crash files land in build/san/fuzz/<target>/ (see tests/fuzz/README.md
# for minimising one and filing it under tests/fuzz/regressions/).
#   scripts/fuzz.sh [seconds]
#   FUZZ_TARGETS="command" scripts/fuzz.sh 600    only some targets
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
targets=${FUZZ_TARGETS:-"decode command"}
build=${FUZZ_BUILD_DIR:-build/san}
jobs=${FUZZ_BUILD_JOBS:-2}

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f "$build/CMakeCache.txt" ]; then
    launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # As scripts/sanitize.sh configures it, so that both share the build.
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DENCUENTRO_WERROR=ON \
      -DENCUENTRO_SANITIZE=address,undefined -DENCUENTRO_FUZZ=ON "${launcher[@]}" >/dev/null
  fi
  cmake --build "$build" -j "$jobs" --target $(printf 'encuentro_fuzz_%s ' $targets)
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for target in $targets; do
  work="$build/fuzz/$target"
  rm -rf "$work/corpus" && mkdir -p "$work/corpus"
  # First the known crashes (they must all pass now), then fuzzing from the seeds.
  regressions=(tests/fuzz/regressions/"$target"/*)
  if [ -e "${regressions[0]}" ]; then
    "$build/encuentro_fuzz_$target" "${regressions[@]}" >"$work/regressions.log" 2>&1 || {
      echo "fuzz $target: a regression input crashes again (log: $work/regressions.log)" >&2
      tail -30 "$work/regressions.log" >&2
      status=1
      continue
    }
  fi
  if "$build/encuentro_fuzz_$target" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/" \
      "$work/corpus" "tests/fuzz/corpus/$target" >"$work/fuzz.log" 2>&1; then
    echo "fuzz $target: ${seconds}s, $(grep -o 'stat::number_of_executed_units: *[0-9]*' \
      "$work/fuzz.log" | grep -o '[0-9]*$') inputs, no crash"
  else
    echo "fuzz $target: CRASH (log: $work/fuzz.log; input: $(ls "$work"/crash-* "$work"/leak-* \
      "$work"/timeout-* "$work"/oom-* 2>/dev/null | tr '\n' ' '))" >&2
    grep -A30 -m1 -E '^==[0-9]+==ERROR|runtime error|broken promise|deadly signal' \
      "$work/fuzz.log" >&2 || tail -40 "$work/fuzz.log" >&2
    status=1
  fi
done
exit $status
