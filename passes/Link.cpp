// TuSummary... => Program: merge by USR, deterministically.
#include "passes/Program.h"

#include <algorithm>
#include <unordered_map>
#include <map>
#include <set>
#include <tuple>

namespace deadwood {
namespace {

template <class T> void sortUnique(std::vector<T> &V) {
  std::sort(V.begin(), V.end());
  V.erase(std::unique(V.begin(), V.end()), V.end());
}

/// Global file table: every path any summary mentions, sorted, so that file
/// ids order like paths and sites compare the same in any TU order.
std::vector<std::string> globalFiles(const std::vector<TuSummary> &Summaries) {
  std::vector<std::string> Files;
  for (const TuSummary &S : Summaries) Files.insert(Files.end(), S.Files.begin(), S.Files.end());
  sortUnique(Files);
  return Files;
}

std::vector<int> fileRemap(const TuSummary &S, const std::vector<std::string> &Files) {
  std::vector<int> Map;
  for (const std::string &F : S.Files)
    Map.push_back(static_cast<int>(std::lower_bound(Files.begin(), Files.end(), F) - Files.begin()));
  return Map;
}

void remap(Site &S, const std::vector<int> &Map) {
  if (S.File >= 0) S.File = Map[S.File];
}

void mergeInto(Symbol &Into, Symbol &&From) {
  Into.Flags |= From.Flags;
  if (From.HasDefinition && (!Into.HasDefinition || From.Definition < Into.Definition)) {
    if (Into.HasDefinition) Into.Declarations.push_back(Into.Definition);
    Into.Definition = From.Definition;
    Into.HasDefinition = true;
  } else if (From.HasDefinition && From.Definition != Into.Definition) {
    Into.Declarations.push_back(From.Definition);  // e.g. an ODR-violating twin
  }
  Into.Declarations.insert(Into.Declarations.end(), From.Declarations.begin(),
                           From.Declarations.end());
  if (Into.Name.empty()) Into.Name = std::move(From.Name);
  if (Into.Parent.empty()) Into.Parent = std::move(From.Parent);
  if (Into.Pattern.empty()) Into.Pattern = std::move(From.Pattern);
  Into.Overrides.insert(Into.Overrides.end(), From.Overrides.begin(), From.Overrides.end());
  Into.Bases.insert(Into.Bases.end(), From.Bases.begin(), From.Bases.end());
}

/// A USR that an edge or relation names but no summary described (should not
/// happen, but an edge must never be dropped: dropping one could make
/// something look dead).
Symbol placeholder(const std::string &Usr) {
  Symbol S;
  S.Usr = Usr;
  S.Name = Usr;
  S.Flags = flag::Implicit;
  return S;
}

struct RawEdge {
  SymbolId From, To;
  EdgeKind Kind;
  int File;
  uint32_t Line, Column;
  auto key() const { return std::tie(From, To, Kind, File, Line, Column); }
};

/// `dlsym(h, "name")` keeps alive every function or variable whose
/// qualified name is `name` (C names are their own qualified names).
void resolveLookups(Program &P, std::vector<NameLookup> &Lookups, std::vector<Root> &Roots) {
  std::sort(Lookups.begin(), Lookups.end(), [](const NameLookup &A, const NameLookup &B) {
    return std::tie(A.Name, A.File, A.Line, A.Column) < std::tie(B.Name, B.File, B.Line, B.Column);
  });
  for (const NameLookup &L : Lookups) {
    size_t Found = 0;
    for (const Symbol &S : P.Symbols) {
      if (S.Kind == SymbolKind::Class || (S.Flags & flag::InSystemHeader)) continue;
      if (S.Name.compare(0, S.Name.find('('), L.Name) != 0) continue;
      Roots.push_back(Root{S.Usr, RootReason::LookupByName});
      ++Found;
    }
    P.Notes.push_back(Note{L.File, L.Line, L.Column,
                           "'" + L.Name + "' is looked up by name: " +
                               (Found ? std::to_string(Found) + " definition(s) kept alive"
                                      : std::string("no symbol of that name in the analyzed code"))});
  }
}

void buildRelations(Program &P) {
  size_t N = P.size();
  P.ParentOf.assign(N, kNoSymbol);
  P.PatternOf.assign(N, kNoSymbol);
  P.OverridersOf.assign(N, {});
  P.OverriddenBy.assign(N, {});
  P.BasesOf.assign(N, {});
  P.VirtualsOf.assign(N, {});
  for (SymbolId I = 0; I < N; ++I) {
    Symbol &S = P.Symbols[I];
    if (!S.Parent.empty()) P.ParentOf[I] = P.find(S.Parent);
    if (!S.Pattern.empty()) P.PatternOf[I] = P.find(S.Pattern);
    for (const std::string &O : S.Overrides) {
      P.OverridersOf[P.find(O)].push_back(I);
      P.OverriddenBy[I].push_back(P.find(O));
    }
    for (const std::string &B : S.Bases) P.BasesOf[I].push_back(P.find(B));
    if ((S.Flags & flag::Virtual) && P.ParentOf[I] != kNoSymbol)
      P.VirtualsOf[P.ParentOf[I]].push_back(I);
  }
}

}  // namespace

Program link(std::vector<TuSummary> Summaries) {
  // By main file; a file compiled twice keeps the database's order.
  std::vector<size_t> Order(Summaries.size());
  for (size_t I = 0; I < Order.size(); ++I) Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::tie(Summaries[A].MainFile, A) < std::tie(Summaries[B].MainFile, B);
  });
  std::vector<TuSummary> Sorted;
  for (size_t I : Order) Sorted.push_back(std::move(Summaries[I]));
  Summaries = std::move(Sorted);
  Program P;
  P.Files = globalFiles(Summaries);
  P.FileHashes.assign(P.Files.size(), "");

  // Hashed while merging (every edge end is looked up); sorted once at the end.
  std::unordered_map<std::string, Symbol> Merged;
  std::vector<std::tuple<std::string, std::string, EdgeKind, int, uint32_t, uint32_t>> Edges;
  std::vector<std::pair<Root, uint32_t>> Roots;  ///< with the TU that found it
  std::vector<std::pair<std::string, EdgeKind>> ScopeMentions;
  std::vector<NameLookup> Lookups;
  for (TuSummary &S : Summaries) {
    uint32_t Tu = static_cast<uint32_t>(P.Tus.size());
    std::vector<int> Map = fileRemap(S, P.Files);
    for (size_t F = 0; F < S.FileHashes.size() && F < Map.size(); ++F) {
      std::string &Known = P.FileHashes[Map[F]];
      if (S.FileHashes[F].empty()) continue;
      if (Known.empty()) Known = S.FileHashes[F];
      else if (Known != S.FileHashes[F]) Known = "changed";
    }
    TuInfo Info{S.MainFile, S.Failed, std::move(S.Errors), Map};
    sortUnique(Info.Files);
    P.Tus.push_back(std::move(Info));
    for (Symbol &Sym : S.Symbols) {
      remap(Sym.Definition, Map);
      for (Site &D : Sym.Declarations) remap(D, Map);
      auto [It, Inserted] = Merged.try_emplace(Sym.Usr);
      if (Inserted) It->second = std::move(Sym);
      else mergeInto(It->second, std::move(Sym));
    }
    for (Edge &E : S.Edges) {
      if (E.From.empty() && (E.Kind == EdgeKind::Unevaluated || E.Kind == EdgeKind::TypeUse))
        ScopeMentions.emplace_back(E.To, E.Kind);
      else if (E.From.empty()) Roots.emplace_back(Root{E.To, RootReason::ScopeUse}, Tu);
      else Edges.emplace_back(std::move(E.From), std::move(E.To), E.Kind,
                              E.File >= 0 ? Map[E.File] : -1, E.Line, E.Column);
    }
    for (Root &R : S.Roots) Roots.emplace_back(std::move(R), Tu);
    for (Note &N : S.Notes) {
      if (N.File >= 0) N.File = Map[N.File];
      P.Notes.push_back(std::move(N));
    }
    for (NameLookup &L : S.Lookups) {
      if (L.File >= 0) L.File = Map[L.File];
      Lookups.push_back(std::move(L));
    }
  }

  auto Ensure = [&Merged](const std::string &Usr) {
    if (!Usr.empty() && !Merged.count(Usr)) Merged.emplace(Usr, placeholder(Usr));
  };
  for (auto &E : Edges) Ensure(std::get<0>(E)), Ensure(std::get<1>(E));
  for (const auto &[R, Tu] : Roots) Ensure(R.Usr);
  for (const auto &[Usr, Kind] : ScopeMentions) Ensure(Usr);
  std::vector<std::string> Related;
  for (auto &[Usr, Sym] : Merged) {
    Related.push_back(Sym.Parent);
    Related.push_back(Sym.Pattern);
    Related.insert(Related.end(), Sym.Overrides.begin(), Sym.Overrides.end());
    Related.insert(Related.end(), Sym.Bases.begin(), Sym.Bases.end());
  }
  for (const std::string &Usr : Related) Ensure(Usr);

  std::vector<Symbol *> ByName;
  ByName.reserve(Merged.size());
  for (auto &[Usr, Sym] : Merged) ByName.push_back(&Sym);
  std::sort(ByName.begin(), ByName.end(), [](const Symbol *A, const Symbol *B) { return A->Usr < B->Usr; });
  P.Symbols.reserve(ByName.size());
  P.ByUsr.reserve(ByName.size());
  for (Symbol *Sym : ByName) {
    sortUnique(Sym->Declarations);
    std::erase(Sym->Declarations, Sym->Definition);
    sortUnique(Sym->Overrides);
    sortUnique(Sym->Bases);
    P.ByUsr.emplace(Sym->Usr, static_cast<SymbolId>(P.Symbols.size()));
    P.Symbols.push_back(std::move(*Sym));
  }
  Merged.clear();

  std::vector<RawEdge> Raw;
  Raw.reserve(Edges.size());
  for (auto &[From, To, Kind, File, Line, Column] : Edges)
    Raw.push_back(RawEdge{P.find(From), P.find(To), Kind, File, Line, Column});
  std::sort(Raw.begin(), Raw.end(), [](const RawEdge &A, const RawEdge &B) { return A.key() < B.key(); });
  P.EdgeBegin.assign(P.size() + 1, 0);
  for (size_t I = 0; I < Raw.size(); ++I) {
    const RawEdge &E = Raw[I];
    if (I && Raw[I - 1].From == E.From && Raw[I - 1].To == E.To && Raw[I - 1].Kind == E.Kind)
      continue;  // same edge seen in another TU: keep the first location
    P.Edges.push_back(OutEdge{E.To, E.Kind, E.File, E.Line, E.Column});
    ++P.EdgeBegin[E.From + 1];
  }
  for (size_t I = 0; I < P.size(); ++I) P.EdgeBegin[I + 1] += P.EdgeBegin[I];

  std::vector<Root> Looked;
  resolveLookups(P, Lookups, Looked);
  for (Root &R : Looked) Roots.emplace_back(std::move(R), UINT32_MAX);  // any program may dlopen it
  std::map<SymbolId, ProgramRoot> RootMap;
  std::set<SymbolId> Anywhere;  // roots of every program: no TU list
  for (const auto &[R, Tu] : Roots) {
    SymbolId S = P.find(R.Usr);
    auto [It, Inserted] = RootMap.try_emplace(S, ProgramRoot{S, R.Reason, {}});
    if (!Inserted) It->second.Reason = std::min(It->second.Reason, R.Reason);
    if (Tu == UINT32_MAX) Anywhere.insert(S);
    else It->second.Tus.push_back(Tu);
    if (!R.Note.empty()) P.RootNotes.emplace(S, R.Note);
  }
  for (auto &[Sym, Root] : RootMap) {
    if (Anywhere.count(Sym)) Root.Tus.clear();
    sortUnique(Root.Tus);
    P.Roots.push_back(std::move(Root));
  }
  for (const auto &[Usr, Kind] : ScopeMentions) P.ScopeMentions.emplace_back(P.find(Usr), Kind);
  sortUnique(P.ScopeMentions);
  std::sort(P.Notes.begin(), P.Notes.end(), [](const Note &A, const Note &B) {
    return std::tie(A.File, A.Line, A.Column, A.Text) < std::tie(B.File, B.Line, B.Column, B.Text);
  });
  P.Notes.erase(std::unique(P.Notes.begin(), P.Notes.end(),
                            [](const Note &A, const Note &B) {
                              return std::tie(A.File, A.Line, A.Column, A.Text) ==
                                     std::tie(B.File, B.Line, B.Column, B.Text);
                            }),
                P.Notes.end());
  buildRelations(P);
  return P;
}

}  // namespace deadwood
