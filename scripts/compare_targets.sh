#!/usr/bin/env bash
# The simulator gives bit-identical results natively and in WebAssembly for the same seed:
# runs the fingerprint program on both targets and compares the digests of every KPI.
# Expects the native-release and wasm-release builds (scripts/test.sh makes them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
native="$root/build/native-release/bench/sim_fingerprint_bench"
wasm="$root/build/wasm-release/bench/sim_fingerprint_bench.js"
for f in "$native" "$wasm"; do
  [ -e "$f" ] || { echo "compare_targets: $f is missing; build both presets first" >&2; exit 1; }
done
# Drop the target name so the lines can be compared as they are.
native_out="$("$native" | sed 's/ native / /')"
wasm_out="$(node --no-experimental-fetch "$wasm" | sed 's/ wasm / /')"
echo "$native_out"
if [ "$native_out" != "$wasm_out" ]; then
  echo "compare_targets: native and wasm results differ:" >&2
  diff <(echo "$native_out") <(echo "$wasm_out") >&2 || true
  exit 1
fi
echo "compare_targets: native and wasm digests are identical ($(echo "$native_out" | wc -l) runs)"
