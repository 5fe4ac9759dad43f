"""The floor: a database entry's command as `clang++-19 -fsyntax-only -w`,
without its output, dependency files and -Werror (bench/bench.sh,
bench/instructions.sh)."""
import shlex


def floor_command(entry):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-Werror") or a.startswith("-fconcepts-diag"):
            continue
        out.append(a)
    compiler = "clang-19" if entry["file"].endswith(".c") else "clang++-19"
    return "cd %s && %s -fsyntax-only -w %s" % (
        shlex.quote(entry["directory"]), compiler, " ".join(map(shlex.quote, out)))
