#!/usr/bin/env bash
# Builds deadwood and runs the whole test suite (unit, Clang, end to end),
# then builds it again with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan) and runs the suite once more there.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"

scripts/bootstrap.sh build-asan -DDEADWOOD_SANITIZE=ON
# allow_user_poisoning=0: LLVM's headers poison allocator memory when we are
# instrumented, but Debian's libclang-cpp (not instrumented) never unpoisons
# what it allocates there, which would read as use-after-poison.
export ASAN_OPTIONS=detect_leaks=1:allow_user_poisoning=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j "$(nproc)" --timeout 900
