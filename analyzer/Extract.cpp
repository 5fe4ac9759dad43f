// Clang AST => TuSummary.
//
// One RecursiveASTVisitor, so one file (~840 lines): what the removal
// deletes per declaration is analyzer/DeclRange, facts asked of
// declarations are analyzer/DeclFacts.
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
// (`std::sort<It, Cmp>`) can.
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
#include "analyzer/Extract.h"

#include "analyzer/DeclFacts.h"
#include "analyzer/DeclRange.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"

#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace deadwood {
namespace {

using namespace clang;

class Extractor : public RecursiveASTVisitor<Extractor> {
  using Base = RecursiveASTVisitor<Extractor>;

public:
  Extractor(ASTContext &Ctx, TuSummary &Out)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Out(Out),
        Policy(Ctx.getPrintingPolicy()) {
    Policy.SuppressUnwrittenScope = true;
    Policy.AnonymousTagLocations = false;
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D) return true;
    if (const auto *F = dyn_cast<FieldDecl>(D); F && F->hasInClassInitializer())
      return traverseFieldButNotItsInitializer(F);
    if (skipWholly(D)) return true;
    // Project classes contain the types their definitions name; a library
    // class is never reported, so what it names does not matter.
    bool IsClass = isa<CXXRecordDecl>(D) && !cast<CXXRecordDecl>(D)->isLambda() &&
                   !inSystemHeader(D->getLocation());
    if (!isContainer(D) && !IsClass) return Base::TraverseDecl(D);
    Containers.push_back({symbolFor(cast<NamedDecl>(D)), IsClass});
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
    if (FD->isDependentContext() && !FD->isTemplated()) return true;
    explicitInstantiation(FD);
    recordSite(FD, FD->isThisDeclarationADefinition());
    aliasOf(FD);
    if (FD->isThisDeclarationADefinition()) functionRoots(FD);
    if (FD->doesThisDeclarationHaveABody() || FD->isDefaulted())
      if (isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD))
        memberDestructorEdges(cast<CXXMethodDecl>(FD)->getParent(), FD->getLocation());
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (isContainer(VD)) {
      recordSite(VD, VD->isThisDeclarationADefinition() != VarDecl::DeclarationOnly);
      variableRoots(VD);
      aliasOf(VD);
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
    }
    recordSite(RD, RD->isThisDeclarationADefinition());
    return true;
  }

  // --- types named ------------------------------------------------------------

  bool VisitRecordTypeLoc(RecordTypeLoc TL) {
    return edge(TL.getDecl(), EdgeKind::TypeUse, TL.getNameLoc());
  }

  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    const Decl *Named = TL.getTypePtr()->getAsCXXRecordDecl();
    if (!Named)
      if (const auto *T = dyn_cast_or_null<ClassTemplateDecl>(
              TL.getTypePtr()->getTemplateName().getAsTemplateDecl()))
        Named = T->getTemplatedDecl();
    return edge(Named, EdgeKind::TypeUse, TL.getTemplateNameLoc());
  }

  // --- references -----------------------------------------------------------

  bool VisitCallExpr(CallExpr *E) {
    if (const Expr *Callee = E->getCallee()) Callees.insert(Callee->IgnoreParenImpCasts());
    if (const FunctionDecl *F = E->getDirectCallee(); F && isLookupByName(F)) lookupByName(E);
    return true;
  }

  // --- code named by a string ---------------------------------------------------
  // Inline assembly and alias attributes name symbols in text; they are
  // resolved against the TU's declarations when the walk is done.

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    PendingNames.push_back({container(EdgeKind::Call), S->getAsmString()->getString().str(),
                            S->getAsmLoc(), /*IsAlias=*/false});
    return true;
  }

  bool VisitFileScopeAsmDecl(FileScopeAsmDecl *D) {
    PendingNames.push_back({-1, D->getAsmString()->getString().str(), D->getAsmLoc(), false});
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const ValueDecl *D = E->getDecl();
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D); MD && MD->isVirtual())
      return edge(MD, EdgeKind::VirtualCall, E->getLocation());  // &B::f
    if (isa<FunctionDecl>(D))
      return edge(D, Callees.contains(E) ? EdgeKind::Call : EdgeKind::Address,
                  E->getLocation());
    if (isa<VarDecl>(D) && isContainer(D))
      return edge(D, EdgeKind::Reference, E->getLocation());
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    const ValueDecl *D = E->getMemberDecl();
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
      bool Dispatched = MD->isVirtual() && !E->hasQualifier();
      return edge(MD, Dispatched                ? EdgeKind::VirtualCall
                      : Callees.contains(E)     ? EdgeKind::Call
                                                : EdgeKind::Address,
                  E->getMemberLoc());
    }
    if (isa<VarDecl>(D)) return edge(D, EdgeKind::Reference, E->getMemberLoc());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    CXXConstructionKind K = E->getConstructionKind();
    bool BasePart = K == CXXConstructionKind::NonVirtualBase || K == CXXConstructionKind::VirtualBase;
    return edge(E->getConstructor(), BasePart ? EdgeKind::ConstructBase : EdgeKind::Construct,
                E->getBeginLoc());
  }

  bool VisitCXXInheritedCtorInitExpr(CXXInheritedCtorInitExpr *E) {
    return edge(E->getConstructor(), EdgeKind::ConstructBase, E->getBeginLoc());
  }

  bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *E) {
    return edge(E->getTemporary()->getDestructor(), EdgeKind::Destroy, E->getBeginLoc());
  }

  bool VisitCXXNewExpr(CXXNewExpr *E) {
    edge(E->getOperatorNew(), EdgeKind::Allocate, E->getBeginLoc());
    return edge(E->getOperatorDelete(), EdgeKind::Allocate, E->getBeginLoc());
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    edge(E->getOperatorDelete(), EdgeKind::Allocate, E->getBeginLoc());
    QualType T = E->getDestroyedType();
    if (T.isNull() || T->isDependentType()) return true;
    return destroyEdges(T, E->getBeginLoc(), /*Dispatched=*/true);
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
        unevaluated([&] { return edge(T, isa<RecordDecl>(T) ? EdgeKind::TypeUse : EdgeKind::Call, D->getLocation()); });
    }
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *E) {
    return edge(E->getCallOperator(), EdgeKind::Address, E->getBeginLoc());
  }

  /// Resolves what inline assembly and alias attributes name, by plain or
  /// mangled name, among the TU's own functions and variables. Precision
  /// first: every match is kept alive, and a note says so.
  void resolvePendingNames() {
    if (PendingNames.empty()) return;
    std::map<std::string, std::vector<int>> ByName;
    ASTNameGenerator Mangler(Ctx);
    for (int Id = 0; Id < static_cast<int>(Decls.size()); ++Id) {
      const NamedDecl *D = Decls[Id];
      if (!(isa<FunctionDecl>(D) || isa<VarDecl>(D)) || D->isTemplated() || D->isInvalidDecl() ||
          inSystemHeader(D->getLocation()) || isa<CXXConstructorDecl>(D) || isa<CXXDestructorDecl>(D))
        continue;
      if (D->getIdentifier()) ByName[D->getName().str()].push_back(Id);
      ByName[Mangler.getName(D)].push_back(Id);
    }
    for (const PendingName &P : PendingNames) resolve(P, ByName);
  }

private:
  struct PendingName {
    int From;          ///< container, or -1 at namespace scope
    std::string Text;  ///< the assembly, or the alias target's mangled name
    SourceLocation Loc;
    bool IsAlias;
  };

  void resolve(const PendingName &P, const std::map<std::string, std::vector<int>> &ByName) {
    std::vector<std::string> Names = P.IsAlias ? std::vector<std::string>{P.Text} : identifiers(P.Text);
    for (const std::string &Name : Names) {
      auto It = ByName.find(Name);
      if (It == ByName.end()) {
        if (!P.IsAlias) elsewhere(P, Name);
        continue;
      }
      for (int Id : It->second) {
        if (Id == P.From) continue;
        Out.Edges.push_back(Edge{P.From, Id, EdgeKind::Address});
        std::tie(Out.Edges.back().File, Out.Edges.back().Line, Out.Edges.back().Column) = position(P.Loc);
        note(P.Loc, std::string(P.IsAlias ? "alias attribute" : "inline assembly") + " names '" +
                        Name + "': '" + Out.Symbols[Id].Name + "' is kept alive");
      }
    }
  }

  /// Assembly may name a C function another TU defines (`call target_fn`):
  /// an edge to the USR such a function has, which the link resolves when
  /// some TU defines it (and which stays a never-reported declaration when
  /// none does: `mov` and `eax` name nothing).
  void elsewhere(const PendingName &P, const std::string &Name) {
    auto [It, New] = Elsewhere.try_emplace(Name, static_cast<int>(Out.Symbols.size()));
    if (New) {
      Symbol S;
      S.Usr = "c:@F@" + Name;
      S.Name = Name;
      S.Flags = flag::Implicit;
      Out.Symbols.push_back(std::move(S));
    }
    int Id = It->second;
    if (!SeenEdges.insert({P.From, Id, static_cast<int>(EdgeKind::Address)}).second) return;
    Out.Edges.push_back(Edge{P.From, Id, EdgeKind::Address});
    std::tie(Out.Edges.back().File, Out.Edges.back().Line, Out.Edges.back().Column) = position(P.Loc);
  }

  /// `__attribute__((alias("target")))`, `__attribute__((ifunc("resolver")))`:
  /// the mangled name of what the declaration needs.
  void aliasOf(const NamedDecl *D) {
    if (const auto *A = D->getAttr<AliasAttr>())
      PendingNames.push_back({symbolFor(D), A->getAliasee().str(), D->getLocation(), true});
    if (const auto *A = D->getAttr<IFuncAttr>())
      PendingNames.push_back({symbolFor(D), A->getResolver().str(), D->getLocation(), true});
  }

  /// `dlsym(handle, "name")`: the named symbol is a root, resolved at link.
  /// A computed name cannot be followed: the note says to add a keep rule.
  void lookupByName(const CallExpr *E) {
    if (E->getNumArgs() < 2) return;
    const auto *Lit = dyn_cast<StringLiteral>(E->getArg(1)->IgnoreParenImpCasts());
    if (!Lit || Lit->getCharByteWidth() != 1) {
      note(E->getBeginLoc(), "a symbol is looked up by a computed name: what it finds is not "
                             "seen; keep it with a keep rule");
      return;
    }
    NameLookup L{Lit->getString().str()};
    std::tie(L.File, L.Line, L.Column) = position(E->getBeginLoc());
    Out.Lookups.push_back(std::move(L));
  }

  void note(SourceLocation Loc, std::string Text) {
    Note N;
    std::tie(N.File, N.Line, N.Column) = position(Loc);
    N.Text = std::move(Text);
    Out.Notes.push_back(std::move(N));
  }

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
  /// that are not instantiations.
  bool skipWholly(const Decl *D) {
    if (!isa<FunctionDecl>(D) && !isa<VarDecl>(D)) return false;
    if (isa<ParmVarDecl>(D)) return false;
    return inSystemHeader(D->getLocation()) && !isInstantiated(D);
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
    if (inSystemHeader(Loc)) return;
    const auto *ND = cast<NamedDecl>(D);
    if (isa<RecordDecl>(ND)) {
      edgeFromScope(ND, EdgeKind::TypeUse, Loc);
      if (K == TSK_ExplicitInstantiationDefinition)
        for (const Decl *M : cast<CXXRecordDecl>(ND)->decls())
          if (const auto *MD = dyn_cast<CXXMethodDecl>(M); MD && !MD->isImplicit())
            root(MD, RootReason::ScopeUse, "explicitly instantiated");
    } else if (K == TSK_ExplicitInstantiationDefinition) {
      root(ND, RootReason::ScopeUse, "explicitly instantiated");
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
    if (!inSystemHeader(Loc) || inSystemHeader(Spec->getSpecializedTemplate()->getLocation())) return;
    edgeFromScope(Spec, EdgeKind::TypeUse, Loc);
  }

  /// An edge from namespace scope, whatever is being walked.
  void edgeFromScope(const NamedDecl *To, EdgeKind Kind, SourceLocation Loc) {
    std::vector<Container> Saved;
    Saved.swap(Containers);
    edge(To, Kind, Loc);
    Containers.swap(Saved);
  }

  /// What is alive without a caller: `main` (also under -ffreestanding,
  /// where Clang does not call it main), `wmain`, a fuzzer's entry points.
  bool isEntryPoint(const FunctionDecl *FD) const {
    if (FD->isMain()) return true;
    if (!FD->getDeclContext()->getRedeclContext()->isTranslationUnit() || !FD->getIdentifier()) return false;
    if (linkageOf(FD) != Linkage::External) return false;
    llvm::StringRef Name = FD->getName();
    return Name == "main" || Name == "wmain" || Name == "WinMain" || Name == "wWinMain" ||
           Name == "LLVMFuzzerTestOneInput" || Name == "LLVMFuzzerInitialize" ||
           Name == "LLVMFuzzerCustomMutator" || Name == "LLVMFuzzerCustomCrossOver";
  }

  void functionRoots(const FunctionDecl *FD) {
    if (inSystemHeader(FD->getLocation())) return;
    if (isEntryPoint(FD)) root(FD, RootReason::Main);
    else if (FD->hasAttr<ConstructorAttr>() || FD->hasAttr<DestructorAttr>() ||
             FD->hasAttr<UsedAttr>() || FD->hasAttr<RetainAttr>())
      root(FD, RootReason::Attribute);
    else if (FD->isReplaceableGlobalAllocationFunction())
      root(FD, RootReason::ReplaceableNew);
  }

  void variableRoots(const VarDecl *VD) {
    if (inSystemHeader(VD->getLocation()) || VD->isTemplated()) return;
    if (VD->isThisDeclarationADefinition() == VarDecl::DeclarationOnly) return;
    if (VD->hasAttr<UsedAttr>() || VD->hasAttr<RetainAttr>())
      return root(VD, RootReason::Attribute);
    const Expr *Init = VD->getInit();
    bool DynamicInit = Init && !Init->isValueDependent() && !VD->hasConstantInitialization();
    if (DynamicInit || VD->needsDestruction(Ctx) != QualType::DK_none)
      root(VD, RootReason::StaticInit);
  }

  /// Edges from a constructor or destructor to the destructors of its
  /// class's bases and members (a destructor runs them; a constructor needs
  /// them to unwind).
  void memberDestructorEdges(const CXXRecordDecl *RD, SourceLocation Loc) {
    if (!RD->hasDefinition() || RD->isDependentType()) return;
    for (const CXXBaseSpecifier &B : RD->bases()) destroyEdges(B.getType(), Loc);
    for (const FieldDecl *F : RD->fields())
      if (!F->getType()->isReferenceType()) destroyEdges(F->getType(), Loc);
  }

  /// Edges to whatever destroys an object of type T: its destructor, or when
  /// the compiler has not declared one, the destructors of its parts.
  /// Dispatched: destroyed through a pointer (`delete p`), so a virtual
  /// destructor dispatches; otherwise the static type is the dynamic one.
  bool destroyEdges(QualType T, SourceLocation Loc, bool Dispatched = false) {
    if (T.isNull() || T->isDependentType()) return true;
    const auto *RD = Ctx.getBaseElementType(T)->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition() || RD->hasTrivialDestructor()) return true;
    RD = RD->getDefinition();
    if (const CXXDestructorDecl *Dtor = RD->getDestructor())
      return edge(Dtor, Dispatched && Dtor->isVirtual() ? EdgeKind::VirtualCall : EdgeKind::Destroy,
                  Loc);
    memberDestructorEdges(RD, Loc);
    return true;
  }

  // --- recording --------------------------------------------------------------

  bool edge(const Decl *Target, EdgeKind Kind, SourceLocation Loc) {
    const auto *ND = dyn_cast_or_null<NamedDecl>(Target);
    if (!ND || ND->isInvalidDecl()) return true;
    if (const auto *FD = dyn_cast<FunctionDecl>(ND); FD && FD->isDependentContext() &&
                                                    !FD->isTemplated())
      return true;
    if (const auto *RD = dyn_cast<CXXRecordDecl>(ND);
        Kind == EdgeKind::TypeUse && (inSystemHeader(ND->getLocation()) || ND->isImplicit() ||
                                      (RD && RD->isLambda())))
      return true;  // never reported, so naming it changes nothing
    if (UnevaluatedDepth > 0 && Kind != EdgeKind::TypeUse) Kind = EdgeKind::Unevaluated;
    int From = container(Kind);
    if (From < 0 && inSystemHeader(Loc)) return true;
    int To = symbolFor(ND);
    if (To < 0 || !SeenEdges.insert({From, To, static_cast<int>(Kind)}).second) return true;
    Edge E;
    E.From = From;
    E.To = To;
    E.Kind = Kind;
    std::tie(E.File, E.Line, E.Column) = position(Loc);
    Out.Edges.push_back(std::move(E));
    return true;
  }

  /// Whether Loc lies in the body of the innermost enclosing function.
  bool insideFunctionBody(SourceLocation Loc) const {
    if (Containers.empty() || Containers.back().IsClass) return false;
    const auto *FD = dyn_cast<FunctionDecl>(Decls[Containers.back().Id]);
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

  void root(const NamedDecl *D, RootReason Reason, std::string Note = "") {
    int Id = symbolFor(D);
    if (Id >= 0 && SeenRoots.insert(Id).second)
      Out.Roots.push_back(Root{Out.Symbols[Id].Usr, Reason, std::move(Note)});
  }

  /// `// deadwood: keep(reason)` on the declaration's first line, its name's
  /// line, or the line above: the user says it is alive.
  void keepComment(const NamedDecl *D) {
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
                         Out.Files[fileIndex(FID)] + ":" + std::to_string(L);
      root(D, RootReason::KeepRule, Note);
      // A kept class keeps what it declares.
      if (const auto *RD = dyn_cast<CXXRecordDecl>(D); RD && RD->isThisDeclarationADefinition())
        for (const Decl *M : RD->decls())
          if (const auto *Member = dyn_cast<NamedDecl>(M);
              Member && !Member->isImplicit() && (isa<FunctionDecl>(Member) || isa<VarDecl>(Member) ||
                                                 isa<FunctionTemplateDecl>(Member)))
            root(isa<FunctionTemplateDecl>(Member) ? cast<FunctionTemplateDecl>(Member)->getTemplatedDecl()
                                                   : Member,
                 RootReason::KeepRule, Note);
      return;
    }
  }

  /// Adds one declaration's site to its symbol. System-header sites are not
  /// kept: nothing there is ever reported or edited.
  void recordSite(const NamedDecl *D, bool IsDefinition) {
    if (inSystemHeader(D->getLocation())) return;
    int Id = symbolFor(D);
    keepComment(D);
    Symbol &S = Out.Symbols[Id];
    Site Where = siteOf(D);
    // Clang declares `operator new` itself before the user replaces it: the
    // symbol is not implicit once someone wrote it.
    if (!D->isImplicit()) S.Flags &= ~flag::Implicit;
    if (IsDefinition) {
      if (!S.HasDefinition) S.Definition = Where;
      S.HasDefinition = true;
      S.Flags &= ~flag::FromMacro;
      if (D->getLocation().isMacroID()) S.Flags |= flag::FromMacro;
    } else if (std::find(S.Declarations.begin(), S.Declarations.end(), Where) ==
               S.Declarations.end()) {
      S.Declarations.push_back(Where);
    }
  }

  /// The symbol for D, created on first sight with everything that does not
  /// depend on which redeclaration we are looking at.
  int symbolFor(const NamedDecl *D) {
    D = cast<NamedDecl>(D->getCanonicalDecl());
    if (auto It = SymbolIds.find(D); It != SymbolIds.end()) return It->second;
    int Id = static_cast<int>(Out.Symbols.size());
    SymbolIds[D] = Id;
    Decls.push_back(D);
    Symbol S;
    S.Usr = usrOf(D);
    S.Kind = kindOf(D);
    S.Link = linkageOf(D);
    S.Name = nameOf(D);
    S.Flags = flagsOf(D);
    Out.Symbols.push_back(std::move(S));
    // Relations may create further symbols: fill them in after the push.
    fillRelations(D, Id);
    return Id;
  }

  void fillRelations(const NamedDecl *D, int Id) {
    std::string Parent, Pattern;
    std::vector<std::string> Overrides, Bases;
    if (const auto *Outer = dyn_cast<CXXRecordDecl>(D->getDeclContext());
        Outer && !isa<CXXMethodDecl>(D))
      Parent = usrAt(symbolFor(Outer));  // a static data member or a nested class
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
      Parent = usrAt(symbolFor(MD->getParent()));
      for (const CXXMethodDecl *O : MD->overridden_methods())
        Overrides.push_back(usrAt(symbolFor(O)));
    }
    // An explicit or partial specialization needs its primary template
    // declared: it maps to it like an instantiation, so it keeps it.
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (const FunctionDecl *P = FD->getTemplateInstantiationPattern(false))
        Pattern = usrAt(symbolFor(P));
      else if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate();
               Primary && FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
        Pattern = usrAt(symbolFor(Primary->getTemplatedDecl()));
    }
    if (const auto *VD = dyn_cast<VarDecl>(D))
      if (const VarDecl *P = VD->getTemplateInstantiationPattern()) Pattern = usrAt(symbolFor(P));
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
      if (const CXXRecordDecl *Def = RD->getDefinition(); Def && !Def->isDependentType())
        for (const CXXBaseSpecifier &B : Def->bases())
          if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl())
            Bases.push_back(usrAt(symbolFor(BR)));
      if (const CXXRecordDecl *P = RD->getTemplateInstantiationPattern(); P && P != RD)
        Pattern = usrAt(symbolFor(P));
      else if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
               Spec && Spec->getSpecializationKind() == TSK_ExplicitSpecialization)
        Pattern = usrAt(symbolFor(Spec->getSpecializedTemplate()->getTemplatedDecl()));
    }
    Symbol &S = Out.Symbols[Id];
    S.Parent = std::move(Parent);
    S.Pattern = Pattern == S.Usr ? std::string() : std::move(Pattern);
    S.Overrides = std::move(Overrides);
    S.Bases = std::move(Bases);
  }

  std::string usrAt(int Id) const { return Id < 0 ? std::string() : Out.Symbols[Id].Usr; }

  /// Clang's USR, made unique per file for what has no external linkage:
  /// Clang names a `static` function after its file's base name only, so two
  /// `util.cpp` in different folders would collide. Where Clang gives no USR
  /// the symbol is named by its file and offset, so it still is a node: an
  /// edge must never lose its container.
  std::string usrOf(const NamedDecl *D) {
    llvm::SmallString<128> Buf;
    auto [File, Line, Column] = position(D->getLocation());
    std::string Where = File < 0 ? std::string("?") : Out.Files[File];
    if (index::generateUSRForDecl(D, Buf))
      return "deadwood:" + Where + ":" + std::to_string(Line) + ":" + std::to_string(Column) +
             ":" + std::to_string(static_cast<int>(D->getKind()));
    std::string Usr(Buf.str());
    // Each `main` is its own program's entry: two programs' mains are two symbols.
    bool IsMain = isa<FunctionDecl>(D) && cast<FunctionDecl>(D)->isMain();
    // A record without linkage (a local class) already has its offset in
    // the USR; one in an anonymous namespace has only its file's base name.
    Linkage L = linkageOf(D);
    if ((IsMain || L == Linkage::Internal || (L == Linkage::None && !isa<RecordDecl>(D))) && File >= 0)
      Usr += "#" + Where;
    return Usr + constraintSuffix(D);
  }

  /// Clang's USRs leave out constraints: `template <std::integral T> f(T)`
  /// and `template <std::floating_point T> f(T)` (and their `f<int>`) would
  /// be one symbol. Constrained templates are told apart by where their
  /// first declaration is.
  std::string constraintSuffix(const NamedDecl *D) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD) return {};
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern(false)) FD = P;
    const FunctionTemplateDecl *T = FD->getDescribedFunctionTemplate();
    bool Constrained = FD->getTrailingRequiresClause() ||
                       (T && T->getTemplateParameters()->hasAssociatedConstraints());
    if (!Constrained) return {};
    auto [File, Line, Column] = position(FD->getCanonicalDecl()->getLocation());
    return "#requires@" + (File < 0 ? std::string("?") : Out.Files[File]) + ":" +
           std::to_string(Line) + ":" + std::to_string(Column);
  }

  uint32_t flagsOf(const NamedDecl *D) {
    uint32_t F = 0;
    auto Set = [&F](bool On, uint32_t Bit) { if (On) F |= Bit; };
    Set(D->isImplicit(), flag::Implicit);
    Set(inSystemHeader(D->getLocation()), flag::InSystemHeader);
    Set(D->getLocation().isMacroID(), flag::FromMacro);
    Set(D->hasAttr<UsedAttr>() || D->hasAttr<RetainAttr>(), flag::Used);
    Set(isInstantiated(D) && !D->isTemplated(), flag::Instantiation);
    Set(D->isTemplated(), flag::TemplatePattern);
    if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
      Set(FD->isVirtualAsWritten() || (isa<CXXMethodDecl>(FD) &&
                                       cast<CXXMethodDecl>(FD)->isVirtual()),
          flag::Virtual);
      Set(FD->isPureVirtual(), flag::Pure);
      Set(FD->isDefaulted(), flag::Defaulted);
      Set(FD->isDeleted(), flag::Deleted);
      Set(FD->isInlined(), flag::Inline);
      Set(FD->isConstexpr(), flag::Constexpr);
      Set(FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization,
          flag::ExplicitSpecialization);
      Set(FD->isExternC(), flag::ExternC);
      Set(FD->isMain(), flag::Main);
      if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
        Set(MD->getParent()->isLambda(), flag::Lambda);
    }
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) Set(RD->isLambda(), flag::Lambda);
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
      Set(Spec->getSpecializationKind() == TSK_ExplicitSpecialization &&
              inSystemHeader(Spec->getSpecializedTemplate()->getLocation()),
          flag::SpecializesLibrary);
    if (isa<FunctionDecl>(D) || isa<VarDecl>(D))
      Set(linkageOf(D) == Linkage::External && D->getVisibility() == HiddenVisibility, flag::Hidden);
    if (const auto *VD = dyn_cast<VarDecl>(D)) {
      Set(VD->isConstexpr(), flag::Constexpr);
      Set(VD->isInline(), flag::Inline);
      Set(VD->isExternC(), flag::ExternC);
    }
    return F;
  }

  std::string nameOf(const NamedDecl *D) {
    std::string Name;
    llvm::raw_string_ostream OS(Name);
    D->getNameForDiagnostic(OS, Policy, /*Qualified=*/true);
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD) return Name;
    OS << '(';
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      OS << (I ? ", " : "") << FD->getParamDecl(I)->getType().getAsString(Policy);
    if (FD->isVariadic()) OS << (FD->getNumParams() ? ", ..." : "...");
    OS << ')';
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      if (MD->isConst()) OS << " const";
      if (MD->isVolatile()) OS << " volatile";
      if (MD->getRefQualifier() == RQ_LValue) OS << " &";
      if (MD->getRefQualifier() == RQ_RValue) OS << " &&";
    }
    return Name;
  }

  // --- locations --------------------------------------------------------------

  bool inSystemHeader(SourceLocation Loc) const {
    return Loc.isValid() && SM.isInSystemHeader(SM.getFileLoc(Loc));
  }

  int fileIndex(FileID FID) {
    auto [It, Inserted] = FileIds.try_emplace(FID, -1);
    if (!Inserted) return It->second;
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
    if (!Entry) return -1;
    It->second = static_cast<int>(Out.Files.size());
    Out.Files.push_back(absolutePath(*Entry, SM.getFileManager()));
    return It->second;
  }

  /// File index, line, column of a location, macros resolved to where they
  /// are written in a file.
  std::tuple<int, uint32_t, uint32_t> position(SourceLocation Loc) {
    if (Loc.isInvalid()) return {-1, 0, 0};
    SourceLocation F = SM.getFileLoc(Loc);
    auto [FID, Offset] = SM.getDecomposedLoc(F);
    return {fileIndex(FID), SM.getLineNumber(FID, Offset), SM.getColumnNumber(FID, Offset)};
  }

  /// The site of one declaration: the byte range of its whole text
  /// (analyzer/DeclRange) and the position of its name.
  Site siteOf(const NamedDecl *D) {
    Site S;
    std::tie(S.File, S.Line, S.Column) = position(D->getLocation());
    DeclRange R = removalRange(D, Ctx);
    S.Begin = R.Begin;
    S.End = R.End;
    S.Lines = R.Lines;
    return S;
  }

  ASTContext &Ctx;
  SourceManager &SM;
  TuSummary &Out;
  PrintingPolicy Policy;
  struct Container {
    int Id;
    bool IsClass;
  };
  std::vector<Container> Containers;  ///< innermost last
  int UnevaluatedDepth = 0;     ///< inside sizeof, decltype, noexcept, ...
  llvm::DenseMap<const Decl *, int> SymbolIds;
  std::vector<const NamedDecl *> Decls;  ///< by symbol id
  std::vector<PendingName> PendingNames;
  std::map<std::string, int> Elsewhere;  ///< names assembly uses that no declaration here has
  llvm::DenseMap<FileID, int> FileIds;
  llvm::DenseSet<const Expr *> Callees;  ///< callee expressions of calls seen
  llvm::DenseSet<std::tuple<int, int, int>> SeenEdges;
  llvm::DenseSet<int> SeenRoots;
};

}  // namespace

void extractFromAST(clang::ASTContext &Ctx, TuSummary *Out) {
  Extractor X(Ctx, *Out);
  X.TraverseDecl(Ctx.getTranslationUnitDecl());
  X.resolvePendingNames();
  pruneLibrarySymbols(*Out);
  recordFilesRead(Ctx.getSourceManager(), Out);
}

}  // namespace deadwood
