// The command line's shared pieces: the options of an analysis, the exit
// statuses of DESIGN.md, and the commands beside the one-shot run.
//
//   deadwood -p build ...            parse every TU, link, report (Analyze.cpp)
//   deadwood extract -o f.dws -- cmd one TU's summary             (Split.cpp)
//   deadwood link [-p build] f.dws.. link summaries, report       (Split.cpp)
//   deadwood ninja -p build -o x.ninja   the two above as a Ninja build
#pragma once

#include "analyzer/Database.h"
#include "model/Summary.h"
#include "tool/Apply.h"

#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}
namespace deadwood {
struct Analysis;
struct AnalysisOptions;
struct BuildGraph;
struct CompileJob;
struct CoverageData;
}

namespace deadwood::cli {

enum Exit { Done = 0, Gated = 1, BadInput = 2, Incomplete = 3 };

struct Options {
  std::string BuildPath;
  std::vector<std::string> BuildPaths;  ///< -p, repeatable: several configurations of one tree
  std::string Format = "text";
  std::string Output;
  std::string SourceRoot;
  std::string Virtual = "rta";
  unsigned Jobs = 0;
  bool DelayTemplates = false;  ///< --delay-templates
  bool Verbose = false, Quiet = false;
  bool AllowPartial = false;
  bool IncludeVendored = false;  ///< --include-vendored
  std::string Why;
  std::string ConfigPath;
  std::vector<std::string> PublicApi;
  std::vector<std::string> PublicHeaders;  ///< --public-header globs
  std::string WriteBaseline, BaselinePath, FailOn;
  std::string Coverage;  ///< --coverage: lcov, llvm-cov export JSON or gcov JSON (a file or a directory)
  std::shared_ptr<const CoverageData> CoverageRead;  ///< its data, once read (before the parse)
  std::string ChangedSince;  ///< --changed-since: report only what the change since this git revision is to blame for
  std::string Sort = "file";
  bool NoCache = false;
  std::string Categories;  ///< --categories: which findings, as clang-tidy's --checks (empty: all)
  std::string Color = "auto";  ///< --color: auto (a terminal without NO_COLOR), always, never
  bool DumpConfig = false;  ///< print the effective configuration and stop
  bool NoSkipBodies = false;  ///< --no-skip-bodies: parse system-header bodies too (implies --no-cache)
  std::string CacheDir;
  unsigned TuTimeout = 0, TuMemory = 0;  ///< --tu-timeout seconds, --tu-memory MB
  ApplyOptions Apply;
  std::vector<std::string> Filters;
};

/// Says "deadwood: error: <Reason>" on stderr; returns BadInput.
int fail(const std::string &Reason);

/// Everything after extraction: link, roots and programs (from the CMake
/// build in DbDir when not empty), reach, classify, then --why, removal or
/// the report. Returns the exit status.
/// Jobs: the compile commands the summaries came from (for the removal
/// proof), or null when unknown.
int analyze(const Options &O, const std::string &DbDir, std::vector<TuSummary> Summaries,
            const std::vector<CompileJob> *Jobs);

/// --changed-since: keeps in A.Rep only the findings in lines changed since
/// O.ChangedSince and those the change made unreachable, found by analysing
/// the tree as it was there (Now: the summaries A was made from; the TUs
/// that read a changed file are parsed again from Jobs). False with *Err
/// when the source root is not in git or the revision is unknown.
bool keepOnlyChanges(const Options &O, const std::vector<TuSummary> &Now, const std::vector<CompileJob> *Jobs,
                     const BuildGraph *Graph, const AnalysisOptions &AO, Analysis &A, std::string *Err);

/// One configuration: its database's directory, its compile commands and
/// the summaries of its TUs.
struct LoadedConfiguration {
  std::string DbDir;
  std::vector<CompileJob> Jobs;
  std::vector<TuSummary> Summaries;
};

/// Several configurations of one source tree: each analysed, their
/// verdicts intersected (passes/Configurations), the removal planned on
/// all of them and proven in each.
int analyzeConfigurations(const Options &O, std::vector<LoadedConfiguration> Configs);

/// The one-shot run: load the database in O.BuildPath, parse (or reuse)
/// every TU, analyze. Returns the exit status.
int runOneShot(const Options &O);

/// The options of an analysis and its report, shared by the one-shot run
/// and `link`.
void addAnalysisOptions(CLI::App &App, Options &O);

/// Parses argv into App's options; on --help or a bad option sets *Exit
/// and returns false.
bool parse(CLI::App &App, int argc, char **argv, int *Exit);

/// The running deadwood executable's path.
std::string selfPath();

/// The Clang plugin (libdeadwood-plugin.so): beside the executable in a
/// build tree, under <prefix>/lib/deadwood when installed.
std::string pluginPath();

int extractCommand(int argc, char **argv);
int linkCommand(int argc, char **argv);
int ninjaCommand(int argc, char **argv);

}  // namespace deadwood::cli
