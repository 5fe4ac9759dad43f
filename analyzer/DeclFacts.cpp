#include "analyzer/DeclFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/Support/Path.h"

#include <cctype>

namespace deadwood {

using namespace clang;

Linkage linkageOf(const NamedDecl *D) {
  switch (D->getFormalLinkage()) {
  case clang::Linkage::Internal:
  case clang::Linkage::UniqueExternal:
    return Linkage::Internal;
  case clang::Linkage::External:
  case clang::Linkage::Module:
    return Linkage::External;
  default:
    return Linkage::None;
  }
}

SymbolKind kindOf(const NamedDecl *D) {
  if (isa<CXXConstructorDecl>(D)) return SymbolKind::Constructor;
  if (isa<CXXDestructorDecl>(D)) return SymbolKind::Destructor;
  if (isa<CXXConversionDecl>(D)) return SymbolKind::Conversion;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->isOverloadedOperator() ? SymbolKind::Operator
           : isa<CXXMethodDecl>(D)    ? SymbolKind::Method
                                      : SymbolKind::Function;
  if (isa<RecordDecl>(D)) return SymbolKind::Class;
  return SymbolKind::Variable;
}

bool isImplementations(const NamedDecl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (FD->getBuiltinID() || FD->isReplaceableGlobalAllocationFunction()) return true;
  // The outermost namespace, else the outermost named declaration.
  const NamedDecl *Outer = D;
  for (const DeclContext *C = D->getDeclContext(); C && !C->isTranslationUnit(); C = C->getParent())
    if (const auto *ND = dyn_cast<NamedDecl>(C); ND && (isa<NamespaceDecl>(ND) || !isa<NamespaceDecl>(Outer)))
      Outer = ND;
  const IdentifierInfo *Id = Outer->getIdentifier();
  if (!Id) return false;
  StringRef Name = Id->getName();
  if (isa<NamespaceDecl>(Outer) && Name == "std") return true;
  return Name.size() >= 2 && Name[0] == '_' && (Name[1] == '_' || std::isupper(static_cast<unsigned char>(Name[1])));
}

/// True for code the compiler made from a template: its body is worth walking
/// even in a system header, because it may call back into project code.
bool isInstantiated(const Decl *D) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    if (Spec->getSpecializationKind() != TSK_ExplicitSpecialization) return true;
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(C))
      if (Spec->getSpecializationKind() != TSK_ExplicitSpecialization) return true;
    if (const auto *F = dyn_cast<FunctionDecl>(C))
      if (F->isTemplateInstantiation()) return true;
  }
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) return FD->isTemplateInstantiation();
  if (const auto *VD = dyn_cast<VarDecl>(D))
    return isTemplateInstantiation(VD->getTemplateSpecializationKind());
  return false;
}

/// The absolute, dot-free path of a file the TU read (its real path when the
/// file system knows it, so symlinked trees name one file one way).
std::string absolutePath(FileEntryRef Entry, const FileManager &Files) {
  llvm::StringRef Real = Entry.getFileEntry().tryGetRealPathName();
  llvm::SmallString<256> Path(Real.empty() ? Entry.getName() : Real);
  Files.makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path.str());
}

/// Functions and variables whose code we attribute edges to.
bool isContainer(const Decl *D) {
  if (isa<FunctionDecl>(D)) return true;
  const auto *VD = dyn_cast<VarDecl>(D);
  return VD && !isa<ParmVarDecl>(VD) && VD->hasGlobalStorage() && !VD->isStaticLocal();
}

std::vector<std::string> identifiers(const std::string &Text) {
  std::vector<std::string> Out;
  auto Start = [](char C) { return std::isalpha(static_cast<unsigned char>(C)) || C == '_'; };
  for (size_t I = 0; I < Text.size();) {
    if (!Start(Text[I])) { ++I; continue; }
    size_t J = I;
    while (J < Text.size() && (std::isalnum(static_cast<unsigned char>(Text[J])) || Text[J] == '_' ||
                               Text[J] == '$' || Text[J] == '.'))
      ++J;
    Out.push_back(Text.substr(I, J - I));
    I = J;
  }
  return Out;
}

bool isLookupByName(const FunctionDecl *F) {
  const IdentifierInfo *Id = F->getIdentifier();
  return Id && F->isExternC() &&
         (Id->getName() == "dlsym" || Id->getName() == "dlvsym" || Id->getName() == "GetProcAddress");
}

/// `friend void f();` — the declaration's range starts at `friend`, which
/// only the enclosing FriendDecl knows.
SourceLocation friendKeyword(const NamedDecl *D) {
  if (D->getFriendObjectKind() == Decl::FOK_None) return {};
  const auto *Class = dyn_cast<CXXRecordDecl>(D->getLexicalDeclContext());
  if (!Class) return {};
  for (const FriendDecl *F : Class->friends()) {
    const NamedDecl *Named = F->getFriendDecl();
    if (!Named) continue;
    if (const auto *T = dyn_cast<FunctionTemplateDecl>(Named); T && T->getTemplatedDecl() == D)
      return F->getFriendLoc();
    if (Named == D) return F->getFriendLoc();
  }
  return {};
}

}  // namespace deadwood
