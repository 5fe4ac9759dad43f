// Step 3 of the pipeline: link. TuSummary... => Program.
//
// The Program is the whole-program symbol graph: symbols merged by USR (an
// inline function seen by forty TUs is one symbol), edges as compact
// adjacency lists, the class hierarchy, roots with their reasons. Linking
// sorts what it merges, so the result does not depend on TU order.
#pragma once

#include "model/Summary.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace deadwood {

using SymbolId = uint32_t;
inline constexpr SymbolId kNoSymbol = UINT32_MAX;

/// An edge in the linked graph; the container is implied by where it is
/// stored. Sixteen bytes: kind and file share a word as in Edge. Trivial,
/// so that an array of them can be made without writing it.
struct OutEdge {
  SymbolId To;
  EdgeKind Kind : 8;
  int32_t File : 24;  ///< into Program::Files; -1: no location
  uint32_t Line, Column;
};
static_assert(sizeof(OutEdge) == 16 && std::is_trivial_v<OutEdge>);

/// std::allocator, except that `resize` leaves trivial elements unwritten
/// (the pages of a huge array stay unmapped until something lands there).
template <class T> struct UninitializedAllocator : std::allocator<T> {
  template <class U> struct rebind {
    using other = UninitializedAllocator<U>;
  };
  template <class U> void construct(U *P) noexcept { ::new (static_cast<void *>(P)) U; }
  template <class U, class... Args> void construct(U *P, Args &&...A) {
    ::new (static_cast<void *>(P)) U(std::forward<Args>(A)...);
  }
};

/// A list of ids per symbol, packed into one array (most symbols have none:
/// a vector each would cost 24 bytes a symbol).
class IdLists {
public:
  IdLists() = default;
  /// Lists for N symbols from {symbol, id} pairs; each list keeps the order
  /// its pairs come in.
  IdLists(size_t N, const std::vector<std::pair<SymbolId, SymbolId>> &Pairs);
  std::span<const SymbolId> operator[](SymbolId S) const {
    return {Ids.data() + Begin[S], Ids.data() + Begin[S + 1]};
  }

private:
  std::vector<uint32_t> Begin;
  std::vector<SymbolId> Ids;
};

struct ProgramRoot {
  SymbolId Sym = kNoSymbol;
  RootReason Reason = RootReason::Main;
  /// The TUs (indexes into Program::Tus) that make it a root: a program
  /// has it when it links one of them. Empty: every program (keep rules).
  std::vector<uint32_t> Tus;
};

/// What one TU contributed, kept for reports and for the failed-TU rule.
struct TuInfo {
  std::string MainFile;
  bool Failed = false;
  std::vector<std::string> Errors;
  std::vector<int> Files;  ///< into Program::Files: every file it read
};

struct Program {
  std::vector<std::string> Files;  ///< absolute paths, sorted
  /// contentHash of each file as parsed; empty when unknown, "changed" when
  /// two TUs read different contents (the file changed during the analysis).
  std::vector<std::string> FileHashes;
  /// In order of first sight over the TUs sorted by main file (so not by
  /// the database's order). Site::File indexes Files; Parent/Pattern/
  /// Overrides/Bases hold USRs as in the summaries (ids below are the fast
  /// form).
  std::vector<Symbol> Symbols;
  /// Symbols by USR: open addressing over ids, the USRs themselves stay in
  /// Symbols (a million symbols need no second copy of their USRs). The
  /// table is in shards by the hash's top bits, so that the link can fill
  /// them on several threads.
  class UsrIndex {
  public:
    /// The id of Usr, or kNoSymbol.
    SymbolId find(const std::vector<Symbol> &Symbols, std::string_view Usr) const;
    /// The id of Usr; when absent, Id (the caller appends that symbol).
    SymbolId insert(const std::vector<Symbol> &Symbols, std::string_view Usr, SymbolId Id) {
      return insert(hash(Usr), Usr, Id, [&](uint32_t Known) -> std::string_view { return Symbols[Known].Usr; });
    }

    static uint64_t hash(std::string_view Usr) { return std::hash<std::string_view>{}(Usr); }
    static constexpr unsigned kShards = 16;
    static unsigned shardOf(uint64_t Hash) { return static_cast<unsigned>(Hash >> 60); }
    /// Any value stands for a key, not only an id (the link files first
    /// sightings, then ids): the value known for Usr, whose hash is Hash,
    /// or Value when Usr is new. KeyOf(value) is the key a value stands
    /// for. Threads may insert at once into different shards.
    template <class KeyOf>
    uint32_t insert(uint64_t Hash, std::string_view Usr, uint32_t Value, const KeyOf &Key) {
      Shard &T = Shards[shardOf(Hash)];
      if ((T.Used + 1) * 2 > T.Slots.size()) T.grow();
      size_t Mask = T.Slots.size() - 1;
      for (size_t I = Hash & Mask;; I = (I + 1) & Mask) {
        Slot &S = T.Slots[I];
        if (S.Value == kNoSymbol) {
          S = Slot{Value, static_cast<uint32_t>(Hash)};
          ++T.Used;
          return Value;
        }
        if (S.Hash == static_cast<uint32_t>(Hash) && Key(S.Value) == Usr) return S.Value;
      }
    }
    /// Every value of one shard replaced by Map(value).
    template <class F> void remap(unsigned Shard, const F &Map) {
      for (Slot &S : Shards[Shard].Slots)
        if (S.Value != kNoSymbol) S.Value = Map(S.Value);
    }

  private:
    struct Slot {
      uint32_t Value = kNoSymbol;
      uint32_t Hash = 0;  ///< low bits of the USR's hash
    };
    struct Shard {
      std::vector<Slot> Slots;
      size_t Used = 0;
      void grow();
    };
    std::array<Shard, kShards> Shards;
  } ByUsr;

  /// Edges of symbol S are Edges[EdgeBegin[S] .. EdgeBegin[S+1]).
  std::vector<uint32_t> EdgeBegin;
  std::vector<OutEdge, UninitializedAllocator<OutEdge>> Edges;

  std::vector<ProgramRoot> Roots;  ///< sorted by symbol, one per symbol
  /// Where a root's reason comes from, when there is more to say than the
  /// reason: "keep rule at .deadwood.json:4: loaded by dlsym".
  std::map<SymbolId, std::string> RootNotes;
  /// Named at namespace scope without running: in an unevaluated operand
  /// (`decltype(f())` in a type alias) or as a type (`using P = C *;`). The
  /// declaration is needed, the code is not. Sorted, unique.
  std::vector<std::pair<SymbolId, EdgeKind>> ScopeMentions;
  std::vector<TuInfo> Tus;         ///< sorted by main file
  std::vector<Note> Notes;         ///< File indexes Files; sorted, unique
  /// Identifiers of project code this configuration does not compile, each
  /// at its first place (by file, then line); File indexes Files.
  std::map<std::string, SkippedName> SkippedNames;

  // Relations by id (kNoSymbol when absent).
  std::vector<SymbolId> ParentOf;   ///< method -> class
  std::vector<SymbolId> PatternOf;  ///< instantiation -> template pattern
  IdLists OverridersOf;  ///< method -> direct overriders
  IdLists OverriddenBy;  ///< method -> methods it overrides directly
  IdLists BasesOf;       ///< class -> direct bases
  IdLists VirtualsOf;    ///< class -> its virtual methods

  SymbolId find(const std::string &Usr) const {
    return ByUsr.find(Symbols, Usr);
  }
  size_t size() const { return Symbols.size(); }
  const std::string &fileOf(const Site &S) const { return Files[S.File]; }
};

/// Who has an edge to each symbol: by target, each list ascending, unique.
std::vector<std::vector<SymbolId>> referrersOf(const Program &P);

/// Merges summaries into one program. Summaries are taken by value: their
/// strings are moved, not copied. Threads: how many to use (0: one per
/// core for a large program); the program does not depend on it.
Program link(std::vector<TuSummary> Summaries, unsigned Threads = 0);

/// What one text compiled into several symbols shares (a file built twice
/// under different macros: `namespace NS_MACRO { void f() {} }` makes
/// `one::f()` and `two::f()`): the definition's range, its name's position
/// and kind, and the name without its qualification. Empty for symbols
/// without a definition range.
inline std::string definitionText(const Symbol &S) {
  if (!S.HasDefinition || S.Definition.End <= S.Definition.Begin) return {};
  std::string_view Name = S.Name;
  size_t Paren = Name.find('(');
  size_t Colons = Name.substr(0, Paren).rfind("::");
  if (Colons != std::string_view::npos) Name.remove_prefix(Colons + 2);
  const Site &D = S.Definition;
  return std::to_string(D.File) + ":" + std::to_string(D.Begin) + "-" + std::to_string(D.End) + "@" +
         std::to_string(D.Line) + ":" + std::to_string(D.Column) + ":" +
         std::to_string(static_cast<int>(S.Kind)) + ":" + std::string(Name);
}

/// The symbols people wrote (not compiler-made) that have a definition
/// text, grouped by it: a group of two or more is one text compiled into
/// several symbols. Classification and removal both ask it.
std::map<std::string, std::vector<SymbolId>> symbolsByDefinitionText(const Program &P);

}  // namespace deadwood
