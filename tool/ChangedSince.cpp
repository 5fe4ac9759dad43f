// --changed-since <rev>: a pull request's view of the findings. Only what
// the change is to blame for is reported: findings in lines changed since
// <rev> (the working tree against it, uncommitted and untracked files
// included), and symbols the change made unreachable — dead now, alive in
// the analysis of the tree as it was at <rev>. That analysis reuses every
// summary whose TU read no changed file and parses the others again with
// the files' texts at <rev> laid over the disk.
#include "analyzer/Driver.h"
#include "model/Files.h"
#include "passes/Analysis.h"
#include "passes/Changes.h"
#include "passes/TextEdit.h"
#include "tool/Commands.h"

#include <climits>
#include <cstdio>
#include <iostream>
#include <set>

namespace deadwood::cli {
namespace {

/// Runs `git -C Dir Args...`; its standard output in *Out. True when git
/// exits 0. Its standard error is not shown.
bool git(const std::string &Dir, const std::vector<std::string> &Args, std::string *Out) {
  std::string Command = "git -C " + shellQuoted(Dir);
  for (const std::string &A : Args) Command += " " + shellQuoted(A);
  return commandOutput(Command + " 2>/dev/null", Out);
}

/// Symbols Findings (members of dead classes included) name, by category.
std::set<std::pair<std::string, Category>> judged(const std::vector<Finding> &Findings) {
  std::set<std::pair<std::string, Category>> Out;
  forEachFinding(Findings, [&](const Finding &F) { Out.emplace(F.Usr, F.Category); });
  return Out;
}

}  // namespace

bool keepOnlyChanges(const Options &O, const std::vector<TuSummary> &Now, const std::vector<CompileJob> *Jobs,
                     const BuildGraph *Graph, const AnalysisOptions &AO, Analysis &A, std::string *Err) {
  const std::string &Rev = O.ChangedSince, &Root = A.Rep.SourceRoot;
  std::string Top, Text;
  if (!git(Root, {"rev-parse", "--show-toplevel"}, &Top))
    return *Err = "--changed-since: the source root '" + Root + "' is not in a git work tree", false;
  while (!Top.empty() && Top.back() == '\n') Top.pop_back();
  if (!git(Top, {"rev-parse", "--verify", "--quiet", Rev + "^{commit}"}, &Text))
    return *Err = "--changed-since: no commit '" + Rev + "' in '" + Top + "'", false;
  if (!Jobs) return *Err = "--changed-since needs the compile commands: run it on a build directory (-p)", false;
  std::string Diff;
  if (!git(Top, {"diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", Rev, "--"}, &Diff))
    return *Err = "--changed-since: git diff " + Rev + " failed in '" + Top + "'", false;

  // Changed lines by absolute path; files that did not exist at Rev are
  // wholly new, and each changed file's text at Rev is what the old
  // analysis reads.
  std::map<std::string, std::vector<LineSpan>> Changed;
  for (auto &[Path, Spans] : changedLines(Diff)) Changed[normalizedPath(Top + "/" + Path)] = std::move(Spans);
  std::string Untracked;
  git(Top, {"ls-files", "--others", "--exclude-standard", "-z"}, &Untracked);
  for (size_t At = 0, End; (End = Untracked.find('\0', At)) != std::string::npos; At = End + 1)
    Changed[normalizedPath(Top + "/" + Untracked.substr(At, End - At))] = {{1, UINT32_MAX}};
  // Only what the analysis read matters (not, say, an untracked build tree).
  std::set<std::string> Read;
  for (const TuSummary &S : Now) Read.insert(S.Files.begin(), S.Files.end());
  for (auto It = Changed.begin(); It != Changed.end();) It = Read.count(It->first) ? std::next(It) : Changed.erase(It);
  Overlay Then;
  std::set<std::string> Added;
  for (const auto &[Path, Spans] : Changed) {
    std::string Old;
    if (git(Top, {"show", Rev + ":" + relativeToRoot(Path, Top)}, &Old)) Then[Path] = std::move(Old);
    else Added.insert(Path);
  }

  // The program as it was: summaries of TUs that read no changed file as
  // they are, the others parsed again as at Rev, TUs whose main file is new
  // left out.
  std::map<std::pair<std::string, std::string>, const CompileJob *> JobOf;
  for (const CompileJob &J : *Jobs) JobOf.emplace(std::pair(J.File, J.Directory), &J);
  std::vector<TuSummary> Before;
  std::vector<CompileJob> Again;
  for (const TuSummary &S : Now) {
    if (Added.count(S.MainFile)) continue;
    bool Touched = std::any_of(S.Files.begin(), S.Files.end(), [&](const std::string &F) { return Changed.count(F); });
    if (!Touched) {
      Before.push_back(S);
      continue;
    }
    if (auto It = JobOf.find({S.MainFile, S.Directory}); It != JobOf.end()) Again.push_back(*It->second);
  }
  // Summaries of the tree at Rev are kept beside the others: a pull
  // request's next push re-parses only what it changes again.
  std::string CacheDir = O.NoCache ? "" : (O.CacheDir.empty() ? AO.BuildDir + "/.deadwood/cache" : O.CacheDir);
  SummaryCache Cache(CacheDir.empty() ? "" : CacheDir + "/at-revision", &Then);
  std::vector<CompileJob> Missed;
  for (const CompileJob &J : Again) {
    TuSummary S;
    if (Cache.lookup(J, &S)) Before.push_back(std::move(S));
    else Missed.push_back(J);
  }
  std::vector<TuSummary> Parsed = reparseAll(Missed, Then, O.Jobs);
  for (size_t I = 0; I < Parsed.size(); ++I) {
    Cache.store(Missed[I], Parsed[I]);
    Before.push_back(std::move(Parsed[I]));
  }
  Analysis Old;
  if (!deadwood::analyze(std::move(Before), Graph, AO, &Old, Err)) return false;

  // Dead now, and then a symbol of the program that was not a finding of
  // the same category: the change made it so.
  std::set<std::pair<std::string, Category>> WasFinding = judged(Old.Rep.Findings);
  std::set<std::string> MadeUnreachable;
  forEachFinding(A.Rep.Findings, [&](const Finding &F) {
    SymbolId Then = Old.P.find(F.Usr);
    if (Then != kNoSymbol && Old.P.Symbols[Then].HasDefinition && !WasFinding.count({F.Usr, F.Category}))
      MadeUnreachable.insert(F.Usr);
  });
  // A dead class is blamed on the change when one of its members is.
  for (const Finding &F : A.Rep.Findings) {
    bool Member = false;
    forEachFinding(F.Members, [&](const Finding &M) { Member |= MadeUnreachable.count(M.Usr) > 0; });
    if (Member) MadeUnreachable.insert(F.Usr);
  }
  std::map<std::string, std::string> Texts;
  std::vector<uint32_t> EndLines;
  for (const Finding &F : A.Rep.Findings) {
    if (!Texts.count(F.File)) readFile(F.File, &Texts[F.File]);
    EndLines.push_back(positionAt(Texts[F.File], F.End).Line);
  }
  auto [InLines, Unreachable] = keepChanged(A.Rep.Findings, EndLines, Changed, MadeUnreachable);
  if (!O.Quiet)
    std::cerr << "deadwood: changed since " << Rev << ": " << plural(Changed.size(), "file", "files") << " the analysis reads, "
              << plural(InLines, "finding", "findings") << " in changed lines, " << Unreachable
              << " made unreachable by the change (" << plural(Again.size(), "translation unit", "translation units")
              << " as at " << Rev << ", " << Cache.hits() << " from the cache)\n";
  return true;
}

}  // namespace deadwood::cli
