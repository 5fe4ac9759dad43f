#include "analyzer/Driver.h"

#include "analyzer/DeclFacts.h"
#include "analyzer/Extract.h"
#include "model/Files.h"

#include "clang/Basic/Version.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Basic/Stack.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <set>
#include <spawn.h>
#include <sys/stat.h>
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
      const clang::SourceManager &SM = Info.getSourceManager();
      clang::SourceLocation Loc = SM.getFileLoc(Info.getLocation());
      clang::PresumedLoc P = SM.getPresumedLoc(Loc, /*UseLineDirectives=*/false);
      if (P.isValid()) {
        std::string File = P.getFilename();  // absolute, as summaries name files
        if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(Loc)))
          File = absolutePath(*Entry, SM.getFileManager());
        Where = File + ":" + std::to_string(P.getLine()) + ":" + std::to_string(P.getColumn()) + ": ";
      }
    }
    Messages.push_back(Where + "error: " + std::string(Text.str()));
  }
  std::vector<std::string> Messages;
};

/// The real file system with some files' texts replaced, whatever path a
/// TU reaches them by (a symlink, `..`): a path is resolved to its real
/// path before it is looked up among the edited files.
class EditedFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  EditedFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Real, const Overlay &Edited)
      : ProxyFileSystem(std::move(Real)), Memory(new llvm::vfs::InMemoryFileSystem) {
    for (const auto &[Path, Text] : Edited) {
      Names.insert(llvm::sys::path::filename(Path).str());
      struct stat Info;
      time_t MTime = ::stat(Path.c_str(), &Info) == 0 ? Info.st_mtime : 0;
      Memory->addFile(Path, MTime, llvm::MemoryBuffer::getMemBufferCopy(Text, Path));
    }
  }

  /// Path may name an edited file by another name (a link): look it up too.
  void spelledAs(const std::string &Path) { Names.insert(llvm::sys::path::filename(Path).str()); }

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    if (std::string Real = edited(Path); !Real.empty())
      if (auto S = Memory->status(Real)) return llvm::vfs::Status::copyWithNewName(*S, Path);
    return ProxyFileSystem::status(Path);
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>> openFileForRead(const llvm::Twine &Path) override {
    // Named by its real path, as the real file system names an opened file.
    if (std::string Real = edited(Path); !Real.empty()) return Memory->openFileForRead(Real);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  /// The real path of Path if it is an edited file, else empty. Only a
  /// path with an edited file's name is resolved (a header search asks for
  /// many); a link by another name reads the original, which the proof
  /// sees in the hash of what the TU read.
  std::string edited(const llvm::Twine &Path) {
    llvm::SmallString<256> Spelled;
    if (!Names.count(llvm::sys::path::filename(Path.toStringRef(Spelled)).str())) return {};
    llvm::SmallString<256> Real;
    if (getUnderlyingFS().getRealPath(Path, Real)) return {};
    return Memory->exists(Real) ? std::string(Real.str()) : std::string();
  }

  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory;
  std::set<std::string> Names;  ///< file names of the edited files
};

/// The file system a TU is parsed on: the real one (its own instance, with
/// the command's working directory), with the edited texts of an overlay.
llvm::IntrusiveRefCntPtr<clang::FileManager> filesFor(const CompileJob &Job, const Overlay *Edited) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(llvm::vfs::createPhysicalFileSystem().release());
  if (Edited && !Edited->empty()) {
    auto E = llvm::makeIntrusiveRefCnt<EditedFileSystem>(FS, *Edited);
    E->spelledAs(Job.File);  // the main file, maybe a link to an edited file
    FS = E;
  }
  FS->setCurrentWorkingDirectory(Job.Directory);
  return llvm::makeIntrusiveRefCnt<clang::FileManager>(clang::FileSystemOptions(), FS);
}

/// Runs Fn on a thread of its own with Clang's stack size, under a crash
/// recovery context: a crash (SIGSEGV, an assertion, a fatal error) in one
/// TU returns false with *Signal set, and the process goes on. What the
/// crashed frontend allocated is abandoned, never reused.
bool runContained(llvm::function_ref<void()> Fn, int *Signal) {
  static std::once_flag Once;
  std::call_once(Once, [] {
    llvm::CrashRecoveryContext::Enable();
    llvm::install_fatal_error_handler([](void *, const char *, bool) { std::abort(); });
  });
  llvm::CrashRecoveryContext CRC;
  CRC.DumpStackAndCleanupOnFailure = false;
  if (CRC.RunSafelyOnThread([&] { clang::noteBottomOfStack(); Fn(); }, clang::DesiredStackSize))
    return true;
  *Signal = CRC.RetCode > 128 ? CRC.RetCode - 128 : CRC.RetCode;
  return false;
}

/// The files a TU reads, found by running only its preprocessor: what a TU
/// that crashed or was stopped could have referenced.
std::vector<std::string> filesReadBy(const CompileJob &Job) {
  struct Listing : clang::PreprocessOnlyAction {
    explicit Listing(TuSummary *Out) : Out(Out) {}
    void EndSourceFileAction() override {
      recordFilesRead(getCompilerInstance().getSourceManager(), Out);
    }
    TuSummary *Out;
  };
  TuSummary S;
  int Signal = 0;
  ErrorCollector Quiet;
  runContained(
      [&] {
        auto Files = filesFor(Job, nullptr);
        clang::tooling::ToolInvocation Invocation(Job.Args, std::make_unique<Listing>(&S), Files.get());
        Invocation.setDiagnosticConsumer(&Quiet);
        Invocation.run();
      },
      &Signal);
  return S.Files;
}

TuSummary failed(const CompileJob &Job, const std::string &Why);

/// A TU that crashed or was stopped: failed, and every file it reads is
/// unknown (not only its main file), so nothing it could reference is dead.
void addFile(TuSummary *S, const std::string &Path) {
  if (std::find(S->Files.begin(), S->Files.end(), Path) != S->Files.end()) return;
  S->Files.push_back(Path);
  S->FileHashes.push_back("");
}

TuSummary failedReading(const CompileJob &Job, const std::string &Why) {
  TuSummary F = failed(Job, Why);
  for (const std::string &Path : filesReadBy(Job)) addFile(&F, Path);
  return F;
}

TuSummary extractOne(const CompileJob &Job, const Overlay *Edited = nullptr, SharedBodies *Shared = nullptr) {
  auto *S = new TuSummary;  // abandoned, not freed, if the frontend crashes
  S->MainFile = Job.File;
  S->Directory = Job.Directory;
  auto *Errors = new ErrorCollector;
  bool Ok = false;
  int Signal = 0;
  clang::FileManager *Seen = nullptr;  // what a crashed frontend had found, read after the crash
  bool Finished = runContained(
      [&] {
        llvm::IntrusiveRefCntPtr<clang::FileManager> Files = filesFor(Job, Edited);
        Seen = Files.get();
        // No "N warnings generated." lines: the analysed code's diagnostics are not ours.
        std::vector<std::string> Args = Job.Args;
        if (!Args.empty()) Args.insert(Args.begin() + 1, "-fno-caret-diagnostics");
        // Never delayed template parsing for the proof: the re-parse binds
        // names exactly as the compiler will.
        clang::tooling::ToolInvocation Invocation(
            Args,
            makeExtractAction(S, Edited ? Skipping::SystemBodies : Skipping::UninstantiatedSystemTemplates, Shared),
            Files.get());
        Invocation.setDiagnosticConsumer(Errors);
        Ok = Invocation.run();
      },
      &Signal);
  if (!Finished) {
    TuSummary F = failedReading(Job, "error: the frontend crashed (signal " + std::to_string(Signal) + ")");
    llvm::SmallVector<clang::OptionalFileEntryRef> Found;
    if (Seen) Seen->GetUniqueIDMapping(Found);
    for (clang::OptionalFileEntryRef Entry : Found)
      if (Entry) addFile(&F, absolutePath(*Entry, *Seen));
    return F;
  }
  TuSummary Result = std::move(*S);
  delete S;
  if (!Ok || Errors->getNumErrors() > 0) {
    Result.Failed = true;
    Result.Errors = Errors->Messages;
    if (Result.Errors.empty()) Result.Errors.push_back("error: the frontend did not run");
  }
  delete Errors;
  if (Result.MainFile.size() &&
      std::find(Result.Files.begin(), Result.Files.end(), Result.MainFile) == Result.Files.end()) {
    Result.Files.push_back(Result.MainFile);
    Result.FileHashes.push_back("");
  }
  return Result;
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
    return failedReading(Job, "error: stopped after " + std::to_string(Limits.Seconds) + " s (--tu-timeout)");
  TuSummary S;
  std::string Err;
  if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0 && summaryFromBinary(Bytes, &S, &Err)) return S;
  std::string How = WIFSIGNALED(Status) ? "killed by signal " + std::to_string(WTERMSIG(Status))
                                        : "exited with status " + std::to_string(WEXITSTATUS(Status));
  return failedReading(Job, "error: the frontend " + How +
                         (Limits.MemoryMb ? " (--tu-memory " + std::to_string(Limits.MemoryMb) + " MB)" : ""));
}

/// Runs Each(I) for every index below N on `Jobs` threads (0: one per core).
void forEachParallel(size_t N, unsigned Jobs, const std::function<void(size_t)> &Each) {
  if (Jobs == 0) Jobs = std::max(1u, std::thread::hardware_concurrency());
  Jobs = std::min<unsigned>(Jobs, std::max<size_t>(1, N));
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I; (I = Next++) < N;) Each(I);
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 1; T < Jobs; ++T) Threads.emplace_back(Worker);
  Worker();
  for (std::thread &T : Threads) T.join();
}

}  // namespace

std::string clangVersion() { return clang::getClangFullVersion(); }

std::vector<TuSummary> extractAll(const std::vector<CompileJob> &Work, unsigned Jobs,
                                  const ProgressFn &Progress, SummaryCache *Cache, const Caps *Limits) {
  std::vector<TuSummary> Out(Work.size());
  size_t Done = 0;
  std::mutex ProgressLock;
  // What each TU parsed in project headers (found in the cache, or offered
  // body by body while it is parsed), for the TUs after and beside it to
  // skip. A TU in a child process shares nothing: it only parses.
  SharedBodies Shared;
  bool Capped = Limits && Limits->any();
  forEachParallel(Work.size(), Jobs, [&](size_t I) {
    bool Offered = false;  // an extraction in this process offers its bodies itself
    if (!Work[I].Unusable.empty()) {
      Out[I] = failed(Work[I], "error: " + Work[I].Unusable);
    } else if (!Cache || !Cache->lookup(Work[I], &Out[I])) {
      Out[I] = Capped ? extractCapped(Work[I], *Limits) : extractOne(Work[I], nullptr, &Shared);
      Offered = !Capped;
      if (Cache) Cache->store(Work[I], Out[I]);
    }
    if (!Out[I].Failed && !Offered) Shared.add(Out[I].BodiesParsed);
    std::lock_guard<std::mutex> Lock(ProgressLock);
    ++Done;
    if (Progress) Progress(Done, Work.size(), Out[I]);
  });
  // A TU that skipped a body only a TU that has since failed parsed (or,
  // from the cache, one no longer in the database or changed) is parsed
  // again, skipping nothing of the kind.
  std::vector<size_t> Again = missingBodies(Out);
  forEachParallel(Again.size(), Jobs, [&](size_t K) {
    size_t I = Again[K];
    Out[I] = Capped ? extractCapped(Work[I], *Limits) : extractOne(Work[I]);
    if (Cache) Cache->store(Work[I], Out[I]);
  });
  return Out;
}

std::vector<TuSummary> reparseAll(const std::vector<CompileJob> &Work, const Overlay &Edited,
                                  unsigned Jobs) {
  std::vector<TuSummary> Out(Work.size());
  forEachParallel(Work.size(), Jobs, [&](size_t I) {
    Out[I] = Work[I].Unusable.empty() ? extractOne(Work[I], &Edited) : failed(Work[I], "error: " + Work[I].Unusable);
  });
  return Out;
}

}  // namespace deadwood
