#!/usr/bin/env bash
# Installs everything Echelon needs on a Debian 12 machine. Idempotent: when nothing is
# missing it only checks and returns within a second or two.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
third_party="$root/third_party"

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config git python3 ca-certificates xz-utils
  emscripten
  libeigen3-dev libboost-dev libboost-math-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  clang lld libclang-rt-14-dev
  fonts-dejavu-core
  chromium
)

missing=()
for p in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# Node.js and npm: Debian's packages unless the machine already has a node with npm (for
# example from another distribution channel, which conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.86 sources: Debian ships only a native static library in its binary package, so
# the sources come from the Debian source package (the wasm build compiles them itself).
imgui_dir="$third_party/imgui-1.86"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui 1.86 sources from the Debian source package"
  src_list=/etc/apt/sources.list.d/echelon-deb-src.sources
  if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
    # Mirror the machine's own deb entries as deb-src entries (no mirror host is named here).
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | "${sudo_cmd[@]}" tee "$src_list" >/dev/null
    elif [ -f /etc/apt/sources.list ]; then
      grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/echelon-deb-src.list >/dev/null
    fi
    "${sudo_cmd[@]}" apt-get update -qq
  fi
  mkdir -p "$third_party/download"
  (cd "$third_party/download" && apt-get source --download-only imgui >/dev/null 2>&1 || \
     (cd "$third_party/download" && apt-get source --download-only imgui))
  tarball="$(ls "$third_party"/download/imgui_1.86*.orig.tar.* | head -n1)"
  tar -xf "$tarball" -C "$third_party"
  if [ ! -f "$imgui_dir/imgui.cpp" ]; then
    echo "setup: expected $imgui_dir/imgui.cpp after unpacking $tarball" >&2
    exit 1
  fi
fi

# npm packages for the browser end-to-end tests, pinned by package-lock.json.
if [ ! -d "$root/tests/e2e/node_modules/playwright-core" ]; then
  echo "setup: installing npm packages for browser tests"
  (cd "$root/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi
