// Step 2's cache: a TU's summary is a pure function of its command line and
// the files it read, so it is reused while they are unchanged.
//
// Layout: <dir>/<key>.json, key = contentHash(summary version, directory,
// command line). The entry is the summary's JSON, which records every file
// the TU read with the hash of its content; an entry is used only when every
// one of those files still hashes the same (the way ccache's direct mode
// checks a manifest). A corrupt entry, or one of another summary version, is
// rejected and rebuilt, never trusted. No Clang here.
#pragma once

#include "analyzer/Database.h"
#include "model/Summary.h"

#include <map>
#include <mutex>
#include <string>

namespace deadwood {

/// Edited texts by absolute path: what a re-parse reads instead of the
/// files on disk.
using Overlay = std::map<std::string, std::string>;

class SummaryCache {
public:
  /// With Over, a file it holds is checked against that text, not the
  /// disk: the cache of summaries of the tree as it was at a revision.
  explicit SummaryCache(std::string Dir, const Overlay *Over = nullptr) : Dir(std::move(Dir)), Over(Over) {}

  /// The cached summary for a job, if every file it read is unchanged.
  bool lookup(const CompileJob &Job, TuSummary *Out);
  /// Stores a summary (atomically); failed TUs and unverifiable ones are not kept.
  void store(const CompileJob &Job, const TuSummary &S);

  size_t hits() const { return Hits; }
  size_t rejected() const { return Rejected; }  ///< corrupt or foreign entries

private:
  std::string pathOf(const CompileJob &Job) const;
  std::string hashOf(const std::string &Path);  ///< memoized for the run

  std::string Dir;
  const Overlay *Over;
  std::mutex Lock;
  std::map<std::string, std::string> FileHashes;
  size_t Hits = 0, Rejected = 0;
};

}  // namespace deadwood
