// What a template's heading asks of its arguments: the members that
// choosing a specialization looked up in them, which the AST does not keep.
//
// `template <class T> struct Has<T, void_t<typename T::Probe>>` is chosen for
// `Has<P>` because `P::Probe` exists; `template <class T, class =
// decltype(T::make())> int g(T)` can be called with `U` because `U::make`
// does; `template <HasRun T> int h(T)`, because `t.run()` is valid. Once
// the choice is made, the specialization's arguments are `<P, void>` and
// nothing names `P::Probe`: removing it would choose another specialization
// (or none) and still compile. So the names a heading looks up in a
// dependent type (its partial specialization's arguments, its default
// template arguments, its constraints and the concepts they name) are looked
// up again, by name, in the classes among the specialization's arguments:
// what is found was needed to choose it. By name, so toward "alive": a
// member of the same name that the lookup did not meet is kept too.
#pragma once

#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <vector>

namespace deadwood {

class TemplateHeadings {
public:
  explicit TemplateHeadings(const clang::SourceManager &SM) : SM(SM) {}
  /// The members of the project's classes among Spec's arguments that
  /// choosing Spec's template (or partial specialization) looked up.
  std::vector<const clang::NamedDecl *> membersAsked(const clang::ClassTemplateSpecializationDecl *Spec);
  /// The same for a function template's specialization: its template
  /// parameters' defaults and constraints, its requires-clause.
  std::vector<const clang::NamedDecl *> membersAsked(const clang::FunctionDecl *Spec);

private:
  using Names = std::vector<const clang::IdentifierInfo *>;
  const Names &namesOf(const clang::Decl *Heading);
  std::vector<const clang::NamedDecl *> lookUp(const Names &Asked, llvm::ArrayRef<clang::TemplateArgument> Args);
  const clang::SourceManager &SM;
  llvm::DenseMap<const clang::Decl *, Names> Cache;  ///< per template or partial specialization
};

}  // namespace deadwood
