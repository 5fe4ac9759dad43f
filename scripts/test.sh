#!/usr/bin/env bash
# Builds deadwood and runs the whole test suite (unit, Clang, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
