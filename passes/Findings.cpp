#include "passes/Findings.h"

#include "passes/KeepRules.h"
#include "passes/Removal.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace deadwood {

std::string plural(size_t N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

const char *categoryName(Category C) {
  switch (C) {
  case Category::TestOnly: return "test-only";
  case Category::Unexecuted: return "unexecuted";
  default: return "dead";
  }
}

bool isReported(const std::string &File, const ClassifyOptions &O) {
  if (!isUnder(File, O.SourceRoot)) return false;
  for (const std::string &D : O.ExcludeDirs)
    if (isUnder(File, D)) return false;
  for (const std::string &G : O.IgnoreGlobs)
    if (globMatch(G, relativeToRoot(File, O.SourceRoot), /*PathMode=*/true)) return false;
  if (O.PathFilters.empty()) return true;
  return std::any_of(O.PathFilters.begin(), O.PathFilters.end(), [&](const std::string &F) { return isUnder(File, F); });
}

const char *verdictName(ConfigurationVerdict::Kind K) {
  switch (K) {
  case ConfigurationVerdict::Dead: return "dead";
  case ConfigurationVerdict::TestOnly: return "test-only";
  case ConfigurationVerdict::Reachable: return "reachable";
  case ConfigurationVerdict::Kept: return "kept";
  case ConfigurationVerdict::NotCompiled: return "not compiled";
  }
  return "?";
}

std::string configurationSummary(const Finding &F) {
  if (F.Configurations.empty()) return {};
  size_t Count[ConfigurationVerdict::NotCompiled + 1] = {};
  for (const ConfigurationVerdict &V : F.Configurations) ++Count[V.Verdict];
  bool TestOnly = F.Category == Category::TestOnly;
  std::string Out = std::string(categoryName(F.Category)) + " in " +
                    std::to_string(Count[TestOnly ? ConfigurationVerdict::TestOnly : ConfigurationVerdict::Dead]) +
                    " of " + plural(F.Configurations.size(), "configuration", "configurations");
  if (TestOnly && Count[ConfigurationVerdict::Dead])
    Out += ", dead in " + std::to_string(Count[ConfigurationVerdict::Dead]);
  if (size_t N = Count[ConfigurationVerdict::NotCompiled]) Out += ", not compiled in " + std::to_string(N);
  return Out;
}

namespace {

/// Definitions deadwood may report. Never reported, whatever their
/// reachability: code the compiler wrote (implicit members, instantiations),
/// code that is not a body to remove (deleted, defaulted), and lambdas
/// (their enclosing function is the unit a person removes).
bool isCandidate(const Symbol &S) {
  return S.HasDefinition && !isCompilerMade(S.Flags) && !(S.Flags & (flag::Deleted | flag::Defaulted));
}

std::string siteText(const Program &P, const Site &S) {
  return P.fileOf(S) + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

}  // namespace

/// By place, then name, then USR (instantiations of one template share a
/// place and may share a name): never by symbol id, which depends on the
/// order Clang made the symbols in.
bool byPosition(const Finding &A, const Finding &B) {
  return std::tie(A.File, A.Line, A.Column, A.Name, A.Usr) < std::tie(B.File, B.Line, B.Column, B.Name, B.Usr);
}

namespace {

class Classifier {
public:
  Classifier(const Program &P, const Reachability &R, const ClassifyOptions &O, const WholeReach *W)
      : P(P), R(R), O(O), W(W), UnknownFile(P.Files.size(), false), DefinitionNeeded(P.size(), false) {
    for (const TuInfo &Tu : P.Tus)
      if (Tu.Failed)
        for (int F : Tu.Files) UnknownFile[F] = true;
    findMentions();
    nameClasses();
    if (W) ProductionFile = productionFiles(P, *W);
  }

  Report run() {
    Report Out;
    Out.SourceRoot = O.SourceRoot;
    Out.Tus = P.Tus.size();
    Out.Symbols = P.size();
    Out.Edges = P.Edges.size();
    Out.Reached = R.count();
    for (const TuInfo &Tu : P.Tus)
      if (Tu.Failed) Out.Failed.push_back(FailedTu{Tu.MainFile, Tu.Errors});
    for (const Note &N : P.Notes)
      if (N.File < 0 || reportedFile(P.Files[N.File]))
        Out.Notes.push_back(ReportNote{N.File < 0 ? "" : P.Files[N.File], N.Line, N.Column, N.Text});
    // One text compiled into several symbols (a file built twice under
    // different macros: `namespace NS_MACRO { void f() {} }`) is one
    // finding, and only when every symbol it makes is dead.
    std::map<std::string, std::vector<SymbolId>> ByText = symbolsByDefinitionText(P);
    auto Twin = [&](SymbolId I) {  // the first symbol of I's text, or I; alive if any is
      auto It = ByText.find(definitionText(P.Symbols[I]));
      if (It == ByText.end() || It->second.size() < 2) return std::make_pair(I, false);
      bool AnyAlive = std::any_of(It->second.begin(), It->second.end(), [&](SymbolId T) { return isAlive(T); });
      return std::make_pair(It->second.front(), AnyAlive);
    };
    std::map<SymbolId, Finding> Dead;
    for (SymbolId I = 0; I < P.size(); ++I) {
      const Symbol &S = P.Symbols[I];
      if (auto [First, AnyAlive] = Twin(I); First != I || AnyAlive) continue;
      // Test-only is worth saying of production code, not of the tests' own.
      bool TestOnly = W && S.Kind != SymbolKind::Class && W->testOnly(I);
      if (TestOnly && (S.Definition.File < 0 || !ProductionFile[S.Definition.File])) continue;  // or no definition
      if ((isAlive(I) && !TestOnly) || !isCandidate(S) || !reportedFile(P.fileOf(S.Definition))) continue;
      if (touchesUnknown(S)) ++Out.Unknown;
      else if (TestOnly) Dead.emplace(I, testOnlyFinding(I));
      else Dead.emplace(I, finding(I));
    }
    Out.Findings = groupByClass(std::move(Dead));
    return Out;
  }

private:
  /// A class is alive when named; a `static constexpr` member of a named
  /// explicit or partial specialization too: a specialization is selected
  /// by template-argument matching, and its constants are read by template
  /// machinery where no code is written (`Info<0>::max_exponent` in a
  /// default template argument).
  bool isAlive(SymbolId S) const {
    const Symbol &Sym = P.Symbols[S];
    if (Sym.Kind == SymbolKind::Class) return DefinitionNeeded[S];
    if (SymbolId C = P.ParentOf[S]; Sym.Kind == SymbolKind::Variable && (Sym.Flags & flag::Constexpr) &&
                                    C != kNoSymbol && DefinitionNeeded[C] && P.PatternOf[C] != kNoSymbol &&
                                    !(P.Symbols[C].Flags & flag::Instantiation))
      return true;
    return R.reached(S);
  }

  /// Members of a dead class go under it, innermost class first, so that a
  /// nested dead class carries its own members into its outer class.
  std::vector<Finding> groupByClass(std::map<SymbolId, Finding> Dead) {
    std::vector<SymbolId> Ids;
    for (const auto &[Id, F] : Dead) Ids.push_back(Id);
    std::sort(Ids.begin(), Ids.end(), [&](SymbolId A, SymbolId B) { return depth(A) > depth(B); });
    for (SymbolId Id : Ids) {
      SymbolId Outer = P.ParentOf[Id];
      auto Into = Outer == kNoSymbol ? Dead.end() : Dead.find(Outer);
      if (Into == Dead.end()) continue;
      std::sort(Dead[Id].Members.begin(), Dead[Id].Members.end(), byPosition);  // complete: inner classes came first
      Into->second.Members.push_back(std::move(Dead[Id]));
      Dead.erase(Id);
    }
    std::vector<Finding> Out;
    for (auto &[Id, F] : Dead) {
      std::sort(F.Members.begin(), F.Members.end(), byPosition);
      Out.push_back(std::move(F));
    }
    std::sort(Out.begin(), Out.end(), byPosition);
    return Out;
  }

  size_t depth(SymbolId S) const {
    size_t D = 0;
    for (SymbolId C = P.ParentOf[S]; C != kNoSymbol && D < 64; C = P.ParentOf[C]) ++D;
    return D;
  }

  bool reportedFile(const std::string &File) const { return isReported(File, O); }

  /// What live code, or namespace scope, names without running it: classes
  /// named as types, and symbols named in unevaluated operands (whose
  /// declarations must stay). A declaration the compiler made because it
  /// was named (`decltype(Check<T>(nullptr))` instantiates the declaration
  /// of `Check<T>`, never its body) is needed as it was substituted: what
  /// its signature names is named too, transitively.
  void findMentions() {
    for (const auto &[S, Kind] : P.ScopeMentions) mention(S, Kind, "at namespace scope");
    for (SymbolId From = 0; From < P.size(); ++From)
      if (R.reached(From)) mentionWhatItNames(From, false);
    while (!NamedDeclarations.empty()) {
      SymbolId S = NamedDeclarations.back();
      NamedDeclarations.pop_back();
      mentionWhatItNames(S, true);
    }
  }

  /// The types and unevaluated names From's edges make; of a declaration
  /// named without being run, every edge it has (they are its signature's).
  void mentionWhatItNames(SymbolId From, bool AsDeclaration) {
    for (uint32_t I = P.EdgeBegin[From]; I < P.EdgeBegin[From + 1]; ++I) {
      const OutEdge &E = P.Edges[I];
      if (!AsDeclaration && E.Kind != EdgeKind::Unevaluated && E.Kind != EdgeKind::TypeUse) continue;
      std::string Where = E.File < 0 ? std::string("in ") + P.Symbols[From].Name
                                     : "at " + P.Files[E.File] + ":" + std::to_string(E.Line) +
                                           ":" + std::to_string(E.Column);
      mention(E.To, E.Kind == EdgeKind::TypeUse ? EdgeKind::TypeUse : EdgeKind::Unevaluated, Where);
    }
  }

  void mention(SymbolId S, EdgeKind Kind, const std::string &Where) {
    if (Kind == EdgeKind::TypeUse) return NamedWork.push_back(S);
    bool First = UnevaluatedUse.emplace(S, Where).second;
    if (First && !R.reached(S) && (P.Symbols[S].Flags & flag::Instantiation) &&
        P.Symbols[S].Kind != SymbolKind::Class)
      NamedDeclarations.push_back(S);
  }

  /// A class stays when live code names it, a member of it is reachable, it
  /// specializes a library template (the library may use it unnamed:
  /// std::tuple_size for structured bindings), or a class that stays needs
  /// it (as a base, a member's type, its outer class, its template).
  ///
  /// A class template is one family: which of its explicit and partial
  /// specializations an instantiation selects is decided by template-argument
  /// matching, often where no code is written (a default template argument,
  /// `X<N - 1>` in a base-class recursion, `Info<0>::value` in a trait), so
  /// a family any of whose members is named is named whole.
  void nameClasses() {
    std::vector<std::vector<SymbolId>> Specializations(P.size());
    for (SymbolId S = 0; S < P.size(); ++S) {
      if (R.reached(S) && P.ParentOf[S] != kNoSymbol) NamedWork.push_back(P.ParentOf[S]);
      if (R.reached(S) && P.Symbols[S].Kind == SymbolKind::Class) NamedWork.push_back(S);  // a keep rule
      if (P.Symbols[S].Flags & flag::SpecializesLibrary) NamedWork.push_back(S);
      if (P.Symbols[S].Kind == SymbolKind::Class && P.PatternOf[S] != kNoSymbol &&
          !(P.Symbols[S].Flags & flag::Instantiation))
        Specializations[P.PatternOf[S]].push_back(S);
    }
    while (!NamedWork.empty()) {
      SymbolId C = NamedWork.back();
      NamedWork.pop_back();
      if (C == kNoSymbol || DefinitionNeeded[C]) continue;
      DefinitionNeeded[C] = true;
      NamedWork.insert(NamedWork.end(), Specializations[C].begin(), Specializations[C].end());
      NamedWork.push_back(P.ParentOf[C]);
      NamedWork.push_back(P.PatternOf[C]);
      NamedWork.insert(NamedWork.end(), P.BasesOf[C].begin(), P.BasesOf[C].end());
      for (uint32_t I = P.EdgeBegin[C]; I < P.EdgeBegin[C + 1]; ++I)
        if (P.Edges[I].Kind == EdgeKind::TypeUse) NamedWork.push_back(P.Edges[I].To);
    }
  }

  /// A failed TU may have referenced anything declared in a file it read.
  bool touchesUnknown(const Symbol &S) const {
    if (UnknownFile[S.Definition.File]) return true;
    return std::any_of(S.Declarations.begin(), S.Declarations.end(),
                       [&](const Site &D) { return D.File >= 0 && UnknownFile[D.File]; });
  }

  /// Where code this configuration skipped names S, if it does: by its
  /// unqualified name (a destructor by its class's), as text names it.
  const SkippedName *skippedUse(const Symbol &S) const {
    if (P.SkippedNames.empty()) return nullptr;
    std::string Name = shortName(S.Name);
    if (!Name.empty() && Name[0] == '~') Name.erase(0, 1);
    if (Name.empty() || Name.rfind("operator", 0) == 0) return nullptr;
    auto It = P.SkippedNames.find(Name);
    return It == P.SkippedNames.end() ? nullptr : &It->second;
  }

  Finding finding(SymbolId Id) const {
    const Symbol &S = P.Symbols[Id];
    Finding F = findingAt(P, Id, Category::Dead);
    if (S.Flags & flag::FromMacro) {
      F.Removable = false;
      F.NotRemovableBecause = "defined by a macro expansion";
    } else if (auto It = UnevaluatedUse.find(Id); It != UnevaluatedUse.end()) {
      F.Removable = false;
      F.NotRemovableBecause =
          "named in an unevaluated operand (sizeof, decltype, noexcept) " + It->second;
    } else if (const SkippedName *N = skippedUse(S)) {
      // Another configuration may compile that code and use it.
      F.Removable = false;
      F.NotRemovableBecause = "named in code this configuration does not compile (" +
                              (N->File >= 0 ? relativeToRoot(P.Files[N->File], O.SourceRoot) : std::string("?")) +
                              ":" + std::to_string(N->Line) + ", " + N->Why + ")";
      if (N->File >= 0) F.NamedInSkippedCode = Finding::SkippedUse{N->Name, P.Files[N->File], N->Line};
    }
    return F;
  }

  /// Files that some non-test program compiles (its TUs' main files and
  /// everything they include).
  Finding testOnlyFinding(SymbolId Id) const {
    Finding F = finding(Id);
    F.Category = Category::TestOnly;
    for (uint32_t Program : W->ReachedBy[Id]) F.ReachedFrom.push_back(W->Programs[Program].Name);
    F.Removable = false;
    F.NotRemovableBecause = "the tests that reach it would not build";
    return F;
  }

  const Program &P;
  const Reachability &R;
  const ClassifyOptions &O;
  const WholeReach *W;
  std::vector<bool> UnknownFile;
  std::vector<bool> ProductionFile;  ///< with programs: compiled into a non-test program
  std::vector<bool> DefinitionNeeded;  ///< per class: its definition is needed
  std::vector<SymbolId> NamedWork;
  std::vector<SymbolId> NamedDeclarations;  ///< instantiated declarations named unevaluated, to walk
  std::map<SymbolId, std::string> UnevaluatedUse;  ///< first use, for the message
};

}  // namespace

Finding findingAt(const Program &P, SymbolId Id, Category C) {
  const Symbol &S = P.Symbols[Id];
  Finding F;
  F.Category = C;
  F.Kind = S.Kind;
  F.Name = S.Name;
  F.Usr = S.Usr;
  F.File = P.fileOf(S.Definition);
  F.Line = S.Definition.Line;
  F.Column = S.Definition.Column;
  F.Lines = S.Definition.Lines;
  F.End = S.Definition.End;
  for (const Site &D : S.Declarations)
    if (D.File >= 0) F.Declarations.push_back(siteText(P, D));
  return F;
}

size_t deadLines(const Finding &F) {
  size_t N = F.Lines;
  for (const Finding &M : F.Members)
    if (M.File != F.File || M.Line < F.Line || M.Line >= F.Line + F.Lines) N += deadLines(M);
  return N;
}

void sortBySize(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) { return deadLines(A) > deadLines(B); });
}

DeadCounts countDead(const std::vector<Finding> &Findings) {
  DeadCounts C;
  forEachFinding(Findings, [&](const Finding &F) {
    if (F.Category == Category::TestOnly) ++C.TestOnly;
    else if (F.Category == Category::Unexecuted) ++C.Unexecuted;
    else if (F.Kind == SymbolKind::Class) ++C.Classes;
    else if (F.Kind == SymbolKind::Variable) ++C.Variables;
    else ++C.Functions;
  });
  for (const Finding &F : Findings)
    if (F.Category == Category::Dead) C.Lines += deadLines(F);
  return C;
}

void countByTarget(Report &Rep, const std::vector<std::pair<std::string, std::vector<std::string>>> &Targets) {
  std::vector<const Finding *> All;
  forEachFinding(Rep.Findings, [&](const Finding &F) { All.push_back(&F); });
  for (const auto &[Name, Sources] : Targets) {
    TargetCounts C{Name};
    for (const Finding *F : All)
      if (F->Category != Category::Unexecuted && std::find(Sources.begin(), Sources.end(), F->File) != Sources.end())
        ++(F->Category == Category::TestOnly ? C.TestOnly : C.Dead);
    Rep.Targets.push_back(C);
  }
}


std::string fingerprint(const Finding &F, const std::string &SourceRoot) {
  // A USR of internal linkage carries its absolute path: make it relative too.
  std::string Usr = F.Usr;
  if (SourceRoot.size() > 1)
    for (size_t At; (At = Usr.find(SourceRoot + "/")) != std::string::npos;) Usr.erase(At, SourceRoot.size() + 1);
  return contentHash(Usr + "\n" + relativeToRoot(F.File, SourceRoot));
}


Report classify(const Program &P, const Reachability &R, const ClassifyOptions &Opts,
                const WholeReach *Programs) {
  return Classifier(P, R, Opts, Programs).run();
}

}  // namespace deadwood
