#include "passes/Proof.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace deadwood {
namespace {

constexpr const char *kScope = "<namespace scope>";

/// Where a USR carries a position: `c:a.cpp@180@F@main#@Sa...` (a local's
/// offset), `c:a.c@U@a.c@39984` (an unnamed record's), `(lambda at /x/a.cpp:6:12)`, deadwood's own `deadwood:file:l:c`
/// and `#requires@file:l:c`.
bool hasPosition(const std::string &Usr) {
  if (Usr.rfind("deadwood:", 0) == 0 || Usr.find("#requires@") != std::string::npos ||
      Usr.find(" at /") != std::string::npos)
    return true;
  for (size_t At = Usr.find('@'); At != std::string::npos; At = Usr.find('@', At + 1)) {
    size_t End = At + 1;
    while (End < Usr.size() && std::isdigit(static_cast<unsigned char>(Usr[End]))) ++End;
    // `@180@F@main` (a local's offset), `@U@a.c@39984` (an unnamed union's).
    if (End > At + 1 && (End == Usr.size() || Usr[End] == '@' || Usr[End] == '#')) return true;
  }
  return false;
}

/// One summary, indexed for the comparison.
struct Indexed {
  const TuSummary &S;
  std::vector<std::string> Keys;  ///< comparableUsr per symbol
  std::vector<bool> Removed;      ///< per symbol: what the trial takes away

  Indexed(const TuSummary &S, const ProofSubject &Subject, bool Original) : S(S) {
    for (const Symbol &Sym : S.Symbols) {
      Keys.push_back(comparableUsr(Sym.Usr));
      Removed.push_back(Subject.Removed.count(Sym.Usr) > 0 || (Original && insideDeletedText(Sym, Subject)));
    }
  }

  /// Declared only inside text the edits delete (a local class of a
  /// removed function, a member of a removed class).
  bool insideDeletedText(const Symbol &Sym, const ProofSubject &Subject) const {
    std::vector<Site> Sites = Sym.Declarations;
    if (Sym.HasDefinition) Sites.push_back(Sym.Definition);
    if (Sites.empty()) return false;
    for (const Site &Where : Sites) {
      if (Where.File < 0 || Where.End <= Where.Begin) return false;
      auto It = Subject.Files.find(S.Files[Where.File]);
      if (It == Subject.Files.end()) return false;
      bool Inside = std::any_of(It->second.Deleted.begin(), It->second.Deleted.end(), [&](const auto &R) {
        return R.first <= Where.Begin && Where.End <= R.second;
      });
      if (!Inside) return false;
    }
    return true;
  }

  const std::string &key(int Id) const {
    static const std::string Scope = kScope;
    return Id < 0 ? Scope : Keys[Id];
  }
  std::string name(int Id) const { return Id < 0 ? kScope : S.Symbols[Id].Name; }
};

using EdgeKey = std::tuple<std::string, std::string, EdgeKind>;

std::string readHash(const TuSummary &S, const std::string &File) {
  for (size_t I = 0; I < S.Files.size(); ++I)
    if (S.Files[I] == File && I < S.FileHashes.size()) return S.FileHashes[I];
  return {};
}

/// Whether the reference an edge records was in text the edits delete.
bool inDeletedText(const TuSummary &S, const Edge &E, const ProofSubject &Subject) {
  if (E.File < 0) return false;
  auto It = Subject.Files.find(S.Files[E.File]);
  if (It == Subject.Files.end()) return false;
  std::pair<uint32_t, uint32_t> At{E.Line, E.Column};
  return std::any_of(It->second.DeletedLines.begin(), It->second.DeletedLines.end(),
                     [&](const auto &R) { return R.first <= At && At <= R.second; });
}

/// What an edge of this kind needs at link time: a definition.
bool needsDefinition(EdgeKind K) { return K != EdgeKind::Unevaluated && K != EdgeKind::TypeUse; }

}  // namespace

ProofSubject::Edited editedFile(const std::string &Original, const std::vector<Replacement> &Edits) {
  std::vector<uint32_t> LineStarts = {0};
  for (uint32_t I = 0; I < Original.size(); ++I)
    if (Original[I] == '\n') LineStarts.push_back(I + 1);
  auto LineColumn = [&](uint32_t Offset) {
    auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) - 1;
    return std::make_pair(static_cast<uint32_t>(It - LineStarts.begin()) + 1, Offset - *It + 1);
  };
  ProofSubject::Edited E;
  for (const Replacement &R : Edits) {
    E.Deleted.emplace_back(R.Offset, R.Offset + R.Length);
    if (R.Length) E.DeletedLines.emplace_back(LineColumn(R.Offset), LineColumn(R.Offset + R.Length - 1));
  }
  E.Hash = contentHash(applyEdits(Original, Edits));
  return E;
}

std::string comparableUsr(const std::string &Usr) {
  if (!hasPosition(Usr)) return Usr;
  std::string Out;
  for (size_t I = 0; I < Usr.size(); ++I) {
    bool Digit = std::isdigit(static_cast<unsigned char>(Usr[I]));
    if (!Digit) Out += Usr[I];
    else if (I == 0 || !std::isdigit(static_cast<unsigned char>(Usr[I - 1]))) Out += '#';
  }
  return Out;
}

std::string checkReparse(const TuSummary &Before, const TuSummary &After, const ProofSubject &Subject) {
  if (After.Failed)
    return "breaks " + (After.Errors.empty() ? After.MainFile + ": the frontend failed" : After.Errors[0]);
  for (const auto &[File, E] : Subject.Files) {
    std::string Read = readHash(After, File);
    if (!Read.empty() && Read != E.Hash)
      return "cannot be proven: '" + After.MainFile + "' reads '" + File + "' by a path the proof cannot edit";
  }
  Indexed B(Before, Subject, /*Original=*/true), A(After, Subject, false);

  // Symbols: none lost but what was removed (compiler-made code may go with
  // its last user), none new.
  std::map<std::string, std::pair<int, int>> Count;  // key -> (surviving before, after)
  std::map<std::string, int> First;                  // key -> a symbol, for names
  for (size_t I = 0; I < Before.Symbols.size(); ++I)
    if (!B.Removed[I]) {
      ++Count[B.Keys[I]].first;
      First.emplace(B.Keys[I], static_cast<int>(I));
    }
  std::map<std::string, int> Gone;  // key -> total before (removed included)
  for (size_t I = 0; I < Before.Symbols.size(); ++I) ++Gone[B.Keys[I]];
  // A compiler-declared member that appears unused (the implicit move
  // constructor once a dead copy constructor is gone) changes nothing that
  // runs; used, it shows as a changed edge below.
  std::vector<bool> Used(After.Symbols.size(), false);
  for (const Edge &E : After.Edges) Used[E.To] = true;
  for (size_t I = 0; I < After.Symbols.size(); ++I) {
    if (A.Removed[I]) continue;
    int &Now = Count[A.Keys[I]].second;
    ++Now;
    bool Harmless = (After.Symbols[I].Flags & flag::Implicit) && !Used[I];
    if (Now > Gone[A.Keys[I]] && !Harmless)
      return "changes what the compiler uses: '" + After.Symbols[I].Name + "' appears";
  }
  for (const auto &[Key, C] : Count)
    if (C.second < C.first) {
      const Symbol &Sym = Before.Symbols[First[Key]];
      if (!isCompilerMade(Sym.Flags)) return "also deletes '" + Sym.Name + "', which stays";
    }

  // Edges: each surviving symbol keeps exactly its edges to surviving symbols.
  std::set<std::string> Present;
  for (size_t I = 0; I < After.Symbols.size(); ++I) Present.insert(A.Keys[I]);
  std::map<EdgeKey, int> Edges;
  std::map<EdgeKey, std::pair<int, int>> Names;  // for the message: before's ids
  for (const Edge &E : Before.Edges) {
    if ((E.From >= 0 && B.Removed[E.From]) || B.Removed[E.To]) continue;
    if (E.From < 0 && inDeletedText(Before, E, Subject)) continue;  // a class body's compile-time use
    if (E.From >= 0 && !Present.count(B.key(E.From))) continue;  // gone with what was removed
    EdgeKey K{B.key(E.From), B.key(E.To), E.Kind};
    ++Edges[K];
    Names.emplace(K, std::make_pair(E.From, E.To));
  }
  for (const Edge &E : After.Edges) {
    if (A.Removed[E.To])
      return "'" + A.name(E.From) + "' still uses '" + A.name(E.To) + "'";
    if ((E.From >= 0 && A.Removed[E.From])) continue;
    EdgeKey K{A.key(E.From), A.key(E.To), E.Kind};
    if (--Edges[K] < 0)
      return "changes what '" + A.name(E.From) + "' uses: now '" + A.name(E.To) + "' (" +
             edgeKindName(E.Kind) + ")";
  }
  for (const auto &[K, N] : Edges)
    if (N > 0) {
      auto [From, To] = Names[K];
      // An instantiation's body exists only while something uses it: what
      // it no longer calls went with the removed code that used it.
      if (From >= 0 && isCompilerMade(Before.Symbols[From].Flags)) continue;
      return "changes what '" + B.name(From) + "' uses: no longer '" + B.name(To) + "' (" +
             edgeKindName(std::get<2>(K)) + ")";
    }
  return {};
}

std::string checkDefinitions(const std::vector<const TuSummary *> &Before,
                             const std::vector<const TuSummary *> &After) {
  auto Defined = [](const std::vector<const TuSummary *> &All) {
    std::set<std::string> Out;
    for (const TuSummary *S : All)
      for (const Symbol &Sym : S->Symbols)
        if (Sym.HasDefinition && !isCompilerMade(Sym.Flags)) Out.insert(comparableUsr(Sym.Usr));
    return Out;
  };
  std::set<std::string> Was = Defined(Before), Is = Defined(After);
  for (const TuSummary *S : After)
    for (const Edge &E : S->Edges) {
      if (!needsDefinition(E.Kind)) continue;
      const Symbol &To = S->Symbols[E.To];
      std::string Key = comparableUsr(To.Usr);
      if (Was.count(Key) && !Is.count(Key))
        return "'" + To.Name + "' is still used (by '" +
               (E.From < 0 ? std::string(kScope) : S->Symbols[E.From].Name) +
               "') but no longer defined anywhere";
    }
  return {};
}

}  // namespace deadwood
