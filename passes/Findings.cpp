#include "passes/Findings.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace deadwood {
namespace {

/// Functions and namespace-scope or static-member variables with a
/// definition. Never reported, whatever their reachability: code the
/// compiler wrote (implicit members, instantiations), code that is not a
/// body to remove (deleted, defaulted), and lambdas (their enclosing
/// function is the unit a person removes).
bool isCandidate(const Symbol &S) {
  constexpr uint32_t Never = flag::Implicit | flag::Deleted | flag::Defaulted |
                             flag::Instantiation | flag::InSystemHeader | flag::Lambda;
  return S.Kind != SymbolKind::Class && S.HasDefinition && !(S.Flags & Never);
}

std::string siteText(const Program &P, const Site &S) {
  return P.fileOf(S) + ":" + std::to_string(S.Line) + ":" + std::to_string(S.Column);
}

class Classifier {
public:
  Classifier(const Program &P, const Reachability &R, const ClassifyOptions &O)
      : P(P), R(R), O(O), UnknownFile(P.Files.size(), false) {
    for (const TuInfo &Tu : P.Tus)
      if (Tu.Failed)
        for (int F : Tu.Files) UnknownFile[F] = true;
    findUnevaluatedUses();
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
    for (SymbolId I = 0; I < P.size(); ++I) {
      const Symbol &S = P.Symbols[I];
      if (R.reached(I) || !isCandidate(S) || !reportedFile(P.fileOf(S.Definition))) continue;
      if (touchesUnknown(S)) ++Out.Unknown;
      else Out.Findings.push_back(finding(S));
    }
    std::sort(Out.Findings.begin(), Out.Findings.end(), [](const Finding &A, const Finding &B) {
      return std::tie(A.File, A.Line, A.Column, A.Name) < std::tie(B.File, B.Line, B.Column, B.Name);
    });
    return Out;
  }

private:
  bool reportedFile(const std::string &File) const {
    if (!isUnder(File, O.SourceRoot)) return false;
    for (const std::string &D : O.ExcludeDirs)
      if (isUnder(File, D)) return false;
    if (O.PathFilters.empty()) return true;
    return std::any_of(O.PathFilters.begin(), O.PathFilters.end(),
                       [&](const std::string &F) { return isUnder(File, F); });
  }

  /// Live code (or namespace scope) that names a symbol only in an
  /// unevaluated operand needs its declaration: removing it would not build.
  void findUnevaluatedUses() {
    for (SymbolId S : P.ScopeUnevaluated) UnevaluatedUse.emplace(S, "at namespace scope");
    for (SymbolId From = 0; From < P.size(); ++From) {
      if (!R.reached(From)) continue;
      for (uint32_t I = P.EdgeBegin[From]; I < P.EdgeBegin[From + 1]; ++I) {
        const OutEdge &E = P.Edges[I];
        if (E.Kind != EdgeKind::Unevaluated || E.File < 0) continue;
        UnevaluatedUse.emplace(E.To, "at " + P.Files[E.File] + ":" + std::to_string(E.Line) +
                                         ":" + std::to_string(E.Column));
      }
    }
  }

  /// A failed TU may have referenced anything declared in a file it read.
  bool touchesUnknown(const Symbol &S) const {
    if (UnknownFile[S.Definition.File]) return true;
    return std::any_of(S.Declarations.begin(), S.Declarations.end(),
                       [&](const Site &D) { return D.File >= 0 && UnknownFile[D.File]; });
  }

  Finding finding(const Symbol &S) const {
    Finding F;
    F.Category = "dead";
    F.Kind = S.Kind;
    F.Name = S.Name;
    F.Usr = S.Usr;
    F.File = P.fileOf(S.Definition);
    F.Line = S.Definition.Line;
    F.Column = S.Definition.Column;
    if (S.Flags & flag::FromMacro) {
      F.Removable = false;
      F.NotRemovableBecause = "defined by a macro expansion";
    } else if (auto It = UnevaluatedUse.find(P.find(S.Usr)); It != UnevaluatedUse.end()) {
      F.Removable = false;
      F.NotRemovableBecause =
          "named in an unevaluated operand (sizeof, decltype, noexcept) " + It->second;
    }
    for (const Site &D : S.Declarations)
      if (D.File >= 0) F.Declarations.push_back(siteText(P, D));
    return F;
  }

  const Program &P;
  const Reachability &R;
  const ClassifyOptions &O;
  std::vector<bool> UnknownFile;
  std::map<SymbolId, std::string> UnevaluatedUse;  ///< first use, for the message
};

}  // namespace

bool isUnder(const std::string &Path, const std::string &Dir) {
  if (Dir.empty() || Dir == "/") return true;
  std::string D = Dir.back() == '/' ? Dir.substr(0, Dir.size() - 1) : Dir;
  return Path == D || (Path.size() > D.size() && Path.compare(0, D.size(), D) == 0 &&
                       Path[D.size()] == '/');
}

Report classify(const Program &P, const Reachability &R, const ClassifyOptions &Opts) {
  return Classifier(P, R, Opts).run();
}

}  // namespace deadwood
