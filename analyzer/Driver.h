// Step 2 of the pipeline, for a whole database: run one Clang frontend per
// compile job (in parallel) and collect one TuSummary per job.
#pragma once

#include "analyzer/Cache.h"
#include "analyzer/Database.h"
#include "model/Summary.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace deadwood {

/// Called after each TU, from the worker thread that parsed it (calls are
/// serialized): Done of Total finished, and the summary just made.
using ProgressFn = std::function<void(size_t Done, size_t Total, const TuSummary &)>;

/// The Clang deadwood parses with, as `clang --version` names it
/// (`Debian clang version 19.1.7 (...)`): the library loaded at run time.
std::string clangVersion();

/// Parses every job with `Jobs` workers (0: one per core). The result has one
/// summary per job, in the order of `Work`, whatever order they finished in.
/// A TU whose frontend reported an error is marked Failed with its first
/// errors in compiler form; it never stops the others.
/// With a Cache, a TU whose command line and files are unchanged is not
/// parsed again; what is parsed is stored.
std::vector<TuSummary> extractAll(const std::vector<CompileJob> &Work, unsigned Jobs,
                                  const ProgressFn &Progress = {}, SummaryCache *Cache = nullptr,
                                  const struct Caps *Limits = nullptr);

/// The removal proof's parse: every job again, in parallel, with the edited
/// buffers of `Edited` laid over the real file system, its own command line,
/// no cache and no caps. A crash is that TU's failure, as in extractAll.
std::vector<TuSummary> reparseAll(const std::vector<CompileJob> &Work, const Overlay &Edited,
                                  unsigned Jobs);

/// Caps on one TU's frontend (--tu-timeout, --tu-memory). With any set, each
/// TU is parsed by a child process (`Self extract ...`) that is killed at
/// the deadline or runs out of address space; such a TU counts as failed
/// and the run goes on.
struct Caps {
  std::string Self;          ///< the deadwood executable
  unsigned Seconds = 0;      ///< 0: no time limit
  unsigned MemoryMb = 0;     ///< 0: no memory limit
  bool any() const { return Seconds || MemoryMb; }
};

}  // namespace deadwood
