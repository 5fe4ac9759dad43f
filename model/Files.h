// Reading a whole file, the one way every layer does it (sources, caches,
// configs, summaries), and finding the checkout a path is in. Plain C++,
// no Clang.
#pragma once

#include <string>
#include <vector>

namespace deadwood {

/// Reads the whole file at Path, bytes as they are; false when it cannot be
/// opened.
bool readFile(const std::string &Path, std::string *Out);

/// Writes Path atomically: a temporary file beside it, the permissions of
/// the file it replaces, fsync, then a rename over it (through a symbolic
/// link, the file it names). False with *Err naming it.
bool writeAtomically(const std::string &Path, const std::string &Text, std::string *Err);

/// True when `Path` is `Dir` or lies below it (both absolute, normalized).
bool isUnder(const std::string &Path, const std::string &Dir);

/// Path relative to Root when it lies below it (`/src/a/b.cc` under `/src`
/// is `a/b.cc`; under `/`, `src/a/b.cc`); otherwise unchanged.
std::string relativeToRoot(const std::string &Path, const std::string &Root);

/// P made absolute against Dir (when relative), `.` and `..` removed
/// lexically, no trailing `/`: symlinks are not resolved.
std::string absoluteIn(const std::string &Dir, const std::string &P);

/// P made absolute against the working directory, symlinks resolved as far
/// as the path exists, no trailing `/`: how paths a user types are compared
/// with the paths a compiler read.
std::string normalizedPath(const std::string &P);

/// The deepest directory holding every one of Files (absolute paths); "/"
/// for none.
std::string commonAncestor(const std::vector<std::string> &Files);

/// S quoted for a POSIX shell: `it's` -> `'it'\''s'`.
std::string shellQuoted(const std::string &S);
/// Runs Command with /bin/sh, its standard output into *Out; true when it
/// exits 0.
bool commandOutput(const std::string &Command, std::string *Out);

/// The top level of the git checkout holding Dir (absolute): the nearest
/// directory at or above it with a `.git` (a directory, or a worktree's or
/// submodule's file). Empty outside a checkout.
std::string repositoryRoot(const std::string &Dir);

/// The compile database a clang tool run in Dir (absolute) would use: the
/// nearest `compile_commands.json` in Dir or a parent of it, or in `build/`
/// under one of them (Dir's own before its parent's). Empty when none.
std::string findDatabase(const std::string &Dir);

}  // namespace deadwood
