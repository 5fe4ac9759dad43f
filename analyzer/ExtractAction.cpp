// The frontend action around the extractor, and the bookkeeping of what a
// TU read.
#include "analyzer/Database.h"
#include "analyzer/DeclFacts.h"
#include "analyzer/Extract.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>

namespace deadwood {
namespace {

using namespace clang;

std::atomic<Skipping> MostSkipped{Skipping::ProjectBodiesParsedElsewhere};

/// Keys are compared across processes (a cached summary's against a fresh
/// one's), so they are built from bytes and this mix only: never from
/// addresses or from LLVM's hash_combine, whose seed may change per process.
uint64_t mix(uint64_t H, uint64_t V) {
  H ^= V + 0x9e3779b97f4a7c15ull + (H << 6) + (H >> 2);
  H = (H ^ (H >> 30)) * 0xbf58476d1ce4e5b9ull;
  H = (H ^ (H >> 27)) * 0x94d049bb133111ebull;
  return H ^ (H >> 31);
}

/// The language a TU is parsed as: the target and every language option.
uint64_t languageKey(const LangOptions &LO, const TargetInfo &Target) {
  uint64_t H = llvm::xxh3_64bits(Target.getTriple().str());
#define LANGOPT(Name, Bits, Default, Description) H = mix(H, LO.Name);
#define ENUM_LANGOPT(Name, Type, Bits, Default, Description) H = mix(H, static_cast<uint64_t>(LO.get##Name()));
#include "clang/Basic/LangOptions.def"
  return H;
}

/// The languages whose parse of a body a TU may take as its own, its own
/// first. Position independence (`-fPIC`, `-fPIE`) is left out: it says how
/// code is generated and changes nothing in the AST but the predefined
/// macros `__PIC__` and `__PIE__`, which the macro signature of each body
/// covers (a library built both static and shared parses its headers once).
/// Then, in C++ without exceptions or without RTTI, the same language with
/// them: a body that compiles without them means the same with them, but
/// for the references they add (a new-expression's `operator delete`, for
/// a constructor that throws), so the TU that parsed it found at least
/// what this one would — and its summary is in the program anyway.
llvm::SmallVector<uint64_t, 4> languageKeys(const LangOptions &Options, const TargetInfo &Target) {
  LangOptions LO = Options;
  LO.PICLevel = 0;
  LO.PIE = 0;
  llvm::SmallVector<uint64_t, 4> Keys{languageKey(LO, Target)};
  if (!LO.CPlusPlus) return Keys;
  auto With = [&](bool Exceptions, bool Rtti) {
    LangOptions Richer = LO;
    if (Exceptions) Richer.Exceptions = Richer.CXXExceptions = true;
    if (Rtti) Richer.RTTI = Richer.RTTIData = true;
    Keys.push_back(languageKey(Richer, Target));
  };
  if (!LO.CXXExceptions) With(true, false);
  if (!LO.RTTI) With(false, true);
  if (!LO.CXXExceptions && !LO.RTTI) With(true, true);
  return Keys;
}

/// The hash of what a piece of text means to the preprocessor: each
/// identifier it holds, in order, with the macro it named (its definition
/// as written), and in turn the identifiers of those definitions. `MacroOf`
/// says which macro an identifier named: the one in force now (a TU about
/// to skip the text) or where the text began (a TU that parsed it). False
/// when the text cannot be keyed: it holds a directive (it would change the
/// macros halfway), or a macro that expands differently in each TU.
class MacroSignature {
public:
  MacroSignature(const SourceManager &SM, Preprocessor &PP) : SM(SM), PP(PP) {}

  /// *NamesLanguage (if given): whether the text names a builtin macro
  /// whose expansion depends on the language (`__has_feature`), so that it
  /// means the same in another language only by chance.
  template <class MacroOfFn>
  bool of(FileID File, unsigned Begin, unsigned End, MacroOfFn MacroOf, uint64_t *Out,
          bool *NamesLanguage = nullptr) {
    bool Invalid = false;
    StringRef Buffer = SM.getBufferData(File, &Invalid);
    if (Invalid || Begin > End || End >= Buffer.size()) return false;
    Lexer Raw(SM.getLocForStartOfFile(File), PP.getLangOpts(), Buffer.begin(), Buffer.begin() + Begin,
              Buffer.end());
    llvm::SmallVector<const IdentifierInfo *, 64> Work;
    llvm::SmallPtrSet<const IdentifierInfo *, 32> Seen;
    uint64_t H = 0;
    if (NamesLanguage) *NamesLanguage = false;
    for (Token Tok;;) {
      bool Last = Raw.LexFromRawLexer(Tok);  // the buffer ends after Tok
      if (Tok.is(tok::eof) || SM.getFileOffset(Tok.getLocation()) > End) break;
      if (Tok.is(tok::hash) && Tok.isAtStartOfLine()) return false;
      if (Tok.is(tok::raw_identifier)) {
        const IdentifierInfo *Id = PP.LookUpIdentifierInfo(Tok);
        if (Seen.insert(Id).second) Work.push_back(Id);
      }
      if (Last) break;
    }
    for (size_t I = 0; I < Work.size(); ++I) {
      const IdentifierInfo *Id = Work[I];
      H = mix(H, llvm::xxh3_64bits(Id->getName()));
      const MacroInfo *MI = MacroOf(Id);
      if (!MI) continue;
      if (MI->isBuiltinMacro()) {
        // Their expansion depends on the TU, not on the text.
        if (Id->isStr("__COUNTER__") || Id->isStr("__INCLUDE_LEVEL__") || Id->isStr("__BASE_FILE__")) return false;
        if (NamesLanguage && !fixedByText(Id)) *NamesLanguage = true;
        H = mix(H, 1);
        continue;
      }
      H = mix(H, llvm::xxh3_64bits(textOf(MI)));
      for (const Token &T : MI->tokens())
        if (const IdentifierInfo *Inner = T.getIdentifierInfo(); Inner && Seen.insert(Inner).second)
          Work.push_back(Inner);
    }
    *Out = H | 1;  // never 0
    return true;
  }

private:
  /// A builtin macro whose expansion the text and the run fix, whatever the
  /// language: where it is (`__FILE__`, `__LINE__`) and when (`__DATE__`).
  static bool fixedByText(const IdentifierInfo *Id) {
    return Id->isStr("__FILE__") || Id->isStr("__FILE_NAME__") || Id->isStr("__LINE__") || Id->isStr("__DATE__") ||
           Id->isStr("__TIME__") || Id->isStr("__TIMESTAMP__");
  }

  /// A definition as written, from its name to the end of its last token.
  StringRef textOf(const MacroInfo *MI) const {
    SourceLocation Begin = MI->getDefinitionLoc(), End = MI->getDefinitionEndLoc();
    if (Begin.isInvalid() || End.isInvalid() || SM.getFileID(Begin) != SM.getFileID(End)) return "?";
    bool Invalid = false;
    const char *B = SM.getCharacterData(Begin, &Invalid);
    if (Invalid) return "?";
    const char *E = SM.getCharacterData(End, &Invalid);
    if (Invalid || E < B) return "?";
    return StringRef(B, E - B + Lexer::MeasureTokenLength(End, SM, PP.getLangOpts()));
  }

  const SourceManager &SM;
  Preprocessor &PP;
};

class ExtractConsumer : public SemaConsumer {
public:
  ExtractConsumer(TuSummary *Out, SharedBodies *Shared, Preprocessor *PP, llvm::SmallVector<uint64_t, 4> Languages,
                  const SkippedCode *Skipped, bool SkipClosed)
      : Out(Out), Shared(Shared), PP(PP), Languages(std::move(Languages)), Skipped(Skipped),
        SkipClosed(SkipClosed) {}
  void Initialize(ASTContext &Ctx) override {
    SM = &Ctx.getSourceManager();
    if (SkipClosed) Closed.emplace(*SM);
  }
  void InitializeSema(clang::Sema &S) override { TheSema = &S; }
  void ForgetSema() override { TheSema = nullptr; }

  /// Asked for each function body the parser reaches (with
  /// FrontendOptions::SkipFunctionBodies set). Sema itself refuses constexpr,
  /// consteval and deduced return types. Templated code is always parsed:
  /// its instantiations may call back into project code. A body in a
  /// system header is skipped; one in a project header is skipped when
  /// another TU of the run parsed the same text with the same macros, in
  /// this TU's language or one it may take a parse from (languageKeys; that
  /// TU's summary describes the body), else it is parsed, to be offered to
  /// the TUs after this one, and to those beside it once it is complete.
  bool shouldSkipFunctionBody(Decl *D) override {
    if (Shared) offerParsedBodies(false);
    if (!SM || D->isTemplated() || isa<FunctionTemplateDecl>(D)) return false;
    SourceLocation Loc = D->getLocation();
    if (Loc.isInvalid() || Loc.isMacroID()) return false;
    if (SM->isInSystemHeader(Loc)) return true;
    Place P;
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!PP || !FD || !placeOf(FD, &P)) return false;
    FileID File = SM->getFileID(Loc);
    if (Shared) {
      MacroSignature Signature(*SM, *PP);
      auto Now = [&](const IdentifierInfo *Id) -> const MacroInfo * {
        return Id->hasMacroDefinition() ? PP->getMacroInfo(Id) : nullptr;
      };
      // The TUs that parsed it agree on where it ends: its text is signed once.
      uint64_t Macros = 0;
      bool NamesLanguage = false;
      std::optional<uint32_t> SignedTo;
      for (size_t L = 0; L < Languages.size(); ++L)
        for (const BodyKey &K : Shared->at(P.in(Languages[L]))) {
          if (SignedTo != K.End && !Signature.of(File, P.Begin, K.End, Now, &Macros, &NamesLanguage)) Macros = 0;
          SignedTo = K.End;
          if (Macros && Macros == K.Macros && (L == 0 || !NamesLanguage)) {
            Out->BodiesSkipped.push_back(K);
            return true;
          }
        }
    }
    ToOffer.push_back({FD, P.in(Languages[0]), P.Begin});
    return false;
  }

  /// Sema has just queued FD's definition to be instantiated at the end of
  /// the TU. An instantiation of the implementation's own code that cannot
  /// lead to the project (ClosedInstantiations) is taken off the queue: it
  /// would only add edges the summary drops, and instantiations of its own.
  void HandleCXXImplicitFunctionInstantiation(FunctionDecl *FD) override {
    if (!Closed || !TheSema) return;
    auto &Queue = TheSema->PendingInstantiations;
    if (Queue.empty() || Queue.back().first != FD || !Closed->canSkip(FD)) return;
    Undone.push_back(Queue.back());
    Queue.pop_back();
    FD->setInstantiationIsPending(false);
  }

  /// Once the project declares in std what a closed instantiation could
  /// meet, those left undone are queued again: the end of the TU makes them.
  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    if (!Closed || Closed->opened()) return true;
    for (const Decl *D : Group) Closed->declared(D);
    if (Closed->opened() && TheSema) {
      for (const auto &Entry : Undone) {
        cast<FunctionDecl>(Entry.first)->setInstantiationIsPending(true);
        TheSema->PendingInstantiations.push_back(Entry);
      }
      Undone.clear();
    }
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getLangOpts().DelayedTemplateParsing) parseDelayedProjectTemplates(Ctx);
    extractFromAST(Ctx, Out);
    writeSkippedCode(*Skipped, Out);
    if (Ctx.getDiagnostics().hasErrorOccurred()) {
      Out->Failed = true;
      Out->BodiesParsed.clear();  // a failed TU vouches for nothing
    } else {
      offerParsedBodies(true);
    }
  }

private:
  /// Where a body is, but for the language: its file (path and content),
  /// the offset of the function's name and which function it is (its USR:
  /// the same text may declare another function in another TU, in a
  /// namespace a macro names); `in` adds the language. Begin: where the
  /// declaration's text begins, which the macro signature covers from.
  struct Place {
    uint64_t File;
    unsigned Offset;
    uint64_t Usr;
    unsigned Begin;
    uint64_t in(uint64_t Language) const { return mix(mix(mix(Language, File), Offset), Usr); }
  };

  /// FD's place; false in the main file, which no other TU parses the same.
  bool placeOf(const FunctionDecl *FD, Place *P) {
    SourceLocation Loc = FD->getLocation(), Start = SM->getExpansionLoc(FD->getBeginLoc());
    FileID File = SM->getFileID(Loc);
    if (File == SM->getMainFileID() || SM->getFileID(Start) != File) return false;
    llvm::SmallString<128> Usr;
    if (index::generateUSRForDecl(FD, Usr)) return false;
    auto [It, New] = FileKeys.try_emplace(File, 0);
    if (New)
      if (OptionalFileEntryRef Entry = SM->getFileEntryRefForID(File)) {
        bool Invalid = false;
        StringRef Text = SM->getBufferData(File, &Invalid);
        if (!Invalid)
          It->second = mix(llvm::xxh3_64bits(absolutePath(*Entry, SM->getFileManager())), llvm::xxh3_64bits(Text)) | 1;
      }
    if (!It->second) return false;
    *P = {It->second, SM->getFileOffset(Loc), llvm::xxh3_64bits(Usr), SM->getFileOffset(Start)};
    return true;
  }

  /// The keys of the project-header bodies this TU parsed, with the macros
  /// as they were where each began: into the summary, and offered to the
  /// TUs of the run. Each is offered once complete, in the order the bodies
  /// began (an inner body waits for the one around it); AtEnd, all are.
  /// Offering before the TU ends is safe: should it fail after all, a TU
  /// that skipped what it offered is parsed again (missingBodies).
  void offerParsedBodies(bool AtEnd) {
    if (!PP || Offered == ToOffer.size()) return;
    MacroSignature Signature(*SM, *PP);
    size_t Known = Out->BodiesParsed.size();
    for (; Offered < ToOffer.size(); ++Offered) {
      const auto &[FD, Where, Begin] = ToOffer[Offered];
      const Stmt *Body = FD->doesThisDeclarationHaveABody() ? FD->getBody() : nullptr;
      if (!Body && !AtEnd) break;  // being parsed
      if (!Body) continue;
      SourceLocation Name = FD->getLocation(), Close = Body->getEndLoc();
      if (!Close.isFileID() || SM->getFileID(Close) != SM->getFileID(Name)) continue;
      auto Then = [&](const IdentifierInfo *Id) -> const MacroInfo * {
        return Id->hadMacroDefinition() ? PP->getMacroDefinitionAtLoc(Id, Name).getMacroInfo() : nullptr;
      };
      BodyKey K{Where, 0, SM->getFileOffset(Close)};
      if (Signature.of(SM->getFileID(Name), Begin, K.End, Then, &K.Macros))
        Out->BodiesParsed.push_back(K);
    }
    if (Shared && Out->BodiesParsed.size() > Known)
      Shared->add({Out->BodiesParsed.begin() + Known, Out->BodiesParsed.end()});
  }

  /// Under delayed template parsing, the function templates nothing
  /// instantiated are still tokens. Those of the project are parsed now, as
  /// an ordinary parse would have (what a project template names is alive
  /// when the template is), with the instantiations their bodies ask for;
  /// those of system headers stay unparsed. (As in clang/examples/
  /// PrintFunctionNames.) The parser has left the TU's scope by now, and a
  /// body may declare a builtin there on first use: it gets a scope of its
  /// own for the time (as plugins such as clad do).
  void parseDelayedProjectTemplates(ASTContext &Ctx) {
    if (!TheSema || !TheSema->LateTemplateParser) return;
    std::vector<LateParsedTemplate *> Project;
    for (auto &[FD, Late] : TheSema->LateParsedTemplateMap)
      if (FD->isLateTemplateParsed() && !SM->isInSystemHeader(SM->getExpansionLoc(FD->getLocation())))
        Project.push_back(Late.get());
    if (Project.empty()) return;
    Scope TuScope(nullptr, Scope::DeclScope, Ctx.getDiagnostics());
    TuScope.setEntity(Ctx.getTranslationUnitDecl());
    Scope *Stale = TheSema->TUScope;
    TheSema->TUScope = &TuScope;
    for (LateParsedTemplate *Late : Project) TheSema->LateTemplateParser(TheSema->OpaqueParser, *Late);
    TheSema->PerformPendingInstantiations();
    TheSema->TUScope = Stale;
  }

  TuSummary *Out;
  SharedBodies *Shared;
  Preprocessor *PP;  ///< null: bodies parsed elsewhere are not skipped
  llvm::SmallVector<uint64_t, 4> Languages;  ///< languageKeys: this TU's own first
  const SkippedCode *Skipped;
  bool SkipClosed;
  std::optional<ClosedInstantiations> Closed;  ///< when closed instantiations are left undone
  std::vector<clang::Sema::PendingImplicitInstantiation> Undone;  ///< taken off Sema's queue
  const SourceManager *SM = nullptr;
  clang::Sema *TheSema = nullptr;
  llvm::DenseMap<FileID, uint64_t> FileKeys;  ///< 0: a file whose bodies have no key
  struct Parsed {
    const FunctionDecl *FD;
    uint64_t Where;
    unsigned Begin;
  };
  std::vector<Parsed> ToOffer;  ///< the bodies parsed that another TU may skip
  size_t Offered = 0;           ///< how many of ToOffer are offered
};

class ExtractAction : public ASTFrontendAction {
public:
  ExtractAction(TuSummary *Out, Skipping Most, SharedBodies *Shared)
      : Out(Out), Most(std::min(Most, MostSkipped.load())), Shared(Shared) {}
  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = Most >= Skipping::SystemBodies;
    if (Most >= Skipping::UninstantiatedSystemTemplates) CI.getLangOpts().DelayedTemplateParsing = true;
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    Preprocessor *PP = Most >= Skipping::ProjectBodiesParsedElsewhere ? &CI.getPreprocessor() : nullptr;
    const SkippedCode *Skipped = recordSkippedCode(CI.getPreprocessor());
    return std::make_unique<ExtractConsumer>(Out, Shared, PP, languageKeys(CI.getLangOpts(), CI.getTarget()), Skipped,
                                             Most >= Skipping::SystemBodies);
  }

private:
  TuSummary *Out;
  Skipping Most;
  SharedBodies *Shared;
};

}  // namespace

/// Every file the TU read, with the hash of its content, not just those
/// that declared something: a failed TU makes all of them unknown, and the
/// cache and the edits check them.
void recordFilesRead(const SourceManager &SM, TuSummary *Out) {
  std::map<std::string, std::string> Hashes;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    std::string Path = absolutePath(It->first, SM.getFileManager());
    if (auto Data = It->second->getBufferDataIfLoaded()) Hashes[Path] = contentHash(*Data);
    else Hashes.emplace(Path, "");
  }
  for (auto &[Path, Hash] : Hashes)
    if (std::find(Out->Files.begin(), Out->Files.end(), Path) == Out->Files.end())
      Out->Files.push_back(Path);
  Out->FileHashes.clear();
  for (const std::string &Path : Out->Files) Out->FileHashes.push_back(Hashes[Path]);
}

void setSkipping(Skipping Most) { MostSkipped = Most; }
Skipping skipping() { return MostSkipped; }

std::unique_ptr<clang::FrontendAction> makeExtractAction(TuSummary *Out, Skipping Most, SharedBodies *Shared) {
  return std::make_unique<ExtractAction>(Out, Most, Shared);
}

TuSummary extractFromCode(const std::string &Code, std::vector<std::string> Args,
                          const std::string &FileName,
                          const std::vector<std::pair<std::string, std::string>> &OtherFiles,
                          SharedBodies *Shared) {
  TuSummary S;
  S.MainFile = FileName;
  Args.insert(Args.begin(), "-resource-dir=" + clangResourceDir());
  if (!clang::tooling::runToolOnCodeWithArgs(makeExtractAction(&S, Skipping::UninstantiatedSystemTemplates, Shared), Code, Args, FileName, "clang-tool",
                                             std::make_shared<clang::PCHContainerOperations>(), OtherFiles))
    S.Failed = true;
  return S;
}

}  // namespace deadwood
