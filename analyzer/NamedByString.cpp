#include "analyzer/NamedByString.h"

#include "analyzer/DeclFacts.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Mangle.h"

#include <map>

namespace deadwood {

using namespace clang;

void NamedByString::assembly(int From, std::string Text, SourceLocation Loc) {
  Pending.push_back({From, std::move(Text), Loc, /*IsAlias=*/false});
}

/// `__attribute__((alias("target")))`, `__attribute__((ifunc("resolver")))`:
/// the mangled name of what the declaration needs.
void NamedByString::aliasOf(const NamedDecl *D, SummaryBuilder &B) {
  if (const auto *A = D->getAttr<AliasAttr>())
    Pending.push_back({B.symbolFor(D), A->getAliasee().str(), D->getLocation(), true});
  if (const auto *A = D->getAttr<IFuncAttr>())
    Pending.push_back({B.symbolFor(D), A->getResolver().str(), D->getLocation(), true});
}

void NamedByString::lookupByName(const CallExpr *E, SummaryBuilder &B) {
  if (E->getNumArgs() < 2) return;
  const auto *Lit = dyn_cast<StringLiteral>(E->getArg(1)->IgnoreParenImpCasts());
  if (!Lit || Lit->getCharByteWidth() != 1) {
    B.note(E->getBeginLoc(), "a symbol is looked up by a computed name: what it finds is not "
                             "seen; keep it with a keep rule");
    return;
  }
  NameLookup L{Lit->getString().str()};
  std::tie(L.File, L.Line, L.Column) = B.position(E->getBeginLoc());
  B.summary().Lookups.push_back(std::move(L));
}

void NamedByString::resolve(SummaryBuilder &B) {
  if (Pending.empty()) return;
  std::map<std::string, std::vector<int>> ByName;
  ASTNameGenerator Mangler(B.context());
  const std::vector<const NamedDecl *> &Decls = B.decls();
  for (int Id = 0; Id < static_cast<int>(Decls.size()); ++Id) {
    const NamedDecl *D = Decls[Id];
    if (!D) continue;  // a placeholder
    if (!(isa<FunctionDecl>(D) || isa<VarDecl>(D)) || D->isTemplated() || D->isInvalidDecl() ||
        B.inSystemHeader(D->getLocation()) || isa<CXXConstructorDecl>(D) || isa<CXXDestructorDecl>(D))
      continue;
    if (D->getIdentifier()) ByName[D->getName().str()].push_back(Id);
    ByName[Mangler.getName(D)].push_back(Id);
  }
  TuSummary &Out = B.summary();
  for (const PendingName &P : Pending) {
    std::vector<std::string> Names = P.IsAlias ? std::vector<std::string>{P.Text} : identifiers(P.Text);
    for (const std::string &Name : Names) {
      auto It = ByName.find(Name);
      if (It == ByName.end()) {
        // Assembly may name a C function another TU defines (`call
        // target_fn`): an edge to the USR such a function has, which the
        // link resolves when some TU defines it (and which stays a
        // never-reported declaration when none does: `mov` and `eax` name
        // nothing).
        if (!P.IsAlias) B.addEdge(P.From, B.placeholder("c:@F@" + Name, Name), EdgeKind::Address, P.Loc);
        continue;
      }
      for (int Id : It->second) {
        if (Id == P.From) continue;
        Out.Edges.push_back(B.edge(P.From, Id, EdgeKind::Address, P.Loc));
        B.note(P.Loc, std::string(P.IsAlias ? "alias attribute" : "inline assembly") + " names '" + Name +
                          "': '" + B.symbol(Id).Name + "' is kept alive");
      }
    }
  }
}

}  // namespace deadwood
