// The summary of one TU as it is built: symbols by USR (created on first
// sight of a declaration, with their kind, linkage, flags, display name and
// relations), the sites of their declarations, the files the TU read, and
// deduplicated edges, roots and notes. What to record is the walker's
// business (analyzer/Extract.cpp); how a declaration becomes a symbol is
// this file's.
#pragma once

#include "model/Summary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace deadwood {

class SummaryBuilder {
public:
  SummaryBuilder(clang::ASTContext &Ctx, TuSummary &Out);

  TuSummary &summary() { return Out; }
  clang::ASTContext &context() { return Ctx; }

  /// The symbol for D (its canonical declaration), created on first sight.
  int symbolFor(const clang::NamedDecl *D);
  /// The declaration a symbol was made from; by symbol id.
  const std::vector<const clang::NamedDecl *> &decls() const { return Decls; }

  /// Adds one declaration's site to its symbol. System-header sites are not
  /// kept: nothing there is ever reported or edited.
  void recordSite(const clang::NamedDecl *D, bool IsDefinition);

  /// An edge From (a symbol id, or -1: namespace or class scope) -> To, once
  /// per {From, To, Kind}. False when it was recorded before.
  bool addEdge(int From, int To, EdgeKind Kind, clang::SourceLocation Loc);
  /// That edge, not recorded.
  Edge edge(int From, int To, EdgeKind Kind, clang::SourceLocation Loc);
  /// D is a root, once.
  void root(const clang::NamedDecl *D, RootReason Reason, std::string Note = "");
  /// Something the model cannot follow exactly, said where it is.
  void note(clang::SourceLocation Loc, std::string Text);
  /// A symbol only a name stands for, not declared in this TU (`c:@F@name`,
  /// what assembly calls): created once per USR.
  int placeholder(const std::string &Usr, const std::string &Name);

  bool inSystemHeader(clang::SourceLocation Loc) const;
  /// Index in the summary's Files, added on first sight; -1 without a file.
  int fileIndex(clang::FileID FID);
  /// File index, line, column of a location, macros resolved to where they
  /// are written in a file.
  std::tuple<int, uint32_t, uint32_t> position(clang::SourceLocation Loc);

private:
  void fillRelations(const clang::NamedDecl *D, int Id);
  std::string usrAt(int Id) const { return Id < 0 ? std::string() : Out.Symbols[Id].Usr; }
  std::string usrOf(const clang::NamedDecl *D);
  std::string constraintSuffix(const clang::NamedDecl *D);
  uint32_t flagsOf(const clang::NamedDecl *D);
  std::string nameOf(const clang::NamedDecl *D);
  Site siteOf(const clang::NamedDecl *D);

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  TuSummary &Out;
  clang::PrintingPolicy Policy;
  llvm::DenseMap<const clang::Decl *, int> SymbolIds;
  std::vector<const clang::NamedDecl *> Decls;  ///< by symbol id
  std::map<std::string, int> Placeholders;  ///< by USR
  llvm::DenseMap<clang::FileID, int> FileIds;
  llvm::DenseSet<std::tuple<int, int, int>> SeenEdges;
  llvm::DenseSet<int> SeenRoots;
};

}  // namespace deadwood
