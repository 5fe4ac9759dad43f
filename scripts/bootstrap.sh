#!/usr/bin/env bash
# Installs what deadwood needs from Debian's packages (only what is missing),
# then configures and builds it in ./build. Used by demo.sh, test.sh and CI.
#   scripts/bootstrap.sh [build-dir [cmake options...]]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(llvm-19-dev libclang-19-dev clang-19 lld-19 nlohmann-json3-dev libcli11-dev
          libgtest-dev libgmock-dev cmake ninja-build g++ ccache
          python3-jsonschema chromium patch git util-linux libclang-rt-19-dev lcov zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deadwood: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# clang++-19 builds deadwood about twice as fast as g++ (either works).
cxx=g++; linker=()
if command -v clang++-19 >/dev/null; then cxx=clang++-19; fi
if command -v ld.lld-19 >/dev/null || command -v ld.lld >/dev/null; then linker=(-DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld); fi

# ccache: paths relative to the checkout, so another clone hits the same entries.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
build=${1:-build}; shift || true
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" "${linker[@]}" "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
if [ -f build/sarif-schema-2.1.0.json ] && [ "$build" != build ]; then
  cp build/sarif-schema-2.1.0.json "$build/"
else
  scripts/fetch-sarif-schema.sh "$build/sarif-schema-2.1.0.json" ||
    echo "deadwood: warning: could not fetch the SARIF schema; the SARIF schema test will fail" >&2
fi
