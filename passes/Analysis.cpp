#include "passes/Analysis.h"

#include "model/Files.h"
#include "passes/Programs.h"
#include "passes/Vendored.h"

#include <algorithm>
#include <filesystem>

namespace deadwood {
namespace {

namespace fs = std::filesystem;

/// Reads and parses the config at Path; its path globs are made relative
/// to the source root when it lies below it.
bool loadConfig(const std::string &Path, const std::string &SourceRoot, Config *Out, std::string *Err) {
  std::string Text;
  if (!readFile(Path, &Text)) return *Err = "cannot read config '" + Path + "'", false;
  if (!parseConfig(Path, Text, Out, Err)) return false;
  std::string Dir = normalizedPath(fs::path(Path).parent_path().string());
  if (isUnder(Dir, SourceRoot) && Dir != SourceRoot) rebaseConfig(Out, relativeToRoot(Dir, SourceRoot));
  return true;
}

}  // namespace

bool loadConfigChain(const std::string &Nearest, const std::string &SourceRoot, Config *Out, std::string *Err) {
  if (!loadConfig(Nearest, SourceRoot, Out, Err)) return false;
  Out->Files = {Nearest};
  for (std::string Above = Nearest; Out->Inherit;) {
    fs::path Dir = fs::path(normalizedPath(Above)).parent_path();
    std::string Next = Dir == Dir.root_path() ? std::string() : findConfig("", Dir.parent_path().string(), SourceRoot);
    if (Next.empty()) return *Err = Above + ": \"inherit\" but no .deadwood.json above it in the source root", false;
    Config Parent;
    if (!loadConfig(Next, SourceRoot, &Parent, Err)) return false;
    inheritConfig(Out, Parent);
    Out->Inherit = Parent.Inherit;
    Out->Files.push_back(Next);
    Above = Next;
  }
  return true;
}

namespace {

/// The vendored directories of this analysis (passes/Vendored).
std::vector<VendoredDir> vendoredOf(const std::string &SourceRoot, const Program &P, const BuildGraph &Graph,
                                    const Config &Cfg) {
  VendorSources In;
  In.Vendored = Cfg.Vendored;
  In.NotVendored = Cfg.NotVendored;
  In.SourceRoot = SourceRoot;
  In.Files = P.Files;
  for (const TuInfo &T : P.Tus) In.MainFiles.push_back(T.MainFile);
  for (const Subproject &S : Graph.Subprojects) In.Subprojects.emplace_back(S.Name, S.Dir);
  readFile((fs::path(SourceRoot) / ".gitmodules").string(), &In.GitModules);
  return vendoredDirs(In);
}

}  // namespace

std::string findConfig(const std::string &ConfigPath, const std::string &Start, const std::string &SourceRoot) {
  if (!ConfigPath.empty()) return ConfigPath;
  // Up to the top of the repository holding the source root, as clang-tidy
  // looks for .clang-tidy (the source root itself when it is not in one).
  std::string Top = repositoryRoot(SourceRoot), Ceiling = !Top.empty() && isUnder(SourceRoot, Top) ? Top : SourceRoot;
  for (fs::path Dir = Start; isUnder(Dir.string(), Ceiling); Dir = Dir.parent_path()) {
    if (fs::exists(Dir / ".deadwood.json")) return (Dir / ".deadwood.json").string();
    if (Dir == Dir.root_path() || Dir.string() == Ceiling) break;
  }
  return {};
}

bool projectConfig(const BuildGraph &Graph, const std::vector<std::string> &Mains, const std::string &ConfigPath,
                   const std::string &SourceRoot, Config *Out, std::string *Err) {
  std::string Project = Graph.SourceDir.empty() ? commonAncestor(Mains) : Graph.SourceDir;
  std::string Nearest = findConfig(ConfigPath, Project, SourceRoot);
  return Nearest.empty() || loadConfigChain(Nearest, SourceRoot, Out, Err);
}

bool analyze(std::vector<TuSummary> Summaries, const BuildGraph *GraphIn, const AnalysisOptions &O, Analysis *Out,
             std::string *Err) {
  static const BuildGraph NoGraph;
  const BuildGraph &Graph = GraphIn ? *GraphIn : NoGraph;
  Analysis &A = *Out;
  A.HaveGraph = GraphIn != nullptr;
  auto Say = [&](Message::Kind K, std::string Text) { A.Messages.push_back(Message{K, std::move(Text)}); };

  std::vector<std::string> Mains;
  for (const TuSummary &S : Summaries) Mains.push_back(S.MainFile);
  ClassifyOptions &Classify = A.Classify;
  Classify.SourceRoot = O.SourceRoot.empty() ? sourceRootOf(Graph, Mains) : O.SourceRoot;
  if (!O.SourceRoot.empty() && !fs::is_directory(Classify.SourceRoot))
    return *Err = "source root '" + O.SourceRoot + "' is not a directory", false;
  if (!O.BuildDir.empty() && O.BuildDir != Classify.SourceRoot) Classify.ExcludeDirs.push_back(O.BuildDir);
  Classify.PathFilters = O.Filters;

  Config Cfg;
  if (!projectConfig(Graph, Mains, O.ConfigPath, Classify.SourceRoot, &Cfg, Err)) return false;
  if (!Cfg.Files.empty()) {
    std::string Read = "config: " + Cfg.Files[0];
    for (size_t I = 1; I < Cfg.Files.size(); ++I) Read += (I == 1 ? ", inheriting " : ", ") + Cfg.Files[I];
    Say(Message::Note, Read);
  }
  Classify.IgnoreGlobs = Cfg.Ignore;
  for (const std::string &G : O.PublicApi)
    Cfg.Keep.push_back(KeepRule{KeepRule::Name, G, "public API (--public-api)", "", 0});

  A.P = link(std::move(Summaries), O.Threads);
  Program &P = A.P;
  for (std::string &W : applyKeepRules(P, Cfg, Classify.SourceRoot)) Say(Message::Warning, std::move(W));
  std::vector<ProgramDef> Programs;
  std::vector<std::string> Details;
  if (A.HaveGraph) Programs = programsOf(Graph, P, &Details);
  if (Programs.empty()) Programs.push_back(wholeDatabase(P));
  std::vector<PublicHeaders> Public = publicHeadersOf(Graph, P, Classify.SourceRoot, O.PublicHeaders, Cfg);
  std::string ApiDetail;
  ProgramDef Api = apiProgram(P, Public, Classify.SourceRoot, &ApiDetail);
  if (!ApiDetail.empty()) Details.push_back(ApiDetail);
  for (std::string &D : Details) Say(Message::Detail, std::move(D));
  if (!Api.Exported.empty()) Programs.push_back(std::move(Api));
  A.Reach = reachPrograms(P, std::move(Programs), O.Mode, O.Threads);

  std::vector<VendoredDir> Vendored;
  if (!(O.IncludeVendored || Cfg.IncludeVendored == 1)) {
    Vendored = vendoredOf(Classify.SourceRoot, P, Graph, Cfg);
    for (const VendoredDir &V : Vendored) Classify.ExcludeDirs.push_back(V.Dir);
  }
  A.Rep = classify(P, A.Reach.Any, Classify, A.HaveGraph ? &A.Reach : nullptr);
  for (const VendoredDir &V : Vendored) {
    A.Rep.Vendored.emplace_back(V.Dir, V.Why);
    Say(Message::Note, "vendored, analysed but not reported or edited: " + relativeToRoot(V.Dir, Classify.SourceRoot) +
                           " (" + V.Why + "; --include-vendored to report it)");
  }
  if (!hasEntryPoint(P, A.Reach.Programs)) {
    Say(Message::Warning, "no entry point: no main, no exported library API and no keep rule; nothing is called "
                          "dead (name the roots with --public-api or keep rules)");
    A.Rep.Findings.clear();
  }
  for (const Target &T : Graph.Targets)  // not utility targets (CTest's Nightly, ...)
    if (T.Type == "EXECUTABLE" || T.Type.find("_LIBRARY") != std::string::npos)
      A.TargetSources.emplace_back(T.Name, T.Sources);
  countByTarget(A.Rep, A.TargetSources);
  return true;
}

}  // namespace deadwood
