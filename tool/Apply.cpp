#include "tool/Apply.h"

#include "passes/Removal.h"
#include "reports/Fixes.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace deadwood {
namespace {

namespace fs = std::filesystem;

volatile std::sig_atomic_t Interrupted = 0;
void onSignal(int Signal) { Interrupted = Signal; }

const std::string &parsedHash(const Program &P, const std::string &File) {
  static const std::string None;
  auto It = std::lower_bound(P.Files.begin(), P.Files.end(), File);
  if (It == P.Files.end() || *It != File || P.FileHashes.empty()) return None;
  return P.FileHashes[It - P.Files.begin()];
}

/// The plan, re-made until every file it edits is the one that was parsed.
bool planAgainstDisk(const Program &P, const Reachability &R, Report &Rep, const ApplyOptions &O,
                     RemovalPlan *Plan, std::map<std::string, std::string> *Texts, std::string *Err) {
  RemovalOptions RO{Rep.SourceRoot, O.ExcludeDirs, {}, {}, O.RemoveTestOnly ? O.Programs : nullptr};
  std::error_code Ec;
  fs::path RealRoot = fs::canonical(Rep.SourceRoot, Ec);
  for (;;) {
    *Plan = planRemoval(P, R, Rep, RO);
    size_t Frozen = RO.Frozen.size() + RO.Unsafe.size();
    std::vector<const RemovalGroup *> All;
    for (const RemovalGroup &G : Plan->Groups) All.push_back(&G);
    for (const auto &[File, Ranges] : rangesOf(All)) {
      if (Texts->count(File)) continue;
      fs::path Real = fs::canonical(File, Ec);
      if (!Ec && Real != File && !RealRoot.empty() && !isUnder(Real.string(), RealRoot.string())) {
        RO.Unsafe[File] = "'" + File + "' links to '" + Real.string() + "', outside the source root";
        continue;
      }
      std::string Text;
      if (!readFile(File, &Text)) {
        *Err = "cannot read '" + File + "'";
        return false;
      }
      if (contentHash(Text) != parsedHash(P, File)) RO.Frozen.insert(File);
      else Texts->emplace(File, std::move(Text));
    }
    if (RO.Frozen.size() + RO.Unsafe.size() == Frozen) return true;
  }
}

std::vector<FileEdits> editsFor(const std::vector<const RemovalGroup *> &Groups,
                                const std::map<std::string, std::string> &Texts) {
  std::vector<FileEdits> Out;
  for (auto &[File, Ranges] : rangesOf(Groups)) {
    const std::string &Text = Texts.at(File);
    Out.push_back(FileEdits{File, Text, deletionEdits(Text, Ranges)});
  }
  return Out;
}

/// Each proven group's own deletions, as a suggestion a reviewer can take.
std::vector<SuggestedFix> suggestions(const std::vector<const RemovalGroup *> &Groups,
                                      const std::map<std::string, std::string> &Texts) {
  std::vector<SuggestedFix> Out;
  for (const RemovalGroup *G : Groups) {
    SuggestedFix Fix{G->Label, G->Usrs, {}};
    for (const FileEdits &F : editsFor({G}, Texts))
      for (const Replacement &E : F.Edits) {
        TextPosition From = positionAt(F.Original, E.Offset), To = positionAt(F.Original, E.Offset + E.Length);
        Fix.Edits.push_back({F.Path, From.Line, From.Column, To.Line, To.Column, E.Text});
      }
    Out.push_back(std::move(Fix));
  }
  return Out;
}

bool writeText(const std::string &Path, const std::string &Text, std::string *Err) {
  std::ofstream Out(Path, std::ios::binary);
  Out << Text;
  if (!Out) *Err = "cannot write '" + Path + "'";
  return static_cast<bool>(Out);
}

/// Puts every file of the tree into the state that the given groups'
/// removal makes (originals for the rest).
class Tree {
public:
  Tree(const std::map<std::string, std::string> &Originals) : Originals(Originals) {}
  ~Tree() {
    std::string Ignored;
    if (!Kept) restore(&Ignored);
  }

  /// Stops between two files when interrupted (the caller restores).
  bool apply(const std::vector<const RemovalGroup *> &Groups, std::string *Err) {
    std::map<std::string, std::string> Want = Originals;
    for (const FileEdits &F : editsFor(Groups, Originals)) Want[F.Path] = applyEdits(F.Original, F.Edits);
    return writeAll(Want, Err, /*Interruptible=*/true);
  }
  bool restore(std::string *Err) { return writeAll(Originals, Err, false); }
  void keep() { Kept = true; }

private:
  bool writeAll(const std::map<std::string, std::string> &Want, std::string *Err, bool Interruptible) {
    for (const auto &[Path, Text] : Want) {
      if (Interruptible && Interrupted) return false;
      auto Now = Current.find(Path);
      const std::string &Have = Now == Current.end() ? Originals.at(Path) : Now->second;
      if (Have == Text) continue;
      if (!writeAtomically(Path, Text, Err)) return false;
      Current[Path] = Text;
    }
    return true;
  }

  const std::map<std::string, std::string> &Originals;
  std::map<std::string, std::string> Current;  ///< what we last wrote
  bool Kept = false;
};

struct CommandResult {
  bool Ok = false;
  std::string FirstError;
};

/// Whether a line of build or test output reports the failure: compilers'
/// `error:`, linkers' `undefined reference`, test runners' `FAILED`.
bool isErrorLine(std::string Line) {
  std::transform(Line.begin(), Line.end(), Line.begin(), ::tolower);
  for (const char *Needle : {"error:", "undefined reference", "fatal", "failed"})
    if (Line.find(Needle) != std::string::npos && Line.find("collect2") == std::string::npos) return true;
  return false;
}

/// Runs `sh -c Command`, output to a log; the first line that reports an
/// error (or the last line) describes a failure.
CommandResult run(const std::string &Command) {
  std::string Log = (fs::temp_directory_path() / ("deadwood-verify-" + std::to_string(::getpid()) + ".log")).string();
  pid_t Pid = ::fork();
  if (Pid == 0) {
    int Fd = ::open(Log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(Fd, 1);
    ::dup2(Fd, 2);
    ::execl("/bin/sh", "sh", "-c", Command.c_str(), static_cast<char *>(nullptr));
    ::_exit(127);
  }
  int Status = 0;
  while (Pid > 0 && ::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  CommandResult Result{Pid > 0 && WIFEXITED(Status) && WEXITSTATUS(Status) == 0, ""};
  std::ifstream In(Log);
  std::string Line, Last;
  while (std::getline(In, Line)) {
    if (Result.FirstError.empty() && isErrorLine(Line)) Result.FirstError = Line;
    if (!Line.empty()) Last = Line;
  }
  if (Result.FirstError.empty()) Result.FirstError = Last.empty() ? "the command failed" : Last;
  ::unlink(Log.c_str());
  return Result;
}

/// Delta debugging over groups: keeps every group whose removal, together
/// with those already kept, leaves the command green; a failing set is
/// split in halves until single culprits are found.
class Verifier {
public:
  Verifier(Tree &T, const std::string &Command) : T(T), Command(Command) {}

  bool search(std::vector<const RemovalGroup *> Set, std::string *Err) {
    if (Set.empty() || Interrupted) return true;
    std::vector<const RemovalGroup *> Trial = Accepted;
    Trial.insert(Trial.end(), Set.begin(), Set.end());
    std::cerr << "deadwood: verify: trying " << plural(Set.size(), "group", "groups") << " on top of "
              << Accepted.size() << " kept ... " << std::flush;
    if (!T.apply(Trial, Err)) return false;
    CommandResult Result = run(Command);
    std::cerr << (Interrupted ? "interrupted" : Result.Ok ? "green" : "failed") << '\n';
    if (Interrupted) return true;
    if (Result.Ok) {
      Accepted = Trial;
      return true;
    }
    if (Set.size() == 1) {
      Unsafe.emplace_back(Set[0], Result.FirstError);
      std::cerr << "deadwood: verify: unsafe to remove " << Set[0]->Label << ": " << Result.FirstError << '\n';
      return true;
    }
    size_t Half = Set.size() / 2;
    return search({Set.begin(), Set.begin() + Half}, Err) && search({Set.begin() + Half, Set.end()}, Err);
  }

  std::vector<const RemovalGroup *> Accepted;
  std::vector<std::pair<const RemovalGroup *, std::string>> Unsafe;

private:
  Tree &T;
  const std::string &Command;
};

void markUnsafe(const Program &P, Report &Rep, const RemovalGroup &G, const std::string &Why,
                const std::string &Prefix) {
  forEachFinding(Rep.Findings, [&](Finding &F) {
    if (std::binary_search(G.Symbols.begin(), G.Symbols.end(), P.find(F.Usr))) {
      F.Removable = false;
      F.NotRemovableBecause = Prefix + Why;
    }
  });
}

bool verify(const Program &P, Report &Rep, const std::vector<const RemovalGroup *> &All,
            const std::map<std::string, std::string> &Texts, const ApplyOptions &O, std::string *Err) {
  auto OldInt = std::signal(SIGINT, onSignal), OldTerm = std::signal(SIGTERM, onSignal);
  Tree T(Texts);
  Verifier V(T, O.VerifyCommand);
  bool Ok = V.search(All, Err) && !Interrupted && T.apply(V.Accepted, Err);
  std::signal(SIGINT, OldInt);
  std::signal(SIGTERM, OldTerm);
  if (Interrupted) {
    *Err = "interrupted: every source file is restored";
    return false;  // ~Tree restores the originals
  }
  if (!Ok) return false;
  T.keep();
  for (const auto &[G, Why] : V.Unsafe) markUnsafe(P, Rep, *G, Why, "unsafe to remove: ");
  size_t Symbols = 0;
  for (const RemovalGroup *G : V.Accepted) Symbols += G->Symbols.size();
  std::cerr << "deadwood: verify: removed " << plural(Symbols, "symbol", "symbols") << " in "
            << plural(V.Accepted.size(), "group", "groups") << "; " << plural(V.Unsafe.size(), "group", "groups")
            << " unsafe, kept\n";
  return true;
}

}  // namespace

int interruptedBy() { return Interrupted; }

bool applyRemovals(const Program &P, const Reachability &R, Report &Rep, const ApplyOptions &O,
                   std::string *Err) {
  RemovalPlan Plan;
  std::map<std::string, std::string> Texts;
  if (!planAgainstDisk(P, R, Rep, O, &Plan, &Texts, Err)) return false;
  std::vector<const RemovalGroup *> All;
  for (const RemovalGroup &G : Plan.Groups) All.push_back(&G);
  if (O.Prove && !All.empty()) {
    if (!O.Tus) {
      *Err = "the removal proof needs each translation unit's compile command: pass -p <build dir> "
             "(or --no-prove, which is unsafe)";
      return false;
    }
    ProofResult Proof = proveRemoval(All, Texts, *O.Tus, O.Jobs, O.ProofBudget);
    for (const auto &[G, Why] : Proof.KeptOut) {
      markUnsafe(P, Rep, *G, Why, "removing it ");
      std::cerr << "deadwood: proof: kept out " << G->Label << ": " << Why << '\n';
    }
    char Seconds[32];
    std::snprintf(Seconds, sizeof Seconds, "%.1f", Proof.Seconds);
    std::cerr << "deadwood: proved " << plural(Proof.Proven.size(), "removal group", "removal groups") << " in "
              << plural(Proof.Tus, "translation unit", "translation units") << " (" << Seconds << " s, "
              << plural(Proof.Reparses, "re-parse", "re-parses") << "); "
              << Proof.KeptOut.size() << " kept out\n";
    All = Proof.Proven;
    // What a review tool suggests must be what the proof accepted, and
    // still apply: not after --fix or --verify changed the files.
    if (!O.Fix && O.VerifyCommand.empty()) Rep.Fixes = suggestions(All, Texts);
  }
  std::vector<FileEdits> Files = editsFor(All, Texts);
  size_t Lines = 0, Symbols = 0;
  for (const FileEdits &F : Files) Lines += linesRemoved(F);
  for (const RemovalGroup *G : All) Symbols += G->Symbols.size();
  std::cerr << "deadwood: removal: " << plural(Symbols, "symbol", "symbols") << " in "
            << plural(All.size(), "group", "groups") << ", " << plural(Lines, "line", "lines") << " from "
            << plural(Files.size(), "file", "files") << "\n";
  if (!O.PatchPath.empty() && !writeText(O.PatchPath, renderPatch(Files, Rep.SourceRoot), Err)) return false;
  if (!O.FixesPath.empty() && !writeText(O.FixesPath, renderFixesYaml(Files, O.BuildDir), Err)) return false;
  if (!O.VerifyCommand.empty()) return verify(P, Rep, All, Texts, O, Err);
  if (O.Fix) {
    for (const FileEdits &F : Files)  // all or nothing: check before the first write
      if (::access(F.Path.c_str(), W_OK) != 0) {
        *Err = "cannot write '" + F.Path + "': it is read-only; nothing was changed";
        return false;
      }
    // A file at a time, each atomically; interrupted or failing half way,
    // every file written so far is put back.
    auto OldInt = std::signal(SIGINT, onSignal), OldTerm = std::signal(SIGTERM, onSignal);
    Tree T(Texts);
    bool Ok = T.apply(All, Err);
    std::signal(SIGINT, OldInt);
    std::signal(SIGTERM, OldTerm);
    if (Interrupted) *Err = "interrupted: every source file is restored";
    if (!Ok || Interrupted) return false;  // ~Tree restores the originals
    T.keep();
  }
  return true;
}

}  // namespace deadwood
