#!/usr/bin/env bash
# The real-project corpus: does `deadwood --fix` leave real projects building
# and passing their tests?
#
#   bench/corpus.sh [--deadwood <binary>] [--work <dir>] [--jobs N] \
#       <checkout>[::<cmake options>] ...
#
#   bench/corpus.sh /src/yaml-cpp::"-DYAML_CPP_BUILD_TESTS=ON" /src/fmt::"-DFMT_TEST=ON"
#
# For each checkout (never modified: it is copied to <work>/<name>/src):
# configure with g++ and tests on (BUILD_TESTING=ON plus the options given),
# build, run ctest, run deadwood (and again with --no-skip-bodies: the
# findings must be the same), run `deadwood --fix`, build again, run ctest
# again, and run deadwood a second time. Prints one row per project, as a
# Markdown table; each step's log is kept under <work>/<name>/.
#
# A script, not a test: it needs checkouts of other people's code, which the
# repository never holds, and takes minutes a project on two cores.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
deadwood="$here/build/deadwood"
work=${TMPDIR:-/tmp}/deadwood-corpus
jobs=$(nproc)
while [ $# -gt 0 ]; do
  case $1 in
    --deadwood) deadwood=$(realpath "$2"); shift 2 ;;
    --work) work=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: bench/corpus.sh [--deadwood bin] [--work dir] <checkout>[::<cmake options>] ..." >&2; exit 2; }
[ -x "$deadwood" ] || { echo "corpus: no deadwood at '$deadwood' (build it first)" >&2; exit 2; }
mkdir -p "$work"

# ctest's summary line -> "passed/total"
tests_of() {
  local line
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$1" | tail -1)
  [ -n "$line" ] || { grep -q 'No tests were found' "$1" && echo "0/0" || echo "-"; return; }
  local total failed
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  failed=$(sed -E 's/.*tests passed, ([0-9]+) tests failed.*/\1/' <<<"$line")
  echo "$((total - failed))/$total"
}
json_field() {  # file, python expression over the report `r`
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null || echo "-"
}
seconds() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
now() { date +%s.%N; }

echo "| project | TUs | findings | same unskipped | removed (symbols / lines) | proof | kept out | build after | tests before | tests after | crash | analysis s | fix s | 2nd run findings |"
echo "| --- | ---: | ---: | --- | ---: | --- | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |"
for spec in "$@"; do
  checkout=${spec%%::*}
  opts=""; [ "$spec" != "$checkout" ] && opts=${spec#*::}
  name=$(basename "$(realpath "$checkout")")
  dir="$work/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  cp -a "$(realpath "$checkout")" "$dir/src"
  src="$dir/src" build="$dir/src/build-corpus"
  # shellcheck disable=SC2086  # the options are words
  cmake -S "$src" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++ -DCMAKE_C_COMPILER=gcc \
    -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DBUILD_TESTING=ON $opts > "$dir/configure.log" 2>&1
  if ! cmake --build "$build" -j "$jobs" > "$dir/build-before.log" 2>&1; then
    echo "| $name | - | - | - | - | - | - | build fails before deadwood (see $dir/build-before.log) | - | - | - | - | - | - |"
    continue
  fi
  (cd "$build" && ctest -j "$jobs" --timeout 600 > "$dir/ctest-before.log" 2>&1)
  before=$(tests_of "$dir/ctest-before.log")

  t0=$(now)
  "$deadwood" -p "$build" -q --format json -o "$dir/report.json" 2> "$dir/deadwood.log"
  rc=$?
  t1=$(now)
  crash=no; [ $rc -ge 128 ] && crash="signal $((rc - 128))"
  tus=$(json_field "$dir/report.json" 'r["summary"]["translation_units"]')
  findings=$(json_field "$dir/report.json" 'len(r["findings"])')
  # What extraction skips (system bodies, uninstantiated system templates)
  # must change no finding.
  "$deadwood" -p "$build" -q --no-skip-bodies --format json -o "$dir/report-unskipped.json" 2> "$dir/deadwood-unskipped.log"
  same=$(python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); print("yes" if a["findings"]==b["findings"] else "**no**")' \
    "$dir/report.json" "$dir/report-unskipped.json" 2>/dev/null || echo "-")

  t2=$(now)
  "$deadwood" -p "$build" -q --fix --format json -o "$dir/fix.json" 2> "$dir/fix.log"
  frc=$?
  t3=$(now)
  [ $frc -ge 128 ] && crash="signal $((frc - 128)) (--fix)"
  removed=$(sed -nE 's/^deadwood: removal: ([0-9]+) symbols? in [0-9]+ groups?, ([0-9]+) lines?.*/\1 \/ \2/p' "$dir/fix.log" | tail -1)
  proof=$(sed -nE 's/^deadwood: (proved .*)$/\1/p' "$dir/fix.log" | tail -1)
  keptout=$(sed -nE 's/^deadwood: proved .*; ([0-9]+) kept out.*/\1/p' "$dir/fix.log" | tail -1)
  (cd "$src" && git diff --stat > "$dir/fix.diffstat" 2>/dev/null; git diff > "$dir/fix.diff" 2>/dev/null)

  if cmake --build "$build" -j "$jobs" > "$dir/build-after.log" 2>&1; then
    built=yes
    (cd "$build" && ctest -j "$jobs" --timeout 600 > "$dir/ctest-after.log" 2>&1)
    after=$(tests_of "$dir/ctest-after.log")
  else
    built="**no** ($(grep -m1 -E 'error:' "$dir/build-after.log" | cut -c1-120))"
    after="-"
  fi
  "$deadwood" -p "$build" -q --format json -o "$dir/report2.json" 2> "$dir/deadwood2.log"
  second=$(json_field "$dir/report2.json" 'len(r["findings"])')
  echo "| $name | $tus | $findings | $same | ${removed:-0 / 0} | ${proof:--} | ${keptout:-0} | $built | $before | $after | $crash | $(seconds "$t0" "$t1") | $(seconds "$t2" "$t3") | $second |"
done
