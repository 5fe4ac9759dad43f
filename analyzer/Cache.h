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

class SummaryCache {
public:
  explicit SummaryCache(std::string Dir) : Dir(std::move(Dir)) {}

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
  std::mutex Lock;
  std::map<std::string, std::string> FileHashes;
  size_t Hits = 0, Rejected = 0;
};

}  // namespace deadwood
