#include "passes/Reach.h"


#include <algorithm>
#include <deque>
#include <thread>
#include <unordered_set>

namespace deadwood {
namespace {

class Walker {
public:
  Walker(const Program &P, Dispatch Mode, const std::vector<bool> *Linked,
         const std::vector<SymbolId> &Exported, const std::vector<SymbolId> &SystemOverridden)
      : P(P), Linked(Linked), Exported(Exported), SystemOverridden(SystemOverridden), Steps(P.size()), Visited(P.size(), false), VCalled(P.size()), Dispatchable(P.size(), Mode == Dispatch::Cha),
        Instantiated(P.size(), false) {}

  Reachability run() {
    for (const ProgramRoot &R : P.Roots) {
      if (!inProgram(R)) continue;
      Step S;
      S.How = Step::Root;
      S.Reason = R.Reason;
      visit(R.Sym, S);
    }
    for (SymbolId S : Exported) {
      Step E;
      E.How = Step::Root;
      E.Reason = RootReason::Exported;
      visit(S, E);
    }
    seedExternalOverrides();
    // Breadth first: each symbol's first predecessor lies on a shortest
    // path from a root, which is what --why prints.
    while (!Work.empty()) {
      // What the walk reads of a symbol is somewhere in a hundred MB, in no
      // order: ask for it a few symbols ahead.
      if (Work.size() > 16) prefetchSymbol(Work[16]);
      if (Work.size() > 8) __builtin_prefetch(&P.Edges[P.EdgeBegin[Work[8]]]);
      SymbolId S = Work.front();
      Work.pop_front();
      expand(S);
    }
    return Reachability{std::move(Steps)};
  }

private:
  bool inProgram(const ProgramRoot &R) const {
    if (!Linked || R.Tus.empty()) return true;
    return std::any_of(R.Tus.begin(), R.Tus.end(), [&](uint32_t T) { return T < Linked->size() && (*Linked)[T]; });
  }

  void prefetchSymbol(SymbolId S) const {
    __builtin_prefetch(&P.EdgeBegin[S]);
    __builtin_prefetch(&P.PatternOf[S]);
  }

  void visit(SymbolId S, const Step &How) {
    if (S == kNoSymbol || Visited[S]) return;
    Visited[S] = true;
    Steps[S] = How;
    Work.push_back(S);
  }

  void expand(SymbolId S) {
    if (SymbolId Pat = P.PatternOf[S]; Pat != kNoSymbol)
      visit(Pat, Step{Step::Instantiation, S});
    for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I) {
      const OutEdge &E = P.Edges[I];
      Step How{Step::Edge, S, E.Kind, RootReason::Main, E.File, E.Line, E.Column};
      if (E.Kind == EdgeKind::Unevaluated || E.Kind == EdgeKind::TypeUse)
        continue;  // needs a declaration, runs nothing
      if (E.Kind == EdgeKind::VirtualCall) callVirtually(E.To, How);
      else visit(E.To, How);
      // An object of the constructor's class now exists (RTA). A base part
      // counts too: while B's constructor or destructor runs for a D, the
      // dynamic type is B, and virtual calls made then reach B's overriders.
      bool Constructs = E.Kind == EdgeKind::Construct || E.Kind == EdgeKind::ConstructBase;
      if (Constructs && P.ParentOf[E.To] != kNoSymbol) instantiate(P.ParentOf[E.To]);
    }
  }

  /// A virtual call to M may run M or any override of it: each one that is
  /// the final overrider in some instantiated class.
  void callVirtually(SymbolId M, const Step &How) {
    std::vector<SymbolId> Stack = {M};
    while (!Stack.empty()) {
      SymbolId O = Stack.back();
      Stack.pop_back();
      if (VCalled[O].How != Step::None) continue;
      VCalled[O] = How;
      if (Dispatchable[O] || P.ParentOf[O] == kNoSymbol) visit(O, How);
      Stack.insert(Stack.end(), P.OverridersOf[O].begin(), P.OverridersOf[O].end());
    }
  }

  /// Class X has a live object: the final overriders of X's virtual methods
  /// become dispatch targets. Walking up from X breadth-first, a base's
  /// method is a final overrider unless a class already walked overrides
  /// it. (In a diamond a base may be walked before a sibling that overrides
  /// it; that errs toward alive.)
  void instantiate(SymbolId X) {
    if (Instantiated[X]) return;
    Instantiated[X] = true;
    std::unordered_set<SymbolId> Overridden, Seen = {X};
    std::deque<SymbolId> Queue = {X};
    while (!Queue.empty()) {
      SymbolId A = Queue.front();
      Queue.pop_front();
      for (SymbolId V : P.VirtualsOf[A]) {
        if (!Overridden.count(V)) makeDispatchable(V);
        hideOverridden(V, Overridden);
      }
      for (SymbolId B : P.BasesOf[A])
        if (B != kNoSymbol && Seen.insert(B).second) Queue.push_back(B);
    }
  }

  void hideOverridden(SymbolId V, std::unordered_set<SymbolId> &Overridden) const {
    for (SymbolId O : P.OverriddenBy[V])
      if (O != kNoSymbol && Overridden.insert(O).second) hideOverridden(O, Overridden);
  }

  void makeDispatchable(SymbolId V) {
    if (Dispatchable[V]) return;
    Dispatchable[V] = true;
    if (VCalled[V].How != Step::None) visit(V, VCalled[V]);
  }

  /// Overrides of methods declared in system headers: the library may call
  /// them (std::exception::what, a streambuf's overflow, a test's TestBody).
  void seedExternalOverrides() {
    for (SymbolId M : SystemOverridden)
      for (SymbolId O : P.OverridersOf[M]) callVirtually(O, Step{Step::ExternalOverride, M});
  }

  const Program &P;
  const std::vector<bool> *Linked;
  const std::vector<SymbolId> &Exported;
  const std::vector<SymbolId> &SystemOverridden;
  std::vector<Step> Steps;
  /// Steps[S].How != Step::None, in a bit per symbol: the walk asks it once
  /// per edge, and a million steps do not stay in cache.
  std::vector<bool> Visited;
  std::vector<Step> VCalled;  ///< per method: the first virtual call that may reach it
  std::vector<bool> Dispatchable;  ///< per method: final overrider in an instantiated class
  std::vector<bool> Instantiated;  ///< per class
  std::deque<SymbolId> Work;
};

}  // namespace

size_t Reachability::count() const {
  return std::count_if(Steps.begin(), Steps.end(), [](const Step &S) { return S.How != Step::None; });
}

/// Methods declared in system headers that project code overrides: their
/// callers may be out of sight, so each walk starts their overrides as
/// called virtually. The same for every program: found once.
std::vector<SymbolId> systemOverridden(const Program &P) {
  std::vector<SymbolId> Out;
  for (SymbolId M = 0; M < P.size(); ++M)
    if ((P.Symbols[M].Flags & flag::InSystemHeader) && !P.OverridersOf[M].empty()) Out.push_back(M);
  return Out;
}

Reachability reach(const Program &P, Dispatch Mode, const std::vector<bool> *Linked,
                   const std::vector<SymbolId> &Exported) {
  return Walker(P, Mode, Linked, Exported, systemOverridden(P)).run();
}

WholeReach reachPrograms(const Program &P, std::vector<ProgramDef> Programs, Dispatch Mode, unsigned Threads) {
  std::vector<ProgramDef> Ordered;  // production programs first, each group in order
  for (bool Tests : {false, true})
    for (ProgramDef &D : Programs)
      if (D.IsTest == Tests) Ordered.push_back(std::move(D));
  Programs = std::move(Ordered);
  WholeReach W;
  W.Any.Steps.assign(P.size(), Step{});
  W.ReachedBy.assign(P.size(), {});
  std::vector<SymbolId> Seeds = systemOverridden(P);
  // The programs are walked a batch at a time, one per core, and merged in
  // their order: the result does not depend on the number of threads, and
  // no more than a batch of walks is held at once.
  size_t Batch = std::max(1u, std::min(Threads ? Threads : std::thread::hardware_concurrency(), 8u));
  for (size_t First = 0; First < Programs.size(); First += Batch) {
    size_t N = std::min(Batch, Programs.size() - First);
    std::vector<Reachability> Walked(N);
    auto Walk = [&](size_t K) {
      const ProgramDef &D = Programs[First + K];
      Walked[K] = Walker(P, Mode, &D.Tus, D.Exported, Seeds).run();
    };
    std::vector<std::thread> Helpers;
    for (size_t K = 1; K < N; ++K) Helpers.emplace_back(Walk, K);
    Walk(0);
    for (std::thread &T : Helpers) T.join();
    for (size_t K = 0; K < N; ++K) {
      const Reachability &R = Walked[K];
      for (SymbolId S = 0; S < P.size(); ++S) {
        if (!R.reached(S)) continue;
        W.ReachedBy[S].push_back(static_cast<uint32_t>(First + K));
        if (!W.Any.reached(S)) W.Any.Steps[S] = R.Steps[S];  // non-test programs first
      }
    }
  }
  W.Programs = std::move(Programs);
  return W;
}

std::vector<bool> productionFiles(const Program &P, const WholeReach &W) {
  std::vector<bool> Out(P.Files.size(), false);
  for (size_t Tu = 0; Tu < P.Tus.size(); ++Tu) {
    bool Production = std::any_of(W.Programs.begin(), W.Programs.end(), [&](const ProgramDef &D) {
      return !D.IsTest && Tu < D.Tus.size() && D.Tus[Tu];
    });
    if (Production)
      for (int F : P.Tus[Tu].Files) Out[F] = true;
  }
  return Out;
}

bool WholeReach::testOnly(SymbolId S) const {
  return !ReachedBy[S].empty() &&
         std::all_of(ReachedBy[S].begin(), ReachedBy[S].end(), [&](uint32_t I) { return Programs[I].IsTest; });
}

}  // namespace deadwood
