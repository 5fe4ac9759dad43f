// The summary of one TU as it is built: symbols by USR (created on first
// sight of a declaration, with their kind, linkage, flags, display name and
// relations), the sites of their declarations, the files the TU read, and
// deduplicated edges, roots and notes. What to record is the walker's
// business (analyzer/Extract.cpp); how a declaration becomes a symbol is
// this file's.
//
// A library symbol (declared in a system header) is described only if the
// summary keeps it: a TU including <map> sees tens of thousands of them,
// most of which no edge, root or kept symbol's relation mentions, or only
// library code that cannot lead to the project does (closedLibrarySymbols).
// Until finish() it is an id with its declaration and the ids it relates to.
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
  /// The declaration a symbol was made from (null for a placeholder); by
  /// symbol id.
  const std::vector<const clang::NamedDecl *> &decls() const { return Decls; }
  /// Symbol Id, described. A library symbol is described on first asking.
  const Symbol &symbol(int Id);

  /// After the walk: drops the edges of library code that cannot lead to
  /// the project and the library symbols nothing in the summary then
  /// mentions, describes the others, and names relations and roots by USR.
  void finish();

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
  /// The symbols a symbol names by USR once the summary is finished.
  struct Relations {
    int Parent = -1, Pattern = -1;
    std::vector<int> Overrides, Bases;
  };
  /// A new id, by every per-id table: D's (null for a placeholder), not
  /// described yet.
  Symbol &newSymbol(const clang::NamedDecl *D, bool IsLibrary);
  void fillRelations(const clang::NamedDecl *D, int Id);
  std::vector<bool> closedLibrarySymbols() const;
  void describe(int Id);
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
  std::vector<Relations> Related;               ///< by symbol id
  std::vector<bool> Library;                    ///< by symbol id: in a system header
  std::vector<bool> Described;                  ///< by symbol id
  std::vector<int> RootIds;                     ///< the symbol of each root
  std::map<std::string, int> Placeholders;  ///< by USR
  llvm::DenseMap<clang::FileID, int> FileIds;
  llvm::DenseSet<std::tuple<int, int, int>> SeenEdges;
  llvm::DenseSet<int> SeenRoots;
};

}  // namespace deadwood
