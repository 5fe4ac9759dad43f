#!/usr/bin/env bash
# Instructions, not seconds: deadwood against its floor on single TUs,
# counted by callgrind, which a noisy machine does not change:
#   bench/instructions.sh <build-dir> <file-part>...
# For each database entry whose file contains one of the parts, runs
# clang++-19 -fsyntax-only -w on its command (as bench/bench.sh's floor)
# and deadwood -j1 --no-cache on a database of that entry alone, each under
# valgrind --tool=callgrind, and prints both counts and their ratio. A TU
# alone shares no bodies with other TUs: on a whole run deadwood skips more.
# About 50 times the TU's own time, twice. A script, not a test.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: bench/instructions.sh <build-dir> <file-part>...}" && pwd)
shift
[ $# -gt 0 ] || { echo "usage: bench/instructions.sh <build-dir> <file-part>..." >&2; exit 2; }
command -v valgrind > /dev/null || { echo "bench/instructions.sh: valgrind is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Valgrind 3.19 cannot read the DWARF 5 a clang-built binary may carry.
strip -g -o "$tmp/deadwood" "$here/build/deadwood"
python3 - "$build/compile_commands.json" "$tmp" "$here/bench" "$@" <<'PY'
import json, os, sys
db, tmp, parts = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[4:]
sys.path.insert(0, sys.argv[3])
from floor import floor_command
seen = set()
for e in db:
    if not any(p in e["file"] for p in parts) or e["file"] in seen: continue
    seen.add(e["file"])
    n = len(seen)
    os.makedirs(os.path.join(tmp, str(n)))
    json.dump([e], open(os.path.join(tmp, str(n), "compile_commands.json"), "w"))
    with open(os.path.join(tmp, str(n), "floor.sh"), "w") as f:
        f.write(floor_command(e) + "\n")
    with open(os.path.join(tmp, str(n), "file"), "w") as f: f.write(e["file"])
PY
count() {  # command... -> instructions, of every process it runs
  valgrind --tool=callgrind --trace-children=yes --callgrind-out-file=/dev/null "$@" > /dev/null 2> "$tmp/log" || true
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/log" | awk '{ n += $1 } END { if (NR) printf "%.0f\n", n }'
}
printf "%-48s %16s %16s %7s\n" "translation unit" "floor" "deadwood" "ratio"
total_floor=0 total_deadwood=0
for dir in "$tmp"/[0-9]*; do
  floor=$(count bash "$dir/floor.sh")
  deadwood=$(count "$tmp/deadwood" -q -j1 --no-cache -p "$dir" -o /dev/null)
  [ -n "$floor" ] && [ -n "$deadwood" ] || { echo "bench/instructions.sh: no count for $(cat "$dir/file")" >&2; exit 1; }
  total_floor=$((total_floor + floor)) total_deadwood=$((total_deadwood + deadwood))
  awk -v f="$(basename "$(cat "$dir/file")")" -v a="$floor" -v b="$deadwood" \
    'BEGIN { printf "%-48s %16.0f %16.0f %7.3f\n", f, a, b, b / a }'
done
awk -v a="$total_floor" -v b="$total_deadwood" 'BEGIN { printf "%-48s %16.0f %16.0f %7.3f\n", "all", a, b, b / a }'
