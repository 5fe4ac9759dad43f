// Clang AST => TuSummary: the walk.
//
// One RecursiveASTVisitor decides what each piece of code needs (edges) and
// which declarations are sites of symbols. How a declaration becomes a
// symbol, and the summary's bookkeeping, is analyzer/SummaryBuilder; roots
// the AST shows are analyzer/Roots; code named by strings (assembly, alias
// attributes, dlsym) is analyzer/NamedByString; what the removal deletes per
// declaration is analyzer/DeclRange; facts asked of declarations are
// analyzer/DeclFacts; the members that chose a specialization are
// analyzer/Headings. It stays one file (~450 lines) because it is one
// visitor: each Visit/Traverse case is a few lines, and they share the
// walk's state (the container stack, unevaluated depth, callee set).
//
// Terms. A *symbol* is a function, method, variable or class, named by its
// USR. An *edge* says that the code of one symbol (its *container*: the
// function whose body, or the variable whose initializer, holds the
// reference) needs another. A *root* is a symbol that is alive without being
// referenced (main, a global with a dynamic initializer, ...).
//
// What is walked: every declaration of the TU, with implicit code (implicit
// constructors' bodies, range-for's begin/end, default arguments and default
// member initializers at the place they are used) and template instantiations
// (each instantiation is its own symbol, mapped to its pattern). Bodies of
// functions in system headers are skipped unless they are instantiations: a
// non-template system function cannot name project code, an instantiation
// (`std::sort<It, Cmp>`) can. Of a system header's class (or an
// instantiation of one), only what may be instantiated is walked: its
// functions, variables, nested classes, member templates and friends.
//
// What is approximated, always toward "alive":
//  - references in unevaluated operands (sizeof, decltype) count as edges;
//  - a member of a class with an in-class initializer is seen through the
//    constructors that use the initializer, never on its own;
//  - scope exit of a local calls its destructor from the enclosing function;
//    constructors also need the destructors of their bases and members
//    (unwinding), destructors need them too.
//  - a dependent call in a template pattern is not an edge: the instantiations
//    carry the resolved calls.
//  - a member that a specialization's heading looked up to choose it (a
//    partial specialization's arguments, default template arguments,
//    constraints) is named, found by name in the arguments' classes.
#include "analyzer/Extract.h"

#include "analyzer/DeclFacts.h"
#include "analyzer/Headings.h"
#include "analyzer/NamedByString.h"
#include "analyzer/Roots.h"
#include "analyzer/SummaryBuilder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace deadwood {
namespace {

using namespace clang;

class Extractor : public RecursiveASTVisitor<Extractor> {
  using Base = RecursiveASTVisitor<Extractor>;

public:
  Extractor(ASTContext &Ctx, TuSummary &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), B(Ctx, Out), Headings(Ctx.getSourceManager()) {}

  /// After the walk: what assembly and alias attributes name, then the
  /// summary's symbols (analyzer/SummaryBuilder's finish).
  void finish() {
    Names.resolve(B);
    B.finish();
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D) return true;
    if (const auto *F = dyn_cast<FieldDecl>(D); F && F->hasInClassInitializer())
      return traverseFieldButNotItsInitializer(F);
    if (skipWholly(D)) return true;
    if (auto *RD = dyn_cast<CXXRecordDecl>(D); RD && isLibraryClass(RD))
      return traverseWhatALibraryClassInstantiates(RD);
    if (auto *T = dyn_cast<ClassTemplateDecl>(D); T && isLibraryTemplate(T)) return traverseLibraryTemplate(T);
    if (auto *T = dyn_cast<FunctionTemplateDecl>(D); T && isLibraryTemplate(T)) return traverseLibraryTemplate(T);
    if (auto *T = dyn_cast<VarTemplateDecl>(D); T && isLibraryTemplate(T)) return traverseLibraryTemplate(T);
    // Project classes contain the types their definitions name; a library
    // class is never reported, so what it names does not matter.
    bool IsClass = isa<CXXRecordDecl>(D) && !cast<CXXRecordDecl>(D)->isLambda() &&
                   !B.inSystemHeader(D->getLocation());
    if (!isContainer(D) && !IsClass) return Base::TraverseDecl(D);
    Containers.push_back({B.symbolFor(cast<NamedDecl>(D)), IsClass});
    bool Ok = Base::TraverseDecl(D);
    Containers.pop_back();
    return Ok;
  }

  // --- unevaluated operands ---------------------------------------------------
  // What is named here must be declared, but never runs: edges of kind
  // Unevaluated, which reachability does not follow.

  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
    return unevaluated([&] { return Base::TraverseUnaryExprOrTypeTraitExpr(E); });
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *E) {
    return unevaluated([&] { return Base::TraverseCXXNoexceptExpr(E); });
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc TL) {
    return unevaluated([&] { return Base::TraverseDecltypeTypeLoc(TL); });
  }
  bool TraverseRequiresExpr(RequiresExpr *E) {
    return unevaluated([&] { return Base::TraverseRequiresExpr(E); });
  }
  bool TraverseCXXTypeidExpr(CXXTypeidExpr *E) {
    if (E->isPotentiallyEvaluated()) return Base::TraverseCXXTypeidExpr(E);
    return unevaluated([&] { return Base::TraverseCXXTypeidExpr(E); });
  }

  // --- declarations ---------------------------------------------------------

  bool VisitFunctionDecl(FunctionDecl *FD) {
    explicitInstantiation(FD);
    for (const NamedDecl *Asked : Headings.membersAsked(FD))
      usedByHeading(B.symbolFor(FD), Asked, pointOfInstantiation(FD));
    site(FD, FD->isThisDeclarationADefinition());
    Names.aliasOf(FD, B);
    if (FD->isThisDeclarationADefinition()) functionRoots(FD, B);
    if (FD->doesThisDeclarationHaveABody() || FD->isDefaulted())
      if (isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD))
        memberDestructorEdges(cast<CXXMethodDecl>(FD)->getParent(), FD->getLocation());
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (isContainer(VD)) {
      site(VD, VD->isThisDeclarationADefinition() != VarDecl::DeclarationOnly);
      variableRoots(VD, B);
      Names.aliasOf(VD, B);
    }
    if (const auto *Cleanup = VD->getAttr<CleanupAttr>())  // runs at scope exit
      edge(Cleanup->getFunctionDecl(), EdgeKind::Call, Cleanup->getLocation());
    // A local, a parameter or a global of class type is destroyed by the
    // code that holds it.
    if (VD->isThisDeclarationADefinition() != VarDecl::DeclarationOnly || isa<ParmVarDecl>(VD))
      destroyEdges(VD->getType(), VD->getLocation());
    return true;
  }

  /// A class, or a C struct or union.
  bool VisitRecordDecl(RecordDecl *RD) {
    if (const auto *CRD = dyn_cast<CXXRecordDecl>(RD); CRD && CRD->isLambda()) return true;
    if (RD->isInjectedClassName()) return true;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      explicitInstantiation(Spec);
      instantiatedByLibrary(Spec);
      for (const NamedDecl *Asked : Headings.membersAsked(Spec)) usedByHeading(-1, Asked, pointOfInstantiation(Spec));
    }
    site(RD, RD->isThisDeclarationADefinition());
    return true;
  }

  // --- types named ------------------------------------------------------------

  bool VisitRecordTypeLoc(RecordTypeLoc TL) {
    edge(TL.getDecl(), EdgeKind::TypeUse, TL.getNameLoc());
    return true;
  }

  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    const Decl *Named = TL.getTypePtr()->getAsCXXRecordDecl();
    if (!Named)
      if (const auto *T = dyn_cast_or_null<ClassTemplateDecl>(
              TL.getTypePtr()->getTemplateName().getAsTemplateDecl()))
        Named = T->getTemplatedDecl();
    edge(Named, EdgeKind::TypeUse, TL.getTemplateNameLoc());
    return true;
  }

  // --- references -----------------------------------------------------------

  bool VisitCallExpr(CallExpr *E) {
    if (const Expr *Callee = E->getCallee()) Callees.insert(Callee->IgnoreParenImpCasts());
    if (const FunctionDecl *F = E->getDirectCallee(); F && isLookupByName(F)) NamedByString::lookupByName(E, B);
    return true;
  }

  // --- code named by a string ---------------------------------------------------
  // Inline assembly and alias attributes name symbols in text; they are
  // resolved against the TU's declarations when the walk is done.

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    Names.assembly(container(EdgeKind::Call), S->getAsmString()->getString().str(), S->getAsmLoc());
    return true;
  }

  bool VisitFileScopeAsmDecl(FileScopeAsmDecl *D) {
    Names.assembly(-1, D->getAsmString()->getString().str(), D->getAsmLoc());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const ValueDecl *D = E->getDecl();
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D); MD && MD->isVirtual())
      edge(MD, EdgeKind::VirtualCall, E->getLocation());  // &B::f
    else if (isa<FunctionDecl>(D))
      edge(D, Callees.contains(E) ? EdgeKind::Call : EdgeKind::Address, E->getLocation());
    else if (isa<VarDecl>(D) && isContainer(D))
      edge(D, EdgeKind::Reference, E->getLocation());
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    const ValueDecl *D = E->getMemberDecl();
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
      bool Dispatched = MD->isVirtual() && !E->hasQualifier();
      edge(MD, Dispatched            ? EdgeKind::VirtualCall
               : Callees.contains(E) ? EdgeKind::Call
                                     : EdgeKind::Address,
           E->getMemberLoc());
    } else if (isa<VarDecl>(D)) {
      edge(D, EdgeKind::Reference, E->getMemberLoc());
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    CXXConstructionKind K = E->getConstructionKind();
    bool BasePart = K == CXXConstructionKind::NonVirtualBase || K == CXXConstructionKind::VirtualBase;
    edge(E->getConstructor(), BasePart ? EdgeKind::ConstructBase : EdgeKind::Construct, E->getBeginLoc());
    return true;
  }

  bool VisitCXXInheritedCtorInitExpr(CXXInheritedCtorInitExpr *E) {
    edge(E->getConstructor(), EdgeKind::ConstructBase, E->getBeginLoc());
    return true;
  }

  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    edge(E->getTemporary()->getDestructor(), EdgeKind::Destroy, E->getBeginLoc());
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *E) {
    edge(E->getOperatorNew(), EdgeKind::Allocate, E->getBeginLoc());
    edge(E->getOperatorDelete(), EdgeKind::Allocate, E->getBeginLoc());
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    edge(E->getOperatorDelete(), EdgeKind::Allocate, E->getBeginLoc());
    QualType T = E->getDestroyedType();
    if (T.isNull() || T->isDependentType()) return true;
    destroyEdges(T, E->getBeginLoc(), /*Dispatched=*/true);
    return true;
  }

  /// `auto [a, b] = t;` with a tuple-like `t` calls `get<0>(t)` in the
  /// initializers of hidden variables that the AST hangs off each binding.
  bool VisitBindingDecl(BindingDecl *BD) {
    if (VarDecl *Holding = BD->getHoldingVar()) return TraverseDecl(Holding);
    return true;
  }

  /// `f(t)` with a dependent `t`: which `f` is meant is decided per
  /// instantiation, and a function body's instantiations carry the resolved
  /// call. A constraint, a requires-clause or a default template argument is
  /// never instantiated as a body: every candidate it names counts as used.
  bool VisitOverloadExpr(OverloadExpr *E) {
    if (insideFunctionBody(E->getNameLoc())) return true;
    for (const NamedDecl *Candidate : E->decls()) {
      const NamedDecl *D = Candidate->getUnderlyingDecl();
      if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) D = T->getTemplatedDecl();
      if (isa<FunctionDecl>(D)) edge(D, EdgeKind::Call, E->getNameLoc());
    }
    return true;
  }

  /// `using ns::f;`, `using Base::f;`: the declaration must stay while the
  /// using-declaration does (it runs nothing).
  bool VisitUsingDecl(UsingDecl *D) {
    for (const UsingShadowDecl *Shadow : D->shadows()) {
      const NamedDecl *T = Shadow->getTargetDecl();
      if (const auto *FT = dyn_cast<FunctionTemplateDecl>(T)) T = FT->getTemplatedDecl();
      if (const auto *CT = dyn_cast<ClassTemplateDecl>(T)) T = CT->getTemplatedDecl();
      if (isa<CXXConstructorDecl>(T)) continue;  // `using B::B;`: what is used is seen at its uses
      if (isa<FunctionDecl>(T) || isa<VarDecl>(T) || isa<RecordDecl>(T))
        unevaluated([&] {
          edge(T, isa<RecordDecl>(T) ? EdgeKind::TypeUse : EdgeKind::Call, D->getLocation());
          return true;
        });
    }
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *E) {
    edge(E->getCallOperator(), EdgeKind::Address, E->getBeginLoc());
    return true;
  }

private:
  template <class Fn> bool unevaluated(Fn Traverse) {
    ++UnevaluatedDepth;
    bool Ok = Traverse();
    --UnevaluatedDepth;
    return Ok;
  }

  /// A member's in-class initializer is walked where a constructor or an
  /// aggregate initialization uses it; its type and bit-width are part of
  /// the class (`char name[kMax] = {}; Limits lim{};`).
  bool traverseFieldButNotItsInitializer(const FieldDecl *F) {
    if (const TypeSourceInfo *T = F->getTypeSourceInfo())
      if (!TraverseTypeLoc(T->getTypeLoc())) return false;
    if (F->isBitField()) return TraverseStmt(F->getBitWidth());
    return true;
  }

  /// Declarations whose insides we never walk: bodies of system functions
  /// that are not instantiations, and the declarations a library class's
  /// instantiation holds of members this TU never defines (what such a
  /// member needs is walked in the TU that uses, and so defines, it).
  bool skipWholly(const Decl *D) {
    if (!isa<FunctionDecl>(D) && !isa<VarDecl>(D)) return false;
    if (isa<ParmVarDecl>(D)) return false;
    if (!B.inSystemHeader(D->getLocation())) return false;
    if (!isInstantiated(D)) return true;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    return FD && Containers.empty() && !FD->isThisDeclarationADefinition() &&
           FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation;
  }

  /// A class of a system header, or an instantiation of one, reached from
  /// namespace scope. Walking it can only record edges from namespace scope
  /// at system-header locations, which edge() drops: its fields, typedefs,
  /// bases and static_asserts are passed over. What it holds that may be
  /// instantiated is walked: member functions and static data members
  /// (skipWholly keeps those that are instantiations), nested classes,
  /// member templates (their instantiations) and friends. The pattern must
  /// be a system header's too: `std::hash<Proj<int>>` instantiated from a
  /// partial specialization the project wrote has the primary template's
  /// location, and the project's text.
  bool isLibraryClass(const CXXRecordDecl *RD) const {
    if (!Containers.empty() || RD->isLambda() || !B.inSystemHeader(RD->getLocation())) return false;
    const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
    return !Pattern || B.inSystemHeader(Pattern->getLocation());
  }

  bool traverseWhatALibraryClassInstantiates(CXXRecordDecl *RD) {
    VisitRecordDecl(RD);  // an explicit instantiation the project wrote
    for (Decl *Member : RD->decls())
      if (isa<FunctionDecl, VarDecl, CXXRecordDecl, ClassTemplateDecl, FunctionTemplateDecl, VarTemplateDecl,
              FriendDecl, FriendTemplateDecl>(Member))
        if (!TraverseDecl(Member)) return false;
    return true;
  }

  /// A template of a system header reached from namespace scope: its
  /// parameter list (default arguments, constraints) could only give edges
  /// that edge() drops, so only its pattern and, once per template, its
  /// instantiations are walked.
  bool isLibraryTemplate(const RedeclarableTemplateDecl *T) const {
    return Containers.empty() && B.inSystemHeader(T->getLocation());
  }

  template <class TemplateDecl> bool traverseLibraryTemplate(TemplateDecl *T) {
    if (!TraverseDecl(T->getTemplatedDecl())) return false;
    return T != T->getCanonicalDecl() || TraverseTemplateInstantiations(T);
  }

  /// `template class X<int>;` makes every member of X<int> (a root, like
  /// exported code: the directive is there for other code to link against);
  /// `extern template class X<int>;` needs X declared. Either names the
  /// template at namespace scope, so it stays.
  void explicitInstantiation(const Decl *D) {
    TemplateSpecializationKind K = TSK_Undeclared;
    SourceLocation Loc;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D)) {
      K = Spec->getSpecializationKind();
      Loc = Spec->getPointOfInstantiation();
    } else if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      K = FD->getTemplateSpecializationKind();
      Loc = FD->getPointOfInstantiation();
    }
    if (K != TSK_ExplicitInstantiationDefinition && K != TSK_ExplicitInstantiationDeclaration) return;
    if (B.inSystemHeader(Loc)) return;
    const auto *ND = cast<NamedDecl>(D);
    if (isa<RecordDecl>(ND)) {
      edgeFromScope(ND, EdgeKind::TypeUse, Loc);
      if (K == TSK_ExplicitInstantiationDefinition)
        for (const Decl *M : cast<CXXRecordDecl>(ND)->decls())
          if (const auto *MD = dyn_cast<CXXMethodDecl>(M); MD && !MD->isImplicit())
            B.root(MD, RootReason::ScopeUse, "explicitly instantiated");
    } else if (K == TSK_ExplicitInstantiationDefinition) {
      B.root(ND, RootReason::ScopeUse, "explicitly instantiated");
    } else {
      edgeFromScope(ND, EdgeKind::Unevaluated, Loc);
    }
  }

  /// A project class template instantiated where a system header needs it
  /// (`A::rebind<U>::other` found by std::allocator_traits' detection, a
  /// trait's partial specialization matched): library code uses it in ways
  /// no walked code shows, so it is named.
  void instantiatedByLibrary(const ClassTemplateSpecializationDecl *Spec) {
    if (Spec->getSpecializationKind() != TSK_ImplicitInstantiation || !Spec->hasDefinition()) return;
    SourceLocation Loc = Spec->getPointOfInstantiation();
    if (!B.inSystemHeader(Loc) || B.inSystemHeader(Spec->getSpecializedTemplate()->getLocation())) return;
    if (int To = B.symbolFor(Spec); To >= 0) B.addEdge(-1, To, EdgeKind::TypeUse, Loc);  // at a system location
  }

  /// A member the heading of a specialization looked up to choose it
  /// (analyzer/Headings): from the function specialization From, or from
  /// namespace scope (-1) for a class's, wherever it was instantiated. A
  /// class or a variable is needed as a type or a value is; a function
  /// as a constant expression calls it if it is constexpr, else only as an
  /// unevaluated operand names it.
  template <class Specialization> static SourceLocation pointOfInstantiation(const Specialization *D) {
    SourceLocation Loc = D->getPointOfInstantiation();
    return Loc.isValid() ? Loc : D->getLocation();
  }

  void usedByHeading(int From, const NamedDecl *Member, SourceLocation Loc) {
    if (Member->isInvalidDecl() || B.inSystemHeader(Member->getLocation())) return;
    const auto *FD = dyn_cast<FunctionDecl>(Member);
    EdgeKind Kind = isa<RecordDecl>(Member) ? EdgeKind::TypeUse
                    : isa<VarDecl>(Member)  ? EdgeKind::Reference
                    : FD && FD->isConstexpr() ? EdgeKind::Call
                                              : EdgeKind::Unevaluated;
    if (int To = B.symbolFor(Member); To >= 0) B.addEdge(From, To, Kind, Loc);
  }

  /// An edge from namespace scope, whatever is being walked.
  void edgeFromScope(const NamedDecl *To, EdgeKind Kind, SourceLocation Loc) {
    std::vector<Container> Saved;
    Saved.swap(Containers);
    edge(To, Kind, Loc);
    Containers.swap(Saved);
  }

  /// Edges from a constructor or destructor to the destructors of its
  /// class's bases and members (a destructor runs them; a constructor needs
  /// them to unwind).
  void memberDestructorEdges(const CXXRecordDecl *RD, SourceLocation Loc) {
    if (!RD->hasDefinition() || RD->isDependentType()) return;
    for (const CXXBaseSpecifier &Spec : RD->bases()) destroyEdges(Spec.getType(), Loc);
    for (const FieldDecl *F : RD->fields())
      if (!F->getType()->isReferenceType()) destroyEdges(F->getType(), Loc);
  }

  /// Edges to whatever destroys an object of type T: its destructor, or when
  /// the compiler has not declared one, the destructors of its parts.
  /// Dispatched: destroyed through a pointer (`delete p`), so a virtual
  /// destructor dispatches; otherwise the static type is the dynamic one.
  void destroyEdges(QualType T, SourceLocation Loc, bool Dispatched = false) {
    if (T.isNull() || T->isDependentType()) return;
    const auto *RD = Ctx.getBaseElementType(T)->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() || RD->hasTrivialDestructor()) return;
    RD = RD->getDefinition();
    if (const CXXDestructorDecl *Dtor = RD->getDestructor())
      edge(Dtor, Dispatched && Dtor->isVirtual() ? EdgeKind::VirtualCall : EdgeKind::Destroy, Loc);
    else
      memberDestructorEdges(RD, Loc);
  }

  // --- recording --------------------------------------------------------------

  /// Records that the code being walked needs Target.
  void edge(const Decl *Target, EdgeKind Kind, SourceLocation Loc) {
    const auto *ND = dyn_cast_or_null<NamedDecl>(Target);
    if (!ND || ND->isInvalidDecl()) return;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(ND);
        Kind == EdgeKind::TypeUse && (B.inSystemHeader(ND->getLocation()) || ND->isImplicit() ||
                                      (RD && RD->isLambda())))
      return;  // never reported, so naming it changes nothing
    if (UnevaluatedDepth > 0 && Kind != EdgeKind::TypeUse) Kind = EdgeKind::Unevaluated;
    int From = container(Kind);
    if (From < 0 && B.inSystemHeader(Loc)) return;
    int To = B.symbolFor(ND);
    if (To >= 0) B.addEdge(From, To, Kind, Loc);
  }

  /// One declaration's site, and the keep comment on it. A definition
  /// whose body was skipped because another TU parsed it has its site (and
  /// its whole range: here it would end at the declarator) from that TU.
  void site(const NamedDecl *D, bool IsDefinition) {
    if (B.inSystemHeader(D->getLocation())) return;
    B.symbolFor(D);
    if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->hasSkippedBody()) return;
    keepComment(D, B);
    B.recordSite(D, IsDefinition);
  }

  /// Whether Loc lies in the body of the innermost enclosing function.
  bool insideFunctionBody(SourceLocation Loc) const {
    if (Containers.empty() || Containers.back().IsClass) return false;
    const auto *FD = dyn_cast<FunctionDecl>(B.decls()[Containers.back().Id]);
    const FunctionDecl *Def = nullptr;
    if (!FD || !FD->hasBody(Def) || !Def->getBody()) return false;
    SourceRange Body = Def->getBody()->getSourceRange();
    return SM.isPointWithin(SM.getFileLoc(Loc), SM.getFileLoc(Body.getBegin()), SM.getFileLoc(Body.getEnd()));
  }

  /// The symbol an edge of this kind starts at. A class is the container of
  /// the types its definition names; any other reference directly inside a
  /// class body (an array bound, a static_assert) is compile-time use: -1.
  int container(EdgeKind Kind) const {
    if (Containers.empty()) return -1;
    if (Containers.back().IsClass && Kind != EdgeKind::TypeUse) return -1;
    return Containers.back().Id;
  }

  ASTContext &Ctx;
  SourceManager &SM;
  SummaryBuilder B;
  NamedByString Names;
  TemplateHeadings Headings;
  struct Container {
    int Id;
    bool IsClass;
  };
  std::vector<Container> Containers;  ///< innermost last
  int UnevaluatedDepth = 0;     ///< inside sizeof, decltype, noexcept, ...
  llvm::DenseSet<const Expr *> Callees;  ///< callee expressions of calls seen
};

}  // namespace

void extractFromAST(clang::ASTContext &Ctx, TuSummary *Out) {
  Extractor X(Ctx, *Out);
  X.TraverseDecl(Ctx.getTranslationUnitDecl());
  X.finish();
  recordFilesRead(Ctx.getSourceManager(), Out);
}

}  // namespace deadwood
