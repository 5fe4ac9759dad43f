// A few-line way to write a TU's summary by hand, for tests of the passes.
#pragma once

#include "model/Summary.h"

#include <string>
#include <vector>

namespace deadwood::test {

/// Builds one TU's summary in a few lines: functions defined in /src/<tu>,
/// edges between them, roots.
class TuBuilder {
public:
  explicit TuBuilder(const std::string &Main) {
    S.MainFile = "/src/" + Main;
    S.Files = {S.MainFile};
  }
  TuBuilder &fn(const std::string &Name, uint32_t Line = 1, uint32_t Flags = 0,
                SymbolKind Kind = SymbolKind::Function) {
    Symbol Sym;
    Sym.Usr = "c:@F@" + Name;
    Sym.Name = Name + "()";
    Sym.Kind = Kind;
    Sym.Flags = Flags;
    Sym.HasDefinition = true;
    // Each symbol its own text: symbols of one text are one finding.
    uint32_t At = static_cast<uint32_t>(S.Symbols.size()) * 16;
    Sym.Definition = Site{0, At, At + 10, Line, 1};
    S.Symbols.push_back(Sym);
    return *this;
  }
  TuBuilder &method(const std::string &Class, const std::string &Name, SymbolKind Kind,
                    std::vector<std::string> Overrides = {}) {
    fn(Class + "::" + Name, 1, Kind == SymbolKind::Constructor ? 0 : flag::Virtual, Kind);
    S.Symbols.back().Parent = "c:@F@" + Class;
    for (const std::string &O : Overrides) S.Symbols.back().Overrides.push_back("c:@F@" + O);
    return *this;
  }
  TuBuilder &cls(const std::string &Name, std::vector<std::string> Bases = {}) {
    fn(Name, 1, 0, SymbolKind::Class);
    for (const std::string &B : Bases) S.Symbols.back().Bases.push_back("c:@F@" + B);
    return *this;
  }
  TuBuilder &edge(const std::string &From, const std::string &To, EdgeKind K = EdgeKind::Call) {
    S.Edges.push_back(Edge{From.empty() ? -1 : index(From), index(To), K, 0, 1, 1});
    return *this;
  }
  /// The index of symbol Name, declared here (no definition) if new.
  int32_t index(const std::string &Name) {
    for (size_t I = 0; I < S.Symbols.size(); ++I)
      if (S.Symbols[I].Usr == "c:@F@" + Name) return static_cast<int32_t>(I);
    Symbol Sym;
    Sym.Usr = "c:@F@" + Name;
    Sym.Name = Name + "()";
    S.Symbols.push_back(Sym);
    return static_cast<int32_t>(S.Symbols.size() - 1);
  }
  TuBuilder &root(const std::string &Name, RootReason R = RootReason::Main) {
    S.Roots.push_back(Root{"c:@F@" + Name, R});
    return *this;
  }
  TuBuilder &failed() {
    S.Failed = true;
    return *this;
  }
  TuSummary S;
};

}  // namespace deadwood::test
