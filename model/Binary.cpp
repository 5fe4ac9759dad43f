// The binary form of a TuSummary, for the cache: what a warm run reads
// instead of parsing every TU, so it must load at the speed of the disk.
//
//   "DWSB" version:varint  then every field of TuSummary in declaration
//   order; integers as LEB128 varints (signed ones zigzagged), strings and
//   lists as a length then their items.
//
// The reader trusts nothing: every length is checked against the bytes
// left, every index and enum against its range, and it never allocates more
// than the input could describe.
#include "model/Summary.h"

#include <stdexcept>

namespace deadwood {
namespace {

constexpr char kMagic[4] = {'D', 'W', 'S', 'B'};

bool isBinary(std::string_view Bytes) { return Bytes.substr(0, sizeof kMagic) == std::string_view(kMagic, sizeof kMagic); }

class Writer {
public:
  void u(uint64_t V) {
    do {
      uint8_t Byte = V & 0x7f;
      V >>= 7;
      Out += static_cast<char>(Byte | (V ? 0x80 : 0));
    } while (V);
  }
  void i(int64_t V) { u((static_cast<uint64_t>(V) << 1) ^ static_cast<uint64_t>(V >> 63)); }
  void s(const std::string &V) {
    u(V.size());
    Out += V;
  }
  void strings(const std::vector<std::string> &V) {
    u(V.size());
    for (const std::string &S : V) s(S);
  }
  void site(const Site &S) {
    i(S.File);
    u(S.Begin), u(S.End), u(S.Line), u(S.Column), u(S.Lines);
  }
  std::string Out;
};

class Reader {
public:
  explicit Reader(std::string_view In) : In(In) {}
  uint64_t u() {
    uint64_t V = 0;
    for (int Shift = 0; Shift < 64; Shift += 7) {
      if (At >= In.size()) throw std::runtime_error("truncated");
      uint8_t Byte = static_cast<uint8_t>(In[At++]);
      V |= static_cast<uint64_t>(Byte & 0x7f) << Shift;
      if (!(Byte & 0x80)) return V;
    }
    throw std::runtime_error("malformed number");
  }
  uint32_t u32() {
    uint64_t V = u();
    if (V > UINT32_MAX) throw std::runtime_error("number out of range");
    return static_cast<uint32_t>(V);
  }
  int32_t i32() {
    uint64_t Z = u();
    int64_t V = static_cast<int64_t>(Z >> 1) ^ -static_cast<int64_t>(Z & 1);
    if (V < INT32_MIN || V > INT32_MAX) throw std::runtime_error("number out of range");
    return static_cast<int32_t>(V);
  }
  /// A count of items each at least MinBytes long: never more than fit.
  size_t count(size_t MinBytes = 1) {
    uint64_t N = u();
    if (N > (In.size() - At) / MinBytes) throw std::runtime_error("count larger than the data");
    return static_cast<size_t>(N);
  }
  std::string s() {
    size_t N = count();
    std::string V(In.substr(At, N));
    At += N;
    return V;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> V(count());
    for (std::string &S : V) S = s();
    return V;
  }
  Site site() {
    Site S;
    S.File = i32();
    S.Begin = u32(), S.End = u32(), S.Line = u32(), S.Column = u32(), S.Lines = u32();
    return S;
  }
  template <class Enum> Enum enumeration(size_t Count) {
    uint64_t V = u();
    if (V >= Count) throw std::runtime_error("unknown enumerator");
    return static_cast<Enum>(V);
  }
  bool done() const { return At == In.size(); }

private:
  std::string_view In;
  size_t At = 0;
};

}  // namespace

std::string summaryToBinary(const TuSummary &S) {
  Writer W;
  W.Out.append(kMagic, sizeof kMagic);
  W.u(static_cast<uint64_t>(S.Version));
  W.s(S.MainFile), W.s(S.Directory), W.u(S.Failed);
  W.strings(S.Errors), W.strings(S.Files), W.strings(S.FileHashes);
  W.u(S.Symbols.size());
  for (const Symbol &Sym : S.Symbols) {
    W.s(Sym.Usr), W.s(Sym.Name);
    W.u(static_cast<uint64_t>(Sym.Kind)), W.u(static_cast<uint64_t>(Sym.Link)), W.u(Sym.Flags);
    W.u(Sym.HasDefinition);
    if (Sym.HasDefinition) W.site(Sym.Definition);
    W.u(Sym.Declarations.size());
    for (const Site &D : Sym.Declarations) W.site(D);
    W.s(Sym.Parent), W.s(Sym.Pattern), W.strings(Sym.Overrides), W.strings(Sym.Bases);
  }
  W.u(S.Edges.size());
  for (const Edge &E : S.Edges) {
    W.i(E.From), W.i(E.To), W.u(static_cast<uint64_t>(E.Kind));
    W.i(E.File), W.u(E.Line), W.u(E.Column);
  }
  W.u(S.Roots.size());
  for (const Root &R : S.Roots) W.s(R.Usr), W.u(static_cast<uint64_t>(R.Reason)), W.s(R.Note);
  W.u(S.Lookups.size());
  for (const NameLookup &L : S.Lookups) W.s(L.Name), W.i(L.File), W.u(L.Line), W.u(L.Column);
  W.u(S.Notes.size());
  for (const Note &N : S.Notes) W.i(N.File), W.u(N.Line), W.u(N.Column), W.s(N.Text);
  for (const std::vector<BodyKey> *Keys : {&S.BodiesParsed, &S.BodiesSkipped}) {
    W.u(Keys->size());
    for (const BodyKey &K : *Keys) W.u(K.Where), W.u(K.Macros), W.u(K.End);
  }
  W.u(S.Skipped.size());
  for (const SkippedName &N : S.Skipped) W.s(N.Name), W.i(N.File), W.u(N.Line), W.s(N.Why);
  return std::move(W.Out);
}

bool summaryFromBinary(std::string_view Bytes, TuSummary *Out, std::string *Err) {
  if (!isBinary(Bytes)) {
    *Err = "not a binary summary";
    return false;
  }
  try {
    Reader R(Bytes.substr(sizeof kMagic));
    TuSummary S;
    uint64_t Version = R.u();
    if (Version != static_cast<uint64_t>(kSummaryVersion)) {
      *Err = "summary version " + std::to_string(Version) + ", expected " + std::to_string(kSummaryVersion);
      return false;
    }
    S.MainFile = R.s(), S.Directory = R.s();
    S.Failed = R.u() != 0;
    S.Errors = R.strings(), S.Files = R.strings(), S.FileHashes = R.strings();
    S.Symbols.resize(R.count(12));
    for (Symbol &Sym : S.Symbols) {
      Sym.Usr = R.s(), Sym.Name = R.s();
      Sym.Kind = R.enumeration<SymbolKind>(kSymbolKindCount);
      Sym.Link = R.enumeration<Linkage>(static_cast<size_t>(Linkage::External) + 1);
      Sym.Flags = R.u32();
      Sym.HasDefinition = R.u() != 0;
      if (Sym.HasDefinition) Sym.Definition = R.site();
      Sym.Declarations.resize(R.count(6));
      for (Site &D : Sym.Declarations) D = R.site();
      Sym.Parent = R.s(), Sym.Pattern = R.s();
      Sym.Overrides = R.strings(), Sym.Bases = R.strings();
    }
    S.Edges.resize(R.count(6));
    for (Edge &E : S.Edges) {
      E.From = R.i32(), E.To = R.i32();
      E.Kind = R.enumeration<EdgeKind>(kEdgeKindCount);
      int32_t File = R.i32();
      if (File > kMaxEdgeFile) throw std::runtime_error("file index out of range");
      E.File = File, E.Line = R.u32(), E.Column = R.u32();
    }
    S.Roots.resize(R.count(3));
    for (Root &Rt : S.Roots) Rt.Usr = R.s(), Rt.Reason = R.enumeration<RootReason>(kRootReasonCount), Rt.Note = R.s();
    S.Lookups.resize(R.count(4));
    for (NameLookup &L : S.Lookups) L.Name = R.s(), L.File = R.i32(), L.Line = R.u32(), L.Column = R.u32();
    S.Notes.resize(R.count(4));
    for (Note &N : S.Notes) N.File = R.i32(), N.Line = R.u32(), N.Column = R.u32(), N.Text = R.s();
    for (std::vector<BodyKey> *Keys : {&S.BodiesParsed, &S.BodiesSkipped}) {
      Keys->resize(R.count(3));
      for (BodyKey &K : *Keys) K.Where = R.u(), K.Macros = R.u(), K.End = R.u32();
    }
    S.Skipped.resize(R.count(4));
    for (SkippedName &N : S.Skipped) N.Name = R.s(), N.File = R.i32(), N.Line = R.u32(), N.Why = R.s();
    if (!R.done()) throw std::runtime_error("trailing bytes");
    if (!checkSummary(S, Err)) return false;
    *Out = std::move(S);
    return true;
  } catch (const std::exception &E) {
    *Err = E.what();
    return false;
  }
}

bool summaryFromBytes(const std::string &Bytes, TuSummary *S, std::string *Err) {
  if (isBinary(Bytes)) return summaryFromBinary(Bytes, S, Err);
  return summaryFromJson(Bytes, S, Err);
}

}  // namespace deadwood
