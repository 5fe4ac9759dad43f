// deadwood's command line: glue between loading, extraction, the passes and
// the writers. Every error reaches the user here, as one line, with the exit
// status of DESIGN.md: 0 done, 2 bad usage or input, 3 incomplete.
#include "analyzer/BuildGraph.h"
#include "analyzer/Database.h"
#include "analyzer/Driver.h"
#include "passes/Baseline.h"
#include "passes/Findings.h"
#include "passes/KeepRules.h"
#include "passes/Program.h"
#include "passes/PublicApi.h"
#include "passes/Reach.h"
#include "passes/Removal.h"
#include "passes/Vendored.h"
#include "passes/Why.h"
#include "reports/Writers.h"
#include "tool/Apply.h"
#include "tool/Commands.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <unistd.h>

namespace deadwood::cli {

namespace fs = std::filesystem;

int fail(const std::string &Reason) {
  std::cerr << "deadwood: error: " << Reason << '\n';
  return BadInput;
}

namespace {

/// "0:41": minutes and seconds.
std::string clock(double Seconds) {
  long S = static_cast<long>(Seconds + 0.5);
  char Text[32];
  std::snprintf(Text, sizeof Text, "%ld:%02ld", S / 60, S % 60);
  return Text;
}

/// Progress while TUs are parsed: on a terminal one line redrawn in place,
/// `[123/456] path/to/file.cpp  ETA 0:41`; elsewhere a plain line per TU;
/// nothing with --quiet. A TU that fails is always said.
ProgressFn progressPrinter(const Options &O) {
  bool Tty = isatty(STDERR_FILENO);
  auto Start = std::chrono::steady_clock::now();
  std::string Base = normalizedPath(".");
  return [=](size_t Done, size_t Total, const TuSummary &S) {
    std::string File = relativeToRoot(S.MainFile, Base);
    if (S.Failed) {
      if (Tty && !O.Quiet) std::cerr << "\r\033[K";
      std::cerr << "deadwood: error: '" << S.MainFile << "' did not parse: "
                << (S.Errors.empty() ? "" : S.Errors.front()) << '\n';
    }
    if (O.Quiet) return;
    double Elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
    std::string Eta = Done < Total ? "  ETA " + clock(Elapsed / Done * (Total - Done)) : "";
    if (!Tty) std::cerr << '[' << Done << '/' << Total << "] " << File << '\n';
    else std::cerr << "\r\033[K[" << Done << '/' << Total << "] " << File << Eta << (Done == Total ? "\r\033[K" : "")
                   << std::flush;
  };
}

std::string today() {
  std::time_t Now = std::time(nullptr);
  char Day[11];
  std::strftime(Day, sizeof Day, "%Y-%m-%d", std::gmtime(&Now));
  return Day;
}

/// --write-baseline, --baseline and --fail-on, after the findings are final.
/// Returns the exit status they ask for (Done when none applies).
int gate(const Options &O, Report &Rep) {
  if (!O.WriteBaseline.empty()) {
    std::ofstream Out(O.WriteBaseline);
    Out << renderBaseline(Rep);
    if (!Out) return fail("cannot write '" + O.WriteBaseline + "'");
  }
  if (!O.BaselinePath.empty()) {
    std::string Text, Err;
    Baseline B;
    if (!readFile(O.BaselinePath, &Text)) return fail("cannot read baseline '" + O.BaselinePath + "'");
    if (!parseBaseline(O.BaselinePath, Text, &B, &Err)) return fail(Err);
    applyBaseline(Rep, B, today());
  }
  size_t Counted = Rep.Findings.size() + (O.FailOn == "any" ? Rep.Baselined : 0);
  return !O.FailOn.empty() && Counted > 0 ? Gated : Done;
}

/// The text of every file a finding is defined in, for the HTML excerpts.
std::map<std::string, std::string> findingSources(const std::vector<Finding> &Findings) {
  std::map<std::string, std::string> Out;
  for (const Finding &F : Findings) {
    if (!Out.count(F.File)) readFile(F.File, &Out[F.File]);
    for (auto &[File, Text] : findingSources(F.Members)) Out.emplace(File, std::move(Text));
  }
  return Out;
}

int render(const Options &O, const Report &R, const Program &P, const Reachability &Reach) {
  std::ofstream File;
  if (!O.Output.empty()) {
    File.open(O.Output);
    if (!File) return fail("cannot write '" + O.Output + "'");
  }
  std::ostream &OS = O.Output.empty() ? std::cout : File;
  if (O.Format == "json") writeJson(OS, R);
  else if (O.Format == "sarif") writeSarif(OS, R);
  else if (O.Format == "dot") writeDot(OS, P, R);
  else if (O.Format == "html") writeHtml(OS, P, Reach, R, findingSources(R.Findings));
  else writeText(OS, R, TextOptions{normalizedPath("."), O.Verbose});
  OS.flush();
  if (!OS) return fail("cannot write '" + (O.Output.empty() ? "standard output" : O.Output) + "'");
  return R.incomplete() ? Incomplete : Done;
}

/// Without a build graph the database is one program; every main a root.
ProgramDef wholeDatabase(const Program &P) { return ProgramDef{"all", false, std::vector<bool>(P.Tus.size(), true)}; }

/// CMake's build graph of BuildDir, when it is a CMake build directory.
bool buildGraphOf(const std::string &BuildDir, BuildGraph *G) {
  std::string Notice, Err;
  if (BuildDir.empty()) return false;
  bool Loaded = loadBuildGraph(BuildDir, G, &Notice, &Err);
  if (!Err.empty()) std::cerr << "deadwood: warning: " << Err << "; analyzing the database as one program\n";
  if (!Notice.empty()) std::cerr << "deadwood: note: " << Notice << '\n';
  return Loaded;
}

/// The default source root: the git checkout holding the project (its
/// CMake source directory, else the TUs' common directory), else that
/// directory — widened when some TU lies outside it.
std::string sourceRootOf(const BuildGraph &G, const std::vector<std::string> &Mains) {
  std::string Start = G.SourceDir.empty() ? commonAncestor(Mains) : G.SourceDir;
  std::string Repo = repositoryRoot(Start);
  std::string Root = Repo.empty() ? Start : Repo;
  bool Covers = std::all_of(Mains.begin(), Mains.end(), [&](const std::string &M) { return isUnder(M, Root); });
  if (Covers) return Root;
  std::vector<std::string> All = Mains;
  All.push_back(Root + "/.");
  return commonAncestor(All);
}

/// With CMake's build graph, each executable is a program: its roots are its
/// main and the static initializers of the TUs it links. So is each library
/// whose API is a root (shared, module, installed): a module's roots are its
/// extern "C" entry points; the rest of a library's API is what its public
/// headers declare (apiProgram).
std::vector<ProgramDef> programsOf(const BuildGraph &G, Program &P, bool Verbose) {
  std::vector<ProgramDef> Out;
  for (const Target &T : G.Targets) {
    if (T.Type != "EXECUTABLE" && !T.exportsApi()) continue;
    std::vector<std::string> Sources = programSources(G, T);
    ProgramDef D{T.Name, T.IsTest, std::vector<bool>(P.Tus.size(), false), {}};
    if (T.Type == "MODULE_LIBRARY") {
      std::vector<std::string> Own = T.Sources;
      std::sort(Own.begin(), Own.end());
      for (const ApiRoot &A : moduleEntryPoints(P, Own, T.Name)) {
        D.Exported.push_back(A.Sym);
        P.RootNotes.emplace(A.Sym, A.Note);
      }
    }
    for (size_t I = 0; I < P.Tus.size(); ++I)
      D.Tus[I] = std::binary_search(Sources.begin(), Sources.end(), P.Tus[I].MainFile);
    if (Verbose)
      std::cerr << "deadwood: program '" << D.Name << "'" << (D.IsTest ? " (a test)" : "") << ": "
                << std::count(D.Tus.begin(), D.Tus.end(), true) << " translation unit(s)"
                << (T.exportsApi() ? ", a library" : "")
                << (D.Exported.empty() ? "" : " with " + std::to_string(D.Exported.size()) + " entry point(s)")
                << '\n';
    Out.push_back(std::move(D));
  }
  return Out;
}

/// The public headers: what the build installs; for a library whose API is
/// a root and none of whose headers is installed, its PUBLIC include
/// directories; and what the user names.
std::vector<PublicHeaders> publicHeadersOf(const BuildGraph &G, const Program &P, const std::string &Root,
                                           const std::vector<std::string> &Globs, const Config &Cfg) {
  std::vector<PublicHeaders> Out;
  for (const HeaderInstall &I : G.Installs)
    Out.push_back({I.Directory ? PublicHeaders::Directory : PublicHeaders::File, I.Path,
                   "installed by " + I.Rule + (I.Where.empty() ? "" : " at " + relativeToRoot(I.Where, Root)), {}});
  size_t Installed = Out.size();
  auto Covered = [&](const std::string &Dir) {  // an installed header lies under Dir
    return std::any_of(P.Files.begin(), P.Files.end(), [&](const std::string &F) {
      if (!isHeaderName(F) || !isUnder(F, Dir)) return false;
      return std::any_of(Out.begin(), Out.begin() + Installed, [&](const PublicHeaders &H) {
        return H.Kind == PublicHeaders::File ? F == H.Path : isUnder(F, H.Path);
      });
    });
  };
  for (const Target &T : G.Targets) {
    if (!T.exportsApi()) continue;
    bool OwnFileSet = std::any_of(G.Installs.begin(), G.Installs.end(), [&](const HeaderInstall &I) { return I.Target == T.Name; });
    if (OwnFileSet || std::any_of(T.PublicIncludeDirs.begin(), T.PublicIncludeDirs.end(), Covered)) continue;
    std::vector<std::string> Own = T.Sources;
    std::sort(Own.begin(), Own.end());
    std::string Kind = T.Type == "SHARED_LIBRARY" ? "shared library" : T.Type == "MODULE_LIBRARY" ? "module" : "installed library";
    for (const std::string &D : T.PublicIncludeDirs)
      Out.push_back({PublicHeaders::Directory, D, "a public include directory of " + Kind + " '" + T.Name + "'", Own});
  }
  for (const std::string &Glob : Globs) Out.push_back({PublicHeaders::Glob, Glob, "named by --public-header '" + Glob + "'", {}});
  for (const std::string &Glob : Cfg.PublicHeaders)
    Out.push_back({PublicHeaders::Glob, Glob, "named by public-headers in " + Cfg.Path, {}});
  return Out;
}

/// The program of a library's users: no TU of ours, its roots the public API.
ProgramDef apiProgram(Program &P, const std::vector<PublicHeaders> &Headers, const std::string &SourceRoot, bool Verbose) {
  ProgramDef D{"public API", false, std::vector<bool>(P.Tus.size(), false), {}};
  for (const ApiRoot &A : publicApi(P, Headers, SourceRoot)) {
    D.Exported.push_back(A.Sym);
    P.RootNotes.emplace(A.Sym, A.Note);
  }
  if (Verbose && !Headers.empty())
    std::cerr << "deadwood: public API: " << D.Exported.size() << " symbol(s) declared in "
              << countPublicHeaders(P, Headers, SourceRoot) << " public header(s)\n";
  return D;
}

/// The keep rules: --config, or the nearest .deadwood.json from the
/// project's directory up to the source root. A config named on the command
/// line must exist. Paths in it are relative to its directory.
bool loadConfig(const Options &O, const std::string &Start, const std::string &SourceRoot, Config *Out,
                std::string *Err) {
  std::string Path = O.ConfigPath;
  for (fs::path Dir = Start; Path.empty() && isUnder(Dir.string(), SourceRoot); Dir = Dir.parent_path()) {
    if (fs::exists(Dir / ".deadwood.json")) Path = (Dir / ".deadwood.json").string();
    if (Dir == Dir.root_path() || Dir.string() == SourceRoot) break;
  }
  std::string Text;
  if (Path.empty()) return true;
  if (!readFile(Path, &Text)) return *Err = "cannot read config '" + Path + "'", false;
  if (!parseConfig(Path, Text, Out, Err)) return false;
  std::string Dir = normalizedPath(fs::path(Path).parent_path().string());
  if (isUnder(Dir, SourceRoot) && Dir != SourceRoot) rebaseConfig(Out, relativeToRoot(Dir, SourceRoot));
  return true;
}

/// --why: the path from a root to one symbol, or who refers to a dead one.
int why(const Options &O, const Program &P, const Reachability &R) {
  std::vector<SymbolId> Found = lookupSymbols(P, O.Why);
  if (Found.empty()) return fail("no symbol named '" + O.Why + "'");
  if (Found.size() > 1) {
    std::cerr << "deadwood: error: '" << O.Why << "' names " << Found.size()
              << " symbols; pass one of these USRs to --why:\n";
    for (SymbolId S : Found) std::cerr << "  " << P.Symbols[S].Usr << "  " << P.Symbols[S].Name << '\n';
    return BadInput;
  }
  if (O.Format == "dot") writeWhyDot(std::cout, P, explain(P, R, Found[0]));
  else writeWhy(std::cout, P, explain(P, R, Found[0]), TextOptions{normalizedPath("."), O.Verbose});
  bool Incomplete = std::any_of(P.Tus.begin(), P.Tus.end(), [](const TuInfo &T) { return T.Failed; });
  return Incomplete ? Exit::Incomplete : Done;
}

/// The vendored directories of this analysis (passes/Vendored).
std::vector<VendoredDir> vendored(const std::string &SourceRoot, const Program &P, const BuildGraph &Graph,
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

/// Whether anything is alive because it is an entry point of a program
/// (as opposed to static initializers alone): without one, "unreachable"
/// would mean everything.
bool hasEntryPoint(const Program &P, const std::vector<ProgramDef> &Programs) {
  for (const ProgramDef &D : Programs)
    if (!D.Exported.empty()) return true;
  return std::any_of(P.Roots.begin(), P.Roots.end(), [](const ProgramRoot &R) {
    return R.Reason != RootReason::StaticInit && R.Reason != RootReason::ScopeUse;
  });
}

/// Each TU's summary as parsed, with its compile command: by position when
/// the summaries came from these jobs, else by main file and directory.
std::vector<ProvableTu> provable(const std::vector<TuSummary> &Summaries, const std::vector<CompileJob> *Jobs) {
  std::vector<ProvableTu> Out;
  if (!Jobs) return Out;
  bool Aligned = Jobs->size() == Summaries.size();
  for (size_t I = 0; Aligned && I < Summaries.size(); ++I)
    Aligned = (*Jobs)[I].File == Summaries[I].MainFile;
  for (size_t I = 0; I < Summaries.size(); ++I) {
    const CompileJob *Job = nullptr;
    if (Aligned) Job = &(*Jobs)[I];
    else
      for (const CompileJob &J : *Jobs)
        if (J.File == Summaries[I].MainFile && J.Directory == Summaries[I].Directory) Job = &J;
    Out.push_back(ProvableTu{Job, &Summaries[I]});
  }
  return Out;
}

}  // namespace

int analyze(const Options &O, const std::string &DbDir, std::vector<TuSummary> Summaries,
            const std::vector<CompileJob> *Jobs) {
  std::string Err;
  ClassifyOptions Classify;
  std::vector<std::string> Mains;
  for (const TuSummary &S : Summaries) Mains.push_back(S.MainFile);
  BuildGraph Graph;
  bool HaveGraph = buildGraphOf(DbDir, &Graph);
  Classify.SourceRoot = O.SourceRoot.empty() ? sourceRootOf(Graph, Mains) : normalizedPath(O.SourceRoot);
  if (!O.SourceRoot.empty() && !fs::is_directory(Classify.SourceRoot))
    return fail("source root '" + O.SourceRoot + "' is not a directory");
  if (!DbDir.empty() && DbDir != Classify.SourceRoot) Classify.ExcludeDirs.push_back(DbDir);
  for (const std::string &F : O.Filters) Classify.PathFilters.push_back(normalizedPath(F));

  Config Cfg;
  std::string Project = Graph.SourceDir.empty() ? commonAncestor(Mains) : Graph.SourceDir;
  if (!loadConfig(O, Project, Classify.SourceRoot, &Cfg, &Err)) return fail(Err);
  Classify.IgnoreGlobs = Cfg.Ignore;
  for (const std::string &G : O.PublicApi)
    Cfg.Keep.push_back(KeepRule{KeepRule::Name, G, "public API (--public-api)", 0});

  // The removal proof compares each TU's summary before and after the edit.
  std::vector<TuSummary> AsParsed;
  if (O.Apply.wanted() && O.Apply.Prove) AsParsed = Summaries;
  Program P = link(std::move(Summaries));
  for (const std::string &W : applyKeepRules(P, Cfg, Classify.SourceRoot))
    std::cerr << "deadwood: warning: " << W << '\n';
  Dispatch Mode = O.Virtual == "cha" ? Dispatch::Cha : Dispatch::Rta;
  std::vector<ProgramDef> Programs;
  if (HaveGraph) Programs = programsOf(Graph, P, O.Verbose);
  if (Programs.empty()) Programs.push_back(wholeDatabase(P));
  std::vector<PublicHeaders> Public = publicHeadersOf(Graph, P, Classify.SourceRoot, O.PublicHeaders, Cfg);
  ProgramDef Api = apiProgram(P, Public, Classify.SourceRoot, O.Verbose);
  if (!Api.Exported.empty()) Programs.push_back(std::move(Api));
  WholeReach W = reachPrograms(P, std::move(Programs), Mode);
  const Reachability &R = W.Any;
  if (!O.Why.empty()) return why(O, P, R);
  std::vector<VendoredDir> Vendored;
  if (!(O.IncludeVendored || Cfg.IncludeVendored == 1)) {
    Vendored = vendored(Classify.SourceRoot, P, Graph, Cfg);
    for (const VendoredDir &V : Vendored) Classify.ExcludeDirs.push_back(V.Dir);
  }
  Report Rep = classify(P, R, Classify, HaveGraph ? &W : nullptr);
  for (const VendoredDir &V : Vendored) {
    Rep.Vendored.emplace_back(V.Dir, V.Why);
    if (!O.Quiet)
      std::cerr << "deadwood: vendored, analysed but not reported or edited: "
                << relativeToRoot(V.Dir, Classify.SourceRoot)
                << " (" << V.Why << "; --include-vendored to report it)\n";
  }
  if (!hasEntryPoint(P, W.Programs)) {
    std::cerr << "deadwood: warning: no entry point: no main, no exported library API and no keep rule; "
                 "nothing is called dead (name the roots with --public-api or keep rules)\n";
    Rep.Findings.clear();
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> TargetSources;
  for (const Target &T : Graph.Targets)  // not utility targets (CTest's Nightly, ...)
    if (T.Type == "EXECUTABLE" || T.Type.find("_LIBRARY") != std::string::npos)
      TargetSources.emplace_back(T.Name, T.Sources);
  countByTarget(Rep, TargetSources);
  auto Finish = [&](Report &Final) {
    int Gate = gate(O, Final);
    if (Gate == BadInput) return Gate;
    if (O.Sort == "size") sortBySize(Final.Findings);
    int Rendered = render(O, Final, P, R);
    return Rendered != Done ? Rendered : Gate;
  };
  if (!O.Apply.wanted()) {
    // `removable` says what a removal would do: the planner decides it.
    RemovalOptions Plan{Classify.SourceRoot, Classify.ExcludeDirs, {}, {}, nullptr};
    planRemoval(P, R, Rep, Plan);
  } else {
    if (Classify.SourceRoot == "/" && (O.Apply.Fix || !O.Apply.VerifyCommand.empty()))
      return fail("refusing to edit sources under the source root '/' (any file on the machine); name the "
                  "project's directory with --source-root");
    if (Rep.incomplete() && !O.AllowPartial) {
      render(O, Rep, P, R);
      std::cerr << "deadwood: error: removal refused: " << Rep.Failed.size()
                << " translation unit(s) failed to parse, so the graph is incomplete "
                   "(--allow-partial to remove anyway)\n";
      return Incomplete;
    }
    ApplyOptions A = O.Apply;
    A.BuildDir = DbDir;
    A.ExcludeDirs = Classify.ExcludeDirs;
    A.Programs = HaveGraph ? &W : nullptr;
    std::vector<ProvableTu> Tus = provable(AsParsed, Jobs);
    A.Tus = Jobs ? &Tus : nullptr;
    A.Jobs = O.Jobs;
    if (!applyRemovals(P, R, Rep, A, &Err)) {
      render(O, Rep, P, R);
      return fail(Err);
    }
  }
  return Finish(Rep);
}

namespace {

/// The one-shot run: load the database, parse (or reuse) every TU, analyze.
int run(const Options &O) {
  std::vector<CompileJob> Jobs;
  std::string DbDir, Err;
  if (!loadDatabase(O.BuildPath, &Jobs, &DbDir, &Err)) return fail(Err);
  if (Jobs.empty()) return fail("compile database in '" + DbDir + "' has no translation units");
  SummaryCache Cache(O.NoCache ? "" : O.CacheDir.empty() ? DbDir + "/.deadwood/cache" : O.CacheDir);
  Caps Limits{selfPath(), O.TuTimeout, O.TuMemory};
  std::vector<TuSummary> Summaries = extractAll(Jobs, O.Jobs, progressPrinter(O), &Cache, &Limits);
  if (O.Verbose && !O.NoCache)
    std::cerr << "deadwood: cache: " << Cache.hits() << " of " << Jobs.size()
              << " translation unit(s) reused, " << Cache.rejected() << " entry(ies) rejected\n";
  return analyze(O, DbDir, std::move(Summaries), &Jobs);
}

}  // namespace

void addAnalysisOptions(CLI::App &App, Options &O) {
  App.add_option("--format", O.Format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "html", "dot"}));
  App.add_option("-o,--output", O.Output, "Write the report to this file instead of stdout");
  App.add_option("--source-root", O.SourceRoot,
                 "Only code under this directory is reported or edited (default: the git checkout "
                 "holding the project, else its CMake source directory, else the TUs' common directory)");
  App.add_option("--virtual", O.Virtual, "Virtual dispatch: rta (precise) or cha (conservative)")
      ->check(CLI::IsMember({"rta", "cha"}));
  App.add_option("--why", O.Why,
                 "Explain one symbol (qualified name, with or without signature, or USR): the "
                 "path from a root that keeps it alive, or who refers to it");
  App.add_option("--config", O.ConfigPath,
                 "Keep rules, ignored and vendored paths, public headers (default: the nearest "
                 ".deadwood.json from the project's directory up to the source root)");
  App.add_option("--public-api", O.PublicApi,
                 "Qualified-name glob of a library's public API, kept alive (repeatable)")
      ->allow_extra_args(false);
  App.add_option("--public-header", O.PublicHeaders,
                 "Glob over header paths (relative to the source root) whose declarations are a library's "
                 "public API, kept alive; for builds CMake's install rules do not describe (repeatable)")
      ->allow_extra_args(false);
  App.add_option("--sort", O.Sort, "Order findings by file (default) or by size, largest first")
      ->check(CLI::IsMember({"file", "size"}));
  App.add_option("--write-baseline", O.WriteBaseline, "Record the current findings as accepted");
  App.add_option("--baseline", O.BaselinePath, "Report only findings this baseline does not accept");
  App.add_option("--fail-on", O.FailOn, "Exit 1 when there are new (after --baseline) or any findings")
      ->check(CLI::IsMember({"new", "any"}));
  App.add_flag("--fix", O.Apply.Fix, "Remove the removable findings in place");
  App.add_flag("--remove-test-only", O.Apply.RemoveTestOnly,
               "Remove test-only code too, with the tests (in files only test programs compile) that use it");
  App.add_option("--patch", O.Apply.PatchPath,
                 "Write the removal as a unified diff (git apply, patch -p1)");
  App.add_option("--export-fixes", O.Apply.FixesPath,
                 "Write the removal as YAML for clang-apply-replacements");
  App.add_option("--verify", O.Apply.VerifyCommand,
                 "Remove in place, run this shell command (build and test), and keep out the "
                 "removals that make it fail");
  App.add_flag("--include-vendored", O.IncludeVendored,
               "Report (and remove) vendored code too: CMake subprojects, git submodules, third_party/ "
               "and the like");
  App.add_option("--proof-budget", O.Apply.ProofBudget,
                 "Seconds the proof may spend narrowing failures down to their groups (default: three "
                 "times the first proof plus a minute; 0: no limit); what is not proven by then is kept out");
  App.add_flag("--no-prove", [&O](int64_t) { O.Apply.Prove = false; },
               "Unsafe: write the removal without first parsing every affected translation unit "
               "again with it (the proof that it compiles and changes nothing that stays)");
  App.add_flag("--allow-partial", O.AllowPartial,
               "Remove even when some translation units failed to parse");
  App.add_flag("-v,--verbose", O.Verbose, "More detail: progress lines, USRs");
  App.add_flag("-q,--quiet", O.Quiet, "No progress output");
}

/// Parses the command line into App's options; on --help or a bad option
/// sets *Exit and returns false.
bool parse(CLI::App &App, int argc, char **argv, int *Exit) {
  try {
    App.parse(argc, argv);
    return true;
  } catch (const CLI::CallForHelp &) {
    std::cout << App.help();
    *Exit = Done;
  } catch (const CLI::ParseError &E) {
    *Exit = fail(E.what());
  }
  return false;
}

}  // namespace deadwood::cli

int main(int argc, char **argv) {
  using namespace deadwood::cli;
  std::string Command = argc > 1 ? argv[1] : "";
  if (Command == "extract") return extractCommand(argc - 1, argv + 1);
  if (Command == "link") return linkCommand(argc - 1, argv + 1);
  if (Command == "ninja") return ninjaCommand(argc - 1, argv + 1);
  Options O;
  CLI::App App{"deadwood: finds the functions no entry point of a C++ program can reach.\n"
               "Also: deadwood extract|link|ninja --help (the per-TU work run by a build system).",
               "deadwood"};
  App.add_option("-p,--build-path", O.BuildPath,
                 "Build directory holding compile_commands.json, or the file itself")
      ->required();
  App.add_option("-j,--jobs", O.Jobs, "Parallel frontend runs (default: one per core)");
  App.add_flag("--no-cache", O.NoCache, "Parse every translation unit, ignoring and not writing the cache");
  App.add_option("--cache-dir", O.CacheDir, "Where summaries are cached (default: <build>/.deadwood/cache)");
  App.add_option("--tu-timeout", O.TuTimeout,
                 "Stop a translation unit's frontend after this many seconds; it counts as failed");
  App.add_option("--tu-memory", O.TuMemory,
                 "Cap a translation unit's frontend at this many MB of address space; over it, it counts as failed");
  addAnalysisOptions(App, O);
  App.add_option("paths", O.Filters, "Report only findings in these files or directories");
  int Exit = Done;
  if (!parse(App, argc, argv, &Exit)) return Exit;
  try {
    return run(O);
  } catch (const std::exception &E) {
    return fail(E.what());
  }
}
