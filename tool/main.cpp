// deadwood's command line: the options and the dispatch to a command
// (tool/Analyze.cpp for the one-shot run, tool/Split.cpp for extract, link
// and ninja).
#include "analyzer/Driver.h"
#include "model/Files.h"
#include "model/Summary.h"
#include "tool/Commands.h"

#include <CLI/CLI.hpp>

#include <exception>
#include <malloc.h>
#include <filesystem>
#include <iostream>

namespace deadwood::cli {

void addAnalysisOptions(CLI::App &App, Options &O) {
  App.add_option("--format", O.Format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "html", "dot"}));
  App.add_option("-o,--output", O.Output, "Write the report to this file instead of stdout");
  App.add_option("--source-root", O.SourceRoot,
                 "Only code under this directory is reported or edited (default: the git checkout "
                 "holding the project, else its CMake source directory, else the TUs' common directory)");
  App.add_option("--virtual", O.Virtual, "Virtual dispatch: rta (precise) or cha (conservative)")
      ->check(CLI::IsMember({"rta", "cha"}));
  App.add_option("--why", O.Why,
                 "Explain one symbol (qualified name, with or without signature, or USR): the "
                 "path from a root that keeps it alive, or who refers to it");
  App.add_option("--config", O.ConfigPath,
                 "Keep rules, ignored and vendored paths, public headers (default: the nearest "
                 ".deadwood.json from the project's directory up to the source root)");
  App.add_option("--categories", O.Categories,
                 "Which findings to report (and remove), as clang-tidy's --checks: a comma-separated list applied "
                 "in order to all of them: dead, test-only, *, each with - to leave it out (--categories=-test-only)");
  App.add_option("--color", O.Color,
                 "Colour the text report as clang does: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  App.add_flag("--dump-config", O.DumpConfig,
               "Print the config files this run reads (nearest first) and the configuration they make together, "
               "as JSON, and stop");
  App.add_option("--public-api", O.PublicApi,
                 "Qualified-name glob of a library's public API, kept alive (repeatable)")
      ->allow_extra_args(false);
  App.add_option("--public-header", O.PublicHeaders,
                 "Glob over header paths (relative to the source root) whose declarations are a library's "
                 "public API, kept alive; for builds CMake's install rules do not describe (repeatable)")
      ->allow_extra_args(false);
  App.add_option("--coverage", O.Coverage,
                 "Runtime coverage to join to the graph: an lcov tracefile, an `llvm-cov export` JSON file, or a "
                 "directory of gcov JSON files (gcov --json-format); reachable functions no run executed are "
                 "reported as unexecuted (never removed)");
  App.add_option("--sort", O.Sort, "Order findings by file (default) or by size, largest first")
      ->check(CLI::IsMember({"file", "size"}));
  App.add_option("--write-baseline", O.WriteBaseline, "Record the current findings as accepted");
  App.add_option("--baseline", O.BaselinePath, "Report only findings this baseline does not accept");
  App.add_option("--changed-since", O.ChangedSince,
                 "Report only findings in lines changed since this git revision and code the change made "
                 "unreachable (a pull request's view)");
  App.add_option("--fail-on", O.FailOn, "Exit 1 when there are new (after --baseline or --changed-since) or any findings")
      ->check(CLI::IsMember({"new", "any"}));
  App.add_flag("--fix", O.Apply.Fix, "Remove the removable findings in place");
  App.add_flag("--remove-test-only", O.Apply.RemoveTestOnly,
               "Remove test-only code too, with the tests (in files only test programs compile) that use it");
  App.add_option("--patch", O.Apply.PatchPath,
                 "Write the removal as a unified diff (git apply, patch -p1)");
  App.add_option("--export-fixes", O.Apply.FixesPath,
                 "Write the removal as YAML for clang-apply-replacements");
  App.add_option("--verify", O.Apply.VerifyCommand,
                 "Remove in place, run this shell command (build and test), and keep out the "
                 "removals that make it fail");
  App.add_flag("--include-vendored", O.IncludeVendored,
               "Report (and remove) vendored code too: CMake subprojects, git submodules, third_party/ "
               "and the like");
  App.add_option("--proof-budget", O.Apply.ProofBudget,
                 "Seconds the proof may spend narrowing failures down to their groups (default: three "
                 "times the first proof plus a minute; 0: no limit); what is not proven by then is kept out");
  App.add_flag("--no-prove", [&O](int64_t) { O.Apply.Prove = false; },
               "Unsafe: write the removal without first parsing every affected translation unit "
               "again with it (the proof that it compiles and changes nothing that stays)");
  App.add_flag("--allow-partial", O.AllowPartial,
               "Remove even when some translation units failed to parse");
  App.add_flag("-v,--verbose", O.Verbose, "More detail: progress lines, USRs");
  App.add_flag("-q,--quiet", O.Quiet, "No progress output");
}

/// Parses the command line into App's options; on --help, --version or a
/// bad option sets *Exit and returns false.
bool parse(CLI::App &App, int argc, char **argv, int *Exit) {
  try {
    App.parse(argc, argv);
    return true;
  } catch (const CLI::CallForHelp &) {
    std::cout << App.help();
    *Exit = Done;
  } catch (const CLI::CallForVersion &E) {
    std::cout << E.what() << '\n';
    *Exit = Done;
  } catch (const CLI::ParseError &E) {
    *Exit = fail(E.what());
  }
  return false;
}

}  // namespace deadwood::cli

int main(int argc, char **argv) {
  // What a run frees it soon asks for again (a walk per program, a summary
  // per TU): glibc keeps it in the process instead of giving it back and
  // faulting fresh zeroed pages in for the next one.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 64 << 20);
  using namespace deadwood::cli;
  std::string Command = argc > 1 ? argv[1] : "";
  if (Command == "extract") return extractCommand(argc - 1, argv + 1);
  if (Command == "link") return linkCommand(argc - 1, argv + 1);
  if (Command == "ninja") return ninjaCommand(argc - 1, argv + 1);
  if (Command == "--print-plugin-path") {  // for -fplugin=$(deadwood --print-plugin-path)
    std::cout << pluginPath() << '\n';
    return Done;
  }
  Options O;
  CLI::App App{"deadwood: finds the functions no entry point of a C++ program can reach.\n"
               "Also: deadwood extract|link|ninja --help (the per-TU work run by a build system).",
               "deadwood"};
  App.add_option("-p,--build-path", O.BuildPaths,
                 "Build directory holding compile_commands.json, or the file itself (default: the nearest "
                 "compile_commands.json in the current directory or a parent, or in build/ under one); "
                 "repeatable: several configurations of one tree, where a symbol is dead only if it is dead in "
                 "every configuration that compiles it")
      ->allow_extra_args(false);
  App.add_option("-j,--jobs", O.Jobs, "Parallel frontend runs (default: one per core)");
  App.add_flag("--no-cache", O.NoCache, "Parse every translation unit, ignoring and not writing the cache");
  App.add_flag("--no-skip-bodies", O.NoSkipBodies,
               "Parse everything: by default the bodies of non-template functions in system headers are not "
               "parsed (they cannot name project code), nor those in project headers that another translation "
               "unit of the run parsed with the same macros; for comparing findings, implies --no-cache");
  App.add_flag("--delay-templates", O.DelayTemplates,
               "Also leave unparsed the system-header templates nothing instantiates (Clang's delayed template "
               "parsing; the project's templates are parsed at the end of each TU): faster, but names in project "
               "templates then bind at the end of the TU, which can make a finding's removability differ; "
               "implies --no-cache")
      ->excludes("--no-skip-bodies");
  App.set_version_flag("--version", std::string("deadwood ") + deadwood::deadwoodVersion() + "\n" +
                                        deadwood::clangVersion());
  App.add_option("--cache-dir", O.CacheDir, "Where summaries are cached (default: <build>/.deadwood/cache)");
  App.add_option("--tu-timeout", O.TuTimeout,
                 "Stop a translation unit's frontend after this many seconds; it counts as failed");
  App.add_option("--tu-memory", O.TuMemory,
                 "Cap a translation unit's frontend at this many MB of address space; over it, it counts as failed");
  addAnalysisOptions(App, O);
  App.add_option("paths", O.Filters, "Report only findings in these files or directories");
  int Exit = Done;
  if (!parse(App, argc, argv, &Exit)) return Exit;
  if (!O.BuildPaths.empty()) O.BuildPath = O.BuildPaths.front();
  if (O.BuildPath.empty()) {
    std::string Here = std::filesystem::current_path().string();
    O.BuildPath = deadwood::findDatabase(Here);
    if (O.BuildPath.empty())
      return fail("no compile_commands.json in '" + Here + "', a parent of it or build/ under one; pass -p <build-dir>");
    if (!O.Quiet) std::cerr << "deadwood: using " << O.BuildPath << "\n";
  }
  try {
    return runOneShot(O);
  } catch (const std::exception &E) {
    return fail(E.what());
  }
}
