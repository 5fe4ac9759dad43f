#!/usr/bin/env bash
# deadwood against its floor, Clang's own parse, on one compilation database:
#   bench/bench.sh <build-dir> [jobs]
#   bench/bench.sh --synthetic <tus> [jobs]   (a generated CMake project)
# Prints, side by side: clang++-19 -fsyntax-only over every TU (one job),
# deadwood cold with -j1 and -jN, a warm re-run, a re-run after touching one
# header, their peak RSS, and link+reach on a synthetic 1M-symbol/10M-edge
# graph. A script, not a test: these machines are noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
usage="usage: bench/bench.sh <build-dir> [jobs] | --synthetic <tus> [jobs]"
deadwood="$here/build/deadwood"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${1:?$usage}" = --synthetic ]; then
  python3 "$here/bench/synthetic-project.py" "$tmp/synthetic" "${2:?$usage}"
  cmake -S "$tmp/synthetic" -B "$tmp/synthetic/build" -DCMAKE_CXX_COMPILER=g++ > /dev/null
  build="$tmp/synthetic/build"
  echo "synthetic project: $2 translation units (bench/synthetic-project.py)"
  shift
else
  build=$(cd "$1" && pwd)
fi
jobs=${2:-$(nproc)}

# The floor: each database command with clang++-19 -fsyntax-only, in turn.
python3 - "$build/compile_commands.json" > "$tmp/floor.sh" <<'PY'
import json, shlex, sys
for e in json.load(open(sys.argv[1])):
    args = e.get("arguments") or shlex.split(e["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a in ("-o", "-MF", "-MT", "-MQ"): skip = True; continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-Werror") or a.startswith("-fconcepts-diag"): continue
        out.append(a)
    print("cd %s && clang++-19 -fsyntax-only -w %s" % (shlex.quote(e["directory"]), " ".join(map(shlex.quote, out))))
PY
measure() {  # label, command... -> prints "label seconds rss_mb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > /dev/null 2>&1 || true
  read -r secs kb < "$tmp/time"
  printf '%s %s %s\n' "$label" "$secs" "$((kb / 1024))"
}
{
  measure floor bash "$tmp/floor.sh"
  measure cold-j1 "$deadwood" -q -j1 --no-cache -p "$build" -o /dev/null
  measure "cold-j$jobs" "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
  measure warm "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
  # A project header the first TUs include: touching it invalidates exactly those TUs.
  target=$(python3 - "$build/compile_commands.json" <<'PY'
import json, os, re, shlex, sys
for e in json.load(open(sys.argv[1])):
    args = e.get("arguments") or shlex.split(e["command"])
    dirs = [os.path.dirname(os.path.join(e["directory"], e["file"]))]
    dirs += [os.path.join(e["directory"], a[2:]) for a in args if a.startswith("-I") and len(a) > 2]
    for inc in re.findall(r'#include "([^"]+)"', open(os.path.join(e["directory"], e["file"])).read()):
        for d in dirs:
            if os.path.isfile(os.path.join(d, inc)):
                print(os.path.normpath(os.path.join(d, inc)))
                sys.exit(0)
PY
)
  if [ -n "$target" ]; then
    cp "$target" "$tmp/saved"; echo "// touched" >> "$target"
    measure touched-header "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
    cp "$tmp/saved" "$target"
  fi
} > "$tmp/results"
awk -v jobs="$jobs" '
  { secs[$1] = $2; rss[$1] = $3; order[NR] = $1 }
  END {
    printf "%-16s %9s %9s %9s\n", "run", "seconds", "x floor", "RSS MB"
    for (i = 1; i <= NR; ++i) { k = order[i]; printf "%-16s %9.2f %9.2f %9d\n", k, secs[k], secs[k] / secs["floor"], rss[k] }
    cold = "cold-j" jobs
    printf "\n-j%d speed-up over -j1: %.2fx; warm re-run: %.1f%% of cold\n", jobs, secs["cold-j1"] / secs[cold], 100 * secs["warm"] / secs[cold]
  }' "$tmp/results"
echo
"$here/build/bench/deadwood_bench_graph"
