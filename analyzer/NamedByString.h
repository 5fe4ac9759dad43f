// Code named by a string, not by a reference: inline assembly (`call f`),
// `__attribute__((alias("f")))` and `ifunc`, `dlsym(h, "f")`. Assembly and
// alias targets are collected during the walk and resolved against the TU's
// declarations when it is done; a name looked up at run time is resolved at
// link time, against every TU. Precision first: every match is kept alive,
// and a note says so.
#pragma once

#include "analyzer/SummaryBuilder.h"

#include "clang/AST/Expr.h"

#include <string>
#include <vector>

namespace deadwood {

class NamedByString {
public:
  /// Assembly text in the code of symbol From (-1: at namespace scope).
  void assembly(int From, std::string Text, clang::SourceLocation Loc);
  /// D's alias or ifunc attribute, if it has one.
  void aliasOf(const clang::NamedDecl *D, SummaryBuilder &B);
  /// `dlsym(handle, "name")`: the named symbol is a root, resolved at link.
  /// A computed name cannot be followed: the note says to add a keep rule.
  static void lookupByName(const clang::CallExpr *E, SummaryBuilder &B);
  /// Resolves what was collected, by plain or mangled name, among the TU's
  /// own functions and variables.
  void resolve(SummaryBuilder &B);

private:
  struct PendingName {
    int From;          ///< container, or -1 at namespace scope
    std::string Text;  ///< the assembly, or the alias target's mangled name
    clang::SourceLocation Loc;
    bool IsAlias;
  };
  std::vector<PendingName> Pending;
};

}  // namespace deadwood
