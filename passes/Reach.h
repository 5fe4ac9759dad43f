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

#include <string>
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

/// Walks from the roots of one program: those found in a TU it links
/// (Linked[tu]) and those of every program. Without Linked, every root.
Reachability reach(const Program &P, Dispatch Mode = Dispatch::Rta,
                   const std::vector<bool> *Linked = nullptr,
                   const std::vector<SymbolId> &Exported = {});

/// One program of a build: an executable and the TUs it links.
struct ProgramDef {
  std::string Name;
  bool IsTest = false;     ///< CTest runs it
  std::vector<bool> Tus;   ///< by Program::Tus index: linked into it
  std::vector<SymbolId> Exported;  ///< a library's public API (passes/PublicApi): roots of its own
};

/// Reachability over several programs: a symbol is live if any reaches it.
struct WholeReach {
  std::vector<ProgramDef> Programs;  ///< non-test programs first
  /// The union. Each symbol's step comes from the first program that
  /// reaches it, so --why prefers paths from non-test roots.
  Reachability Any;
  std::vector<std::vector<uint32_t>> ReachedBy;  ///< per symbol: program indexes
  bool testOnly(SymbolId S) const;  ///< reached, but only by test programs
};

/// By file index: read by a TU that a non-test program links.
std::vector<bool> productionFiles(const Program &P, const WholeReach &W);

/// Threads: how many programs to walk at once (0: one per core, up to 8);
/// the result does not depend on it.
WholeReach reachPrograms(const Program &P, std::vector<ProgramDef> Programs, Dispatch Mode, unsigned Threads = 0);

}  // namespace deadwood
