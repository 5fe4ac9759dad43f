#include "reports/Writers.h"

#include <map>

namespace deadwood {
namespace {

/// A DOT string; `\n` in S is left as DOT's line break.
std::string quoted(const std::string &S) {
  std::string Out = "\"";
  for (char C : S) Out += C == '"' ? std::string("\\\"") : std::string(1, C);
  return Out + "\"";
}

}  // namespace

void writeDot(std::ostream &OS, const Program &P, const Report &R) {
  std::map<SymbolId, const Finding *> Nodes;
  forEachFinding(R.Findings, [&](const Finding &F) {
    if (SymbolId S = P.find(F.Usr); S != kNoSymbol) Nodes[S] = &F;
  });
  OS << "digraph deadwood {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (const auto &[S, F] : Nodes)
    OS << "  n" << S << " [label=" << quoted(F->Name + "\\n" + relativeToRoot(F->File, R.SourceRoot) + ":" +
                                             std::to_string(F->Line))
       << (F->Category == Category::TestOnly     ? ", style=dashed"
           : F->Category == Category::Unexecuted ? ", style=dotted"
                                                 : "") << "];\n";
  for (const auto &[S, F] : Nodes)
    for (uint32_t I = P.EdgeBegin[S]; I < P.EdgeBegin[S + 1]; ++I)
      if (Nodes.count(P.Edges[I].To))
        OS << "  n" << S << " -> n" << P.Edges[I].To << " [label=" << quoted(edgeKindName(P.Edges[I].Kind)) << "];\n";
  OS << "}\n";
}

void writeWhyDot(std::ostream &OS, const Program &P, const Why &W) {
  OS << "digraph why {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (const WhyHop &H : W.Path) OS << "  n" << H.Sym << " [label=" << quoted(P.Symbols[H.Sym].Name) << "];\n";
  for (size_t I = 1; I < W.Path.size(); ++I)
    OS << "  n" << W.Path[I - 1].Sym << " -> n" << W.Path[I].Sym << " [label="
       << quoted(W.Path[I].How.How == Step::Edge ? edgeKindName(W.Path[I].How.Kind) : "instantiation") << "];\n";
  if (!W.Reached) {
    OS << "  n" << W.Target << " [label=" << quoted(P.Symbols[W.Target].Name) << ", color=red];\n";
    for (SymbolId From : W.Referrers)
      OS << "  n" << From << " [label=" << quoted(P.Symbols[From].Name) << "];\n  n" << From << " -> n"
         << W.Target << ";\n";
  }
  OS << "}\n";
}

}  // namespace deadwood
