#!/usr/bin/env bash
# Builds the browser app and serves it on this machine only.
#   scripts/serve.sh [--port PORT]      (default port 8080; ECHELON_PORT works too)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${ECHELON_PORT:-8080}"
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case "$port" in ''|*[!0-9]*) echo "serve.sh: --port needs a number, got '$port'" >&2; exit 2 ;; esac

"$root/scripts/setup.sh"
export NODE_PATH=/usr/share/nodejs
cd "$root"
if [ ! -f build/wasm-release/build.ninja ]; then cmake --preset wasm-release >/dev/null; fi
cmake --build --preset wasm-release --target site
site="$root/build/wasm-release/site"
echo
echo "Echelon is being served from $site"
echo "Open http://127.0.0.1:$port/ in a browser (Ctrl+C stops the server)."
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site"
