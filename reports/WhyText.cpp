#include "reports/Writers.h"

#include <nlohmann/json.hpp>

namespace deadwood {
namespace {

std::string place(const Program &P, int File, uint32_t Line, uint32_t Column, const TextOptions &O) {
  if (File < 0) return "<unknown>";
  return (O.DisplayBase.empty() ? P.Files[File] : relativeToRoot(P.Files[File], O.DisplayBase)) + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

std::string definitionPlace(const Program &P, SymbolId S, const TextOptions &O) {
  const Symbol &Sym = P.Symbols[S];
  const Site &At = Sym.HasDefinition || Sym.Declarations.empty() ? Sym.Definition : Sym.Declarations[0];
  return place(P, At.File, At.Line, At.Column, O);
}

const char *rootText(RootReason R) {
  switch (R) {
  case RootReason::Main: return "the program's entry point";
  case RootReason::StaticInit: return "a global initialized or destroyed at start-up or exit";
  case RootReason::Attribute: return "marked constructor, destructor, used or retain";
  case RootReason::ReplaceableNew: return "replaces the global operator new or delete";
  case RootReason::ScopeUse: return "used at namespace scope (a constant expression)";
  case RootReason::LookupByName: return "looked up by its name at run time (dlsym)";
  case RootReason::KeepRule: return "kept by a keep rule";
  case RootReason::Exported: return "public API of a library";
  }
  return "a root";
}

std::string quoted(const Program &P, SymbolId S) { return "'" + P.Symbols[S].Name + "'"; }

}  // namespace

void writeWhy(std::ostream &OS, const Program &P, const Why &W, const TextOptions &O) {
  if (!W.Reached) {
    OS << quoted(P, W.Target) << " is unreachable from every root";
    if (W.Referrers.empty()) {
      OS << "; nothing refers to it.\n";
      return;
    }
    OS << ". Referred to only by unreachable code:\n";
    for (SymbolId From : W.Referrers)
      OS << "  " << definitionPlace(P, From, O) << ": " << kindNoun(P.Symbols[From].Kind) << ' '
         << quoted(P, From) << '\n';
    return;
  }
  OS << quoted(P, W.Target) << " is reachable:\n";
  for (const WhyHop &H : W.Path) {
    const Step &S = H.How;
    switch (S.How) {
    case Step::Root:
      OS << "  " << definitionPlace(P, H.Sym, O) << ": root " << quoted(P, H.Sym) << ": "
         << rootText(S.Reason);
      if (auto It = P.RootNotes.find(H.Sym); It != P.RootNotes.end()) OS << " (" << It->second << ')';
      OS << '\n';
      break;
    case Step::ExternalOverride:
      OS << "  " << definitionPlace(P, H.Sym, O) << ": " << quoted(P, H.Sym) << " overrides "
         << quoted(P, S.From) << ", which library code may call\n";
      break;
    case Step::Instantiation:
      OS << "  " << definitionPlace(P, S.From, O) << ": instantiated from " << quoted(P, H.Sym) << '\n';
      break;
    case Step::Edge:
      OS << "  " << place(P, S.File, S.Line, S.Column, O) << ": " << edgeKindName(S.Kind) << ' '
         << quoted(P, H.Sym) << '\n';
      break;
    case Step::None:
      break;
    }
  }
}

void writeWhyJson(std::ostream &OS, const Program &P, const Why &W) {
  using nlohmann::ordered_json;
  TextOptions Absolute;
  auto Sym = [&](SymbolId S) {
    return ordered_json{{"name", P.Symbols[S].Name},
                        {"usr", P.Symbols[S].Usr},
                        {"kind", kindName(P.Symbols[S].Kind)},
                        {"definition", definitionPlace(P, S, Absolute)}};
  };
  ordered_json Out = {{"symbol", Sym(W.Target)}, {"reachable", W.Reached}};
  ordered_json Path = ordered_json::array();
  for (const WhyHop &H : W.Path) {
    ordered_json Hop = Sym(H.Sym);
    const Step &S = H.How;
    switch (S.How) {
    case Step::Root:
      Hop["how"] = "root";
      Hop["root"] = rootReasonName(S.Reason);
      Hop["why"] = rootText(S.Reason);
      if (auto It = P.RootNotes.find(H.Sym); It != P.RootNotes.end()) Hop["note"] = It->second;
      break;
    case Step::ExternalOverride:
      Hop["how"] = "external-override";
      Hop["overrides"] = P.Symbols[S.From].Name;
      break;
    case Step::Instantiation:
      Hop["how"] = "instantiation";
      Hop["of"] = P.Symbols[S.From].Name;
      break;
    case Step::Edge:
      Hop["how"] = "edge";
      Hop["edge"] = edgeKindName(S.Kind);
      Hop["at"] = place(P, S.File, S.Line, S.Column, Absolute);
      break;
    case Step::None:
      continue;
    }
    Path.push_back(std::move(Hop));
  }
  Out["path"] = std::move(Path);
  ordered_json Referrers = ordered_json::array();
  for (SymbolId From : W.Referrers) Referrers.push_back(Sym(From));
  Out["referrers"] = std::move(Referrers);
  OS << Out.dump(2) << '\n';
}

}  // namespace deadwood
