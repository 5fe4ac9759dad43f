// TuSummary... => Program: merge by USR, deterministically.
#include "passes/Program.h"
#include "passes/Findings.h"

#include <algorithm>
#include <stdexcept>
#include <thread>
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
                               (Found ? plural(Found, "definition", "definitions") + " kept alive"
                                      : std::string("no symbol of that name in the analyzed code"))});
  }
}

void buildRelations(Program &P) {
  size_t N = P.size();
  P.ParentOf.assign(N, kNoSymbol);
  P.PatternOf.assign(N, kNoSymbol);
  std::vector<std::pair<SymbolId, SymbolId>> Overriders, Overridden, Bases, Virtuals;
  for (SymbolId I = 0; I < N; ++I) {
    Symbol &S = P.Symbols[I];
    if (!S.Parent.empty()) P.ParentOf[I] = P.find(S.Parent);
    if (!S.Pattern.empty()) P.PatternOf[I] = P.find(S.Pattern);
    for (const std::string &O : S.Overrides) {
      Overriders.emplace_back(P.find(O), I);
      Overridden.emplace_back(I, P.find(O));
    }
    for (const std::string &B : S.Bases) Bases.emplace_back(I, P.find(B));
    if ((S.Flags & flag::Virtual) && P.ParentOf[I] != kNoSymbol) Virtuals.emplace_back(P.ParentOf[I], I);
  }
  P.OverridersOf = IdLists(N, Overriders);
  P.OverriddenBy = IdLists(N, Overridden);
  P.BasesOf = IdLists(N, Bases);
  P.VirtualsOf = IdLists(N, Virtuals);
}


/// The id of a USR named by a relation or root; a placeholder when no
/// summary describes it (an edge must never be dropped: that could make
/// something look dead).
SymbolId intern(Program &P, const std::string &Usr) {
  SymbolId Id = P.ByUsr.insert(P.Symbols, Usr, static_cast<SymbolId>(P.Symbols.size()));
  if (Id == P.Symbols.size()) P.Symbols.push_back(placeholder(Usr));
  return Id;
}

/// How many threads the parallel steps use: one per core (at most eight),
/// fewer for a small program, where a thread costs more than it saves.
unsigned workersFor(size_t Descriptions, unsigned Asked) {
  if (Asked) return Asked;
  unsigned Cores = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  return static_cast<unsigned>(std::clamp<size_t>(Descriptions / 16384, 1, Cores));
}

/// Work(w) for w in [0, Workers), on that many threads (the caller's one).
template <class F> void inParallel(unsigned Workers, const F &Work) {
  std::vector<std::thread> Threads;
  for (unsigned W = 1; W < Workers; ++W) Threads.emplace_back(Work, W);
  Work(0u);
  for (std::thread &T : Threads) T.join();
}

/// Every symbol description of every summary is an entry, numbered TU by
/// TU: entry Offset[Tu] + I is Summaries[Tu].Symbols[I].
struct Entries {
  std::vector<size_t> Offset;
  explicit Entries(const std::vector<TuSummary> &Summaries) : Offset(Summaries.size() + 1, 0) {
    for (size_t Tu = 0; Tu < Summaries.size(); ++Tu) Offset[Tu + 1] = Offset[Tu] + Summaries[Tu].Symbols.size();
  }
  size_t size() const { return Offset.back(); }
  size_t tuOf(size_t E) const { return std::upper_bound(Offset.begin(), Offset.end(), E) - Offset.begin() - 1; }
};

/// Merges every description into P.Symbols and returns each entry's id.
/// Ids are in order of first sight over the sorted TUs, and each symbol
/// takes its descriptions in that order, whatever the number of threads:
/// a worker owns a part of the index (or of the ids) and walks every entry
/// in order, acting on its own part only.
std::vector<SymbolId> mergeSymbols(Program &P, std::vector<TuSummary> &Summaries,
                                   const std::vector<std::vector<int>> &FileMaps, const Entries &E,
                                   unsigned Workers) {
  // Each entry's first sighting: the first entry with its USR, filed in
  // the index. Each USR is hashed once (the workers share the TUs), then
  // every worker files the entries of its shards, in order (which shards
  // are a worker's is fixed; which entry comes first is not its choice):
  // the USR of another worker's entry is never read.
  auto UsrOf = [&](uint32_t Entry) -> std::string_view {
    size_t Tu = E.tuOf(Entry);
    return Summaries[Tu].Symbols[Entry - E.Offset[Tu]].Usr;
  };
  std::vector<uint64_t> Hashes(E.size());
  inParallel(Workers, [&](unsigned W) {
    for (size_t Tu = W; Tu < Summaries.size(); Tu += Workers)
      for (size_t I = 0, Entry = E.Offset[Tu]; Entry < E.Offset[Tu + 1]; ++I, ++Entry)
        Hashes[Entry] = Program::UsrIndex::hash(Summaries[Tu].Symbols[I].Usr);
  });
  std::vector<uint32_t> IdOf(E.size());
  inParallel(Workers, [&](unsigned W) {
    for (size_t Tu = 0; Tu < Summaries.size(); ++Tu)
      for (size_t I = 0, Entry = E.Offset[Tu]; Entry < E.Offset[Tu + 1]; ++I, ++Entry)
        if (uint64_t Hash = Hashes[Entry]; Program::UsrIndex::shardOf(Hash) % Workers == W)
          IdOf[Entry] = P.ByUsr.insert(Hash, Summaries[Tu].Symbols[I].Usr, static_cast<uint32_t>(Entry), UsrOf);
  });
  std::vector<uint64_t>().swap(Hashes);
  // Sightings become ids, in place: a first sighting takes the next id, any
  // other the id of the (earlier) first one.
  SymbolId Count = 0;
  for (size_t Entry = 0; Entry < E.size(); ++Entry)
    IdOf[Entry] = IdOf[Entry] == Entry ? Count++ : IdOf[IdOf[Entry]];
  inParallel(Workers, [&](unsigned W) {
    for (unsigned Shard = W; Shard < Program::UsrIndex::kShards; Shard += Workers)
      P.ByUsr.remap(Shard, [&](uint32_t Entry) { return IdOf[Entry]; });
  });
  // Moved in (sites in the program's file numbering) and merged, a batch of
  // TUs at a time, so that each batch's summaries are freed as the program
  // grows. Entries take new ids in order: an entry is a first sighting
  // when its id is the next one. A worker owns blocks of 64 ids
  // (neighbours share cache lines).
  P.Symbols.reserve(Count);
  for (size_t Begin = 0, End; Begin < Summaries.size(); Begin = End) {
    End = Begin + 1;
    while (End < Summaries.size() && E.Offset[End] - E.Offset[Begin] < (1u << 16)) ++End;
    SymbolId Before = static_cast<SymbolId>(P.Symbols.size()), After = Before;
    for (size_t Entry = E.Offset[Begin]; Entry < E.Offset[End]; ++Entry) After = std::max(After, IdOf[Entry] + 1);
    P.Symbols.resize(After);
    inParallel(Workers, [&](unsigned W) {
      SymbolId Next = Before;
      for (size_t Tu = Begin; Tu < End; ++Tu)
        for (size_t I = 0, Entry = E.Offset[Tu]; Entry < E.Offset[Tu + 1]; ++I, ++Entry) {
          SymbolId Id = IdOf[Entry];
          bool FirstSighting = Id == Next;
          if (FirstSighting) ++Next;
          if ((Id / 64) % Workers != W) continue;
          Symbol &Sym = Summaries[Tu].Symbols[I];
          remap(Sym.Definition, FileMaps[Tu]);
          for (Site &D : Sym.Declarations) remap(D, FileMaps[Tu]);
          if (FirstSighting) P.Symbols[Id] = std::move(Sym);
          else mergeInto(P.Symbols[Id], std::move(Sym));
        }
    });
    for (size_t Tu = Begin; Tu < End; ++Tu) freeNow(Summaries[Tu].Symbols);
  }
  return IdOf;
}

/// The edges of every summary, in CSR form: bucketed by container (a
/// counting sort, filled in TU order), each bucket sorted by target, kind
/// and place; the same edge from another TU keeps its first place. Each
/// summary's edges are freed once copied, and the buckets' pages are
/// written only as they fill, so the two never both stay whole. An edge
/// from namespace scope goes to AtScope(tu, target, kind) instead.
template <class F>
void buildEdges(Program &P, std::vector<TuSummary> &Summaries, const std::vector<SymbolId> &IdOf,
                const Entries &Entries, const std::vector<std::vector<int>> &FileMaps, const F &AtScope) {
  auto Usable = [&](const Edge &E, size_t Tu) {
    // Summaries are checked when read; a hand-made one may not be.
    size_t Symbols = Entries.Offset[Tu + 1] - Entries.Offset[Tu];
    return E.From >= 0 && E.To >= 0 && static_cast<size_t>(E.From) < Symbols && static_cast<size_t>(E.To) < Symbols;
  };
  std::vector<uint32_t> Start(P.size() + 1, 0);
  for (uint32_t Tu = 0; Tu < Summaries.size(); ++Tu) {
    const SymbolId *Local = IdOf.data() + Entries.Offset[Tu];
    for (const Edge &E : Summaries[Tu].Edges)
      if (Usable(E, Tu)) ++Start[Local[E.From] + 1];
      else if (E.From == -1 && E.To >= 0 && static_cast<size_t>(E.To) < Entries.Offset[Tu + 1] - Entries.Offset[Tu])
        AtScope(Tu, Local[E.To], E.Kind);
  }
  for (size_t I = 0; I < P.size(); ++I) Start[I + 1] += Start[I];
  // Unwritten until an edge lands: a page costs nothing before that.
  auto &Edges = P.Edges;
  Edges.resize(Start.back());
  std::vector<uint32_t> Next(Start.begin(), Start.end() - 1);
  for (size_t Tu = 0; Tu < Summaries.size(); ++Tu) {
    const std::vector<int> &Files = FileMaps[Tu];
    const SymbolId *Local = IdOf.data() + Entries.Offset[Tu];
    for (const Edge &E : Summaries[Tu].Edges)
      if (Usable(E, Tu)) {
        int File = E.File >= 0 ? Files[E.File] : -1;
        if (File > kMaxEdgeFile) File = -1;
        Edges[Next[Local[E.From]]++] = OutEdge{Local[E.To], E.Kind, File, E.Line, E.Column};
      }
    freeNow(Summaries[Tu].Edges);
  }
  auto Key = [](const OutEdge &E) { return std::make_tuple(E.To, E.Kind, int(E.File), E.Line, E.Column); };
  P.EdgeBegin.assign(P.size() + 1, 0);
  size_t Out = 0;
  for (SymbolId S = 0; S < P.size(); ++S) {
    OutEdge *B = Edges.data() + Start[S], *E = Edges.data() + Start[S + 1];
    std::sort(B, E, [&](const OutEdge &X, const OutEdge &Y) { return Key(X) < Key(Y); });
    for (OutEdge *I = B; I != E; ++I)
      if (I == B || I[-1].To != I->To || I[-1].Kind != I->Kind) Edges[Out++] = *I;
    P.EdgeBegin[S + 1] = static_cast<uint32_t>(Out);
  }
  Edges.resize(Out);
}

}  // namespace

SymbolId Program::UsrIndex::find(const std::vector<Symbol> &Symbols, std::string_view Usr) const {
  uint64_t H = hash(Usr);
  const Shard &T = Shards[shardOf(H)];
  if (T.Slots.empty()) return kNoSymbol;
  size_t Mask = T.Slots.size() - 1;
  for (size_t I = H & Mask;; I = (I + 1) & Mask) {
    const Slot &S = T.Slots[I];
    if (S.Value == kNoSymbol) return kNoSymbol;
    if (S.Hash == static_cast<uint32_t>(H) && Symbols[S.Value].Usr == Usr) return S.Value;
  }
}

void Program::UsrIndex::Shard::grow() {
  std::vector<Slot> Old = std::move(Slots);
  Slots.assign(std::max<size_t>(64, Old.size() * 2), Slot{});
  size_t Mask = Slots.size() - 1;
  for (const Slot &S : Old) {
    if (S.Value == kNoSymbol) continue;
    size_t I = S.Hash & Mask;  // a shard never outgrows 32 bits of hash
    while (Slots[I].Value != kNoSymbol) I = (I + 1) & Mask;
    Slots[I] = S;
  }
}

IdLists::IdLists(size_t N, const std::vector<std::pair<SymbolId, SymbolId>> &Pairs) : Begin(N + 1, 0) {
  for (const auto &[S, Id] : Pairs) ++Begin[S + 1];
  for (size_t I = 0; I < N; ++I) Begin[I + 1] += Begin[I];
  Ids.resize(Pairs.size());
  std::vector<uint32_t> Next(Begin.begin(), Begin.end() - 1);
  for (const auto &[S, Id] : Pairs) Ids[Next[S]++] = Id;
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

Program link(std::vector<TuSummary> Summaries, unsigned Threads) {
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
  std::vector<std::vector<int>> FileMaps;  ///< per TU: its file indexes -> Program::Files
  for (const TuSummary &S : Summaries) FileMaps.push_back(fileRemap(S, P.Files));

  Entries Entries(Summaries);
  if (Entries.size() >= kNoSymbol) throw std::length_error("more symbol descriptions than ids");
  unsigned Workers = workersFor(Entries.size(), Threads);
  std::vector<SymbolId> IdOf = mergeSymbols(P, Summaries, FileMaps, Entries, Workers);
  struct FoundRoot {
    uint32_t Sym;
    RootReason Reason;
    std::string Note;
    uint32_t Tu;  ///< the TU that found it; UINT32_MAX: every program
  };
  std::vector<FoundRoot> Roots;
  std::vector<std::pair<SymbolId, EdgeKind>> ScopeMentions;
  std::vector<NameLookup> Lookups;
  for (uint32_t Tu = 0; Tu < Summaries.size(); ++Tu) {
    TuSummary &S = Summaries[Tu];
    const std::vector<int> &Map = FileMaps[Tu];
    for (size_t F = 0; F < S.FileHashes.size() && F < Map.size(); ++F) {
      std::string &Known = P.FileHashes[Map[F]];
      if (S.FileHashes[F].empty()) continue;
      if (Known.empty()) Known = S.FileHashes[F];
      else if (Known != S.FileHashes[F]) Known = "changed";
    }
    TuInfo Info{S.MainFile, S.Failed, std::move(S.Errors), Map};
    sortUnique(Info.Files);
    P.Tus.push_back(std::move(Info));
    for (Root &R : S.Roots) Roots.push_back(FoundRoot{intern(P, R.Usr), R.Reason, std::move(R.Note), Tu});
    for (Note &N : S.Notes) {
      if (N.File >= 0) N.File = Map[N.File];
      P.Notes.push_back(std::move(N));
    }
    for (SkippedName &N : S.Skipped) {
      if (N.File >= 0) N.File = Map[N.File];
      auto [It, New] = P.SkippedNames.try_emplace(N.Name, N);
      if (!New && std::pair(N.File, N.Line) < std::pair(It->second.File, It->second.Line)) It->second = std::move(N);
    }
    for (NameLookup &L : S.Lookups) {
      if (L.File >= 0) L.File = Map[L.File];
      Lookups.push_back(std::move(L));
    }
  }
  for (SymbolId Id = 0; Id < P.size(); ++Id) {  // grows while placeholders are added
    const Symbol &Sym = P.Symbols[Id];
    if (Sym.Parent.empty() && Sym.Pattern.empty() && Sym.Overrides.empty() && Sym.Bases.empty()) continue;
    std::vector<std::string> Related = Sym.Overrides;  // a copy: interning may grow the table
    Related.insert(Related.end(), Sym.Bases.begin(), Sym.Bases.end());
    Related.push_back(Sym.Parent);
    Related.push_back(Sym.Pattern);
    for (const std::string &R : Related)
      if (!R.empty()) intern(P, R);
  }

  inParallel(Workers, [&](unsigned W) {
    for (SymbolId Id = 64 * W; Id < P.size(); Id += 64 * Workers)
      for (Symbol &Sym : std::span(P.Symbols).subspan(Id, std::min<size_t>(64, P.size() - Id))) {
        sortUnique(Sym.Declarations);
        std::erase(Sym.Declarations, Sym.Definition);
        sortUnique(Sym.Overrides);
        sortUnique(Sym.Bases);
      }
  });
  buildEdges(P, Summaries, IdOf, Entries, FileMaps, [&](uint32_t Tu, SymbolId To, EdgeKind Kind) {
    if (Kind == EdgeKind::Unevaluated || Kind == EdgeKind::TypeUse) ScopeMentions.emplace_back(To, Kind);
    else Roots.push_back(FoundRoot{To, RootReason::ScopeUse, "", Tu});
  });

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
