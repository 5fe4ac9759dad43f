#include "passes/Why.h"

#include <algorithm>

namespace deadwood {
namespace {

std::string withoutSignature(const std::string &Name) { return Name.substr(0, Name.find('(')); }

std::string unqualified(const std::string &Name) {
  std::string Base = withoutSignature(Name);
  size_t Colon = Base.rfind("::");
  return Colon == std::string::npos ? Base : Base.substr(Colon + 2);
}

bool isUserWritten(const Symbol &S) {
  return !isCompilerMade(S.Flags);
}

}  // namespace

std::vector<SymbolId> lookupSymbols(const Program &P, const std::string &Arg) {
  if (SymbolId S = P.find(Arg); S != kNoSymbol) return {S};
  std::vector<SymbolId> Exact, Qualified, Unqualified;
  for (SymbolId S = 0; S < P.size(); ++S) {
    const std::string &Name = P.Symbols[S].Name;
    if (Name == Arg) Exact.push_back(S);
    else if (withoutSignature(Name) == Arg) Qualified.push_back(S);
    else if (unqualified(Name) == Arg) Unqualified.push_back(S);
  }
  std::vector<SymbolId> &Found = !Exact.empty() ? Exact : !Qualified.empty() ? Qualified : Unqualified;
  std::vector<SymbolId> Written;
  std::copy_if(Found.begin(), Found.end(), std::back_inserter(Written),
               [&](SymbolId S) { return isUserWritten(P.Symbols[S]); });
  return Written.empty() ? Found : Written;
}

Why explain(const Program &P, const Reachability &R, SymbolId Target) {
  return Explainer(P, R).explain(Target);
}

Why Explainer::explain(SymbolId Target) {
  Why W;
  W.Target = Target;
  W.Reached = R.reached(Target);
  if (W.Reached) {
    for (SymbolId S = Target; S != kNoSymbol && W.Path.size() <= P.size();) {
      W.Path.push_back(WhyHop{S, R.Steps[S]});
      if (R.Steps[S].How == Step::Root || R.Steps[S].How == Step::ExternalOverride) break;
      S = R.Steps[S].From;
    }
    std::reverse(W.Path.begin(), W.Path.end());
    return W;
  }
  if (Referrers.empty()) Referrers = referrersOf(P);
  W.Referrers = Referrers[Target];
  return W;
}

}  // namespace deadwood
