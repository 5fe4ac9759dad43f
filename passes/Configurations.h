// Several configurations of one source tree (`-p build-linux -p
// build-win-cross -p build-asan`): each is analysed on its own, then their
// verdicts are intersected.
//
//   Analysis per build dir ──intersect──► one Report: dead only where every
//                                         configuration compiling it says so
//   summaries of all ──link──► one Program + reached in any ──► the removal
//
// A symbol a configuration does not compile (no definition there) is
// neutral, never "used": code behind `#ifdef _WIN32` is judged by the
// configurations that build it. The removal is planned on every
// configuration's code at once, so that nothing one of them still uses
// goes, and proven in every configuration that reads an edited file.
#pragma once

#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <string>
#include <vector>

namespace deadwood {

/// One configuration's classified analysis, before removal planning.
struct ConfigurationView {
  std::string Build;  ///< its build directory
  const Program *P = nullptr;
  const Reachability *R = nullptr;
  const Report *Rep = nullptr;  ///< its findings, categories filtered
};

/// The verdict of configuration C on the symbol Usr, which C does not
/// report: reachable, kept (defined there) or not compiled.
ConfigurationVerdict unreportedVerdict(const ConfigurationView &C, const std::string &Usr);

/// The findings on which every configuration that compiles the symbol
/// agrees (dead everywhere it is compiled; test-only when some say
/// test-only and the rest dead), each with every configuration's verdict,
/// removable only if it is in each. The counts and lists of the report are
/// those of all configurations together (failed TUs, notes, vendored
/// directories; not Targets, which the caller counts);
/// SourceRoot is the first configuration's.
Report intersect(const std::vector<ConfigurationView> &Configurations);

/// Over Merged (the summaries of every configuration linked together): a
/// symbol is reached when some configuration reaches a symbol of its USR.
/// The removal planner then keeps whatever code reached anywhere uses.
Reachability reachedInAny(const Program &Merged, const std::vector<ConfigurationView> &Configurations);

}  // namespace deadwood
