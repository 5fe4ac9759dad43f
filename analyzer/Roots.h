// What is alive without a caller, as the AST shows it: entry points (`main`,
// `wmain`, a fuzzer's), constructor/destructor/used attributes, replacements
// of the global `operator new`, globals with a dynamic initializer or
// destructor, and what the user keeps with `// deadwood: keep(reason)`.
#pragma once

#include "analyzer/SummaryBuilder.h"

#include "clang/AST/Decl.h"

namespace deadwood {

/// The roots a function definition is.
void functionRoots(const clang::FunctionDecl *FD, SummaryBuilder &B);

/// The roots a variable definition is.
void variableRoots(const clang::VarDecl *VD, SummaryBuilder &B);

/// `// deadwood: keep(reason)` on the declaration's first line, its name's
/// line, or the line above: the user says it is alive. A kept class keeps
/// what it declares.
void keepComment(const clang::NamedDecl *D, SummaryBuilder &B);

}  // namespace deadwood
