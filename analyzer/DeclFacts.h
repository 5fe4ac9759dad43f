// Facts about declarations that the extractor asks again and again: their
// kind and linkage in deadwood's terms, whether the compiler made them from
// a template, whether their code is a container of edges.
#pragma once

#include "model/Summary.h"

#include "clang/AST/Decl.h"
#include "clang/AST/TemplateBase.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace deadwood {

Linkage linkageOf(const clang::NamedDecl *D);
SymbolKind kindOf(const clang::NamedDecl *D);

/// Whether D is declared in a system header (where its expansion is).
bool inSystemHeader(const clang::SourceManager &SM, const clang::Decl *D);

/// True for code the compiler made from a template: its body is worth walking
/// even in a system header, because it may call back into project code.
bool isInstantiated(const clang::Decl *D);

/// Whether D is the implementation's own: a builtin, the global `operator
/// new`/`delete`, or declared in namespace std or another namespace, class
/// or global name the standard reserves (`__gnu_cxx`, `__cxxabiv1`,
/// `__gthread_active_p`). A project may not define such a thing: what it
/// writes for one (`template <> struct std::hash<Mine>`) is in its own files.
bool isImplementations(const clang::NamedDecl *D);

/// The instantiations of the implementation's own templates that cannot
/// lead to the project: `std::vector<int>::push_back`,
/// `std::__uninitialized_copy<true>::__uninit_copy<const int *, int *>`.
/// System-header code names project code only through what a template is
/// given (the premise of skipping system bodies): a function template of
/// namespace std (or another reserved name, isImplementations) whose every
/// argument, and every argument of the templates around it, is closed — a
/// builtin type, a type made of closed types, a class or enumeration inside
/// std or another reserved namespace with closed arguments itself, a value,
/// or a closed declaration — meets only the implementation's own code and the
/// C library, whatever it calls. Its instantiation would only add edges
/// that SummaryBuilder::closedLibrarySymbols drops. Not closed: a global
/// type (argument-dependent lookup would search the global namespace), a
/// lambda of the project, anything virtual, a constructor or destructor of
/// a polymorphic class, anything without external linkage, anything the
/// project declared itself (`template <> struct std::less<int>`, code made
/// from its partial specialization of a std template). And none at all once
/// the project has declared in std, or another reserved namespace, what
/// such an instantiation could meet (`std::operator<<(std::ostream &, const
/// std::vector<int> &)`, found by argument-dependent lookup; a partial
/// specialization): only a specialization for a type of its own
/// (`std::hash<Mine>`), a class or an alias is not.
class ClosedInstantiations {
public:
  explicit ClosedInstantiations(const clang::SourceManager &SM) : SM(SM) {}
  /// Whether the implicit instantiation of FD's definition may be left
  /// undone.
  bool canSkip(const clang::FunctionDecl *FD);
  /// Told each declaration at the top level of the TU as it is parsed
  /// (and what a namespace or `extern "C++"` block holds).
  void declared(const clang::Decl *D);
  /// Whether the project has opened std to what closed instantiations could
  /// meet: from then on none is skipped, and those skipped are made after all.
  bool opened() const { return Opened; }

private:
  bool closedType(clang::QualType T);
  bool closedArgs(llvm::ArrayRef<clang::TemplateArgument> Args);
  bool closedArg(const clang::TemplateArgument &A);
  bool closedDecl(const clang::Decl *D);
  const clang::SourceManager &SM;
  llvm::DenseMap<const clang::Decl *, bool> Decls;  ///< closedDecl's answers
  bool Opened = false;
};

/// Functions and variables whose code we attribute edges to.
bool isContainer(const clang::Decl *D);

/// The absolute, dot-free path of a file the TU read (its real path when the
/// file system knows it, so symlinked trees name one file one way).
std::string absolutePath(clang::FileEntryRef Entry, const clang::FileManager &Files);

/// The identifiers in a piece of assembly text (what it may name).
std::vector<std::string> identifiers(const std::string &Text);

/// dlsym, dlvsym, GetProcAddress: they find a symbol by its name.
bool isLookupByName(const clang::FunctionDecl *F);

/// `friend void f();`: where `friend` is, which only the FriendDecl knows.
clang::SourceLocation friendKeyword(const clang::NamedDecl *D);

}  // namespace deadwood
