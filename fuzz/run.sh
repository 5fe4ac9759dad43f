#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++-19, ASan + UBSan) in build-fuzz and
# runs each for the given time, seeded from the tests' inputs:
#   fuzz/run.sh [seconds-per-target=600] [targets...]
# Prints, per target: executions, coverage (edges) and features; a crash
# stops that target and leaves its input in build-fuzz/crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(Database Config Baseline Summary FileApi)
out=build-fuzz
cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-19 \
  -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DDEADWOOD_FUZZ=ON -DDEADWOOD_TESTS=OFF > /dev/null
cmake --build "$out" -j "$(nproc)" --target deadwood $(printf 'fuzz_%s ' "${targets[@]}")

# Seeds: what the tests feed the loaders, and what deadwood itself writes.
corpus=$out/corpus; mkdir -p "$out/crashes"
for t in "${targets[@]}"; do mkdir -p "$corpus/$t"; done
cp fuzz/seeds/database/* "$corpus/Database/" 2>/dev/null || true
cp fuzz/seeds/config/* "$corpus/Config/" 2>/dev/null || true
cp fuzz/seeds/baseline/* "$corpus/Baseline/" 2>/dev/null || true
fixture=tests/fixtures/fileapi-toolkit
if [ -d "$corpus/FileApi" ]; then
  for target in "$fixture"/target-*.json; do
    { cat "$fixture"/codemodel-v2-*.json | sed 's/"jsonFile" *: *"target-[^"]*"/"jsonFile": "target.json"/g'
      printf '\n--\n'; cat "$target"; printf '\n--\n'; cat "$fixture/ctest-unbuilt.json"; } \
      > "$corpus/FileApi/seed-$(basename "$target")"
  done
fi
if [ -d "$corpus/Summary" ] || [ -d "$corpus/Database" ]; then
  sample=$out/seed-inventory
  cmake -S samples/inventory -B "$sample" -DCMAKE_CXX_COMPILER=g++ > /dev/null
  cp "$sample/compile_commands.json" "$corpus/Database/seed-inventory.json" 2>/dev/null || true
  if [ -d "$corpus/Summary" ]; then
    ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0 "$out/deadwood" -q --cache-dir "$out/seed-cache" -p "$sample" > /dev/null || true
    cp "$out"/seed-cache/*.dwsb "$corpus/Summary/" 2>/dev/null || true
    ASAN_OPTIONS=detect_leaks=0:allow_user_poisoning=0 "$out/deadwood" extract -o "$corpus/Summary/seed-text.dws" \
      --directory "$sample" -- g++ -Isamples/inventory/lib -c "$PWD/samples/inventory/lib/text.cpp" || true
  fi
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-allow_user_poisoning=0}  # see scripts/test.sh
printf '%-10s %10s %12s %8s %8s  %s\n' target seconds executions cov ft result
status=0
for t in "${targets[@]}"; do
  log=$out/fuzz-$t.log
  if "$out/fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=4096 \
       -artifact_prefix="$out/crashes/$t-" "$corpus/$t" > "$log" 2>&1; then result=clean; else result=CRASH; status=1; fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo ?)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo ?)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo ?)
  printf '%-10s %10s %12s %8s %8s  %s\n' "$t" "$secs" "$execs" "$cov" "$ft" "$result"
done
exit $status
