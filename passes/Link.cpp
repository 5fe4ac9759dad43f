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
  // What one TU says is not the project's (a header reached through
  // -isystem there) or not written (a compiler-declared operator new) does
  // not hide what another TU sees written in the project.
  constexpr uint32_t Everywhere = flag::InSystemHeader | flag::Implicit;
  Into.Flags = ((Into.Flags | From.Flags) & ~Everywhere) | (Into.Flags & From.Flags & Everywhere);
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

/// Symbols as they are merged, into the program, by id in order of first
/// sight (TUs are sorted, so the order does not depend on the database's);
/// every USR is hashed once per TU that mentions it.
class SymbolTable {
public:
  explicit SymbolTable(Program &P) : P(P) {}
  /// The id of Sym's USR, merging Sym into what is known.
  SymbolId add(Symbol &&Sym) {
    SymbolId Id = P.ByUsr.insert(P.Symbols, Sym.Usr, static_cast<SymbolId>(P.Symbols.size()));
    if (Id == P.Symbols.size()) P.Symbols.push_back(std::move(Sym));
    else mergeInto(P.Symbols[Id], std::move(Sym));
    return Id;
  }
  /// The id of a USR named by a relation or root; a placeholder when no
  /// summary describes it (an edge must never be dropped: that could make
  /// something look dead).
  SymbolId intern(const std::string &Usr) {
    SymbolId Id = P.ByUsr.insert(P.Symbols, Usr, static_cast<SymbolId>(P.Symbols.size()));
    if (Id == P.Symbols.size()) P.Symbols.push_back(placeholder(Usr));
    return Id;
  }

private:
  Program &P;
};

/// The edges of every summary, in CSR form: bucketed by container (a
/// counting sort, filled in TU order), each bucket sorted by target, kind
/// and place; the same edge from another TU keeps its first place. Each
/// summary's edges are freed once copied.
void buildEdges(Program &P, std::vector<TuSummary> &Summaries, const std::vector<std::vector<uint32_t>> &IdOfLocal,
                const std::vector<std::vector<int>> &FileMaps) {
  auto Usable = [](const Edge &E, const std::vector<uint32_t> &Local) {
    // Summaries are checked when read; a hand-made one may not be.
    return E.From >= 0 && E.To >= 0 && static_cast<size_t>(E.From) < Local.size() &&
           static_cast<size_t>(E.To) < Local.size();
  };
  std::vector<uint32_t> Start(P.size() + 1, 0);
  for (size_t Tu = 0; Tu < Summaries.size(); ++Tu)
    for (const Edge &E : Summaries[Tu].Edges)
      if (Usable(E, IdOfLocal[Tu])) ++Start[IdOfLocal[Tu][E.From] + 1];
  for (size_t I = 0; I < P.size(); ++I) Start[I + 1] += Start[I];
  std::vector<OutEdge> Edges(Start.back());
  std::vector<uint32_t> Next(Start.begin(), Start.end() - 1);
  for (size_t Tu = 0; Tu < Summaries.size(); ++Tu) {
    for (const Edge &E : Summaries[Tu].Edges)
      if (Usable(E, IdOfLocal[Tu]))
        Edges[Next[IdOfLocal[Tu][E.From]]++] =
            OutEdge{IdOfLocal[Tu][E.To], E.Kind, E.File >= 0 ? FileMaps[Tu][E.File] : -1, E.Line, E.Column};
    std::vector<Edge>().swap(Summaries[Tu].Edges);
  }
  P.EdgeBegin.assign(P.size() + 1, 0);
  size_t Out = 0;
  for (SymbolId S = 0; S < P.size(); ++S) {
    auto B = Edges.begin() + Start[S], E = Edges.begin() + Start[S + 1];
    std::sort(B, E, [](const OutEdge &X, const OutEdge &Y) {
      return std::tie(X.To, X.Kind, X.File, X.Line, X.Column) < std::tie(Y.To, Y.Kind, Y.File, Y.Line, Y.Column);
    });
    for (auto I = B; I != E; ++I)
      if (I == B || I[-1].To != I->To || I[-1].Kind != I->Kind) Edges[Out++] = *I;
    P.EdgeBegin[S + 1] = static_cast<uint32_t>(Out);
  }
  Edges.resize(Out);
  P.Edges = std::move(Edges);
}

}  // namespace

namespace {
size_t hashOf(std::string_view Usr) { return std::hash<std::string_view>{}(Usr); }
}  // namespace

SymbolId Program::UsrIndex::find(const std::vector<Symbol> &Symbols, std::string_view Usr) const {
  if (Slots.empty()) return kNoSymbol;
  size_t H = hashOf(Usr), Mask = Slots.size() - 1;
  for (size_t I = H & Mask;; I = (I + 1) & Mask) {
    const Slot &S = Slots[I];
    if (S.Id == kNoSymbol) return kNoSymbol;
    if (S.Hash == static_cast<uint32_t>(H) && Symbols[S.Id].Usr == Usr) return S.Id;
  }
}

SymbolId Program::UsrIndex::insert(const std::vector<Symbol> &Symbols, std::string_view Usr, SymbolId Id) {
  if ((Used + 1) * 2 > Slots.size()) grow();
  size_t H = hashOf(Usr), Mask = Slots.size() - 1;
  for (size_t I = H & Mask;; I = (I + 1) & Mask) {
    Slot &S = Slots[I];
    if (S.Id == kNoSymbol) {
      S = Slot{Id, static_cast<uint32_t>(H)};
      ++Used;
      return Id;
    }
    if (S.Hash == static_cast<uint32_t>(H) && Symbols[S.Id].Usr == Usr) return S.Id;
  }
}

void Program::UsrIndex::grow() {
  std::vector<Slot> Old = std::move(Slots);
  Slots.assign(std::max<size_t>(1024, Old.size() * 2), Slot{});
  size_t Mask = Slots.size() - 1;
  for (const Slot &S : Old) {
    if (S.Id == kNoSymbol) continue;
    size_t I = S.Hash & Mask;  // the table never outgrows 32 bits of hash
    while (Slots[I].Id != kNoSymbol) I = (I + 1) & Mask;
    Slots[I] = S;
  }
}

std::vector<std::vector<SymbolId>> referrersOf(const Program &P) {
  std::vector<std::vector<SymbolId>> Out(P.size());
  for (SymbolId From = 0; From < P.size(); ++From)
    for (uint32_t I = P.EdgeBegin[From]; I < P.EdgeBegin[From + 1]; ++I) {
      std::vector<SymbolId> &Of = Out[P.Edges[I].To];
      if (Of.empty() || Of.back() != From) Of.push_back(From);
    }
  return Out;
}

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

  SymbolTable Table(P);
  std::vector<std::vector<uint32_t>> IdOfLocal;  ///< per TU: its symbol indexes -> ids
  std::vector<std::vector<int>> FileMaps;      ///< per TU: its file indexes -> Program::Files
  struct FoundRoot {
    uint32_t Sym;
    RootReason Reason;
    std::string Note;
    uint32_t Tu;  ///< the TU that found it; UINT32_MAX: every program
  };
  std::vector<FoundRoot> Roots;
  std::vector<std::pair<SymbolId, EdgeKind>> ScopeMentions;
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
    std::vector<uint32_t> Local;
    Local.reserve(S.Symbols.size());
    for (Symbol &Sym : S.Symbols) {
      remap(Sym.Definition, Map);
      for (Site &D : Sym.Declarations) remap(D, Map);
      Local.push_back(Table.add(std::move(Sym)));
    }
    for (const Edge &E : S.Edges) {  // at namespace scope; the rest when ids are known
      if (E.From >= 0 || E.To < 0 || static_cast<size_t>(E.To) >= Local.size()) continue;
      if (E.Kind == EdgeKind::Unevaluated || E.Kind == EdgeKind::TypeUse)
        ScopeMentions.emplace_back(Local[E.To], E.Kind);
      else Roots.push_back(FoundRoot{Local[E.To], RootReason::ScopeUse, "", Tu});
    }
    std::vector<Symbol>().swap(S.Symbols);
    for (Root &R : S.Roots) Roots.push_back(FoundRoot{Table.intern(R.Usr), R.Reason, std::move(R.Note), Tu});
    for (Note &N : S.Notes) {
      if (N.File >= 0) N.File = Map[N.File];
      P.Notes.push_back(std::move(N));
    }
    for (NameLookup &L : S.Lookups) {
      if (L.File >= 0) L.File = Map[L.File];
      Lookups.push_back(std::move(L));
    }
    IdOfLocal.push_back(std::move(Local));
    FileMaps.push_back(std::move(Map));
  }
  for (SymbolId Id = 0; Id < P.size(); ++Id) {  // grows while placeholders are added
    const Symbol &Sym = P.Symbols[Id];
    if (Sym.Parent.empty() && Sym.Pattern.empty() && Sym.Overrides.empty() && Sym.Bases.empty()) continue;
    std::vector<std::string> Related = Sym.Overrides;  // a copy: interning may grow the table
    Related.insert(Related.end(), Sym.Bases.begin(), Sym.Bases.end());
    Related.push_back(Sym.Parent);
    Related.push_back(Sym.Pattern);
    for (const std::string &R : Related)
      if (!R.empty()) Table.intern(R);
  }

  for (Symbol &Sym : P.Symbols) {
    sortUnique(Sym.Declarations);
    std::erase(Sym.Declarations, Sym.Definition);
    sortUnique(Sym.Overrides);
    sortUnique(Sym.Bases);
  }
  buildEdges(P, Summaries, IdOfLocal, FileMaps);

  std::vector<Root> Looked;
  resolveLookups(P, Lookups, Looked);
  for (Root &R : Looked)  // any program may dlopen it
    Roots.push_back(FoundRoot{static_cast<uint32_t>(P.find(R.Usr)), R.Reason, std::move(R.Note), UINT32_MAX});
  std::map<SymbolId, ProgramRoot> RootMap;
  std::set<SymbolId> Anywhere;  // roots of every program: no TU list
  for (FoundRoot &R : Roots) {
    SymbolId S = R.Sym;
    auto [It, Inserted] = RootMap.try_emplace(S, ProgramRoot{S, R.Reason, {}});
    if (!Inserted) It->second.Reason = std::min(It->second.Reason, R.Reason);
    if (R.Tu == UINT32_MAX) Anywhere.insert(S);
    else It->second.Tus.push_back(R.Tu);
    if (!R.Note.empty()) P.RootNotes.emplace(S, std::move(R.Note));
  }
  for (auto &[Sym, Root] : RootMap) {
    if (Anywhere.count(Sym)) Root.Tus.clear();
    sortUnique(Root.Tus);
    P.Roots.push_back(std::move(Root));
  }
  P.ScopeMentions = std::move(ScopeMentions);
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

std::map<std::string, std::vector<SymbolId>> symbolsByDefinitionText(const Program &P) {
  std::map<std::string, std::vector<SymbolId>> Out;
  for (SymbolId I = 0; I < P.size(); ++I)
    if (const Symbol &S = P.Symbols[I]; !isCompilerMade(S.Flags))
      if (std::string Text = definitionText(S); !Text.empty()) Out[std::move(Text)].push_back(I);
  return Out;
}

}  // namespace deadwood
