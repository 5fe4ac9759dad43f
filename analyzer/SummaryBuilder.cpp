#include "analyzer/SummaryBuilder.h"

#include "analyzer/DeclFacts.h"
#include "analyzer/DeclRange.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

namespace deadwood {

using namespace clang;

SummaryBuilder::SummaryBuilder(ASTContext &Ctx, TuSummary &Out)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Out(Out), Policy(Ctx.getPrintingPolicy()) {
  Policy.SuppressUnwrittenScope = true;
  Policy.AnonymousTagLocations = false;
}

bool SummaryBuilder::addEdge(int From, int To, EdgeKind Kind, SourceLocation Loc) {
  if (!SeenEdges.insert({From, To, static_cast<int>(Kind)}).second) return false;
  Out.Edges.push_back(edge(From, To, Kind, Loc));
  return true;
}

Edge SummaryBuilder::edge(int From, int To, EdgeKind Kind, SourceLocation Loc) {
  Edge E{From, To, Kind};
  auto [File, Line, Column] = position(Loc);
  if (File <= kMaxEdgeFile) E.File = File, E.Line = Line, E.Column = Column;
  return E;
}

int SummaryBuilder::placeholder(const std::string &Usr, const std::string &Name) {
  auto [It, New] = Placeholders.try_emplace(Usr, static_cast<int>(Out.Symbols.size()));
  if (New) {
    Symbol &S = newSymbol(nullptr, /*IsLibrary=*/false);
    S.Usr = Usr;
    S.Name = Name;
    S.Flags = flag::Implicit;
    Described[It->second] = true;
  }
  return It->second;
}

/// Adds one declaration's site to its symbol. System-header sites are not
/// kept: nothing there is ever reported or edited.
void SummaryBuilder::recordSite(const NamedDecl *D, bool IsDefinition) {
  if (inSystemHeader(D->getLocation())) return;
  int Id = symbolFor(D);
  describe(Id);  // a library symbol the project redeclares
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
/// depend on which redeclaration we are looking at (a library symbol: its
/// declaration and relations only, until it is kept).
int SummaryBuilder::symbolFor(const NamedDecl *D) {
  D = cast<NamedDecl>(D->getCanonicalDecl());
  if (auto It = SymbolIds.find(D); It != SymbolIds.end()) return It->second;
  int Id = static_cast<int>(Out.Symbols.size());
  SymbolIds[D] = Id;
  newSymbol(D, inSystemHeader(D->getLocation()));
  if (!Library[Id]) describe(Id);
  // Relations may create further symbols: fill them in after the push.
  fillRelations(D, Id);
  return Id;
}

Symbol &SummaryBuilder::newSymbol(const NamedDecl *D, bool IsLibrary) {
  Decls.push_back(D);
  Related.emplace_back();
  Library.push_back(IsLibrary);
  Described.push_back(false);
  return Out.Symbols.emplace_back();
}

void SummaryBuilder::describe(int Id) {
  if (Described[Id]) return;
  Described[Id] = true;
  const NamedDecl *D = Decls[Id];
  Symbol &S = Out.Symbols[Id];
  S.Usr = usrOf(D);
  S.Kind = kindOf(D);
  S.Link = linkageOf(D);
  S.Name = nameOf(D);
  S.Flags = flagsOf(D);
}

const Symbol &SummaryBuilder::symbol(int Id) {
  describe(Id);
  return Out.Symbols[Id];
}

void SummaryBuilder::fillRelations(const NamedDecl *D, int Id) {
  Relations R;
  if (const auto *Outer = dyn_cast<CXXRecordDecl>(D->getDeclContext());
      Outer && !isa<CXXMethodDecl>(D))
    R.Parent = symbolFor(Outer);  // a static data member or a nested class
  if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
    R.Parent = symbolFor(MD->getParent());
    for (const CXXMethodDecl *O : MD->overridden_methods()) R.Overrides.push_back(symbolFor(O));
  }
  // An explicit or partial specialization needs its primary template
  // declared: it maps to it like an instantiation, so it keeps it.
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern(false))
      R.Pattern = symbolFor(P);
    else if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate();
             Primary && FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
      R.Pattern = symbolFor(Primary->getTemplatedDecl());
  }
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (const VarDecl *P = VD->getTemplateInstantiationPattern()) R.Pattern = symbolFor(P);
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    if (const CXXRecordDecl *Def = RD->getDefinition(); Def && !Def->isDependentType())
      for (const CXXBaseSpecifier &B : Def->bases())
        if (const CXXRecordDecl *BR = B.getType()->getAsCXXRecordDecl()) R.Bases.push_back(symbolFor(BR));
    if (const CXXRecordDecl *P = RD->getTemplateInstantiationPattern(); P && P != RD)
      R.Pattern = symbolFor(P);
    else if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
             Spec && Spec->getSpecializationKind() == TSK_ExplicitSpecialization)
      R.Pattern = symbolFor(Spec->getSpecializedTemplate()->getTemplatedDecl());
  }
  Related[Id] = std::move(R);
}

/// The library symbols whose edges cannot lead to the project: the
/// implementation's own code (isImplementations), not a root, not virtual
/// and not a constructor or destructor of a polymorphic class (dispatch
/// reaches overrides through those, not through edges), whose every edge
/// leads to such symbols. `std::vector<int>::push_back` and the dozens of
/// functions under it are; `std::sort<It, MyLess>` is not, nor is what
/// calls `::malloc` or a function of gtest's headers, which the project may
/// define. Their edges are dropped: a library symbol only they name is not
/// kept.
std::vector<bool> SummaryBuilder::closedLibrarySymbols() const {
  size_t N = Out.Symbols.size();
  auto Candidate = [&](size_t I) {
    const NamedDecl *D = Decls[I];
    if (!Library[I] || !D || !isImplementations(D)) return false;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(D)) {
      if (MD->isVirtual()) return false;
      if (isa<CXXConstructorDecl>(MD) || isa<CXXDestructorDecl>(MD)) {
        const CXXRecordDecl *Class = MD->getParent()->getDefinition();
        if (!Class || Class->isPolymorphic()) return false;
      }
    }
    return true;
  };
  std::vector<bool> Closed(N);
  for (size_t I = 0; I < N; ++I) Closed[I] = Candidate(I);
  for (int Id : RootIds)
    if (Id >= 0) Closed[Id] = false;
  // What reaches an open symbol is open.
  std::vector<std::vector<int>> Callers(N);
  for (const Edge &E : Out.Edges)
    if (E.From >= 0 && Closed[E.From]) Callers[E.To].push_back(E.From);
  std::vector<int> Work;
  for (size_t I = 0; I < N; ++I)
    if (!Closed[I]) Work.push_back(static_cast<int>(I));
  while (!Work.empty()) {
    int Open = Work.back();
    Work.pop_back();
    for (int Caller : Callers[Open])
      if (Closed[Caller]) Closed[Caller] = false, Work.push_back(Caller);
  }
  return Closed;
}

void SummaryBuilder::finish() {
  std::vector<bool> Closed = closedLibrarySymbols();
  std::erase_if(Out.Edges, [&](const Edge &E) { return E.From >= 0 && Closed[E.From]; });
  // Kept: what is not a library's, what an edge or a root mentions, and
  // what a kept symbol relates to.
  std::vector<bool> Keep(Out.Symbols.size(), false);
  std::vector<int> Work;
  auto Mark = [&](int I) {
    if (I >= 0 && !Keep[I]) Keep[I] = true, Work.push_back(I);
  };
  for (const Edge &E : Out.Edges) Mark(E.From), Mark(E.To);
  for (int Id : RootIds) Mark(Id);
  for (size_t I = 0; I < Out.Symbols.size(); ++I)
    if (!Library[I]) Mark(static_cast<int>(I));
  while (!Work.empty()) {
    const Relations &R = Related[Work.back()];
    Work.pop_back();
    Mark(R.Parent), Mark(R.Pattern);
    for (const std::vector<int> *List : {&R.Overrides, &R.Bases})
      for (int I : *List) Mark(I);
  }
  for (size_t I = 0; I < Out.Symbols.size(); ++I)
    if (Keep[I]) describe(static_cast<int>(I));
  auto UsrAt = [&](int I) { return I < 0 ? std::string() : Out.Symbols[I].Usr; };
  for (size_t I = 0; I < Out.Symbols.size(); ++I) {
    if (!Keep[I]) continue;
    const Relations &R = Related[I];
    Symbol &S = Out.Symbols[I];
    S.Parent = UsrAt(R.Parent);
    std::string Pattern = UsrAt(R.Pattern);
    S.Pattern = Pattern == S.Usr ? std::string() : std::move(Pattern);
    for (int O : R.Overrides) S.Overrides.push_back(UsrAt(O));
    for (int Base : R.Bases) S.Bases.push_back(UsrAt(Base));
  }
  for (size_t I = 0; I < RootIds.size(); ++I) Out.Roots[I].Usr = UsrAt(RootIds[I]);
  std::vector<int32_t> NewIndex(Out.Symbols.size(), -1);
  std::vector<Symbol> Kept;
  for (size_t I = 0; I < Out.Symbols.size(); ++I)
    if (Keep[I]) {
      NewIndex[I] = static_cast<int32_t>(Kept.size());
      Kept.push_back(std::move(Out.Symbols[I]));
    }
  Out.Symbols = std::move(Kept);
  for (Edge &E : Out.Edges) {
    if (E.From >= 0) E.From = NewIndex[E.From];
    E.To = NewIndex[E.To];
  }
}

/// Clang's USR, made unique per file for what has no external linkage:
/// Clang names a `static` function after its file's base name only, so two
/// `util.cpp` in different folders would collide. Where Clang gives no USR
/// the symbol is named by its file and offset, so it still is a node: an
/// edge must never lose its container.
std::string SummaryBuilder::usrOf(const NamedDecl *D) {
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
std::string SummaryBuilder::constraintSuffix(const NamedDecl *D) {
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

uint32_t SummaryBuilder::flagsOf(const NamedDecl *D) {
  uint32_t F = 0;
  auto Set = [&F](bool On, uint32_t Bit) { if (On) F |= Bit; };
  bool System = inSystemHeader(D->getLocation());
  Set(D->isImplicit(), flag::Implicit);
  Set(System, flag::InSystemHeader);
  Set(D->getLocation().isMacroID(), flag::FromMacro);
  Set(isInstantiated(D) && !D->isTemplated(), flag::Instantiation);
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    Set(FD->isVirtualAsWritten() || (isa<CXXMethodDecl>(FD) &&
                                     cast<CXXMethodDecl>(FD)->isVirtual()),
        flag::Virtual);
    Set(FD->isPureVirtual(), flag::Pure);
    Set(FD->isDefaulted(), flag::Defaulted);
    Set(FD->isDeleted(), flag::Deleted);
    Set(FD->isConstexpr(), flag::Constexpr);
    Set(FD->isExternC(), flag::ExternC);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      Set(MD->getParent()->isLambda(), flag::Lambda);
  }
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D)) Set(RD->isLambda(), flag::Lambda);
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    Set(Spec->getSpecializationKind() == TSK_ExplicitSpecialization &&
            inSystemHeader(Spec->getSpecializedTemplate()->getLocation()),
        flag::SpecializesLibrary);
  // Whether a library of the project exports it: asked of the TUs that see
  // it as the project's. Clang computes visibility afresh on every call,
  // and most symbols a TU describes are a system header's.
  if (!System && (isa<FunctionDecl>(D) || isa<VarDecl>(D)))
    Set(linkageOf(D) == Linkage::External && D->getVisibility() == HiddenVisibility, flag::Hidden);
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    Set(VD->isConstexpr(), flag::Constexpr);
    Set(VD->isExternC(), flag::ExternC);
  }
  return F;
}

std::string SummaryBuilder::nameOf(const NamedDecl *D) {
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

// --- files and locations ------------------------------------------------------

bool SummaryBuilder::inSystemHeader(SourceLocation Loc) const {
  return Loc.isValid() && SM.isInSystemHeader(SM.getFileLoc(Loc));
}

int SummaryBuilder::fileIndex(FileID FID) {
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
std::tuple<int, uint32_t, uint32_t> SummaryBuilder::position(SourceLocation Loc) {
  if (Loc.isInvalid()) return {-1, 0, 0};
  SourceLocation F = SM.getFileLoc(Loc);
  auto [FID, Offset] = SM.getDecomposedLoc(F);
  return {fileIndex(FID), SM.getLineNumber(FID, Offset), SM.getColumnNumber(FID, Offset)};
}

/// The site of one declaration: the byte range of its whole text
/// (analyzer/DeclRange) and the position of its name.
Site SummaryBuilder::siteOf(const NamedDecl *D) {
  Site S;
  std::tie(S.File, S.Line, S.Column) = position(D->getLocation());
  DeclRange R = removalRange(D, Ctx);
  S.Begin = R.Begin;
  S.End = R.End;
  S.Lines = R.Lines;
  return S;
}

void SummaryBuilder::root(const NamedDecl *D, RootReason Reason, std::string Note) {
  int Id = symbolFor(D);
  if (Id >= 0 && SeenRoots.insert(Id).second) {
    Out.Roots.push_back(Root{std::string(), Reason, std::move(Note)});  // named in finish()
    RootIds.push_back(Id);
  }
}

void SummaryBuilder::note(SourceLocation Loc, std::string Text) {
  Note N;
  std::tie(N.File, N.Line, N.Column) = position(Loc);
  N.Text = std::move(Text);
  Out.Notes.push_back(std::move(N));
}


}  // namespace deadwood
