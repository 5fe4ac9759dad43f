#include "analyzer/Roots.h"

#include "analyzer/DeclFacts.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

namespace deadwood {

using namespace clang;

namespace {

/// What is alive without a caller: `main` (also under -ffreestanding,
/// where Clang does not call it main), `wmain`, a fuzzer's entry points.
bool isEntryPoint(const FunctionDecl *FD) {
  if (FD->isMain()) return true;
  if (!FD->getDeclContext()->getRedeclContext()->isTranslationUnit() || !FD->getIdentifier()) return false;
  if (linkageOf(FD) != Linkage::External) return false;
  llvm::StringRef Name = FD->getName();
  return Name == "main" || Name == "wmain" || Name == "WinMain" || Name == "wWinMain" ||
         Name == "LLVMFuzzerTestOneInput" || Name == "LLVMFuzzerInitialize" ||
         Name == "LLVMFuzzerCustomMutator" || Name == "LLVMFuzzerCustomCrossOver";
}

}  // namespace

void functionRoots(const FunctionDecl *FD, SummaryBuilder &B) {
  if (B.inSystemHeader(FD->getLocation())) return;
  if (isEntryPoint(FD)) B.root(FD, RootReason::Main);
  else if (FD->hasAttr<ConstructorAttr>() || FD->hasAttr<DestructorAttr>() ||
           FD->hasAttr<UsedAttr>() || FD->hasAttr<RetainAttr>())
    B.root(FD, RootReason::Attribute);
  else if (FD->isReplaceableGlobalAllocationFunction())
    B.root(FD, RootReason::ReplaceableNew);
}

void variableRoots(const VarDecl *VD, SummaryBuilder &B) {
  if (B.inSystemHeader(VD->getLocation()) || VD->isTemplated()) return;
  if (VD->isThisDeclarationADefinition() == VarDecl::DeclarationOnly) return;
  if (VD->hasAttr<UsedAttr>() || VD->hasAttr<RetainAttr>())
    return B.root(VD, RootReason::Attribute);
  const Expr *Init = VD->getInit();
  bool DynamicInit = Init && !Init->isValueDependent() && !VD->hasConstantInitialization();
  if (DynamicInit || VD->needsDestruction(B.context()) != QualType::DK_none)
    B.root(VD, RootReason::StaticInit);
}

/// `// deadwood: keep(reason)` on the declaration's first line, its name's
/// line, or the line above: the user says it is alive.
void keepComment(const NamedDecl *D, SummaryBuilder &B) {
  SourceManager &SM = B.context().getSourceManager();
  SourceLocation Name = SM.getFileLoc(D->getLocation());
  SourceLocation Begin = SM.getFileLoc(D->getBeginLoc());
  FileID FID = SM.getFileID(Name);
  if (FID != SM.getFileID(Begin)) Begin = Name;
  bool Invalid = false;
  llvm::StringRef Text = SM.getBufferData(FID, &Invalid);
  if (Invalid) return;
  unsigned First = SM.getLineNumber(FID, SM.getFileOffset(Begin)), Last = SM.getLineNumber(FID, SM.getFileOffset(Name));
  for (unsigned L = First > 1 ? First - 1 : First; L <= Last; ++L) {
    unsigned Start = SM.getFileOffset(SM.translateLineCol(FID, L, 1));
    llvm::StringRef Line = Text.substr(Start).split('\n').first;
    size_t At = Line.find("deadwood: keep(");
    if (At == llvm::StringRef::npos) continue;
    // The line above counts only when it is a comment of its own: a
    // trailing comment belongs to the code on its line.
    if (L < First && !Line.ltrim().starts_with("//") && !Line.ltrim().starts_with("/*") &&
        !Line.ltrim().starts_with("*"))
      continue;
    llvm::StringRef Reason = Line.substr(At + 15).split(')').first;
    std::string Note = "kept by '// deadwood: keep(" + Reason.str() + ")' at " +
                       B.summary().Files[B.fileIndex(FID)] + ":" + std::to_string(L);
    B.root(D, RootReason::KeepRule, Note);
    // A kept class keeps what it declares.
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D); RD && RD->isThisDeclarationADefinition())
      for (const Decl *M : RD->decls())
        if (const auto *Member = dyn_cast<NamedDecl>(M);
            Member && !Member->isImplicit() && (isa<FunctionDecl>(Member) || isa<VarDecl>(Member) ||
                                               isa<FunctionTemplateDecl>(Member)))
          B.root(isa<FunctionTemplateDecl>(Member) ? cast<FunctionTemplateDecl>(Member)->getTemplatedDecl()
                                                 : Member,
               RootReason::KeepRule, Note);
    return;
  }
}

}  // namespace deadwood
