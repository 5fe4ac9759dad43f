#include "analyzer/Driver.h"

#include "analyzer/Extract.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <mutex>
#include <thread>

namespace deadwood {
namespace {

/// Counts errors and keeps the first few, as `file:line:col: error: text`.
/// Warnings are dropped: deadwood is not the place to read them.
class ErrorCollector : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error || Messages.size() >= 3) return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      clang::PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        Where = std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    Messages.push_back(Where + "error: " + std::string(Text.str()));
  }
  std::vector<std::string> Messages;
};

TuSummary extractOne(const CompileJob &Job) {
  TuSummary S;
  S.MainFile = Job.File;
  S.Directory = Job.Directory;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
      llvm::vfs::createPhysicalFileSystem().release());
  FS->setCurrentWorkingDirectory(Job.Directory);
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), FS));
  ErrorCollector Errors;
  clang::tooling::ToolInvocation Invocation(Job.Args, makeExtractAction(&S), Files.get());
  Invocation.setDiagnosticConsumer(&Errors);
  bool Ok = Invocation.run();
  if (!Ok || Errors.getNumErrors() > 0) {
    S.Failed = true;
    S.Errors = Errors.Messages;
    if (S.Errors.empty()) S.Errors.push_back("error: the frontend did not run");
  }
  if (S.MainFile.size() && std::find(S.Files.begin(), S.Files.end(), S.MainFile) == S.Files.end())
  {
    S.Files.push_back(S.MainFile);
    S.FileHashes.push_back("");
  }
  return S;
}

}  // namespace

std::vector<TuSummary> extractAll(const std::vector<CompileJob> &Work, unsigned Jobs,
                                  const ProgressFn &Progress, SummaryCache *Cache) {
  if (Jobs == 0) Jobs = std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, std::max<size_t>(1, Work.size()));
  std::vector<TuSummary> Out(Work.size());
  std::atomic<size_t> Next{0};
  size_t Done = 0;
  std::mutex ProgressLock;
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Work.size();) {
      if (!Cache || !Cache->lookup(Work[I], &Out[I])) {
        Out[I] = extractOne(Work[I]);
        if (Cache) Cache->store(Work[I], Out[I]);
      }
      std::lock_guard<std::mutex> Lock(ProgressLock);
      ++Done;
      if (Progress) Progress(Done, Work.size(), Out[I]);
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < Jobs; ++T) Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads) T.join();
  return Out;
}

}  // namespace deadwood
