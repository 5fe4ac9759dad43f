// Step 7 of the pipeline: the removal proof, on plain data.
//
//   plan ──► edited buffers ──(analyzer: re-parse each TU that reads one)──► summary after
//        ──► checkReparse(before, after) per TU ──► checkDefinitions(program) ──► proven
//
// A removal is proven for a TU when the TU still compiles and its summary
// after the edit shows the surviving code unchanged: the same symbols (none
// lost but what was removed, none new), each surviving symbol with exactly
// its edges to surviving symbols (so no call resolves to another overload,
// no trait selects another specialization), nothing referring to what went.
// Then, over all TUs, nothing that was defined and is still used loses its
// last definition (the linker's "undefined reference").
//
// Identity across the edit: USRs, except that Clang writes file offsets and
// line:column into the USRs of local and internal symbols (`c:a.cpp@180@F@main#@Sa`,
// `(lambda at a.cpp:6:12)`) and deadwood into those of constrained templates;
// the edit moves them. Such USRs are compared with their numbers blanked, and
// edges as multisets, so two lambdas of one function count as two.
#pragma once

#include "model/Summary.h"
#include "passes/TextEdit.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace deadwood {

/// What one trial removes.
struct ProofSubject {
  std::set<std::string> Removed;  ///< USRs of the symbols the groups remove
  /// Per edited file (absolute path): the byte ranges the edits delete, in
  /// the original text (whatever is declared wholly inside them goes too),
  /// and the content hash of the edited text (the re-parse must have read it).
  struct Edited {
    std::vector<std::pair<uint32_t, uint32_t>> Deleted;  ///< [begin, end)
    /// The same ranges as (line, column) of their first and last bytes:
    /// where a reference at namespace scope that went with them was.
    std::vector<std::pair<std::pair<uint32_t, uint32_t>, std::pair<uint32_t, uint32_t>>> DeletedLines;
    std::string Hash;
  };
  std::map<std::string, Edited> Files;
};

/// What deleting Edits from Original does to that file, for a subject.
ProofSubject::Edited editedFile(const std::string &Original, const std::vector<Replacement> &Edits);

/// Empty when the re-parse `After` of the TU `Before` proves the removal;
/// otherwise why not, in one line: "breaks src/x.cpp:12: error: ...",
/// "changes what 'f()' uses: now 'g(long)'", ...
std::string checkReparse(const TuSummary &Before, const TuSummary &After, const ProofSubject &Subject);

/// Over the whole program after the edit (the re-parsed TUs' summaries in
/// place of their originals): the first symbol that some TU still uses,
/// that was defined before and that no TU defines any more; empty if none.
std::string checkDefinitions(const std::vector<const TuSummary *> &Before,
                             const std::vector<const TuSummary *> &After);

/// The USR as compared across an edit (numbers blanked where they are
/// positions).
std::string comparableUsr(const std::string &Usr);

}  // namespace deadwood
