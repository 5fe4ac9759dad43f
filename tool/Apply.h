// Applying a removal plan to the user's source tree: --patch, --export-fixes,
// --fix and --verify. The only code that writes sources. Every write is
// atomic (temporary file + rename) and keeps the file's permissions; a file
// whose content no longer matches what was parsed is never edited.
#pragma once

#include "passes/Findings.h"
#include "passes/Program.h"
#include "model/Files.h"
#include "passes/Reach.h"
#include "tool/Prove.h"

#include <string>
#include <vector>

namespace deadwood {

struct ApplyOptions {
  std::string PatchPath;      ///< --patch
  std::string FixesPath;      ///< --export-fixes
  bool Fix = false;           ///< --fix
  std::string VerifyCommand;  ///< --verify
  std::string BuildDir;       ///< for the YAML's BuildDirectory
  std::vector<std::string> ExcludeDirs;
  bool RemoveTestOnly = false;             ///< --remove-test-only
  const WholeReach *Programs = nullptr;    ///< which code is test-only; with RemoveTestOnly
  /// The removal proof (on unless --no-prove): every TU, with its compile
  /// command, parsed again with the edits before anything is written.
  bool Prove = true;
  const std::vector<ProvableTu> *Tus = nullptr;
  unsigned Jobs = 0;  ///< parallel frontends for the proof (0: one per core)
  double ProofBudget = -1;  ///< --proof-budget seconds for narrowing (-1: the default, 0: none)
  bool wanted() const { return !PatchPath.empty() || !FixesPath.empty() || Fix || !VerifyCommand.empty(); }
};

/// Plans and applies the removal of Rep's removable findings (updating
/// their `removable` and reasons). Returns false with *Err (one line naming
/// the file) when a file cannot be read or written; progress of --verify
/// goes to stderr.
/// Whether SIGINT or SIGTERM arrived while removals were being written
/// (they were then all undone): the run exits 128 + the signal, as shells do.
int interruptedBy();

bool applyRemovals(const Program &P, const Reachability &R, Report &Rep, const ApplyOptions &Opts,
                   std::string *Err);


}  // namespace deadwood
