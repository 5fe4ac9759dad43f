#include "analyzer/DeclRange.h"

#include "analyzer/DeclFacts.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

#include <cctype>
#include <optional>
#include <string>

namespace deadwood {
namespace {

using namespace clang;

/// Moves I back over white space in Text.
void skipSpaceBack(llvm::StringRef Text, size_t &I) {
  while (I > 0 && std::isspace(static_cast<unsigned char>(Text[I - 1]))) --I;
}

/// An attribute's range starts at its name: back up over `[[` or
/// `__attribute__((` / `__declspec(` before it.
uint32_t attributeOpener(llvm::StringRef Text, uint32_t Name) {
  size_t I = Name;
  skipSpaceBack(Text, I);
  if (I >= 2 && Text.substr(I - 2, 2) == "[[") return static_cast<uint32_t>(I - 2);
  for (llvm::StringRef Open : {"__attribute__((", "__attribute((", "__declspec("}) {
    size_t J = I;
    std::string Compact;  // the opener, spaces dropped, read backward
    while (J > 0 && Compact.size() < Open.size()) {
      char C = Text[--J];
      if (!std::isspace(static_cast<unsigned char>(C))) Compact.insert(Compact.begin(), C);
    }
    if (Compact == Open) return static_cast<uint32_t>(J);
  }
  return Name;
}

/// `template <> struct X<0> {...}`, `template <> void f<int>(int)`: Clang's
/// range starts after the `template <>` that belongs to them.
bool isSpecialization(const NamedDecl *D) {
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return Spec->getSpecializationKind() == TSK_ExplicitSpecialization &&
           !isa<ClassTemplatePartialSpecializationDecl>(D);
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) return FD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization;
  if (const auto *VD = dyn_cast<VarDecl>(D)) return VD->getTemplateSpecializationKind() == TSK_ExplicitSpecialization;
  return false;
}

/// The offset of `template <>` (white space between) right before Offset,
/// or Offset itself.
uint32_t templateHeaderBefore(llvm::StringRef Text, uint32_t Offset) {
  if (Offset > Text.size()) return Offset;
  size_t I = Offset;
  auto Expect = [&](llvm::StringRef Word) {
    skipSpaceBack(Text, I);
    if (I < Word.size() || Text.substr(I - Word.size(), Word.size()) != Word) return false;
    I -= Word.size();
    return true;
  };
  for (uint32_t Found = Offset;; Found = static_cast<uint32_t>(I)) {
    if (!Expect(">") || !Expect("<") || !Expect("template")) return Found;
    if (I > 0 && (std::isalnum(static_cast<unsigned char>(Text[I - 1])) || Text[I - 1] == '_')) return Found;
  }
}

/// The end of `= default` / `= delete` (or `= delete("why")`) after the
/// declarator that ends with the token at Last: Clang's range of an
/// out-of-line `S &S::operator=(const S &) = default;` stops before it.
uint32_t defaultedOrDeletedEnd(const SourceManager &SM, const LangOptions &LO, SourceLocation Last, uint32_t Offset) {
  std::optional<Token> Eq = Lexer::findNextToken(Last, SM, LO);
  if (!Eq || !Eq->is(tok::equal)) return Offset;
  std::optional<Token> Word = Lexer::findNextToken(Eq->getLocation(), SM, LO);
  // A raw lexer: keywords come back as raw identifiers.
  auto Is = [](const Token &T, llvm::StringRef Name) {
    return T.is(tok::raw_identifier) && T.getRawIdentifier() == Name;
  };
  if (!Word || !(Is(*Word, "default") || Is(*Word, "delete"))) return Offset;
  Token End = *Word;
  if (Is(*Word, "delete"))
    if (std::optional<Token> Open = Lexer::findNextToken(Word->getLocation(), SM, LO); Open && Open->is(tok::l_paren))
      for (std::optional<Token> T = Open; T && !T->is(tok::eof); T = Lexer::findNextToken(T->getLocation(), SM, LO))
        if (T->is(tok::r_paren)) {
          End = *T;
          break;
        }
  if (End.getLocation().isMacroID()) return Offset;
  return SM.getFileOffset(End.getLocation()) + End.getLength();
}

/// Whether the declaration at [Begin, End) of Text shares its text with
/// another declarator: `static int a = 1, b = 2;` (a's range ends before
/// `,`, b's starts at `static`), or defines the class of its type
/// (`inline constexpr struct tag_t {...} tag = {};`: the class must outlive it).
bool sharesDeclaration(const NamedDecl *D, const SourceManager &SM, FileID FID, llvm::StringRef Text, uint32_t Begin,
                       uint32_t End, uint32_t Name) {
  if (!isa<VarDecl>(D) || isa<ParmVarDecl>(D)) return false;
  if (End > Text.size() || Name < Begin || Name > End) return false;
  if (Text.substr(End).ltrim().starts_with(",")) return true;
  if (const TagDecl *Tag = cast<VarDecl>(D)->getType()->getAsTagDecl(); Tag && Tag->isThisDeclarationADefinition()) {
    SourceLocation TagBegin = SM.getFileLoc(Tag->getBeginLoc());
    if (SM.getFileID(TagBegin) == FID && SM.getFileOffset(TagBegin) >= Begin && SM.getFileOffset(TagBegin) < Name)
      return true;
  }
  int Depth = 0;  // a `,` between the specifiers and the name, outside brackets
  for (uint32_t I = Begin; I < Name; ++I) {
    char C = Text[I];
    if (C == '(' || C == '[' || C == '{' || C == '<') ++Depth;
    else if ((C == ')' || C == ']' || C == '}' || C == '>') && Depth > 0) --Depth;
    else if (C == ',' && Depth == 0) return true;
  }
  return false;
}

/// Where D's text begins as Clang sees it: its template header, its outer
/// qualifiers, a braceless `extern "C"`.
SourceLocation clangBegin(const NamedDecl *D) {
  SourceLocation B = D->getSourceRange().getBegin();
  if (const auto *DD = dyn_cast<DeclaratorDecl>(D)) B = DD->getOuterLocStart();
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const auto *T = FD->getDescribedFunctionTemplate()) B = T->getBeginLoc();
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    if (const auto *T = RD->getDescribedClassTemplate()) B = T->getBeginLoc();
  if (const auto *VD = dyn_cast<VarDecl>(D))
    if (const auto *T = VD->getDescribedVarTemplate()) B = T->getBeginLoc();
  if (const auto *L = dyn_cast<LinkageSpecDecl>(D->getLexicalDeclContext()); L && !L->hasBraces())
    B = L->getBeginLoc();  // `extern "C" void f() {}`: the linkage goes with it
  return B;
}

/// B moved back over what precedes it but belongs to D: a `friend` after
/// other specifiers (`constexpr friend auto f()`), leading attributes
/// (`[[noreturn]]`, `FMT_NORETURN`).
SourceLocation withLeadingParts(const NamedDecl *D, const SourceManager &SM, SourceLocation B) {
  if (SourceLocation Friend = SM.getExpansionLoc(friendKeyword(D));
      Friend.isValid() && SM.getFileID(Friend) == SM.getFileID(B) && SM.isBeforeInTranslationUnit(Friend, B))
    B = Friend;
  for (const Attr *A : D->attrs()) {
    if (A->isImplicit() || A->isInherited() || A->getRange().isInvalid()) continue;
    SourceLocation At = SM.getExpansionLoc(A->getRange().getBegin());
    if (SM.getFileID(At) != SM.getFileID(B) || !SM.isBeforeInTranslationUnit(At, B)) continue;
    // Only an attribute right before it (`#pragma clang attribute` is farther off).
    llvm::StringRef Text = SM.getBufferData(SM.getFileID(B));
    llvm::StringRef Between = Text.slice(attributeOpener(Text, SM.getFileOffset(At)), SM.getFileOffset(B));
    if (Between.size() < 512 && Between.find_first_of(";{}#") == llvm::StringRef::npos)
      B = B.getLocWithOffset(-static_cast<int>(Between.size()));
  }
  return B;
}

}  // namespace

DeclRange removalRange(const NamedDecl *D, const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation B = withLeadingParts(D, SM, SM.getExpansionLoc(clangBegin(D)));
  SourceLocation E = SM.getExpansionLoc(D->getSourceRange().getEnd());
  FileID FID = SM.getFileID(B);
  DeclRange R;
  if (FID != SM.getFileID(E) || FID != SM.getFileID(SM.getFileLoc(D->getLocation()))) return R;
  bool Invalid = false;
  llvm::StringRef Text = SM.getBufferData(FID, &Invalid);
  if (Invalid) return R;
  uint32_t Begin = SM.getFileOffset(B);
  uint32_t End = SM.getFileOffset(E) + Lexer::MeasureTokenLength(E, SM, Ctx.getLangOpts());
  if (isSpecialization(D)) Begin = templateHeaderBefore(Text, Begin);
  if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && (FD->isExplicitlyDefaulted() || FD->isDeletedAsWritten()))
    End = std::max(End, defaultedOrDeletedEnd(SM, Ctx.getLangOpts(), E, End));
  if (sharesDeclaration(D, SM, FID, Text, Begin, End, SM.getFileOffset(SM.getFileLoc(D->getLocation()))))
    return R;  // no range deletes one of them alone
  R.Begin = Begin;
  R.End = End;
  R.Lines = SM.getExpansionLineNumber(E) - SM.getExpansionLineNumber(B) + 1;
  return R;
}

}  // namespace deadwood
