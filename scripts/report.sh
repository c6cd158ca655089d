#!/usr/bin/env bash
# Prints Echelon's performance figures (a measurement, not a test):
#   - gzipped size of app.wasm + app.js,
#   - time from navigation to the first rendered frame in headless Chromium,
#   - every benchmark in bench/, natively and in wasm under Node.
#   scripts/report.sh [--quick]     (--quick: skip the benchmarks)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
"$root/scripts/setup.sh" >/dev/null
export NODE_PATH=/usr/share/nodejs

[ -f build/native-release/build.ninja ] || cmake --preset native-release >/dev/null
[ -f build/wasm-release/build.ninja ] || cmake --preset wasm-release >/dev/null
cmake --build --preset native-release >/dev/null
cmake --build --preset wasm-release >/dev/null

site=build/wasm-release/site
wasm_gz=$(gzip -9 -c "$site/app.wasm" | wc -c)
js_gz=$(gzip -9 -c "$site/app.js" | wc -c)
echo "== Download size"
printf "app.wasm %8d bytes, gzipped %8d\n" "$(stat -c %s "$site/app.wasm")" "$wasm_gz"
printf "app.js   %8d bytes, gzipped %8d\n" "$(stat -c %s "$site/app.js")" "$js_gz"
printf "total gzipped: %.1f kB\n" "$(echo "($wasm_gz + $js_gz) / 1000" | bc -l)"
echo
echo "== First frame"
node tests/e2e/first_frame.mjs --site "$site" --loads 5
echo
echo "== Live recompute"
largest_chain="${ECHELON_SHARED_DATA_DIR:-$root/../shared/data}/willems/willems_37.csv"
node tests/e2e/frame_times.mjs --site "$site" --willems "$largest_chain"
[ "$quick" = 1 ] && exit 0
echo
echo "== Benchmarks"
for bench in build/native-release/bench/*_bench; do
  name="$(basename "$bench")"
  [ -x "$bench" ] || continue
  case "$name" in *fingerprint*) continue ;; esac
  echo "-- $name (native)"
  "$bench"
  if [ -f "build/wasm-release/bench/$name.js" ]; then
    echo "-- $name (wasm, Node $(node --version))"
    node --no-experimental-fetch "build/wasm-release/bench/$name.js"
  fi
done
