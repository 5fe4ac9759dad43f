#include "passes/Removal.h"

#include <algorithm>
#include <tuple>
#include <numeric>

namespace deadwood {
namespace {

class Planner {
public:
  Planner(const Program &P, const Reachability &R, Report &Rep, const RemovalOptions &O)
      : P(P), R(R), Rep(Rep), O(O), IsRoot(P.size(), false) {
    for (const ProgramRoot &Root : P.Roots) IsRoot[Root.Sym] = true;
  }

  RemovalPlan run() {
    for (Finding &F : Rep.Findings) collect(F, kNoSymbol);
    if (O.TestOnly) addTestsThatUse();
    for (SymbolId S : std::vector<SymbolId>(Removed.begin(), Removed.end())) checkSites(S);
    do {
      while (blockWhatStayingCodeNeeds()) {
      }
    } while (keepTestsWithNothingToGo());
    return group();
  }

private:
  void collect(Finding &F, SymbolId Class) {
    SymbolId Id = P.find(F.Usr);
    if (Id == kNoSymbol) return;
    FindingOf[Id] = &F;
    if (Class != kNoSymbol) MemberOf[Id] = Class;
    if (O.TestOnly && F.Category == Category::TestOnly) {
      F.Removable = true;
      F.NotRemovableBecause.clear();
    }
    if (F.Removable) Removed.insert(Id);
    for (SymbolId T : twinsOf(Id)) {  // the same text, compiled again under other macros
      TwinOf[T] = Id;
      if (F.Removable) Removed.insert(T);
    }
    for (Finding &M : F.Members) collect(M, Id);
    if (F.Kind == SymbolKind::Class) takeUnreportedMembers(Id, F.Removable);
  }

  /// The other symbols whose definition is S's text.
  std::vector<SymbolId> twinsOf(SymbolId S) {
    if (ByText.empty()) ByText = symbolsByDefinitionText(P);
    std::vector<SymbolId> Out;
    if (auto It = ByText.find(definitionText(P.Symbols[S])); It != ByText.end())
      for (SymbolId T : It->second)
        if (T != S) Out.push_back(T);
    return Out;
  }

  /// A class's `= delete` and `= default` members are never findings of
  /// their own: they go with their class.
  void takeUnreportedMembers(SymbolId Class, bool Removable) {
    if (ChildrenOf.empty()) {
      ChildrenOf.resize(P.size());
      for (SymbolId S = 0; S < P.size(); ++S)
        if (P.ParentOf[S] != kNoSymbol) ChildrenOf[P.ParentOf[S]].push_back(S);
    }
    for (SymbolId M : ChildrenOf[Class]) {
      const Symbol &Sym = P.Symbols[M];
      if (FindingOf.count(M) || isCompilerMade(Sym.Flags) || !(Sym.Flags & (flag::Deleted | flag::Defaulted))) continue;
      MemberOf[M] = Class;
      if (Removable) Removed.insert(M);
    }
  }

  /// S stays, for Why. Of the reasons one round finds, a finding says the
  /// first in text order: which one comes first by symbol id depends on
  /// the order Clang made the symbols in.
  void block(SymbolId S, const std::string &Why) {
    Finding *F = FindingOf[S];
    if (!Removed.erase(S)) {
      if (!F || !BlockedByStayingCode.count(S) || Why >= F->NotRemovableBecause) return;
    }
    BlockedByStayingCode.insert(S);
    if (F) {
      F->Removable = false;
      F->NotRemovableBecause = Why;
    }
    if (auto It = TextOwner.find(S); It != TextOwner.end())  // one text: all stay
      for (SymbolId Other : SameText[It->second]) block(Other, Why);
  }

  /// --remove-test-only: the test cases that name what goes (a function a
  /// test macro defines: gtest's TEST, Catch's TEST_CASE), found upward
  /// through compiler-made code (a lambda, an instantiation), with
  /// everything their text contains. A helper that names it keeps it: its
  /// callers are tests that do not name it.
  void addTestsThatUse() {
    std::vector<bool> Production = productionFiles(P, *O.TestOnly);
    std::vector<std::vector<SymbolId>> Referrers = referrersOf(P);
    for (SymbolId S = 0; S < P.size(); ++S)  // up from an instantiation to its template
      if (P.PatternOf[S] != kNoSymbol) Referrers[S].push_back(P.PatternOf[S]);
    std::vector<SymbolId> Work(Removed.begin(), Removed.end());
    std::vector<bool> Seen(P.size(), false);
    while (!Work.empty()) {
      SymbolId S = Work.back();
      Work.pop_back();
      for (SymbolId T : Referrers[S]) {
        if (Seen[T] || Removed.count(T)) continue;
        Seen[T] = true;
        const Symbol &Sym = P.Symbols[T];
        if (isCompilerMade(Sym.Flags)) Work.push_back(T);
        else if ((Sym.Flags & flag::FromMacro) && Sym.HasDefinition && Sym.Definition.File >= 0 &&
                 !Production[Sym.Definition.File] && !IsRoot[T] && !reachedByWhatStays(T))
          TestCases.push_back(T);
      }
    }
    std::sort(TestCases.begin(), TestCases.end());
    // TEST(Suite, Name) { ... } is one text: the TestBody's definition starts
    // at the macro and holds the class and registration it expands to.
    for (SymbolId U : TestCases) {
      Removed.insert(U);
      const Site &Outer = P.Symbols[U].Definition;
      SameText[U].push_back(U);
      for (SymbolId S = 0; S < P.size(); ++S) {
        const Site &In = P.Symbols[S].Definition;
        if (S == U || !P.Symbols[S].HasDefinition || In.File != Outer.File || In.Begin < Outer.Begin ||
            In.End > Outer.End || In.End <= In.Begin)
          continue;
        Removed.insert(S);
        SameText[U].push_back(S);
        TextOwner[S] = U;
      }
      TextOwner[U] = U;
    }
  }

  /// A test case goes only while something it names goes with it: when all
  /// of that was blocked, removing the test would remove nothing else.
  bool keepTestsWithNothingToGo() {
    bool Changed = false;
    for (SymbolId U : TestCases) {
      if (!Removed.count(U)) continue;
      std::vector<SymbolId> Work{U};
      std::set<SymbolId> Seen{U};
      bool Names = false;
      while (!Work.empty() && !Names) {
        SymbolId S = Work.back();
        Work.pop_back();
        for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1] && !Names; ++I) {
          SymbolId T = P.Edges[I].To;
          Names = FindingOf.count(T) && Removed.count(T);
          if (isCompilerMade(P.Symbols[T].Flags) && Seen.insert(T).second) Work.push_back(T);
        }
      }
      if (!Names) {
        block(U, "the test that holds it stays");
        Changed = true;
      }
    }
    return Changed;
  }

  /// Every site must be editable: a known range, under the source root, not
  /// in the build directory, unchanged since it was parsed.
  void checkSites(SymbolId S) {
    const Symbol &Sym = P.Symbols[S];
    std::vector<Site> Sites = Sym.Declarations;
    Sites.push_back(Sym.Definition);
    for (const Site &Where : Sites) {
      if (Where.File < 0 || Where.End <= Where.Begin) return block(S, "a declaration has no known source range");
      const std::string &File = P.Files[Where.File];
      if (!isUnder(File, O.SourceRoot))
        return block(S, "declared in '" + File + "', outside the source root");
      for (const std::string &Dir : O.ExcludeDirs)
        if (isUnder(File, Dir)) return block(S, "declared in '" + File + "', under '" + Dir + "'");
      if (O.Frozen.count(File)) return block(S, "'" + File + "' changed since it was parsed");
      if (auto It = O.Unsafe.find(File); It != O.Unsafe.end()) return block(S, It->second);
    }
  }

  /// What stays: everything reached, every project declaration not going,
  /// and the compiler-made code (instantiations, implicit members, lambdas)
  /// that staying code uses.
  std::vector<bool> staying() const {
    std::vector<bool> Stays(P.size(), false);
    std::vector<SymbolId> Work;
    for (SymbolId S = 0; S < P.size(); ++S)
      if (!Removed.count(S) && (!isCompilerMade(P.Symbols[S].Flags) || reachedByWhatStays(S))) {
        Stays[S] = true;
        Work.push_back(S);
      }
    while (!Work.empty()) {
      SymbolId S = Work.back();
      Work.pop_back();
      auto Use = [&](SymbolId T) {
        if (T == kNoSymbol || Stays[T] || Removed.count(T) || !isCompilerMade(P.Symbols[T].Flags)) return;
        Stays[T] = true;
        Work.push_back(T);
      };
      for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I) Use(P.Edges[I].To);
      Use(P.PatternOf[S]);
    }
    return Stays;
  }

  /// Reached, and not only by test code that may go (--remove-test-only:
  /// compiler-made code reached only by tests stays only if staying code
  /// uses it).
  bool reachedByWhatStays(SymbolId S) const {
    return R.reached(S) && (!O.TestOnly || IsRoot[S] || !O.TestOnly->testOnly(S));
  }

  /// One round: block going symbols that staying code needs. True if any.
  bool blockWhatStayingCodeNeeds() {
    size_t Before = Removed.size();
    std::vector<bool> Stays = staying();
    for (SymbolId S = 0; S < P.size(); ++S) {
      if (!Stays[S]) continue;
      auto Needs = [&](SymbolId T) { return Removed.count(T) || BlockedByStayingCode.count(T); };
      for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I)
        if (Needs(P.Edges[I].To)) block(P.Edges[I].To, "used by '" + P.Symbols[S].Name + "', which stays");
      if (SymbolId Pat = P.PatternOf[S]; Pat != kNoSymbol && Needs(Pat))
        block(Pat, "instantiated as '" + P.Symbols[S].Name + "', which stays");
    }
    for (const auto &[S, Kind] : P.ScopeMentions) block(S, "named at namespace scope");
    for (SymbolId S : std::vector<SymbolId>(Removed.begin(), Removed.end())) checkOverrides(S);
    for (const auto &[Member, Class] : MemberOf)  // a class goes only with all its members
      if (Removed.count(Class) && !Removed.count(Member))
        block(Class, "its member '" + P.Symbols[Member].Name + "' stays");
    return Removed.size() != Before;
  }

  bool goesWithClass(SymbolId Method) const {
    SymbolId Class = P.ParentOf[Method];
    return Removed.count(Method) || (Class != kNoSymbol && Removed.count(Class));
  }

  /// A virtual method may not go while an override of it stays (`override`
  /// would not compile); an override may not leave a class that stays if it
  /// overrides a pure virtual (the class would become abstract).
  void checkOverrides(SymbolId S) {
    if (!Removed.count(S)) return;
    std::vector<SymbolId> Down(P.OverridersOf[S].begin(), P.OverridersOf[S].end());
    while (!Down.empty()) {
      SymbolId O = Down.back();
      Down.pop_back();
      if (!goesWithClass(O)) return block(S, "overridden by '" + P.Symbols[O].Name + "', which stays");
      Down.insert(Down.end(), P.OverridersOf[O].begin(), P.OverridersOf[O].end());
    }
    SymbolId Class = P.ParentOf[S];
    if (Class != kNoSymbol && Removed.count(Class)) return;
    for (SymbolId B : P.OverriddenBy[S])
      if (B != kNoSymbol && (P.Symbols[B].Flags & flag::Pure) && !goesWithClass(B))
        return block(S, "overrides pure virtual '" + P.Symbols[B].Name +
                            "': its class, which stays, would become abstract");
  }

  RemovalPlan group() {
    std::vector<SymbolId> Ids(Removed.begin(), Removed.end());
    std::map<SymbolId, SymbolId> Leader;
    for (SymbolId S : Ids) Leader[S] = S;
    auto Find = [&](SymbolId S) {
      while (Leader[S] != S) S = Leader[S] = Leader[Leader[S]];
      return S;
    };
    auto Join = [&](SymbolId A, SymbolId B) {
      if (Removed.count(A) && Removed.count(B)) Leader[Find(A)] = Find(B);
    };
    for (SymbolId S : Ids) {
      for (SymbolId T : goingCodeUsedBy(S)) Join(S, T);
      for (SymbolId O : P.OverridersOf[S]) Join(S, O);
      if (auto It = MemberOf.find(S); It != MemberOf.end()) Join(S, It->second);
      if (P.PatternOf[S] != kNoSymbol) Join(S, P.PatternOf[S]);
      if (auto It = TextOwner.find(S); It != TextOwner.end()) Join(S, It->second);
      if (auto It = TwinOf.find(S); It != TwinOf.end()) Join(S, It->second);
    }
    std::map<SymbolId, RemovalGroup> ByLeader;
    for (SymbolId S : Ids) ByLeader[Find(S)].Symbols.push_back(S);
    RemovalPlan Plan;
    for (auto &[L, G] : ByLeader) {
      for (SymbolId S : G.Symbols) {
        addRanges(S, G);
        G.Usrs.push_back(P.Symbols[S].Usr);
        G.Names.push_back(P.Symbols[S].Name);
      }
      G.Label = label(G);
      Plan.Groups.push_back(std::move(G));
    }
    std::sort(Plan.Groups.begin(), Plan.Groups.end(),
              [](const RemovalGroup &A, const RemovalGroup &B) { return A.Label < B.Label; });
    return Plan;
  }

  /// The going symbols S uses, directly or through compiler-made code that
  /// only unreached code uses (a lambda in S's body calling a dead helper,
  /// an instantiation made for S): removing one without the other would
  /// not compile.
  std::vector<SymbolId> goingCodeUsedBy(SymbolId S) const {
    std::vector<SymbolId> Out, Work{S};
    std::set<SymbolId> Seen{S};
    while (!Work.empty()) {
      SymbolId X = Work.back();
      Work.pop_back();
      for (uint32_t I = P.EdgeBegin[X]; I < P.EdgeBegin[X + 1]; ++I) {
        SymbolId T = P.Edges[I].To;
        if (!Seen.insert(T).second) continue;
        if (Removed.count(T)) Out.push_back(T);
        else if (isCompilerMade(P.Symbols[T].Flags) && !R.reached(T)) Work.push_back(T);
      }
    }
    return Out;
  }

  void addRanges(SymbolId S, RemovalGroup &G) const {
    const Symbol &Sym = P.Symbols[S];
    G.Ranges[P.Files[Sym.Definition.File]].push_back(ByteRange{Sym.Definition.Begin, Sym.Definition.End});
    for (const Site &D : Sym.Declarations) G.Ranges[P.Files[D.File]].push_back(ByteRange{D.Begin, D.End});
  }

  std::string label(const RemovalGroup &G) const {
    SymbolId First = *std::min_element(G.Symbols.begin(), G.Symbols.end(), [&](SymbolId A, SymbolId B) {
      const Symbol &X = P.Symbols[A], &Y = P.Symbols[B];
      bool XClass = X.Kind == SymbolKind::Class, YClass = Y.Kind == SymbolKind::Class;
      if (XClass != YClass) return XClass;  // name a group by its class
      return std::tie(P.Files[X.Definition.File], X.Definition.Begin) <
             std::tie(P.Files[Y.Definition.File], Y.Definition.Begin);
    });
    std::string Out = std::string(kindName(P.Symbols[First].Kind)) + " '" + P.Symbols[First].Name + "'";
    if (G.Symbols.size() > 1) Out += " and " + std::to_string(G.Symbols.size() - 1) + " more";
    return Out;
  }

  const Program &P;
  const Reachability &R;
  Report &Rep;
  const RemovalOptions &O;
  std::vector<bool> IsRoot;
  std::set<SymbolId> Removed;  ///< what the plan removes, so far
  std::map<SymbolId, Finding *> FindingOf;
  std::map<SymbolId, SymbolId> MemberOf;  ///< member finding -> its class finding
  /// Blocked by blockWhatStayingCodeNeeds: what stays only grows from round
  /// to round, so the last round, which blocks nothing new, gives each the
  /// least reason that what finally stays has (the same whatever order the
  /// symbols and the rounds came in).
  std::set<SymbolId> BlockedByStayingCode;
  std::vector<std::vector<SymbolId>> ChildrenOf;  ///< members and nested classes, by class
  std::map<std::string, std::vector<SymbolId>> ByText;  ///< by definition text
  std::map<SymbolId, SymbolId> TwinOf;  ///< symbol -> the finding whose text makes it too
  /// --remove-test-only: a test function whose text holds other symbols
  /// (a TEST macro's class, its registration), and those symbols.
  std::map<SymbolId, std::vector<SymbolId>> SameText;  ///< test function -> the symbols its text holds
  std::map<SymbolId, SymbolId> TextOwner;  ///< symbol -> the test function whose text holds it
  std::vector<SymbolId> TestCases;      ///< --remove-test-only: tests that name what goes
};

}  // namespace

size_t RemovalPlan::symbols() const {
  return std::accumulate(Groups.begin(), Groups.end(), size_t{0},
                         [](size_t N, const RemovalGroup &G) { return N + G.Symbols.size(); });
}

RemovalPlan planRemoval(const Program &P, const Reachability &R, Report &Rep,
                        const RemovalOptions &Opts) {
  return Planner(P, R, Rep, Opts).run();
}

std::string shortName(const std::string &Qualified) {
  std::string Name;  // the text outside (), <> and []
  int Depth = 0;
  for (char C : Qualified) {
    if (C == '(' || C == '<' || C == '[') {
      if (C == '(' && Depth == 0 && !Name.empty() && Name.rfind("operator") == std::string::npos) break;
      ++Depth;
    } else if ((C == ')' || C == '>' || C == ']') && Depth > 0) {
      --Depth;
    } else if (Depth == 0) {
      Name += C;
    }
  }
  size_t Colons = Name.rfind("::");
  if (Colons != std::string::npos) Name.erase(0, Colons + 2);
  while (!Name.empty() && Name.back() == ' ') Name.pop_back();
  return Name;
}

std::map<std::string, std::vector<ByteRange>> rangesOf(const std::vector<const RemovalGroup *> &Groups) {
  std::map<std::string, std::vector<ByteRange>> Out;
  for (const RemovalGroup *G : Groups)
    for (const auto &[File, Ranges] : G->Ranges) Out[File].insert(Out[File].end(), Ranges.begin(), Ranges.end());
  return Out;
}

}  // namespace deadwood
