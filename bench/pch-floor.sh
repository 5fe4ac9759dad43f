#!/usr/bin/env bash
# What a shared precompiled header of the standard headers would save the
# floor (clang++-19 -fsyntax-only over every TU, one job):
#   bench/pch-floor.sh <build-dir>
# TUs are grouped by their language flags (the command without the file,
# the output, include directories and dependency options); each group of two
# or more gets one PCH of the standard headers its TUs include directly
# (`#include <vector>` found under /usr/include/c++), built once and used by
# every TU of the group with -include-pch. Prints the plain floor, the floor
# with the PCHs (building them included) and their ratio.
# A script, not a test: it needs a real build, and times it.
set -euo pipefail
build=$(cd "${1:?usage: bench/pch-floor.sh <build-dir>}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$build/compile_commands.json" "$tmp" <<'PY'
import glob, json, os, re, shlex, sys
db, tmp = json.load(open(sys.argv[1])), sys.argv[2]
std = set(os.path.basename(p) for p in glob.glob("/usr/include/c++/*/*"))
groups = {}
for e in db:
    if not e["file"].endswith((".cc", ".cpp", ".cxx")): continue
    args = e.get("arguments") or shlex.split(e["command"])
    flags, skip = [], False
    for a in args[1:]:
        if skip: skip = False; continue
        if a in ("-o", "-MF", "-MT", "-MQ"): skip = True; continue
        if a in ("-c", "-MD", "-MMD") or a.startswith(("-Werror", "-fconcepts-diag")): continue
        if not a.startswith("-") and a.endswith((".cc", ".cpp", ".cxx")): continue  # the source, however spelt
        flags.append(a)
    lang, skip = [], False
    for a in flags:  # what the standard headers see: no include directories
        if skip: skip = False; continue
        if a in ("-I", "-isystem", "-iquote", "-idirafter"): skip = True; continue
        if not a.startswith(("-I", "-isystem", "-iquote", "-idirafter")): lang.append(a)
    lang = tuple(lang)
    path = os.path.join(e["directory"], e["file"])
    headers = set(h for h in re.findall(r'^\s*#\s*include\s*<([^>]+)>', open(path).read(), re.M) if h in std)
    groups.setdefault(lang, []).append((e["directory"], flags, path, headers))
plain = open(os.path.join(tmp, "plain.sh"), "w")
pch = open(os.path.join(tmp, "pch.sh"), "w")
for n, (lang, tus) in enumerate(groups.items()):
    for d, flags, path, _ in tus:
        plain.write("cd %s && clang++-19 -fsyntax-only -w %s %s\n" % (shlex.quote(d), " ".join(map(shlex.quote, flags)), shlex.quote(path)))
    headers = sorted(set().union(*(h for *_, h in tus)))
    if len(tus) < 2 or not headers:
        for d, flags, path, _ in tus:
            pch.write("cd %s && clang++-19 -fsyntax-only -w %s %s\n" % (shlex.quote(d), " ".join(map(shlex.quote, flags)), shlex.quote(path)))
        continue
    h, p = os.path.join(tmp, "g%d.h" % n), os.path.join(tmp, "g%d.pch" % n)
    open(h, "w").write("".join("#include <%s>\n" % x for x in headers))
    pch.write("clang++-19 -w %s -x c++-header %s -o %s\n" % (" ".join(map(shlex.quote, lang)), h, p))
    for d, flags, path, _ in tus:
        pch.write("cd %s && clang++-19 -fsyntax-only -w %s -include-pch %s %s\n" % (shlex.quote(d), " ".join(map(shlex.quote, flags)), p, shlex.quote(path)))
print("%d TUs in %d flag groups; %d groups share a PCH" % (sum(len(t) for t in groups.values()), len(groups),
      sum(1 for t in groups.values() if len(t) > 1)))
PY
time_of() { /usr/bin/time -f "%e" -o "$tmp/t" bash -e "$1" > "$tmp/out" 2>&1 || { echo "failed: $1" >&2; grep -m3 error "$tmp/out" >&2; }; cat "$tmp/t"; }
plain=$(time_of "$tmp/plain.sh")
with=$(time_of "$tmp/pch.sh")
python3 -c "import sys; p, w = map(float, sys.argv[1:]); print('floor %.2f s; with shared PCHs (built here) %.2f s: %.2fx' % (p, w, w / p))" "$plain" "$with"
