// Step 2 of the pipeline, one piece of it: the bytes that delete one
// declaration. Clang's source range of a declaration is not what a removal
// must delete: it leaves out `template <>`, out-of-line `= default`, leading
// attributes, a `friend` after other specifiers, `extern "C"` without braces;
// and some declarations share their text with others (`int a, b;`).
#pragma once

#include <cstdint>

namespace clang {
class ASTContext;
class NamedDecl;
}  // namespace clang

namespace deadwood {

struct DeclRange {
  uint32_t Begin = 0, End = 0;  ///< byte offsets in the file of the name; both 0 when unknown
  uint32_t Lines = 0;           ///< source lines the range spans
};

/// The text that deleting D deletes: whole when it lies in the file of its
/// name, nothing (Begin == End == 0) when it is not in one file or shares
/// its text with another declaration.
DeclRange removalRange(const clang::NamedDecl *D, const clang::ASTContext &Ctx);

}  // namespace deadwood
