// Steps 3 to 5 of the pipeline as one call: the TUs' summaries (and the
// build graph, when there is one) in, a classified report out.
//
//   summaries ──link──► Program ──keep rules, programs, public API──► roots
//             ──reach──► WholeReach ──vendored, classify──► Report
//
// Nothing here prints: what the user should hear comes back in Messages,
// for the tool to say.
#pragma once

#include "model/BuildGraph.h"
#include "passes/Findings.h"
#include "passes/KeepRules.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <string>
#include <vector>

namespace deadwood {

struct AnalysisOptions {
  std::string SourceRoot;  ///< absolute; empty: the checkout holding the project (sourceRootOf)
  std::string BuildDir;    ///< the database's directory, never reported; may be empty
  std::vector<std::string> Filters;  ///< absolute: report only under these
  std::string ConfigPath;  ///< empty: the nearest .deadwood.json (findConfig)
  std::vector<std::string> PublicApi;      ///< --public-api name globs
  std::vector<std::string> PublicHeaders;  ///< --public-header path globs
  bool IncludeVendored = false;
  Dispatch Mode = Dispatch::Rta;
  unsigned Threads = 0;  ///< for the link (-j); 0: one per core
};

struct Message {
  enum Kind { Warning, Note, Detail } Level;  ///< Detail: only with --verbose
  std::string Text;
};

struct Analysis {
  Program P;
  WholeReach Reach;       ///< Reach.Any: the union over every program
  bool HaveGraph = false;  ///< the programs came from a build graph (test-only code is told apart)
  ClassifyOptions Classify;  ///< the source root and what is never reported or edited
  Report Rep;
  std::vector<Message> Messages;
  /// The build's executables and libraries with their sources (absolute),
  /// as Rep.Targets counts them.
  std::vector<std::pair<std::string, std::vector<std::string>>> TargetSources;
};

/// The config file: ConfigPath when given, else the nearest .deadwood.json
/// from Start up to the top of the git repository holding SourceRoot (or
/// SourceRoot outside one); empty when there is none.
std::string findConfig(const std::string &ConfigPath, const std::string &Start, const std::string &SourceRoot);

/// The configuration of a run over Mains: the nearest config from the
/// project's directory (the CMake source directory, else the TUs' common
/// one) with what it inherits, or ConfigPath's; empty (no Files) when there
/// is none.
bool projectConfig(const BuildGraph &Graph, const std::vector<std::string> &Mains, const std::string &ConfigPath,
                   const std::string &SourceRoot, struct Config *Out, std::string *Err);

/// Reads the config at Nearest and, while one says `inherit`, the next one
/// above it up to SourceRoot (Out->Files: every file read, nearest first).
bool loadConfigChain(const std::string &Nearest, const std::string &SourceRoot, struct Config *Out,
                     std::string *Err);

/// Runs the analysis. False with *Err (one line naming the file) on bad
/// input: a source root that is not a directory, an unreadable or malformed
/// config.
bool analyze(std::vector<TuSummary> Summaries, const BuildGraph *Graph, const AnalysisOptions &O, Analysis *Out,
             std::string *Err);

}  // namespace deadwood
