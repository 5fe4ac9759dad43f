#!/usr/bin/env bash
# Builds deadwood, configures the bundled sample project with CMake and g++,
# and prints what deadwood finds in it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
cmake -S samples/inventory -B build/samples/inventory -DCMAKE_CXX_COMPILER=g++ >/dev/null
build/deadwood -p build/samples/inventory
