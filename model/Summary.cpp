#include "model/Summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <cstdio>
#include <utility>
#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace deadwood {
namespace {

using nlohmann::json;

constexpr std::array<const char *, kSymbolKindCount> kKindNames = {
    "function", "method",   "constructor", "destructor",
    "conversion", "operator", "variable",  "class"};
constexpr std::array<const char *, kEdgeKindCount> kEdgeNames = {
    "call",     "virtual-call", "construct",   "destroy",  "address",
    "reference", "allocate",    "unevaluated", "type-use", "construct-base"};
constexpr std::array<const char *, kRootReasonCount> kRootNames = {
    "main",      "static-init",    "attribute", "replaceable-new",
    "scope-use", "lookup-by-name", "keep-rule", "exported"};

template <class Enum, size_t N>
bool parseName(const std::array<const char *, N> &Names, const std::string &S,
               Enum *Out) {
  for (size_t I = 0; I < N; ++I)
    if (S == Names[I]) {
      *Out = static_cast<Enum>(I);
      return true;
    }
  return false;
}

// Sites and edge locations are written as short arrays: a summary holds
// thousands of them and they are read by machines far more than by people.
json siteJson(const Site &S) {
  return json::array({S.File, S.Begin, S.End, S.Line, S.Column, S.Lines});
}

Site siteOf(const json &J) {
  return Site{J.at(0).get<int>(),      J.at(1).get<uint32_t>(), J.at(2).get<uint32_t>(),
              J.at(3).get<uint32_t>(), J.at(4).get<uint32_t>(), J.at(5).get<uint32_t>()};
}

json symbolJson(const Symbol &S) {
  json J = {{"usr", S.Usr}, {"name", S.Name}, {"kind", kindName(S.Kind)},
            {"linkage", static_cast<int>(S.Link)}, {"flags", S.Flags}};
  if (S.HasDefinition) J["def"] = siteJson(S.Definition);
  if (!S.Declarations.empty()) {
    json &D = J["decls"] = json::array();
    for (const Site &Decl : S.Declarations) D.push_back(siteJson(Decl));
  }
  if (!S.Parent.empty()) J["parent"] = S.Parent;
  if (!S.Pattern.empty()) J["pattern"] = S.Pattern;
  if (!S.Overrides.empty()) J["overrides"] = S.Overrides;
  if (!S.Bases.empty()) J["bases"] = S.Bases;
  return J;
}

Symbol symbolOf(const json &J) {
  Symbol S;
  S.Usr = J.at("usr").get<std::string>();
  S.Name = J.at("name").get<std::string>();
  if (!parseKind(J.at("kind").get<std::string>(), &S.Kind))
    throw std::runtime_error("unknown symbol kind for " + S.Usr);
  int Link = J.at("linkage").get<int>();
  if (Link < 0 || Link > static_cast<int>(Linkage::External))
    throw std::runtime_error("bad linkage for " + S.Usr);
  S.Link = static_cast<Linkage>(Link);
  S.Flags = J.at("flags").get<uint32_t>();
  if (J.contains("def")) {
    S.HasDefinition = true;
    S.Definition = siteOf(J.at("def"));
  }
  if (J.contains("decls"))
    for (const json &D : J.at("decls")) S.Declarations.push_back(siteOf(D));
  S.Parent = J.value("parent", "");
  S.Pattern = J.value("pattern", "");
  S.Overrides = J.value("overrides", std::vector<std::string>{});
  S.Bases = J.value("bases", std::vector<std::string>{});
  return S;
}

json edgeJson(const Edge &E) {
  return json::array({E.From, E.To, static_cast<int>(E.Kind), static_cast<int>(E.File), E.Line, E.Column});
}

int32_t symbolIndex(const json &J, size_t NumSymbols, bool MayBeNone) {
  int64_t I = J.get<int64_t>();
  if (I < (MayBeNone ? -1 : 0) || I >= static_cast<int64_t>(NumSymbols))
    throw std::runtime_error("symbol index out of range");
  return static_cast<int32_t>(I);
}

Edge edgeOf(const json &J, const std::vector<Symbol> &Symbols) {
  Edge E{symbolIndex(J.at(0), Symbols.size(), true), symbolIndex(J.at(1), Symbols.size(), false)};
  int Kind = J.at(2).get<int>();
  if (Kind < 0 || Kind >= static_cast<int>(kEdgeNames.size())) throw std::runtime_error("unknown edge kind");
  E.Kind = static_cast<EdgeKind>(Kind);
  int File = J.at(3).get<int>();
  if (File > kMaxEdgeFile) throw std::runtime_error("file index out of range");
  E.File = File;
  E.Line = J.at(4).get<uint32_t>();
  E.Column = J.at(5).get<uint32_t>();
  return E;
}

void checkFileIndex(int File, size_t NumFiles) {
  if (File < -1 || File >= static_cast<int>(NumFiles))
    throw std::runtime_error("file index out of range");
}

}  // namespace

const char *kindName(SymbolKind K) { return kKindNames[static_cast<size_t>(K)]; }
bool parseKind(const std::string &Name, SymbolKind *K) {
  return parseName(kKindNames, Name, K);
}
const char *edgeKindName(EdgeKind K) { return kEdgeNames[static_cast<size_t>(K)]; }
const char *rootReasonName(RootReason R) { return kRootNames[static_cast<size_t>(R)]; }
bool parseRootReason(const std::string &Name, RootReason *R) {
  return parseName(kRootNames, Name, R);
}

bool checkSummary(const TuSummary &S, std::string *Err) {
  try {
    if (S.FileHashes.size() != S.Files.size()) throw std::runtime_error("file hashes do not match files");
    for (const Symbol &Sym : S.Symbols) {
      checkFileIndex(Sym.Definition.File, S.Files.size());
      for (const Site &D : Sym.Declarations) checkFileIndex(D.File, S.Files.size());
    }
    int32_t Symbols = static_cast<int32_t>(S.Symbols.size());
    for (const Edge &E : S.Edges) {
      checkFileIndex(E.File, S.Files.size());
      if (E.From < -1 || E.From >= Symbols || E.To < 0 || E.To >= Symbols)
        throw std::runtime_error("symbol index out of range");
    }
    for (const NameLookup &L : S.Lookups) checkFileIndex(L.File, S.Files.size());
    for (const Note &N : S.Notes) checkFileIndex(N.File, S.Files.size());
    for (const SkippedName &N : S.Skipped) checkFileIndex(N.File, S.Files.size());
    return true;
  } catch (const std::exception &E) {
    *Err = E.what();
    return false;
  }
}

const char *deadwoodVersion() { return DEADWOOD_VERSION; }

void releasePages(void *Data, size_t Bytes) {
#ifdef __linux__
  if (Bytes < (256u << 10)) return;  // not worth a system call
  uintptr_t Page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t Begin = (reinterpret_cast<uintptr_t>(Data) + Page - 1) & ~(Page - 1);
  uintptr_t End = (reinterpret_cast<uintptr_t>(Data) + Bytes) & ~(Page - 1);
  if (End > Begin) madvise(reinterpret_cast<void *>(Begin), End - Begin, MADV_DONTNEED);
#else
  (void)Data, (void)Bytes;
#endif
}

std::vector<size_t> missingBodies(const std::vector<TuSummary> &Summaries) {
  std::vector<BodyKey> Parsed;
  for (const TuSummary &S : Summaries)
    if (!S.Failed) Parsed.insert(Parsed.end(), S.BodiesParsed.begin(), S.BodiesParsed.end());
  std::sort(Parsed.begin(), Parsed.end());
  std::vector<size_t> Out;
  for (size_t I = 0; I < Summaries.size(); ++I)
    if (!Summaries[I].Failed && std::any_of(Summaries[I].BodiesSkipped.begin(), Summaries[I].BodiesSkipped.end(),
                                            [&](const BodyKey &K) { return !std::binary_search(Parsed.begin(), Parsed.end(), K); }))
      Out.push_back(I);
  return Out;
}

std::string contentHash(std::string_view Bytes) {
  uint64_t H = 0xcbf29ce484222325ull;
  for (unsigned char C : Bytes) H = (H ^ C) * 0x100000001b3ull;
  char Hex[17];
  std::snprintf(Hex, sizeof Hex, "%016llx", static_cast<unsigned long long>(H));
  return Hex;
}

std::string summaryToJson(const TuSummary &S) {
  json J = {{"version", S.Version}, {"main_file", S.MainFile},
            {"directory", S.Directory}, {"failed", S.Failed},
            {"errors", S.Errors}, {"files", S.Files}, {"file_hashes", S.FileHashes}};
  json &Symbols = J["symbols"] = json::array();
  for (const Symbol &Sym : S.Symbols) Symbols.push_back(symbolJson(Sym));
  json &Edges = J["edges"] = json::array();
  for (const Edge &E : S.Edges) Edges.push_back(edgeJson(E));
  json &Roots = J["roots"] = json::array();
  for (const Root &R : S.Roots)
    Roots.push_back(json::array({R.Usr, rootReasonName(R.Reason), R.Note}));
  json &Lookups = J["lookups"] = json::array();
  for (const NameLookup &L : S.Lookups)
    Lookups.push_back(json::array({L.Name, L.File, L.Line, L.Column}));
  json &Notes = J["notes"] = json::array();
  for (const Note &N : S.Notes) Notes.push_back(json::array({N.File, N.Line, N.Column, N.Text}));
  for (const auto &[Name, Keys] : {std::pair{"bodies_parsed", &S.BodiesParsed}, {"bodies_skipped", &S.BodiesSkipped}}) {
    json &Out = J[Name] = json::array();
    for (const BodyKey &K : *Keys) Out.push_back(json::array({K.Where, K.Macros, K.End}));
  }
  json &Skipped = J["skipped"] = json::array();
  for (const SkippedName &N : S.Skipped) Skipped.push_back(json::array({N.Name, N.File, N.Line, N.Why}));
  return J.dump();
}

bool summaryFromJson(const std::string &Text, TuSummary *Out, std::string *Err) {
  json J = json::parse(Text, nullptr, /*allow_exceptions=*/false);
  if (J.is_discarded() || !J.is_object()) {
    *Err = "not a JSON object";
    return false;
  }
  if (J.value("version", -1) != kSummaryVersion) {
    *Err = "summary version " + J.value("version", json(-1)).dump() +
           ", expected " + std::to_string(kSummaryVersion);
    return false;
  }
  try {
    TuSummary S;
    S.MainFile = J.at("main_file").get<std::string>();
    S.Directory = J.at("directory").get<std::string>();
    S.Failed = J.at("failed").get<bool>();
    S.Errors = J.at("errors").get<std::vector<std::string>>();
    S.Files = J.at("files").get<std::vector<std::string>>();
    S.FileHashes = J.at("file_hashes").get<std::vector<std::string>>();
    for (const json &Sym : J.at("symbols")) S.Symbols.push_back(symbolOf(Sym));
    for (const json &E : J.at("edges")) S.Edges.push_back(edgeOf(E, S.Symbols));
    for (const json &R : J.at("roots")) {
      Root Rt{R.at(0).get<std::string>(), RootReason::Main, R.at(2).get<std::string>()};
      if (!parseRootReason(R.at(1).get<std::string>(), &Rt.Reason))
        throw std::runtime_error("unknown root reason");
      S.Roots.push_back(std::move(Rt));
    }
    for (const json &L : J.at("lookups")) {
      S.Lookups.push_back(NameLookup{L.at(0).get<std::string>(), L.at(1).get<int>(),
                                     L.at(2).get<uint32_t>(), L.at(3).get<uint32_t>()});
    }
    for (const json &N : J.at("notes")) {
      S.Notes.push_back(Note{N.at(0).get<int>(), N.at(1).get<uint32_t>(), N.at(2).get<uint32_t>(),
                             N.at(3).get<std::string>()});
    }
    for (const auto &[Name, Keys] : {std::pair{"bodies_parsed", &S.BodiesParsed}, {"bodies_skipped", &S.BodiesSkipped}})
      for (const json &K : J.at(Name))
        Keys->push_back(BodyKey{K.at(0).get<uint64_t>(), K.at(1).get<uint64_t>(), K.at(2).get<uint32_t>()});
    for (const json &N : J.at("skipped"))
      S.Skipped.push_back(SkippedName{N.at(0).get<std::string>(), N.at(1).get<int>(), N.at(2).get<uint32_t>(),
                                      N.at(3).get<std::string>()});
    if (!checkSummary(S, Err)) return false;
    *Out = std::move(S);
    return true;
  } catch (const std::exception &E) {
    *Err = E.what();
    return false;
  }
}

}  // namespace deadwood
