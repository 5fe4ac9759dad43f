// The one-shot run and the analysis behind every command that reports:
// load the database, parse (or reuse) every TU, run the passes
// (passes/Analysis), then --why, the removal (with its proof) or the
// report, and the exit status of DESIGN.md: 0 done, 1 gated by --fail-on,
// 2 bad usage or input, 3 incomplete.
#include "analyzer/BuildGraph.h"
#include "analyzer/Database.h"
#include "analyzer/Driver.h"
#include "analyzer/Extract.h"
#include "model/Files.h"
#include "passes/Analysis.h"
#include "passes/Baseline.h"
#include "passes/Configurations.h"
#include "passes/Coverage.h"
#include "passes/Programs.h"
#include "passes/Removal.h"
#include "passes/Why.h"
#include "reports/Writers.h"
#include "tool/Apply.h"
#include "tool/Commands.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <filesystem>
#include <set>
#include <sstream>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace deadwood::cli {

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

/// Clang's colours in the text report: --color=always, or auto on a
/// terminal (stdout, not -o) unless NO_COLOR is set or TERM is dumb.
bool colored(const Options &O) {
  if (O.Color != "auto") return O.Color == "always";
  const char *NoColor = std::getenv("NO_COLOR"), *Term = std::getenv("TERM");
  return O.Output.empty() && ::isatty(STDOUT_FILENO) && !(NoColor && *NoColor) && !(Term && std::string(Term) == "dumb");
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

/// Writes to -o's file, else standard output. Done, or BadInput (said)
/// when it cannot be written.
int writeOutput(const Options &O, const std::function<void(std::ostream &)> &Write) {
  std::ofstream File;
  if (!O.Output.empty()) {
    File.open(O.Output);
    if (!File) return fail("cannot write '" + O.Output + "'");
  }
  std::ostream &OS = O.Output.empty() ? std::cout : File;
  Write(OS);
  OS.flush();
  if (!OS) return fail("cannot write '" + (O.Output.empty() ? "standard output" : O.Output) + "'");
  return Done;
}

int render(const Options &O, const Report &R, const Program &P, const Reachability &Reach) {
  int Written = writeOutput(O, [&](std::ostream &OS) {
    if (O.Format == "json") writeJson(OS, R);
    else if (O.Format == "sarif") writeSarif(OS, R, findingSources(R.Findings));
    else if (O.Format == "dot") writeDot(OS, P, R);
    else if (O.Format == "html") writeHtml(OS, P, Reach, R, findingSources(R.Findings));
    else writeText(OS, R, TextOptions{normalizedPath("."), O.Verbose, colored(O)});
  });
  if (Written != Done) return Written;
  return R.incomplete() ? Incomplete : Done;
}

/// CMake's build graph of BuildDir, when it is a CMake build directory.
bool buildGraphOf(const std::string &BuildDir, BuildGraph *G) {
  std::string Notice, Err;
  if (BuildDir.empty()) return false;
  bool Loaded = loadBuildGraph(BuildDir, G, &Notice, &Err);
  if (!Err.empty()) std::cerr << "deadwood: warning: " << Err << "; analyzing the database as one program\n";
  if (!Notice.empty()) std::cerr << "deadwood: note: " << Notice << '\n';
  return Loaded;
}

/// The symbol --why names in P: kNoSymbol when none; when several, says
/// which (In: "" or " in <build dir>") and sets *Status to BadInput.
SymbolId whySymbol(const Options &O, const Program &P, const std::string &In, int *Status) {
  std::vector<SymbolId> Found = lookupSymbols(P, O.Why);
  if (Found.size() <= 1) return Found.empty() ? kNoSymbol : Found[0];
  std::cerr << "deadwood: error: '" << O.Why << "' names " << Found.size() << " symbols" << In
            << "; pass one of these USRs to --why:\n";
  for (SymbolId S : Found) std::cerr << "  " << P.Symbols[S].Usr << "  " << P.Symbols[S].Name << '\n';
  *Status = BadInput;
  return kNoSymbol;
}

bool anyFailed(const Program &P) {
  return std::any_of(P.Tus.begin(), P.Tus.end(), [](const TuInfo &T) { return T.Failed; });
}

/// --why: the path from a root to one symbol, or who refers to a dead one.
int why(const Options &O, const Program &P, const Reachability &R) {
  int Status = Done;
  SymbolId S = whySymbol(O, P, "", &Status);
  if (Status != Done) return Status;
  if (S == kNoSymbol) return fail("no symbol named '" + O.Why + "'");
  Why W = explain(P, R, S);
  int Written = writeOutput(O, [&](std::ostream &OS) {
    if (O.Format == "dot") writeWhyDot(OS, P, W);
    else if (O.Format == "json") writeWhyJson(OS, P, W);
    else writeWhy(OS, P, W, TextOptions{normalizedPath("."), O.Verbose});
  });
  if (Written != Done) return Written;
  return anyFailed(P) ? Exit::Incomplete : Done;
}

/// --why with several configurations: the answer of each that compiles the
/// symbol, under its build directory.
int whyInEach(const Options &O, const std::vector<ConfigurationView> &Views) {
  int Status = Done;
  std::vector<SymbolId> Targets;
  for (const ConfigurationView &C : Views) {
    Targets.push_back(whySymbol(O, *C.P, " in " + C.Build, &Status));
    if (Status != Done) return Status;
  }
  if (std::all_of(Targets.begin(), Targets.end(), [](SymbolId S) { return S == kNoSymbol; }))
    return fail("no symbol named '" + O.Why + "' in any configuration");
  bool Incomplete = false;
  int Written = writeOutput(O, [&](std::ostream &OS) {
    nlohmann::ordered_json Json = nlohmann::ordered_json::array();
    for (size_t I = 0; I < Views.size(); ++I) {
      const ConfigurationView &C = Views[I];
      Incomplete |= anyFailed(*C.P);
      if (Targets[I] == kNoSymbol) {
        if (O.Format == "json") Json.push_back({{"configuration", C.Build}, {"compiled", false}});
        else OS << "in " << C.Build << ": not compiled\n\n";
        continue;
      }
      Why W = explain(*C.P, *C.R, Targets[I]);
      if (O.Format == "json") {
        std::ostringstream One;
        writeWhyJson(One, *C.P, W);
        Json.push_back({{"configuration", C.Build}, {"compiled", true}, {"why", nlohmann::ordered_json::parse(One.str())}});
        continue;
      }
      OS << "in " << C.Build << ":\n";
      if (O.Format == "dot") writeWhyDot(OS, *C.P, W);
      else writeWhy(OS, *C.P, W, TextOptions{normalizedPath("."), O.Verbose});
      OS << '\n';
    }
    if (O.Format == "json") OS << Json.dump(2) << '\n';
  });
  if (Written != Done) return Written;
  return Incomplete ? Exit::Incomplete : Done;
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

/// --dump-config: the config files the run would read, and what they say
/// together, found as the analysis finds them.
int dumpConfig(const Options &O, const std::string &DbDir, const std::vector<CompileJob> &Jobs) {
  BuildGraph Graph;
  buildGraphOf(DbDir, &Graph);
  std::vector<std::string> Mains;
  for (const CompileJob &J : Jobs) Mains.push_back(J.File);
  std::string Root = O.SourceRoot.empty() ? sourceRootOf(Graph, Mains) : normalizedPath(O.SourceRoot);
  Config Cfg;
  std::string Err;
  if (!projectConfig(Graph, Mains, O.ConfigPath, Root, &Cfg, &Err)) return fail(Err);
  std::cout << configToJson(Cfg);
  return Done;
}

/// --categories: a comma-separated list applied in order to "all of
/// them", as clang-tidy's --checks: `-test-only`, `-*,dead`. False with
/// *Err on a name that is not a category.
bool selectedCategories(const std::string &List, std::set<Category> *Out, std::string *Err) {
  const Category All[] = {Category::Dead, Category::TestOnly, Category::Unexecuted};
  Out->insert(std::begin(All), std::end(All));
  std::stringstream In(List);
  for (std::string Item; std::getline(In, Item, ',');) {
    bool Off = !Item.empty() && Item[0] == '-';
    std::string Name = Off ? Item.substr(1) : Item;
    bool Known = Name == "*";
    for (Category C : All)
      if (Name == "*" || Name == categoryName(C)) {
        Known = true;
        if (Off) Out->erase(C);
        else Out->insert(C);
      }
    if (!Known)
      return *Err = "--categories: no category '" + Name + "' (there are dead, test-only and unexecuted)", false;
  }
  return true;
}

namespace {

/// Steps 3 to 5 for one configuration: link, reach, classify, the
/// categories asked for; what the analysis has to say goes to stderr.
int analysisOf(const Options &O, const std::string &DbDir, std::vector<TuSummary> Summaries, BuildGraph *Graph,
               AnalysisOptions *AO, Analysis *A, std::set<std::string> *Said) {
  std::string Err;
  bool HaveGraph = buildGraphOf(DbDir, Graph);
  AO->SourceRoot = O.SourceRoot.empty() ? "" : normalizedPath(O.SourceRoot);
  AO->BuildDir = DbDir;
  for (const std::string &F : O.Filters) AO->Filters.push_back(normalizedPath(F));
  AO->ConfigPath = O.ConfigPath;
  AO->PublicApi = O.PublicApi;
  AO->PublicHeaders = O.PublicHeaders;
  AO->IncludeVendored = O.IncludeVendored;
  AO->Mode = O.Virtual == "cha" ? Dispatch::Cha : Dispatch::Rta;
  AO->Threads = O.Jobs;
  std::set<Category> Shown;
  if (!selectedCategories(O.Categories, &Shown, &Err)) return fail(Err);
  if (!deadwood::analyze(std::move(Summaries), HaveGraph ? Graph : nullptr, *AO, A, &Err)) return fail(Err);
  A->Rep.Findings.erase(std::remove_if(A->Rep.Findings.begin(), A->Rep.Findings.end(),
                                       [&](const Finding &F) { return !Shown.count(F.Category); }),
                        A->Rep.Findings.end());
  for (const Message &M : A->Messages) {
    if (!Said->insert(M.Text).second) continue;  // several configurations often say the same
    if (M.Level == Message::Warning) std::cerr << "deadwood: warning: " << M.Text << '\n';
    else if (M.Level == Message::Detail ? O.Verbose : !O.Quiet && O.Why.empty())
      std::cerr << "deadwood: " << M.Text << '\n';
  }
  return Done;
}

/// What a run ends with stays until the process exits: freeing a program of
/// a million symbols piece by piece costs more than the exit that drops it
/// at once (clang's -disable-free). A plain global list holds it, so that
/// LeakSanitizer sees it as reachable.
struct KeptUntilExit {
  const void *What;
  KeptUntilExit *Next;
};
KeptUntilExit *Kept = nullptr;
template <class T> T &keptUntilExit(T *What) {
  Kept = new KeptUntilExit{What, Kept};
  return *What;
}

/// What the end of a run works on.
struct Conclusion {
  std::string DbDir;  ///< the (first) database's directory
  const Program *P = nullptr;
  const Reachability *R = nullptr;
  Report *Rep = nullptr;
  const ClassifyOptions *Classify = nullptr;
  const WholeReach *Programs = nullptr;      ///< null without a build graph
  const std::vector<ProvableTu> *Tus = nullptr;  ///< null: the compile commands are unknown
};

/// The removal (with its proof) or the report, then the gate.
int conclude(const Options &O, const Conclusion &C) {
  std::string Err;
  const Program &P = *C.P;
  const Reachability &R = *C.R;
  Report &Rep = *C.Rep;
  if (!O.Coverage.empty()) {
    std::shared_ptr<const CoverageData> Data = O.CoverageRead;
    if (!Data) {
      auto Read = std::make_shared<CoverageData>();
      if (!readCoverage(O.Coverage, Read.get(), &Err)) return fail(Err);
      Data = Read;
    }
    std::set<Category> Shown;
    if (!selectedCategories(O.Categories, &Shown, &Err)) return fail(Err);
    CoverageJoin Join = joinCoverage(P, R, *Data, *C.Classify, Rep);
    Join.Source = O.Coverage;
    if (!Shown.count(Category::Unexecuted)) {
      Rep.Findings.erase(std::remove_if(Rep.Findings.begin(), Rep.Findings.end(),
                                        [](const Finding &F) { return F.Category == Category::Unexecuted; }),
                         Rep.Findings.end());
      Join.Unexecuted = 0;
    }
    Rep.Coverage = Join;
  }
  if (!O.Apply.wanted()) {
    // `removable` says what a removal would do: the planner decides it.
    RemovalOptions Plan{C.Classify->SourceRoot, C.Classify->ExcludeDirs, {}, {}, nullptr};
    planRemoval(P, R, Rep, Plan);
  } else {
    if (C.Classify->SourceRoot == "/" && (O.Apply.Fix || !O.Apply.VerifyCommand.empty()))
      return fail("refusing to edit sources under the source root '/' (any file on the machine); name the "
                  "project's directory with --source-root");
    if (Rep.incomplete() && !O.AllowPartial) {
      render(O, Rep, P, R);
      std::cerr << "deadwood: error: removal refused: "
                << plural(Rep.Failed.size(), "translation unit", "translation units")
                << " failed to parse, so the graph is incomplete "
                   "(--allow-partial to remove anyway)\n";
      return Incomplete;
    }
    ApplyOptions Apply = O.Apply;
    Apply.BuildDir = C.DbDir;
    Apply.ExcludeDirs = C.Classify->ExcludeDirs;
    Apply.Programs = C.Programs;
    Apply.Tus = C.Tus;
    Apply.Jobs = O.Jobs;
    if (!applyRemovals(P, R, Rep, Apply, &Err)) {
      render(O, Rep, P, R);
      int Code = fail(Err);
      return interruptedBy() ? 128 + interruptedBy() : Code;
    }
  }
  int Gate = gate(O, Rep);
  if (Gate == BadInput) return Gate;
  if (O.Sort == "size") sortBySize(Rep.Findings);
  int Rendered = render(O, Rep, P, R);
  return Rendered != Done ? Rendered : Gate;
}

}  // namespace

int analyze(const Options &O, const std::string &DbDir, std::vector<TuSummary> Summaries,
            const std::vector<CompileJob> *Jobs) {
  std::string Err;
  // The removal proof compares each TU's summary before and after the edit.
  std::vector<TuSummary> AsParsed;
  if (O.Apply.wanted() && O.Apply.Prove) AsParsed = Summaries;
  std::vector<TuSummary> Now;  // --changed-since compares with the tree at a revision
  if (!O.ChangedSince.empty()) Now = Summaries;
  BuildGraph Graph;
  AnalysisOptions AO;
  Analysis &A = keptUntilExit(new Analysis);
  std::set<std::string> Said;
  if (int Exit = analysisOf(O, DbDir, std::move(Summaries), &Graph, &AO, &A, &Said); Exit != Done) return Exit;
  if (!O.ChangedSince.empty() && !keepOnlyChanges(O, Now, Jobs, A.HaveGraph ? &Graph : nullptr, AO, A, &Err))
    return fail(Err);
  if (!O.Why.empty()) return why(O, A.P, A.Reach.Any);
  std::vector<ProvableTu> Tus = provable(AsParsed, Jobs);
  return conclude(O, Conclusion{DbDir, &A.P, &A.Reach.Any, &A.Rep, &A.Classify, A.HaveGraph ? &A.Reach : nullptr,
                                Jobs ? &Tus : nullptr});
}

int analyzeConfigurations(const Options &O, std::vector<LoadedConfiguration> Configs) {
  bool Proving = O.Apply.wanted() && O.Apply.Prove;
  std::vector<TuSummary> All;  // every configuration's summaries, for the removal
  size_t Total = 0;
  for (const LoadedConfiguration &C : Configs) Total += C.Summaries.size();
  All.reserve(Total);
  std::vector<std::vector<TuSummary>> AsParsed(Configs.size());
  std::vector<Analysis> &Each = keptUntilExit(new std::vector<Analysis>(Configs.size()));
  std::set<std::string> Said;
  for (size_t I = 0; I < Configs.size(); ++I) {
    All.insert(All.end(), Configs[I].Summaries.begin(), Configs[I].Summaries.end());
    if (Proving) AsParsed[I] = Configs[I].Summaries;
    BuildGraph Graph;
    AnalysisOptions AO;
    if (int Exit = analysisOf(O, Configs[I].DbDir, std::move(Configs[I].Summaries), &Graph, &AO, &Each[I], &Said);
        Exit != Done)
      return Exit;
  }
  std::vector<ConfigurationView> Views;
  for (size_t I = 0; I < Configs.size(); ++I)
    Views.push_back(ConfigurationView{Configs[I].DbDir, &Each[I].P, &Each[I].Reach.Any, &Each[I].Rep});
  if (!O.Why.empty()) return whyInEach(O, Views);
  for (size_t I = 1; I < Each.size(); ++I)
    if (Each[I].Classify.SourceRoot != Each[0].Classify.SourceRoot)
      std::cerr << "deadwood: warning: '" << Configs[I].DbDir << "' builds from '" << Each[I].Classify.SourceRoot
                << "', not '" << Each[0].Classify.SourceRoot << "'; only code under the latter is reported\n";

  Report Rep = intersect(Views);
  std::vector<std::pair<std::string, std::vector<std::string>>> Targets;
  ClassifyOptions Classify = Each[0].Classify;
  for (const Analysis &A : Each) {
    for (const auto &T : A.TargetSources) {
      auto Same = std::find_if(Targets.begin(), Targets.end(), [&](const auto &X) { return X.first == T.first; });
      if (Same == Targets.end()) Targets.push_back(T);
      else Same->second.insert(Same->second.end(), T.second.begin(), T.second.end());
    }
    for (const std::string &Dir : A.Classify.ExcludeDirs)
      if (std::find(Classify.ExcludeDirs.begin(), Classify.ExcludeDirs.end(), Dir) == Classify.ExcludeDirs.end())
        Classify.ExcludeDirs.push_back(Dir);
  }
  countByTarget(Rep, Targets);
  // The removal is planned on every configuration's code at once, and
  // proven in each configuration that reads an edited file.
  Program &Merged = keptUntilExit(new Program(link(std::move(All), O.Jobs)));
  Reachability Reached = reachedInAny(Merged, Views);
  Rep.Symbols = Merged.size();
  Rep.Edges = Merged.Edges.size();
  Rep.Reached = Reached.count();
  std::vector<ProvableTu> Tus;
  for (size_t I = 0; I < Configs.size(); ++I)
    for (ProvableTu &T : provable(AsParsed[I], &Configs[I].Jobs)) Tus.push_back(T);
  if (!O.Quiet) {
    std::set<std::string> Alone, Agreed;
    for (const Analysis &A : Each) forEachFinding(A.Rep.Findings, [&](const Finding &F) { Alone.insert(F.Usr); });
    forEachFinding(Rep.Findings, [&](const Finding &F) { Agreed.insert(F.Usr); });
    std::cerr << "deadwood: " << plural(Configs.size(), "configuration", "configurations") << " intersected: "
              << plural(Agreed.size(), "symbol", "symbols") << " dead in every configuration compiling it; "
              << Alone.size() - Agreed.size() << " more that one configuration alone calls dead another uses\n";
  }
  return conclude(O, Conclusion{Configs[0].DbDir, &Merged, &Reached, &Rep, &Classify, nullptr, &Tus});
}

int runOneShot(const Options &Given) {
  Options O = Given;
  if (O.NoSkipBodies || O.DelayTemplates) {
    setSkipping(O.NoSkipBodies ? Skipping::None : Skipping::UninstantiatedSystemTemplates);
    O.NoCache = true;  // the cache holds summaries made the default way
  } else if (O.Apply.wanted() && O.Apply.Prove) {
    // The proof compares each re-parse with its TU parsed whole: a TU that
    // skipped bodies another TU parsed would be parsed again unedited for it
    // (tool/Prove), which costs more than sharing saves. Summaries from the
    // cache may still have skipped some.
    setSkipping(Skipping::SystemBodies);
  }
  if (!O.Coverage.empty()) {  // before the parse, not after it
    auto Data = std::make_shared<CoverageData>();
    std::string Err;
    if (!std::filesystem::exists(O.Coverage)) return fail("no coverage data at '" + O.Coverage + "'");
    if (!readCoverage(O.Coverage, Data.get(), &Err)) return fail(Err);
    O.CoverageRead = Data;
  }
  std::vector<LoadedConfiguration> Configs;
  std::vector<std::string> Paths = O.BuildPaths.empty() ? std::vector<std::string>{O.BuildPath} : O.BuildPaths;
  if (Paths.size() > 1 && O.Apply.RemoveTestOnly)
    return fail("--remove-test-only takes one configuration: the tests of each build are its own");
  if (Paths.size() > 1 && !O.ChangedSince.empty()) return fail("--changed-since takes one configuration (-p)");
  for (const std::string &Path : Paths) {
    LoadedConfiguration C;
    std::string Err;
    if (!loadDatabase(Path, &C.Jobs, &C.DbDir, &Err)) return fail(Err);
    if (C.Jobs.empty()) return fail("compile database in '" + C.DbDir + "' has no translation units");
    for (const LoadedConfiguration &Before : Configs)
      if (Before.DbDir == C.DbDir) return fail("'" + Path + "' is given twice (-p)");
    Configs.push_back(std::move(C));
  }
  if (O.DumpConfig) return dumpConfig(O, Configs[0].DbDir, Configs[0].Jobs);
  for (LoadedConfiguration &C : Configs) {
    if (Configs.size() > 1 && !O.Quiet) std::cerr << "deadwood: configuration " << C.DbDir << '\n';
    // The cache is keyed by each TU's command and texts: one directory serves every configuration.
    SummaryCache Cache(O.NoCache ? "" : O.CacheDir.empty() ? C.DbDir + "/.deadwood/cache" : O.CacheDir);
    Caps Limits{selfPath(), O.TuTimeout, O.TuMemory};
    C.Summaries = extractAll(C.Jobs, O.Jobs, progressPrinter(O), &Cache, &Limits);
    if (O.Verbose && !O.NoCache)
      std::cerr << "deadwood: cache: " << Cache.hits() << " of "
                << plural(C.Jobs.size(), "translation unit", "translation units") << " reused, "
                << plural(Cache.rejected(), "entry", "entries") << " rejected\n";
  }
  if (Configs.size() > 1) return analyzeConfigurations(O, std::move(Configs));
  return analyze(O, Configs[0].DbDir, std::move(Configs[0].Summaries), &Configs[0].Jobs);
}

}  // namespace deadwood::cli
