#include "analyzer/Headings.h"

#include "analyzer/DeclFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>

namespace deadwood {

using namespace clang;

namespace {

/// The names a heading looks up in something dependent: `T::Probe`,
/// `T::template rebind<U>::other`, `t.run()`, `T::make()`; through the
/// concepts it names, their definitions too.
class NameCollector : public RecursiveASTVisitor<NameCollector> {
public:
  std::vector<const IdentifierInfo *> Found;

  bool VisitDependentNameTypeLoc(DependentNameTypeLoc TL) {
    add(TL.getTypePtr()->getIdentifier());
    qualifier(TL.getTypePtr()->getQualifier());
    return true;
  }
  bool VisitDependentTemplateSpecializationTypeLoc(DependentTemplateSpecializationTypeLoc TL) {
    add(TL.getTypePtr()->getIdentifier());
    qualifier(TL.getTypePtr()->getQualifier());
    return true;
  }
  bool VisitDependentScopeDeclRefExpr(DependentScopeDeclRefExpr *E) {
    add(E->getDeclName().getAsIdentifierInfo());
    qualifier(E->getQualifier());
    return true;
  }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    add(E->getMember().getAsIdentifierInfo());
    qualifier(E->getQualifier());
    return true;
  }
  bool VisitUnresolvedMemberExpr(UnresolvedMemberExpr *E) {
    add(E->getName().getAsIdentifierInfo());
    return true;
  }
  bool VisitConceptSpecializationExpr(ConceptSpecializationExpr *E) {
    concept_(E->getNamedConcept());
    return true;
  }
  void concept_(const ConceptDecl *C) {
    if (C && Concepts.insert(C).second) TraverseStmt(C->getConstraintExpr());
  }
  void params(const TemplateParameterList *Params) {
    if (!Params) return;
    for (NamedDecl *P : *Params) {
      if (const auto *Type = dyn_cast<TemplateTypeParmDecl>(P))
        if (const TypeConstraint *C = Type->getTypeConstraint())
          if (!TraverseStmt(C->getImmediatelyDeclaredConstraint())) return;
      TraverseDecl(P);  // its default argument
    }
    TraverseStmt(const_cast<Expr *>(Params->getRequiresClause()));
  }

private:
  void add(const IdentifierInfo *Id) {
    if (Id && std::find(Found.begin(), Found.end(), Id) == Found.end()) Found.push_back(Id);
  }
  void qualifier(const NestedNameSpecifier *NNS) {
    for (; NNS; NNS = NNS->getPrefix()) add(NNS->getAsIdentifier());
  }
  llvm::SmallPtrSet<const ConceptDecl *, 4> Concepts;
};

/// The classes a template argument is made of: `P`, `const P *`,
/// `std::vector<P>`'s `P`.
void classesOf(const TemplateArgument &A, std::vector<const CXXRecordDecl *> &Out);

void classesOf(QualType T, std::vector<const CXXRecordDecl *> &Out) {
  if (T.isNull()) return;
  T = T.getCanonicalType();
  while (true) {
    if (const auto *P = T->getAs<PointerType>()) T = P->getPointeeType();
    else if (const auto *R = T->getAs<ReferenceType>()) T = R->getPointeeType();
    else if (const auto *A = T->getAsArrayTypeUnsafe()) T = A->getElementType();
    else break;
  }
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || std::find(Out.begin(), Out.end(), RD) != Out.end()) return;
  Out.push_back(RD);
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) classesOf(A, Out);
}

void classesOf(const TemplateArgument &A, std::vector<const CXXRecordDecl *> &Out) {
  if (A.getKind() == TemplateArgument::Type) classesOf(A.getAsType(), Out);
  else if (A.getKind() == TemplateArgument::Pack)
    for (const TemplateArgument &P : A.pack_elements()) classesOf(P, Out);
}

}  // namespace

const TemplateHeadings::Names &TemplateHeadings::namesOf(const Decl *Heading) {
  auto [It, New] = Cache.try_emplace(Heading);
  if (!New) return It->second;
  NameCollector C;
  if (const auto *Partial = dyn_cast<ClassTemplatePartialSpecializationDecl>(Heading)) {
    if (const ASTTemplateArgumentListInfo *Written = Partial->getTemplateArgsAsWritten())
      for (const TemplateArgumentLoc &A : Written->arguments()) C.TraverseTemplateArgumentLoc(A);
    C.params(Partial->getTemplateParameters());
  } else if (const auto *T = dyn_cast<TemplateDecl>(Heading)) {
    C.params(T->getTemplateParameters());
    if (const auto *F = dyn_cast<FunctionTemplateDecl>(T))
      if (const FunctionDecl *Pattern = F->getTemplatedDecl())
        C.TraverseStmt(const_cast<Expr *>(Pattern->getTrailingRequiresClause()));
  }
  return Cache[Heading] = std::move(C.Found);  // the map may have grown
}

std::vector<const NamedDecl *> TemplateHeadings::lookUp(const Names &Asked, ArrayRef<TemplateArgument> Args) {
  std::vector<const NamedDecl *> Out;
  if (Asked.empty()) return Out;
  std::vector<const CXXRecordDecl *> Classes;
  for (const TemplateArgument &A : Args) classesOf(A, Classes);
  for (size_t I = 0; I < Classes.size(); ++I) {  // and their bases
    const CXXRecordDecl *RD = Classes[I]->getDefinition();
    if (!RD) continue;
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (const CXXRecordDecl *B = Base.getType()->getAsCXXRecordDecl();
          B && std::find(Classes.begin(), Classes.end(), B) == Classes.end())
        Classes.push_back(B);
  }
  for (const CXXRecordDecl *RD : Classes) {
    RD = RD->getDefinition();
    if (!RD || inSystemHeader(SM, RD)) continue;  // never reported
    for (const IdentifierInfo *Id : Asked)
      for (const NamedDecl *Member : RD->lookup(DeclarationName(Id))) {
        const NamedDecl *D = Member->getUnderlyingDecl();
        if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) D = T->getTemplatedDecl();
        if (const auto *T = dyn_cast<ClassTemplateDecl>(D)) D = T->getTemplatedDecl();
        if (isa<FunctionDecl>(D) || isa<VarDecl>(D) || isa<CXXRecordDecl>(D)) Out.push_back(D);
      }
  }
  return Out;
}

std::vector<const NamedDecl *> TemplateHeadings::membersAsked(const ClassTemplateSpecializationDecl *Spec) {
  if (Spec->getSpecializationKind() == TSK_ExplicitSpecialization) return {};
  auto From = Spec->getSpecializedTemplateOrPartial();
  if (const auto *Partial = From.dyn_cast<ClassTemplatePartialSpecializationDecl *>())
    return lookUp(namesOf(Partial), Spec->getTemplateInstantiationArgs().asArray());
  return lookUp(namesOf(Spec->getSpecializedTemplate()), Spec->getTemplateArgs().asArray());
}

std::vector<const NamedDecl *> TemplateHeadings::membersAsked(const FunctionDecl *Spec) {
  const FunctionTemplateDecl *T = Spec->getPrimaryTemplate();
  const TemplateArgumentList *Args = Spec->getTemplateSpecializationArgs();
  if (!T || !Args || Spec->getTemplateSpecializationKind() == TSK_ExplicitSpecialization) return {};
  return lookUp(namesOf(T), Args->asArray());
}

}  // namespace deadwood
