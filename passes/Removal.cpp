#include "passes/Removal.h"

#include <algorithm>
#include <numeric>

namespace deadwood {
namespace {

/// Code the compiler makes on demand: it disappears with its last user.
bool isDerived(const Symbol &S) {
  return S.Flags & (flag::Instantiation | flag::Implicit | flag::InSystemHeader | flag::Lambda);
}

class Planner {
public:
  Planner(const Program &P, const Reachability &R, Report &Rep, const RemovalOptions &O)
      : P(P), R(R), Rep(Rep), O(O) {}

  RemovalPlan run() {
    for (Finding &F : Rep.Findings) collect(F, kNoSymbol);
    for (SymbolId S : std::vector<SymbolId>(Going.begin(), Going.end())) checkSites(S);
    while (blockWhatStayingCodeNeeds()) {
    }
    return group();
  }

private:
  void collect(Finding &F, SymbolId Class) {
    SymbolId Id = P.find(F.Usr);
    if (Id == kNoSymbol) return;
    FindingOf[Id] = &F;
    if (Class != kNoSymbol) MemberOf[Id] = Class;
    if (F.Removable) Going.insert(Id);
    for (Finding &M : F.Members) collect(M, Id);
  }

  void block(SymbolId S, const std::string &Why) {
    if (!Going.erase(S)) return;
    if (Finding *F = FindingOf[S]) {
      F->Removable = false;
      F->NotRemovableBecause = Why;
    }
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
    }
  }

  /// What stays: everything reached, every project declaration not going,
  /// and the compiler-made code (instantiations, implicit members, lambdas)
  /// that staying code uses.
  std::vector<bool> staying() const {
    std::vector<bool> Stays(P.size(), false);
    std::vector<SymbolId> Work;
    for (SymbolId S = 0; S < P.size(); ++S)
      if (!Going.count(S) && (R.reached(S) || !isDerived(P.Symbols[S]))) {
        Stays[S] = true;
        Work.push_back(S);
      }
    while (!Work.empty()) {
      SymbolId S = Work.back();
      Work.pop_back();
      auto Use = [&](SymbolId T) {
        if (T == kNoSymbol || Stays[T] || Going.count(T) || !isDerived(P.Symbols[T])) return;
        Stays[T] = true;
        Work.push_back(T);
      };
      for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I) Use(P.Edges[I].To);
      Use(P.PatternOf[S]);
    }
    return Stays;
  }

  /// One round: block going symbols that staying code needs. True if any.
  bool blockWhatStayingCodeNeeds() {
    size_t Before = Going.size();
    std::vector<bool> Stays = staying();
    for (SymbolId S = 0; S < P.size(); ++S) {
      if (!Stays[S]) continue;
      for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I)
        if (Going.count(P.Edges[I].To)) block(P.Edges[I].To, "used by '" + P.Symbols[S].Name + "', which stays");
      if (SymbolId Pat = P.PatternOf[S]; Pat != kNoSymbol && Going.count(Pat))
        block(Pat, "instantiated as '" + P.Symbols[S].Name + "', which stays");
    }
    for (const auto &[S, Kind] : P.ScopeMentions) block(S, "named at namespace scope");
    for (SymbolId S : std::vector<SymbolId>(Going.begin(), Going.end())) checkOverrides(S);
    for (const auto &[Member, Class] : MemberOf)  // a class goes only with all its members
      if (Going.count(Class) && !Going.count(Member))
        block(Class, "its member '" + P.Symbols[Member].Name + "' stays");
    return Going.size() != Before;
  }

  bool goesWithClass(SymbolId Method) const {
    SymbolId Class = P.ParentOf[Method];
    return Going.count(Method) || (Class != kNoSymbol && Going.count(Class));
  }

  /// A virtual method may not go while an override of it stays (`override`
  /// would not compile); an override may not leave a class that stays if it
  /// overrides a pure virtual (the class would become abstract).
  void checkOverrides(SymbolId S) {
    if (!Going.count(S)) return;
    std::vector<SymbolId> Down(P.OverridersOf[S].begin(), P.OverridersOf[S].end());
    while (!Down.empty()) {
      SymbolId O = Down.back();
      Down.pop_back();
      if (!goesWithClass(O)) return block(S, "overridden by '" + P.Symbols[O].Name + "', which stays");
      Down.insert(Down.end(), P.OverridersOf[O].begin(), P.OverridersOf[O].end());
    }
    SymbolId Class = P.ParentOf[S];
    if (Class != kNoSymbol && Going.count(Class)) return;
    for (SymbolId B : P.OverriddenBy[S])
      if (B != kNoSymbol && (P.Symbols[B].Flags & flag::Pure) && !goesWithClass(B))
        return block(S, "overrides pure virtual '" + P.Symbols[B].Name +
                            "': its class, which stays, would become abstract");
  }

  RemovalPlan group() {
    std::vector<SymbolId> Ids(Going.begin(), Going.end());
    std::map<SymbolId, SymbolId> Leader;
    for (SymbolId S : Ids) Leader[S] = S;
    auto Find = [&](SymbolId S) {
      while (Leader[S] != S) S = Leader[S] = Leader[Leader[S]];
      return S;
    };
    auto Join = [&](SymbolId A, SymbolId B) {
      if (Going.count(A) && Going.count(B)) Leader[Find(A)] = Find(B);
    };
    for (SymbolId S : Ids) {
      for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I) Join(S, P.Edges[I].To);
      for (SymbolId O : P.OverridersOf[S]) Join(S, O);
      if (auto It = MemberOf.find(S); It != MemberOf.end()) Join(S, It->second);
      if (P.PatternOf[S] != kNoSymbol) Join(S, P.PatternOf[S]);
    }
    std::map<SymbolId, RemovalGroup> ByLeader;
    for (SymbolId S : Ids) ByLeader[Find(S)].Symbols.push_back(S);
    RemovalPlan Plan;
    for (auto &[L, G] : ByLeader) {
      for (SymbolId S : G.Symbols) addRanges(S, G);
      G.Label = label(G);
      Plan.Groups.push_back(std::move(G));
    }
    std::sort(Plan.Groups.begin(), Plan.Groups.end(),
              [](const RemovalGroup &A, const RemovalGroup &B) { return A.Label < B.Label; });
    return Plan;
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
  std::set<SymbolId> Going;
  std::map<SymbolId, Finding *> FindingOf;
  std::map<SymbolId, SymbolId> MemberOf;  ///< member finding -> its class finding
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

std::map<std::string, std::vector<ByteRange>> rangesOf(const std::vector<const RemovalGroup *> &Groups) {
  std::map<std::string, std::vector<ByteRange>> Out;
  for (const RemovalGroup *G : Groups)
    for (const auto &[File, Ranges] : G->Ranges) Out[File].insert(Out[File].end(), Ranges.begin(), Ranges.end());
  return Out;
}

}  // namespace deadwood
