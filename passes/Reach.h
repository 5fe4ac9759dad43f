// Step 4 of the pipeline: roots => reachable set, with virtual dispatch.
//
//   Program ──► roots ──► worklist (edges, dispatch, pattern) ──► Reachability
//
// Virtual calls are resolved by Rapid Type Analysis: a virtual call to B::f
// reaches an override C::f only once C::f is the final overrider of f in
// some instantiated class: one that reachable code constructs, as a complete
// object or as a base part (during B's constructor and destructor a D's
// dynamic type is B). CHA, the conservative option, makes every override a
// target. A method that overrides one
// declared in code we cannot see (a system header) may be called from there:
// it counts as virtually called from the start.
#pragma once

#include "passes/Program.h"

#include <vector>

namespace deadwood {

enum class Dispatch { Rta, Cha };

/// How a symbol was first reached: the one step back toward a root.
struct Step {
  enum Via : uint8_t {
    None,              ///< not reached
    Root,              ///< a root; Reason says why
    Edge,              ///< an edge of From (Kind, File:Line:Column)
    Instantiation,     ///< From is an instantiation of this template
    ExternalOverride,  ///< overrides From, declared where we cannot see callers
  };
  Via How = None;
  SymbolId From = kNoSymbol;
  EdgeKind Kind = EdgeKind::Call;
  RootReason Reason = RootReason::Main;
  int File = -1;
  uint32_t Line = 0, Column = 0;
};

struct Reachability {
  std::vector<Step> Steps;  ///< by symbol id
  bool reached(SymbolId S) const { return Steps[S].How != Step::None; }
  size_t count() const;
};

Reachability reach(const Program &P, Dispatch Mode = Dispatch::Rta);

}  // namespace deadwood
