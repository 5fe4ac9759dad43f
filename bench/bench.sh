#!/usr/bin/env bash
# deadwood against its floor, Clang's own parse, on one compilation database:
#   bench/bench.sh [--runs N] [--plugin "<cmake options>"] <build-dir> [jobs]
#   bench/bench.sh [--runs N] --synthetic <tus> [jobs]   (a generated CMake project)
# Runs each of these N times (default 3) and prints the minimum and the
# median: clang++-19 -fsyntax-only over every TU (one job, and N jobs: the
# speed-up the machine gives the compiler itself), deadwood cold
# with -j1 and -jN, a warm re-run, a re-run after touching one header, their
# peak RSS, and link+reach on a synthetic 1M-symbol/10M-edge graph. With
# --plugin, also the build of the same source directory with clang++-19 and
# -jN, configured with those options, without and with the deadwood plugin.
# A script, not a test: these machines are noisy.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
usage='usage: bench/bench.sh [--runs N] [--plugin "<cmake options>"] <build-dir> [jobs] | [--runs N] --synthetic <tus> [jobs]'
deadwood="$here/build/deadwood"
runs=3
plugin=""
with_plugin=no
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=${2:?$usage}; shift 2 ;;
    --plugin) plugin=${2?$usage}; with_plugin=yes; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
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
python3 - "$build/compile_commands.json" "$here/bench" > "$tmp/floor.sh" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[2])
from floor import floor_command
print("set -e")
for e in json.load(open(sys.argv[1])): print(floor_command(e))
PY
measure() {  # label, command... -> appends "label seconds rss_mb"; a failure stops the bench
  local label=$1; shift
  if ! /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" > "$tmp/output" 2>&1; then
    echo "bench/bench.sh: $label failed on $build: $(grep -m1 -i error "$tmp/output" || tail -n1 "$tmp/output")" >&2
    exit 1
  fi
  read -r secs kb < "$tmp/time"
  printf '%s %s %s\n' "$label" "$secs" "$((kb / 1024))" >> "$tmp/results"
}
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
if [ "$with_plugin" = yes ]; then
  source_dir=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")
  # The same kind of build as the database's: an optimised build spends
  # more in the compiler, which makes the plugin's share smaller.
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
  flags="-fplugin=$("$deadwood" --print-plugin-path)"
  for kind in plain plugin; do
    extra=("-DCMAKE_BUILD_TYPE=$build_type"); [ $kind = plugin ] && extra+=("-DCMAKE_CXX_FLAGS=$flags")
    # shellcheck disable=SC2086  # the options are words
    cmake -S "$source_dir" -B "$tmp/$kind" -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 \
      "${extra[@]}" $plugin > "$tmp/$kind.log" 2>&1
  done
fi
: > "$tmp/results"
for ((run = 1; run <= runs; ++run)); do
  # Each deadwood run right after the floor run it is compared with, so a
  # slow spell of the machine tends to slow both of a pair.
  measure floor bash "$tmp/floor.sh"
  measure cold-j1 "$deadwood" -q -j1 --no-cache -p "$build" -o /dev/null
  # The same commands $jobs at a time: how much faster the machine itself
  # runs this database's parses in parallel.
  measure "floor-j$jobs" bash -c "tr '\\n' '\\0' < '$tmp/floor.sh' | xargs -0 -n1 -P$jobs bash -c"
  rm -rf "$tmp/cache"
  measure "cold-j$jobs" "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
  measure warm "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
  if [ -n "$target" ]; then
    cp "$target" "$tmp/saved"; echo "// touched" >> "$target"
    measure touched-header "$deadwood" -q -j"$jobs" --cache-dir "$tmp/cache" -p "$build" -o /dev/null
    cp "$tmp/saved" "$target"
  fi
  if [ "$with_plugin" = yes ]; then
    for kind in plain plugin; do
      ninja -C "$tmp/$kind" clean > /dev/null
      CCACHE_DISABLE=1 measure "build-$kind" ninja -C "$tmp/$kind" -j"$jobs"
    done
  fi
  "$here/build/bench/deadwood_bench_graph" >> "$tmp/graph"
done
# awk helpers both summaries use: an in-place numeric sort of a[1..n], its median.
stats='
  function sortnum(a, n,   i, j, t) { for (i = 2; i <= n; ++i) for (j = i; j > 1 && a[j - 1] > a[j]; --j) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
  function median(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }'
awk -v jobs="$jobs" -v runs="$runs" -v build_type="${build_type:-}" "$stats"'
  { n[$1]++; s[$1, n[$1]] = $2; if ($3 > rss[$1]) rss[$1] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END {
    for (i = 1; i <= k; ++i) {
      l = order[i]; m = n[l]; delete v; for (j = 1; j <= m; ++j) v[j] = s[l, j]; sortnum(v, m)
      lo[l] = v[1]; med[l] = median(v, m)
    }
    printf "%-16s %9s %9s %9s %9s   (%d runs)\n", "run", "min s", "median s", "x floor", "RSS MB", runs
    for (i = 1; i <= k; ++i) { l = order[i]; printf "%-16s %9.2f %9.2f %9.2f %9d\n", l, lo[l], med[l], med[l] / med["floor"], rss[l] }
    cold = "cold-j" jobs
    printf "\ncold -j1 / floor: %.2f (min %.2f); -j%d speed-up over -j1: %.2fx (min %.2fx); warm re-run: %.1f%% of cold (min %.1f%%)\n",
      med["cold-j1"] / med["floor"], lo["cold-j1"] / lo["floor"], jobs, med["cold-j1"] / med[cold], lo["cold-j1"] / lo[cold],
      100 * med["warm"] / med[cold], 100 * lo["warm"] / lo[cold]
    floorj = "floor-j" jobs
    if (floorj in med) printf "the floor itself with -j%d: %.2fx over one job (min %.2fx)\n", jobs, med["floor"] / med[floorj], lo["floor"] / lo[floorj]
    if ("touched-header" in med) printf "touched header: %.1f%% of cold (min %.1f%%)\n", 100 * med["touched-header"] / med[cold], 100 * lo["touched-header"] / lo[cold]
    if ("build-plugin" in med) printf "build with the plugin / without (CMAKE_BUILD_TYPE=%s): %.3f (min %.3f)\n", build_type, med["build-plugin"] / med["build-plain"], lo["build-plugin"] / lo["build-plain"]
    # The same ratios taken run by run, both figures of a pair from one run
    # (a deadwood run right after its floor run, the plugin build right
    # after the plain one): less of the machine'"'"'s drift is in them.
    printf "run by run: cold -j1 / floor %s; -j%d speed-up %s", paired("cold-j1", "floor"), jobs, paired("cold-j1", cold)
    if ("build-plugin" in med) printf "; plugin build / plain %s", paired("build-plugin", "build-plain")
    printf "\n"
  }
  function paired(a, b,   j, m, r) {
    m = n[a] < n[b] ? n[a] : n[b]
    for (j = 1; j <= m; ++j) r[j] = s[a, j] / s[b, j]
    sortnum(r, m)
    return sprintf("%.2f median (%.2f to %.2f)", median(r, m), r[1], r[m])
  }' "$tmp/results"
echo
head -1 "$tmp/graph"
awk "$stats"'
  /^link/ { n++; l[n] = $2; r[n] = $5; t[n] = $8; m[n] = $14 }
  END { sortnum(l, n); sortnum(r, n); sortnum(t, n); sortnum(m, n)
        printf "link %.2f / %.2f s, reach %.2f / %.2f s, link+reach %.2f / %.2f s (min / median of %d), peak RSS %d MB\n",
          l[1], median(l, n), r[1], median(r, n), t[1], median(t, n), n, m[n] }' "$tmp/graph"
