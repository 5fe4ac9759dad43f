#include "analyzer/Cache.h"

#include "model/Files.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace deadwood {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::string SummaryCache::pathOf(const CompileJob &Job) const {
  std::string Key = std::to_string(kSummaryVersion) + "\n" + Job.Directory + "\n" + Job.File;
  for (const std::string &A : Job.Args) Key += "\n" + A;
  return (fs::path(Dir) / (contentHash(Key) + ".dwsb")).string();
}

std::string SummaryCache::hashOf(const std::string &Path) {
  {
    std::lock_guard<std::mutex> L(Lock);
    if (auto It = FileHashes.find(Path); It != FileHashes.end()) return It->second;
  }
  std::string Text, Hash = "missing";
  if (Over && Over->count(Path)) Hash = contentHash(Over->at(Path));
  else if (readFile(Path, &Text)) Hash = contentHash(Text);
  std::lock_guard<std::mutex> L(Lock);
  return FileHashes.emplace(Path, Hash).first->second;
}

bool SummaryCache::lookup(const CompileJob &Job, TuSummary *Out) {
  std::string Path = pathOf(Job), Text, Err;
  if (Dir.empty() || !readFile(Path, &Text)) return false;
  TuSummary S;
  if (!summaryFromBinary(Text, &S, &Err) || S.MainFile != Job.File || S.Directory != Job.Directory ||
      S.FileHashes.size() != S.Files.size()) {
    std::error_code Ec;
    fs::remove(Path, Ec);
    std::lock_guard<std::mutex> L(Lock);
    ++Rejected;
    return false;
  }
  for (size_t I = 0; I < S.Files.size(); ++I)
    if (S.FileHashes[I].empty() || hashOf(S.Files[I]) != S.FileHashes[I]) return false;
  std::lock_guard<std::mutex> L(Lock);
  ++Hits;
  *Out = std::move(S);
  return true;
}

void SummaryCache::store(const CompileJob &Job, const TuSummary &S) {
  if (Dir.empty() || S.Failed) return;
  for (const std::string &H : S.FileHashes)
    if (H.empty()) return;  // a file we could not hash: the entry could never be checked
  std::error_code Ec;
  fs::create_directories(Dir, Ec);
  std::string Path = pathOf(Job), Temp = Path + "." + std::to_string(::getpid()) + "." +
                                          std::to_string(reinterpret_cast<uintptr_t>(&S)) + ".tmp";
  {
    std::ofstream Tmp(Temp, std::ios::binary);
    Tmp << summaryToBinary(S);
    if (!Tmp) return (void)fs::remove(Temp, Ec);
  }
  fs::rename(Temp, Path, Ec);
  if (Ec) fs::remove(Temp, Ec);
}

}  // namespace deadwood
