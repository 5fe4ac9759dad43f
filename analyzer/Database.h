// Step 1 of the pipeline: load the compilation database and turn each entry
// into a command line Clang (the one deadwood links) will accept.
//
// Plain data at the interface: the tool's main and tests use it without
// Clang headers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

/// One translation unit to parse: the database entry, made absolute, with its
/// command line already adjusted for our Clang.
struct CompileJob {
  std::string File;       ///< absolute path of the main file
  std::string Directory;  ///< working directory of the command
  std::vector<std::string> Args;  ///< full command line, compiler first
  /// Why it cannot be parsed at all (its source does not exist: a file the
  /// build generates): the TU fails with this, the run goes on.
  std::string Unusable;
};

/// Loads `PathArg`: a build directory holding compile_commands.json, or the
/// path of such a file. As other generators write them (Bear, Bazel
/// extractors, Meson): entries for headers are left out (a header is
/// analysed through the TUs that include it), `@file` response files are
/// expanded, and a source file that does not exist is that TU's failure
/// (CompileJob::Unusable), not the run's. On failure returns false and sets *Err to one line
/// naming the path (the caller prefixes "deadwood: error: " and exits 2).
/// *DatabaseDir is set to the directory holding the database.
bool loadDatabase(const std::string &PathArg, std::vector<CompileJob> *Jobs,
                  std::string *DatabaseDir, std::string *Err);

/// The parsing half of loadDatabase, on the text of a database named Name:
/// every entry with its command line adjusted, paths as written, nothing
/// checked on disk. (What the fuzzer drives.)
// deadwood: keep(driven by fuzz/FuzzDatabase.cpp, which this build does not compile)
bool parseCompileDatabase(const std::string &Name, std::string_view Text, std::vector<CompileJob> *Jobs,
                          std::string *Err);

/// Makes a command line written for g++ or another clang safe for ours:
/// the target and driver mode a prefixed compiler name implies
/// (`aarch64-linux-gnu-g++`, `clang-cl`) made explicit, as clangd does;
/// drops GCC-only flags Clang rejects, output and dependency-file flags,
/// forces -fsyntax-only, and points Clang at the resource dir of the LLVM we
/// link (the user never passes -resource-dir).
std::vector<std::string> adjustCommandLine(std::vector<std::string> Args);

/// Clang's own headers (stddef.h, ...) for the Clang deadwood runs with,
/// found at run time beside the library that holds it
/// (`<libdir>/clang/<major>`), so an installed or packaged deadwood works
/// from anywhere; the directory of the build's LLVM when that fails.
std::string clangResourceDir();

}  // namespace deadwood
