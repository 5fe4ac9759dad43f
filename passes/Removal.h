// Step 6 of the pipeline: plan removals. Program + Report => groups of
// symbols to delete, and the byte ranges that delete them.
//
//   removable findings ──► drop what staying code still needs (fixpoint)
//                     ──► groups that must go together ──► ranges per file
//
// A symbol stays when it is reached, when it is a finding that cannot be
// removed, or when code that stays uses it (a dead function named by a
// macro-defined one, a virtual whose override stays). With
// --remove-test-only, test-only code goes too, taking along the tests that
// use it. What goes together:
// a class and its members, an override family, and dead code that refers to
// other dead code (a table and the functions only it lists) — removing one
// without the other would not build.
#pragma once

#include "passes/Findings.h"
#include "passes/TextEdit.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace deadwood {

struct RemovalGroup {
  std::string Label;              ///< "function 'f()'", "class 'S' and 3 more"
  std::vector<SymbolId> Symbols;  ///< sorted
  std::vector<std::string> Usrs;  ///< of Symbols, in the same order
  std::vector<std::string> Names;  ///< of Symbols, qualified, with signature
  /// Byte ranges of every definition and redeclaration, by absolute path.
  std::map<std::string, std::vector<ByteRange>> Ranges;
};

struct RemovalOptions {
  std::string SourceRoot;
  std::vector<std::string> ExcludeDirs;  ///< never edited (the build directory)
  std::set<std::string> Frozen;          ///< files that must not change (edited since parsed)
  std::map<std::string, std::string> Unsafe;  ///< files that must not be edited, and why
  /// --remove-test-only: the programs, when test-only findings go too. The
  /// test code that uses them goes with them: functions defined in files no
  /// production program compiles (a gtest TEST, its helpers), with whatever
  /// their text contains (the TEST macro's class and registration). An entry
  /// point or other root that uses them keeps them.
  const WholeReach *TestOnly = nullptr;
};

struct RemovalPlan {
  std::vector<RemovalGroup> Groups;  ///< sorted by label
  size_t symbols() const;
};

/// Plans the removal of the report's removable findings. Findings that turn
/// out not to be removable get Removable = false and the reason.
RemovalPlan planRemoval(const Program &P, const Reachability &R, Report &Rep,
                        const RemovalOptions &Opts);

/// A name as a compiler message may quote it, without qualification,
/// template arguments or signature: `ns::Box<T>::get(int) const` -> `get`.
std::string shortName(const std::string &Qualified);

/// The deletions for a set of groups, per file.
std::map<std::string, std::vector<ByteRange>> rangesOf(const std::vector<const RemovalGroup *> &Groups);

}  // namespace deadwood
