// Why is this alive? Program + Reachability => the path from a root.
//
// Reachability keeps each symbol's first predecessor on a breadth-first walk,
// so the answer is a lookup: follow predecessors back to the root.
#pragma once

#include "passes/Reach.h"

#include <string>
#include <vector>

namespace deadwood {

struct WhyHop {
  SymbolId Sym = kNoSymbol;
  Step How;  ///< how Sym was reached (from the previous hop)
};

struct Why {
  SymbolId Target = kNoSymbol;
  bool Reached = false;
  std::vector<WhyHop> Path;           ///< root first, Target last, when Reached
  std::vector<SymbolId> Referrers;    ///< when not Reached: who names it (all unreachable)
};

/// Symbols a user's argument may mean: a USR, a qualified name with or
/// without its signature, or an unqualified name. Code the user wrote is
/// preferred over instantiations, implicit members and library code.
std::vector<SymbolId> lookupSymbols(const Program &P, const std::string &NameOrUsr);

/// Answers many questions over one program (the HTML report asks one per
/// finding): who refers to whom is indexed once, at the first question
/// about an unreachable symbol, instead of a scan of every edge each time.
class Explainer {
public:
  Explainer(const Program &P, const Reachability &R) : P(P), R(R) {}
  Why explain(SymbolId Target);

private:
  const Program &P;
  const Reachability &R;
  std::vector<std::vector<SymbolId>> Referrers;  ///< by target, ascending; built on demand
};

/// One question: Explainer(P, R).explain(Target).
Why explain(const Program &P, const Reachability &R, SymbolId Target);

}  // namespace deadwood
