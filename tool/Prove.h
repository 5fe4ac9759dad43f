// The removal proof, run: which TUs a set of removal groups touches, their
// re-parse with the edited buffers (analyzer/Driver), the comparison of
// their summaries (passes/Proof), and the narrowing that keeps out the
// groups that fail it. Nothing here writes a source file.
#pragma once

#include "analyzer/Database.h"
#include "model/Summary.h"
#include "passes/Removal.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace deadwood {

/// One translation unit as the analysis saw it, and how to parse it again.
struct ProvableTu {
  const CompileJob *Job = nullptr;  ///< null: the command is unknown (the TU cannot be re-parsed)
  const TuSummary *Summary = nullptr;
};

struct ProofResult {
  std::vector<const RemovalGroup *> Proven;  ///< the final set: every TU it touches passed
  /// Groups kept out, each with why (a verb phrase: "breaks src/x.cpp:12: error: ...").
  std::vector<std::pair<const RemovalGroup *, std::string>> KeptOut;
  size_t Tus = 0;       ///< translation units the final set touches
  size_t Reparses = 0;  ///< frontend runs, narrowing included
  double Seconds = 0;
};

/// Proves Groups against the original texts of the files they edit
/// (Texts: absolute path -> content as parsed), narrowing failures down to
/// the groups that cause them (delta debugging), with `Jobs` parallel
/// frontends. Only TUs that read an edited file are parsed again; a TU is
/// never parsed twice with the same edits of the files it reads.
/// Narrowing stops after Budget seconds (negative: three times the first
/// proof of the whole set plus a minute; 0: no limit): what is not proven
/// by then is kept out, with that reason.
ProofResult proveRemoval(const std::vector<const RemovalGroup *> &Groups,
                         const std::map<std::string, std::string> &Texts,
                         const std::vector<ProvableTu> &Tus, unsigned Jobs, double Budget = -1);

}  // namespace deadwood
