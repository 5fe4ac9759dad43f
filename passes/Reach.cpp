#include "passes/Reach.h"

#include <algorithm>

namespace deadwood {
namespace {

class Walker {
public:
  Walker(const Program &P, Dispatch Mode)
      : P(P), Steps(P.size()), VCalled(P.size()), InstantiatedBelow(P.size(), Mode == Dispatch::Cha) {}

  Reachability run() {
    for (const ProgramRoot &R : P.Roots) {
      Step S;
      S.How = Step::Root;
      S.Reason = R.Reason;
      visit(R.Sym, S);
    }
    seedExternalOverrides();
    while (!Work.empty()) {
      SymbolId S = Work.back();
      Work.pop_back();
      expand(S);
    }
    return Reachability{std::move(Steps)};
  }

private:
  void visit(SymbolId S, const Step &How) {
    if (S == kNoSymbol || Steps[S].How != Step::None) return;
    Steps[S] = How;
    Work.push_back(S);
  }

  void expand(SymbolId S) {
    if (SymbolId Pat = P.PatternOf[S]; Pat != kNoSymbol)
      visit(Pat, Step{Step::Instantiation, S});
    if (P.Symbols[S].Kind == SymbolKind::Constructor && P.ParentOf[S] != kNoSymbol)
      instantiate(P.ParentOf[S]);
    for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I) {
      const OutEdge &E = P.Edges[I];
      Step How{Step::Edge, S, E.Kind, RootReason::Main, E.File, E.Line, E.Column};
      if (E.Kind == EdgeKind::VirtualCall) callVirtually(E.To, How);
      else visit(E.To, How);
    }
  }

  /// A virtual call to M may run M or any override of it, in any class that
  /// is instantiated at or below the override's class.
  void callVirtually(SymbolId M, const Step &How) {
    std::vector<SymbolId> Stack = {M};
    while (!Stack.empty()) {
      SymbolId O = Stack.back();
      Stack.pop_back();
      if (VCalled[O].How != Step::None) continue;
      VCalled[O] = How;
      if (dispatchable(O)) visit(O, How);
      Stack.insert(Stack.end(), P.OverridersOf[O].begin(), P.OverridersOf[O].end());
    }
  }

  bool dispatchable(SymbolId Method) const {
    SymbolId Class = P.ParentOf[Method];
    return Class == kNoSymbol || InstantiatedBelow[Class];
  }

  /// Class C has a live object: C and every ancestor now have an instance
  /// at or below them, so their virtually-called methods become reachable.
  void instantiate(SymbolId C) {
    std::vector<SymbolId> Stack = {C};
    while (!Stack.empty()) {
      SymbolId A = Stack.back();
      Stack.pop_back();
      if (A == kNoSymbol || InstantiatedBelow[A]) continue;
      InstantiatedBelow[A] = true;
      for (SymbolId V : P.VirtualsOf[A])
        if (VCalled[V].How != Step::None) visit(V, VCalled[V]);
      Stack.insert(Stack.end(), P.BasesOf[A].begin(), P.BasesOf[A].end());
    }
  }

  /// Overrides of methods declared in system headers: the library may call
  /// them (std::exception::what, a streambuf's overflow, a test's TestBody).
  void seedExternalOverrides() {
    for (SymbolId M = 0; M < P.size(); ++M) {
      if (!(P.Symbols[M].Flags & flag::InSystemHeader) || P.OverridersOf[M].empty()) continue;
      for (SymbolId O : P.OverridersOf[M]) callVirtually(O, Step{Step::ExternalOverride, M});
    }
  }

  const Program &P;
  std::vector<Step> Steps;
  std::vector<Step> VCalled;  ///< per method: the first virtual call that may reach it
  std::vector<bool> InstantiatedBelow;
  std::vector<SymbolId> Work;
};

}  // namespace

size_t Reachability::count() const {
  return std::count_if(Steps.begin(), Steps.end(), [](const Step &S) { return S.How != Step::None; });
}

Reachability reach(const Program &P, Dispatch Mode) { return Walker(P, Mode).run(); }

}  // namespace deadwood
