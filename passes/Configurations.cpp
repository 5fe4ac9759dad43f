#include "passes/Configurations.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

namespace deadwood {
namespace {

using Verdict = ConfigurationVerdict;

/// Every finding of a report by USR, members of dead classes included.
std::unordered_map<std::string, const Finding *> findingsByUsr(const Report &Rep) {
  std::unordered_map<std::string, const Finding *> Out;
  forEachFinding(Rep.Findings, [&](const Finding &F) { Out.emplace(F.Usr, &F); });
  return Out;
}

/// Adds to Into the members From has and Into lacks (a member only one
/// configuration compiles), recursively.
void mergeMembers(Finding &Into, const Finding &From) {
  for (const Finding &M : From.Members) {
    auto Same = std::find_if(Into.Members.begin(), Into.Members.end(), [&](const Finding &X) { return X.Usr == M.Usr; });
    if (Same == Into.Members.end()) Into.Members.push_back(M);
    else mergeMembers(*Same, M);
  }
  std::sort(Into.Members.begin(), Into.Members.end(), byPosition);
}

class Intersection {
public:
  explicit Intersection(const std::vector<ConfigurationView> &Cs) : Cs(Cs) {
    for (const ConfigurationView &C : Cs) Findings.push_back(findingsByUsr(*C.Rep));
  }

  Report run() {
    Report Out;
    Out.SourceRoot = Cs.front().Rep->SourceRoot;
    std::set<std::string> Taken;
    for (size_t I = 0; I < Cs.size(); ++I)
      for (const Finding &F : Cs[I].Rep->Findings)
        if (Taken.insert(F.Usr).second)
          if (std::optional<Finding> Kept = agreed(F, I)) {
            forEachFinding(Kept->Members, [&](const Finding &M) { Taken.insert(M.Usr); });
            Out.Findings.push_back(std::move(*Kept));
          }
    // A top-level finding of one configuration may be a member of a class
    // another reports: one review item, under the class.
    std::set<std::string> Members;
    for (const Finding &F : Out.Findings) forEachFinding(F.Members, [&](const Finding &M) { Members.insert(M.Usr); });
    Out.Findings.erase(std::remove_if(Out.Findings.begin(), Out.Findings.end(),
                                      [&](const Finding &F) { return Members.count(F.Usr) > 0; }),
                       Out.Findings.end());
    std::sort(Out.Findings.begin(), Out.Findings.end(), byPosition);
    totals(Out);
    return Out;
  }

private:
  /// F (a finding of configuration First) as all configurations agree on
  /// it, or nothing when one compiles it and does not call it dead.
  std::optional<Finding> agreed(const Finding &F, size_t First) {
    Finding Out = F;
    if (!judge(Out)) return std::nullopt;
    for (size_t I = 0; I < Cs.size(); ++I) {
      if (I == First) continue;
      auto It = Findings[I].find(F.Usr);
      if (It != Findings[I].end()) mergeMembers(Out, *It->second);
    }
    // A member some configuration keeps (compiles and reaches) is not
    // dead; neither is its class then, unless the class was judged alone.
    std::vector<Finding> Members;
    for (Finding &M : Out.Members)
      if (judge(M)) Members.push_back(std::move(M));
    Out.Members = std::move(Members);
    return Out;
  }

  /// Fills F's verdicts, category and removability from every
  /// configuration; false when one compiles it and does not call it dead.
  bool judge(Finding &F) {
    F.Configurations.clear();
    bool TestOnly = false;
    // Each configuration's word on removing it, merged below.
    std::vector<const Finding *> There(Cs.size(), nullptr);
    for (size_t I = 0; I < Cs.size(); ++I) {
      ConfigurationVerdict V{Verdict::NotCompiled, Cs[I].Build};
      auto It = Findings[I].find(F.Usr);
      if (It != Findings[I].end()) {
        const Finding &Found = *It->second;
        There[I] = &Found;
        V.Verdict = Found.Category == Category::TestOnly ? Verdict::TestOnly : Verdict::Dead;
        TestOnly |= V.Verdict == Verdict::TestOnly;
        if (Found.Category == Category::TestOnly)
          for (const std::string &Program : Found.ReachedFrom)
            if (std::find(F.ReachedFrom.begin(), F.ReachedFrom.end(), Program) == F.ReachedFrom.end())
              F.ReachedFrom.push_back(Program);
      } else {
        V = unreportedVerdict(Cs[I], F.Usr);
      }
      if (V.Verdict == Verdict::Reachable || V.Verdict == Verdict::Kept) return false;
      F.Configurations.push_back(std::move(V));
    }
    F.Removable = true;
    F.NotRemovableBecause.clear();
    F.NamedInSkippedCode.reset();
    for (size_t I = 0; I < Cs.size(); ++I)
      if (There[I] && !There[I]->Removable && !compiledElsewhere(*There[I], I, There)) {
        F.Removable = false;
        F.NotRemovableBecause = There[I]->NotRemovableBecause;
        F.NamedInSkippedCode = There[I]->NamedInSkippedCode;
        break;
      }
    if (TestOnly && F.Category != Category::TestOnly) {
      F.Category = Category::TestOnly;
      F.Removable = false;
      F.NotRemovableBecause = "the tests that reach it would not build";
    }
    for (Finding &M : F.Members) M.Category = F.Category;
    return true;
  }

  /// Whether the only thing keeping F (configuration I's finding) is code
  /// configuration I skips that another compiles: one that reads that file,
  /// skips nothing of that name, and still calls the symbol dead there.
  bool compiledElsewhere(const Finding &F, size_t I, const std::vector<const Finding *> &There) const {
    if (!F.NamedInSkippedCode) return false;
    const Finding::SkippedUse &Use = *F.NamedInSkippedCode;
    for (size_t J = 0; J < Cs.size(); ++J) {
      if (J == I || !There[J] || There[J]->Category != F.Category) continue;
      const Program &P = *Cs[J].P;
      if (!std::binary_search(P.Files.begin(), P.Files.end(), Use.File) || P.SkippedNames.count(Use.Name)) continue;
      return true;
    }
    return false;
  }

  void totals(Report &Out) const {
    std::set<std::string> Notes, Vendored, Failed;
    for (const ConfigurationView &C : Cs) {
      const Report &R = *C.Rep;
      Out.Configurations.push_back(C.Build);
      Out.Tus += R.Tus;
      Out.Unknown = std::max(Out.Unknown, R.Unknown);
      for (const ReportNote &N : R.Notes)
        if (Notes.insert(N.File + ":" + std::to_string(N.Line) + ":" + std::to_string(N.Column) + N.Text).second)
          Out.Notes.push_back(N);
      for (const auto &V : R.Vendored)
        if (Vendored.insert(V.first).second) Out.Vendored.push_back(V);
      for (const FailedTu &T : R.Failed)
        if (Failed.insert(T.File).second) Out.Failed.push_back(T);
    }
  }

  const std::vector<ConfigurationView> &Cs;
  std::vector<std::unordered_map<std::string, const Finding *>> Findings;
};

}  // namespace

ConfigurationVerdict unreportedVerdict(const ConfigurationView &C, const std::string &Usr) {
  ConfigurationVerdict V{Verdict::NotCompiled, C.Build};
  SymbolId Id = C.P->find(Usr);
  if (Id == kNoSymbol) return V;
  if (C.R->reached(Id)) V.Verdict = Verdict::Reachable;
  else if (C.P->Symbols[Id].HasDefinition) V.Verdict = Verdict::Kept;
  return V;
}

Report intersect(const std::vector<ConfigurationView> &Configurations) {
  return Intersection(Configurations).run();
}

Reachability reachedInAny(const Program &Merged, const std::vector<ConfigurationView> &Configurations) {
  Reachability Out;
  Out.Steps.resize(Merged.size());
  auto FileIn = [&](const Program &P, int File) {
    if (File < 0) return -1;
    auto It = std::lower_bound(Merged.Files.begin(), Merged.Files.end(), P.Files[File]);
    return It != Merged.Files.end() && *It == P.Files[File] ? static_cast<int>(It - Merged.Files.begin()) : -1;
  };
  for (const ConfigurationView &C : Configurations)
    for (SymbolId S = 0; S < C.P->size(); ++S) {
      if (!C.R->reached(S)) continue;
      SymbolId To = Merged.find(C.P->Symbols[S].Usr);
      if (To == kNoSymbol || Out.reached(To)) continue;
      Step St = C.R->Steps[S];  // the first configuration's way there, in the merged ids
      if (St.From != kNoSymbol) St.From = Merged.find(C.P->Symbols[St.From].Usr);
      St.File = FileIn(*C.P, St.File);
      Out.Steps[To] = St;
    }
  return Out;
}

}  // namespace deadwood
