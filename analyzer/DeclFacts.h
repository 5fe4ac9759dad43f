// Facts about declarations that the extractor asks again and again: their
// kind and linkage in deadwood's terms, whether the compiler made them from
// a template, whether their code is a container of edges.
#pragma once

#include "model/Summary.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/FileManager.h"

#include <string>
#include <vector>

namespace deadwood {

Linkage linkageOf(const clang::NamedDecl *D);
SymbolKind kindOf(const clang::NamedDecl *D);

/// True for code the compiler made from a template: its body is worth walking
/// even in a system header, because it may call back into project code.
bool isInstantiated(const clang::Decl *D);

/// Whether D is the implementation's own: a builtin, the global `operator
/// new`/`delete`, or declared in namespace std or another namespace, class
/// or global name the standard reserves (`__gnu_cxx`, `__cxxabiv1`,
/// `__gthread_active_p`). A project may not define such a thing: what it
/// writes for one (`template <> struct std::hash<Mine>`) is in its own files.
bool isImplementations(const clang::NamedDecl *D);

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
