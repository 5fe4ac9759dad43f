// Step 2 of the pipeline: the per-TU summary, as plain data.
//
//   Clang AST ──(analyzer)──► TuSummary ──(passes/Link)──► Program
//
// A TuSummary is what one frontend run learned about one translation unit:
// the symbols it saw (by USR), the edges between them, and the roots it found.
// It holds strings, integers and vectors only — no Clang types — so it can be
// cached, shipped between machines and linked without a compiler front end.
// It is a pure function of the TU's command line and the files it read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deadwood {

/// Bumped whenever the meaning or layout of a summary changes. A summary of
/// another version is rejected when read, never misread.
inline constexpr int kSummaryVersion = 27;

/// What a symbol is. The text form (kindName) is part of the JSON contract.
enum class SymbolKind : uint8_t {
  Function,     ///< `void f();`
  Method,       ///< `void C::f();`
  Constructor,  ///< `C::C();`
  Destructor,   ///< `C::~C();`
  Conversion,   ///< `C::operator int();`
  Operator,     ///< `bool operator==(A, A);`, `A& A::operator=(const A&);`
  Variable,     ///< `int counter;`, `static T C::instance;`
  Class,        ///< `struct S {};` — the node virtual dispatch works on
};
inline constexpr size_t kSymbolKindCount = 8;
const char *kindName(SymbolKind K);
bool parseKind(const std::string &Name, SymbolKind *K);

/// True for every kind that has a body that runs.
inline bool isFunctionLike(SymbolKind K) {
  return K != SymbolKind::Variable && K != SymbolKind::Class;
}

enum class Linkage : uint8_t {
  None,      ///< locals, `this`-less things with no name outside
  Internal,  ///< `static void f();`, anything in an anonymous namespace
  External,  ///< `void f();`
};

/// Bits describing a symbol; the union is taken when a symbol is merged.
/// (Bits 5, 7, 9, 11 and 14 are retired: facts no pass read.)
namespace flag {
enum : uint32_t {
  Virtual = 1u << 0,          ///< `virtual void f();` (also implicitly virtual overrides)
  Pure = 1u << 1,             ///< `virtual void f() = 0;`
  Implicit = 1u << 2,         ///< compiler-declared: `S::S()` nobody wrote
  Defaulted = 1u << 3,        ///< `S() = default;`
  Deleted = 1u << 4,          ///< `S(const S&) = delete;`
  Constexpr = 1u << 6,        ///< `constexpr int sq(int);`
  Instantiation = 1u << 8,    ///< `f<int>` made by the compiler from a pattern
  ExternC = 1u << 10,         ///< `extern "C" void cb();`
  InSystemHeader = 1u << 12,  ///< declared in a system header (`<vector>`)
  FromMacro = 1u << 13,       ///< its name is spelled by a macro expansion
  Lambda = 1u << 15,          ///< a lambda's call operator (or its class)
  /// `template <> struct std::hash<K>`, `std::tuple_size<P>`: a specialization
  /// of a library template, used by library code in ways we cannot see.
  SpecializesLibrary = 1u << 16,
  /// hidden visibility (`-fvisibility=hidden`, or the attribute), as the
  /// TUs that do not see it in a system header say
  Hidden = 1u << 17,
};
}  // namespace flag

/// Code the compiler makes on demand — an instantiation, an implicit member,
/// a lambda, anything a system header declares: it is never reported or
/// edited, and it disappears with its last user.
inline bool isCompilerMade(uint32_t Flags) {
  return Flags & (flag::Instantiation | flag::Implicit | flag::InSystemHeader | flag::Lambda);
}

/// A place in a file. `File` indexes the owning summary's `Files` table.
/// `Begin`/`End` are byte offsets of the whole declaration's text (template
/// header included), `Line`/`Column` (1-based) are the position of its name.
struct Site {
  int File = -1;
  uint32_t Begin = 0, End = 0;
  uint32_t Line = 0, Column = 0;
  uint32_t Lines = 0;  ///< how many source lines [Begin, End) spans
  friend bool operator==(const Site &, const Site &) = default;
  friend auto operator<=>(const Site &, const Site &) = default;
};

struct Symbol {
  std::string Usr;
  std::string Name;  ///< qualified, with signature: `ns::C::f(int) const`
  SymbolKind Kind = SymbolKind::Function;
  Linkage Link = Linkage::External;
  bool HasDefinition = false;
  uint32_t Flags = 0;
  Site Definition;           ///< meaningful when HasDefinition
  std::vector<Site> Declarations;  ///< every non-defining declaration seen
  std::string Parent;        ///< USR of the enclosing class, for members and nested classes
  std::string Pattern;       ///< USR of the template this was instantiated from
  std::vector<std::string> Overrides;  ///< USRs of the methods this overrides directly
  std::vector<std::string> Bases;      ///< for classes: USRs of direct bases
};

/// Why a reference from one symbol to another makes the target reachable.
enum class EdgeKind : uint8_t {
  Call,         ///< `f();`, `obj.m();`, `a + b` calling `operator+`
  VirtualCall,  ///< `base->f()`: reaches the overrides (RTA)
  Construct,    ///< `S s;`, `S{}`, `new S`, base and member initializers
  Destroy,      ///< end of a variable's or temporary's life, `delete p`
  Address,      ///< `&f`, a function decaying to a pointer, a lambda created
  Reference,    ///< reading or writing a variable
  Allocate,     ///< `operator new`/`operator delete` used by new/delete
  Unevaluated,  ///< named in `sizeof(f())`, `decltype(g)`, `noexcept(h())`: the
                ///< declaration must exist, the code never runs
  TypeUse,      ///< a class named as a type: `C *p`, `C::kValue`, `: public C`;
                ///< keeps the class's definition, runs nothing
  ConstructBase,  ///< `D::D() : B()`: runs B's constructor for a base part of a
                  ///< D; unlike Construct it makes no complete B (RTA)
};
inline constexpr size_t kEdgeKindCount = 10;
const char *edgeKindName(EdgeKind K);

/// {container, target, kind, location}, the ends as indexes into the
/// summary's Symbols (a TU has many edges per symbol, and USRs are long):
/// the container is the symbol whose body (or initializer) holds the
/// reference — for a TypeUse, the class whose definition names the type may
/// be the container too. -1 means the reference sits at namespace or class
/// scope (a `static_assert`, an array bound), which is compile-time use and
/// keeps the target alive.
///
/// Twenty bytes, because a program has tens of millions of them: the kind
/// and the file share a word, so a file index is at most kMaxEdgeFile (a TU
/// reading more files than that keeps those edges without a location).
inline constexpr int kMaxEdgeFile = (1 << 23) - 1;
struct Edge {
  int32_t From = -1, To = -1;
  EdgeKind Kind : 8 = EdgeKind::Call;
  int32_t File : 24 = -1;  ///< into TuSummary::Files; -1: no location
  uint32_t Line = 0, Column = 0;
};
static_assert(sizeof(Edge) == 20);

/// Why something is alive without being referenced.
enum class RootReason : uint8_t {
  Main,            ///< `int main()`
  StaticInit,      ///< a global with a dynamic initializer or destructor
  Attribute,       ///< `__attribute__((constructor/destructor/used/retain))`
  ReplaceableNew,  ///< a replacement for global `operator new/delete`
  ScopeUse,        ///< referenced at namespace scope (`static_assert(f())`)
  LookupByName,    ///< named by a string: `dlsym(h, "plugin_init")`
  KeepRule,        ///< a keep rule of the config, or `// deadwood: keep(reason)`
  Exported,        ///< public API of a shared or installed library
};
inline constexpr size_t kRootReasonCount = 8;
const char *rootReasonName(RootReason R);
bool parseRootReason(const std::string &Name, RootReason *R);

struct Root {
  std::string Usr;
  RootReason Reason = RootReason::Main;
  std::string Note;  ///< more to say, for --why: "kept by '// deadwood: keep(...)' at a.cc:3"
};

/// Something the model cannot follow exactly, said where it is: what deadwood
/// did about it (always: kept alive whatever it may touch) goes in the text.
struct Note {
  int File = -1;
  uint32_t Line = 0, Column = 0;
  std::string Text;
};

/// An identifier in project code this configuration does not compile: in a
/// region the preprocessor skipped (`#ifdef WITH_NET` on a build without
/// it), or in the argument of a macro that drops it (`assert(x)` under
/// NDEBUG). Whatever it names may be used in another configuration.
struct SkippedName {
  std::string Name;
  int File = -1;
  uint32_t Line = 0;
  std::string Why;  ///< "under #ifdef WITH_NET", "in the argument of assert, which this configuration drops"
  friend bool operator==(const SkippedName &, const SkippedName &) = default;
};

/// A symbol looked up at run time by its name (`dlsym`): resolved when
/// linking, against every TU, since the definition is usually elsewhere.
struct NameLookup {
  std::string Name;
  int File = -1;
  uint32_t Line = 0, Column = 0;
};

/// A function body in a project header, as one TU preprocessed it: where it
/// is (the language, the file's path and content, the offset of the
/// function's name), where it ends, and a hash of every identifier its text
/// holds with the macro definition each had there (and, in turn, of those
/// the definitions hold). Two TUs with one key parse the same tokens in the
/// same language.
struct BodyKey {
  uint64_t Where = 0;
  uint64_t Macros = 0;
  uint32_t End = 0;  ///< offset of the body's last `}`
  auto operator<=>(const BodyKey &) const = default;
};

struct TuSummary {
  int Version = kSummaryVersion;
  std::string MainFile;   ///< absolute path of the TU's main file
  std::string Directory;  ///< the compile command's working directory
  bool Failed = false;    ///< the frontend reported errors
  std::vector<std::string> Errors;  ///< first error messages, when Failed
  std::vector<std::string> Files;   ///< absolute paths; every file the TU read
  /// contentHash() of each file as the TU read it (parallel to Files; empty
  /// when unknown). Edits are refused for a file whose hash has changed.
  std::vector<std::string> FileHashes;
  std::vector<Symbol> Symbols;
  std::vector<Edge> Edges;
  std::vector<Root> Roots;
  std::vector<NameLookup> Lookups;
  std::vector<Note> Notes;
  /// Function bodies in project headers (see BodyKey): those this TU
  /// parsed and described, and those it skipped because another TU of the
  /// run had parsed them. A summary that skipped a body describes none of
  /// it: it needs, in the same link, a summary that parsed it.
  std::vector<BodyKey> BodiesParsed, BodiesSkipped;
  /// Each identifier of code this configuration skipped, at its first place.
  std::vector<SkippedName> Skipped;
};

/// The summaries, by index, that skipped a function body which no summary
/// that did not fail parsed: a link without what they rely on. (A failed
/// summary is never one of them: nothing it says is trusted anyway.)
std::vector<size_t> missingBodies(const std::vector<TuSummary> &Summaries);

/// The whole pages inside [Data, Data + Bytes) are given back (their
/// contents become zeros); small ranges are left alone.
void releasePages(void *Data, size_t Bytes);

/// Destroys V's elements and frees its storage, handing the storage's pages
/// back to the system at once: a large block freed in the middle of the
/// heap stays resident until the allocator reuses it, and the link frees
/// summaries while the program grows.
template <class T> void freeNow(std::vector<T> &V) {
  V.clear();
  releasePages(V.data(), V.capacity() * sizeof(T));
  std::vector<T>().swap(V);
}

/// deadwood's own version (CMake's project version): `0.15.0`.
const char *deadwoodVersion();

/// FNV-1a 64 of a file's bytes, as 16 hex digits: how summaries and edits
/// agree that a file is the one that was parsed.
std::string contentHash(std::string_view Bytes);

/// JSON round trip (the form of `deadwood extract`'s .dws files).
/// `summaryFromJson` fails (returns false, sets *Err) on a version mismatch
/// or a malformed document.
std::string summaryToJson(const TuSummary &S);
bool summaryFromJson(const std::string &Text, TuSummary *S, std::string *Err);

/// Binary round trip (model/Binary.cpp): the cache's form, read several
/// times faster than JSON. Fails the same way on anything malformed.
std::string summaryToBinary(const TuSummary &S);
bool summaryFromBinary(std::string_view Bytes, TuSummary *S, std::string *Err);

/// Either form, told apart by the binary form's magic bytes: what a summary
/// file (`deadwood extract`, the plugin) may hold.
bool summaryFromBytes(const std::string &Bytes, TuSummary *S, std::string *Err);

/// What every reader checks before a summary is used: one hash per file,
/// every file and symbol index in range. False with *Err otherwise.
bool checkSummary(const TuSummary &S, std::string *Err);

}  // namespace deadwood
