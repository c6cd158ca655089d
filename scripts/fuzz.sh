#!/usr/bin/env bash
# Builds the libFuzzer targets of the readers (tests/fuzz) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each one after the other for the given number of seconds.
# Seeds: the sample scenarios, the malformed regression inputs, and (when present) the Willems
# chains and the first lines of the car-parts history in the shared data folder. New inputs go
# to build/fuzz/corpus/<target>; a crash is written to build/fuzz/crashes/<target>/.
#   scripts/fuzz.sh [seconds per target, default 600] [target...]
# Prints libFuzzer's closing lines per target (executions, exec/s); the whole log is in
# build/fuzz/<target>.log.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-600}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(fuzz_scenario_json fuzz_csv)
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
jobs="${ECHELON_JOBS:-$(nproc)}"

# ECHELON_FUZZ_SKIP_BUILD=1 runs the targets already built in build/fuzz.
if [ "${ECHELON_FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  cmake --preset fuzz -DECHELON_WERROR=ON || exit 1
  cmake --build --preset fuzz -j "$jobs" --target "${targets[@]}" || exit 1
fi

build="$root/build/fuzz"
shared="${ECHELON_SHARED_DATA_DIR:-$root/../shared/data}"
seeds_csv="$build/seeds/csv"
mkdir -p "$seeds_csv"
if [ -d "$shared/willems" ]; then cp -f "$shared"/willems/*.csv "$seeds_csv"/ 2>/dev/null; fi
if [ -f "$shared/carparts_long.csv" ]; then head -n 2000 "$shared/carparts_long.csv" > "$seeds_csv/carparts_head.csv"; fi

status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  case "$target" in
    fuzz_scenario_json) seeds=("$root/assets/scenarios" "$root/tests/data/malformed") ;;
    fuzz_csv) seeds=("$root/tests/data/malformed" "$seeds_csv") ;;
    *) seeds=() ;;
  esac
  echo "==> $target for $seconds s"
  # An input is a hang past 60 s: the portfolio sample alone takes about 4 s of CPU here under
  # the sanitizers, and several times that in wall time on a loaded machine.
  log="$build/$target.log"
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
      -max_len=1048576 -print_final_stats=1 -artifact_prefix="$crashes/" \
      "$corpus" "${seeds[@]}" 2> "$log"
  rc=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" | tail -n 2
  if [ "$rc" -ne 0 ]; then
    echo "==> $target: FAILED (exit $rc); see $log and $crashes" >&2
    status=1
  else
    echo "==> $target: no crash"
  fi
done
exit "$status"
