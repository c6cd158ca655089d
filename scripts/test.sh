#!/usr/bin/env bash
# Runs every test: the core and app tests natively, the same again (with the command-line tool's
# hostile-input test) under AddressSanitizer and UndefinedBehaviorSanitizer, the core tests
# compiled to WebAssembly under Node, and the browser end-to-end tests in headless Chromium.
# Installs what is missing first.
#   scripts/test.sh
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh" || { echo "test.sh: set-up failed" >&2; exit 1; }
export NODE_PATH=/usr/share/nodejs
# Compiler cache keyed on paths relative to the checkout, so another clone of the repository
# (or a CI checkout in a new folder) reuses earlier native compilations.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
jobs="${ECHELON_JOBS:-$(nproc)}"

failures=0
steps_passed=0
step() {
  local name="$1"; shift
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    steps_passed=$((steps_passed + 1))
    echo "==> $name: ok ($((SECONDS - started)) s)"
  else
    failures=$((failures + 1))
    echo "==> $name: FAILED ($((SECONDS - started)) s)"
  fi
}

step "configure native" cmake --preset native-release -DECHELON_WERROR=ON
step "build native" cmake --build --preset native-release -j "$jobs"
log_dir="$root/build/test-logs"
mkdir -p "$log_dir"
run_ctest() {  # ctest with its output kept, so the totals can be added up at the end
  local log="$1"; shift
  ctest "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}
step "native tests" run_ctest "$log_dir/native.log" --preset native-release -j "$jobs"
step "configure sanitizers" cmake --preset native-asan -DECHELON_WERROR=ON
step "build sanitizers" cmake --build --preset native-asan -j "$jobs"
step "sanitizer tests" run_ctest "$log_dir/asan.log" --preset native-asan -j "$jobs"
step "configure wasm" cmake --preset wasm-release -DECHELON_WERROR=ON
step "build wasm" cmake --build --preset wasm-release -j "$jobs"
step "wasm and browser tests" run_ctest "$log_dir/wasm.log" --preset wasm-release
step "native and wasm give identical simulation results" scripts/compare_targets.sh

# Totals over the ctest runs ("N% tests passed, F tests failed out of T").
tests_total=0
tests_failed=0
for log in "$log_dir/native.log" "$log_dir/asan.log" "$log_dir/wasm.log"; do
  line="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" 2>/dev/null | tail -n1)"
  [ -n "$line" ] || continue
  f="$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')"
  t="$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\2/')"
  tests_total=$((tests_total + t)); tests_failed=$((tests_failed + f))
done
echo
echo "steps: $steps_passed passed, $failures failed"
echo "tests: $((tests_total - tests_failed)) passed, $tests_failed failed"
[ "$failures" -eq 0 ] && [ "$tests_total" -gt 0 ]
