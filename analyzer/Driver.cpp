#include "analyzer/Driver.h"

#include "analyzer/Extract.h"
#include "model/Files.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

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

TuSummary failed(const CompileJob &Job, const std::string &Why) {
  TuSummary S;
  S.MainFile = Job.File;
  S.Directory = Job.Directory;
  S.Failed = true;
  S.Errors = {Why};
  S.Files = {Job.File};
  S.FileHashes = {""};
  return S;
}

/// One TU in a child process: `Self extract` with the caps, killed at the
/// deadline; its summary comes back through a file.
TuSummary extractCapped(const CompileJob &Job, const Caps &Limits) {
  static std::atomic<unsigned> Serial{0};
  std::string Out = (std::filesystem::temp_directory_path() /
                     ("deadwood-tu-" + std::to_string(::getpid()) + "-" + std::to_string(Serial++) + ".dwsb"))
                        .string();
  std::vector<std::string> Args = {Limits.Self, "extract", "--binary", "--directory", Job.Directory,
                                   "--file", Job.File, "-o", Out};
  if (Limits.MemoryMb) Args.insert(Args.end(), {"--memory-limit", std::to_string(Limits.MemoryMb)});
  Args.push_back("--");
  Args.insert(Args.end(), Job.Args.begin(), Job.Args.end());
  std::vector<char *> Argv;
  for (std::string &A : Args) Argv.push_back(A.data());
  Argv.push_back(nullptr);
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&Actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t Pid = 0;
  int Spawned = posix_spawn(&Pid, Limits.Self.c_str(), &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  if (Spawned != 0) return failed(Job, "error: cannot start '" + Limits.Self + "' for this translation unit");
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(Limits.Seconds);
  int Status = 0;
  bool TimedOut = false;
  for (;;) {
    pid_t Done = ::waitpid(Pid, &Status, WNOHANG);
    if (Done == Pid || (Done < 0 && errno != EINTR)) break;
    if (Limits.Seconds && std::chrono::steady_clock::now() >= Deadline) {
      ::kill(Pid, SIGKILL);
      ::waitpid(Pid, &Status, 0);
      TimedOut = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::string Bytes;
  readFile(Out, &Bytes);
  std::remove(Out.c_str());
  if (TimedOut)
    return failed(Job, "error: stopped after " + std::to_string(Limits.Seconds) + " s (--tu-timeout)");
  TuSummary S;
  std::string Err;
  if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0 && summaryFromBinary(Bytes, &S, &Err)) return S;
  std::string How = WIFSIGNALED(Status) ? "killed by signal " + std::to_string(WTERMSIG(Status))
                                        : "exited with status " + std::to_string(WEXITSTATUS(Status));
  return failed(Job, "error: the frontend " + How +
                         (Limits.MemoryMb ? " (--tu-memory " + std::to_string(Limits.MemoryMb) + " MB)" : ""));
}

}  // namespace

std::vector<TuSummary> extractAll(const std::vector<CompileJob> &Work, unsigned Jobs,
                                  const ProgressFn &Progress, SummaryCache *Cache, const Caps *Limits) {
  if (Jobs == 0) Jobs = std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, std::max<size_t>(1, Work.size()));
  std::vector<TuSummary> Out(Work.size());
  std::atomic<size_t> Next{0};
  size_t Done = 0;
  std::mutex ProgressLock;
  auto Worker = [&] {
    for (size_t I; (I = Next++) < Work.size();) {
      if (!Cache || !Cache->lookup(Work[I], &Out[I])) {
        Out[I] = Limits && Limits->any() ? extractCapped(Work[I], *Limits) : extractOne(Work[I]);
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
