#include "analyzer/DeclFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Type.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cctype>

namespace deadwood {

using namespace clang;

namespace {

/// `__x` and `_X`: names the standard reserves for the implementation.
bool isReserved(StringRef Name) {
  return Name.size() >= 2 && Name[0] == '_' && (Name[1] == '_' || std::isupper(static_cast<unsigned char>(Name[1])));
}

/// The outermost namespace around D, if it is std or another reserved one.
const NamespaceDecl *implementationNamespace(const Decl *D) {
  const NamespaceDecl *Outer = nullptr;
  for (const DeclContext *C = D->getDeclContext(); C && !C->isTranslationUnit(); C = C->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(C)) Outer = NS;
  if (!Outer || !Outer->getIdentifier() || (Outer->getName() != "std" && !isReserved(Outer->getName())))
    return nullptr;
  return Outer;
}

}  // namespace

bool inSystemHeader(const SourceManager &SM, const Decl *D) {
  SourceLocation Loc = D->getLocation();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

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
  return isReserved(Name);
}

bool ClosedInstantiations::canSkip(const FunctionDecl *FD) {
  if (Opened) return false;
  if (FD->getTemplateSpecializationKind() != TSK_ImplicitInstantiation || FD->isConstexpr()) return false;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    if (MD->isVirtual()) return false;
    if (isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD)) {
      const CXXRecordDecl *Class = MD->getParent()->getDefinition();
      if (!Class || Class->isPolymorphic()) return false;
    }
  }
  const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  if (!Pattern || !SM.isInSystemHeader(SM.getExpansionLoc(Pattern->getLocation()))) return false;
  // Used and never defined, a function without external linkage would be
  // an error (or a warning) of its own.
  if (!FD->hasExternalFormalLinkage() || !isExternalFormalLinkage(FD->getType()->getLinkage())) return false;
  return closedDecl(FD);
}

/// D is inside std or another reserved namespace, and every template
/// around it, and D itself if it is a specialization, has closed arguments.
bool ClosedInstantiations::closedDecl(const Decl *D) {
  auto [It, New] = Decls.try_emplace(D, false);
  if (!New) return It->second;
  bool Closed = implementationNamespace(D) && inSystemHeader(SM, D);
  for (const DeclContext *C = dyn_cast<DeclContext>(D) ? dyn_cast<DeclContext>(D) : D->getDeclContext();
       Closed && C && !isa<NamespaceDecl>(C); C = C->getParent()) {
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(C)) {
      // Made from the project's partial specialization, or the project's own.
      auto From = Spec->getSpecializedTemplateOrPartial();
      const auto *Partial = From.dyn_cast<ClassTemplatePartialSpecializationDecl *>();
      Closed = inSystemHeader(SM, Spec) && (!Partial || inSystemHeader(SM, Partial)) &&
               closedArgs(Spec->getTemplateArgs().asArray());
    } else if (const auto *F = dyn_cast<FunctionDecl>(C))
      if (const TemplateArgumentList *Args = F->getTemplateSpecializationArgs()) Closed = closedArgs(Args->asArray());
  }
  if (Closed)
    if (const auto *Var = dyn_cast<VarTemplateSpecializationDecl>(D)) Closed = closedArgs(Var->getTemplateArgs().asArray());
  return Decls[D] = Closed;  // the map may have grown
}

void ClosedInstantiations::declared(const Decl *D) {
  if (Opened || inSystemHeader(SM, D)) return;
  if (isa<NamespaceDecl>(D) || isa<LinkageSpecDecl>(D) || isa<ExportDecl>(D)) {
    for (const Decl *Child : cast<DeclContext>(D)->decls()) declared(Child);
    return;
  }
  if (!implementationNamespace(D)) return;
  // What a template of the implementation cannot meet at its instantiation:
  // neither argument-dependent lookup nor a specialization's match can
  // find a class, an alias or a variable of the project's, nor a
  // specialization for a type of its own.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D)) {
    if (isa<ClassTemplatePartialSpecializationDecl>(Spec) || closedArgs(Spec->getTemplateArgs().asArray()))
      Opened = true;
    return;
  }
  if (const auto *Spec = dyn_cast<VarTemplateSpecializationDecl>(D)) {
    if (isa<VarTemplatePartialSpecializationDecl>(Spec) || closedArgs(Spec->getTemplateArgs().asArray()))
      Opened = true;
    return;
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {  // defined outside its class
    if (inSystemHeader(SM, MD->getParent())) Opened = true;
    return;
  }
  if (isa<TagDecl>(D) || isa<ClassTemplateDecl>(D) || isa<TypedefNameDecl>(D) || isa<TypeAliasTemplateDecl>(D) ||
      isa<VarDecl>(D) || isa<VarTemplateDecl>(D) || isa<StaticAssertDecl>(D) || isa<EmptyDecl>(D))
    return;
  Opened = true;  // a function, a using-declaration or -directive, ...
}

bool ClosedInstantiations::closedArgs(ArrayRef<TemplateArgument> Args) {
  return std::all_of(Args.begin(), Args.end(), [&](const TemplateArgument &A) { return closedArg(A); });
}

bool ClosedInstantiations::closedArg(const TemplateArgument &A) {
  switch (A.getKind()) {
  case TemplateArgument::Type:
    return closedType(A.getAsType());
  case TemplateArgument::Integral:
  case TemplateArgument::NullPtr:
    return true;
  case TemplateArgument::Declaration:
    return closedDecl(A.getAsDecl());
  case TemplateArgument::Template:
  case TemplateArgument::TemplateExpansion: {
    const TemplateDecl *TD = A.getAsTemplateOrTemplatePattern().getAsTemplateDecl();
    return TD && closedDecl(TD);
  }
  case TemplateArgument::Pack:
    return closedArgs(A.pack_elements());
  default:
    return false;
  }
}

bool ClosedInstantiations::closedType(QualType T) {
  const Type *Ty = T.getCanonicalType().getTypePtr();
  switch (Ty->getTypeClass()) {
  case Type::Builtin:
    return true;
  case Type::Pointer:
    return closedType(cast<PointerType>(Ty)->getPointeeType());
  case Type::LValueReference:
  case Type::RValueReference:
    return closedType(cast<ReferenceType>(Ty)->getPointeeType());
  case Type::MemberPointer: {
    const auto *MP = cast<MemberPointerType>(Ty);
    return closedType(MP->getPointeeType()) && closedType(QualType(MP->getClass(), 0));
  }
  case Type::ConstantArray:
  case Type::IncompleteArray:
    return closedType(cast<ArrayType>(Ty)->getElementType());
  case Type::Vector:
  case Type::ExtVector:
    return closedType(cast<VectorType>(Ty)->getElementType());
  case Type::Complex:
    return closedType(cast<ComplexType>(Ty)->getElementType());
  case Type::Atomic:
    return closedType(cast<AtomicType>(Ty)->getValueType());
  case Type::FunctionProto: {
    const auto *FT = cast<FunctionProtoType>(Ty);
    return closedType(FT->getReturnType()) &&
           std::all_of(FT->param_type_begin(), FT->param_type_end(), [&](QualType P) { return closedType(P); });
  }
  case Type::FunctionNoProto:
    return closedType(cast<FunctionType>(Ty)->getReturnType());
  case Type::Record:
  case Type::Enum:
    return closedDecl(cast<TagType>(Ty)->getDecl());
  default:
    return false;
  }
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
