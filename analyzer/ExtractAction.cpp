// The frontend action around the extractor, and the bookkeeping of what a
// TU read.
#include "analyzer/Database.h"
#include "analyzer/DeclFacts.h"
#include "analyzer/Extract.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Sema/Scope.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "clang/Tooling/Tooling.h"

#include <algorithm>
#include <atomic>
#include <map>

namespace deadwood {
namespace {

using namespace clang;

std::atomic<Skipping> MostSkipped{Skipping::SystemBodies};

class ExtractConsumer : public SemaConsumer {
public:
  explicit ExtractConsumer(TuSummary *Out) : Out(Out) {}
  void Initialize(ASTContext &Ctx) override { SM = &Ctx.getSourceManager(); }
  void InitializeSema(clang::Sema &S) override { TheSema = &S; }
  void ForgetSema() override { TheSema = nullptr; }

  /// Asked for each function body the parser reaches (with
  /// FrontendOptions::SkipFunctionBodies set). Sema itself refuses constexpr,
  /// consteval and deduced return types. Templated code is always parsed:
  /// its instantiations may call back into project code.
  bool shouldSkipFunctionBody(Decl *D) override {
    if (!SM || D->isTemplated() || isa<FunctionTemplateDecl>(D)) return false;
    SourceLocation Loc = D->getLocation();
    return Loc.isValid() && !Loc.isMacroID() && SM->isInSystemHeader(Loc);
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getLangOpts().DelayedTemplateParsing) parseDelayedProjectTemplates(Ctx);
    extractFromAST(Ctx, Out);
    if (Ctx.getDiagnostics().hasErrorOccurred()) Out->Failed = true;
  }

private:
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
  const SourceManager *SM = nullptr;
  clang::Sema *TheSema = nullptr;
};

class ExtractAction : public ASTFrontendAction {
public:
  ExtractAction(TuSummary *Out, Skipping Most) : Out(Out), Most(std::min(Most, MostSkipped.load())) {}
  bool BeginInvocation(CompilerInstance &CI) override {
    CI.getFrontendOpts().SkipFunctionBodies = Most >= Skipping::SystemBodies;
    if (Most >= Skipping::UninstantiatedSystemTemplates) CI.getLangOpts().DelayedTemplateParsing = true;
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, StringRef) override {
    return std::make_unique<ExtractConsumer>(Out);
  }

private:
  TuSummary *Out;
  Skipping Most;
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

std::unique_ptr<clang::FrontendAction> makeExtractAction(TuSummary *Out, Skipping Most) {
  return std::make_unique<ExtractAction>(Out, Most);
}

TuSummary extractFromCode(const std::string &Code, std::vector<std::string> Args,
                          const std::string &FileName,
                          const std::vector<std::pair<std::string, std::string>> &OtherFiles) {
  TuSummary S;
  S.MainFile = FileName;
  Args.insert(Args.begin(), "-resource-dir=" + clangResourceDir());
  if (!clang::tooling::runToolOnCodeWithArgs(makeExtractAction(&S), Code, Args, FileName, "clang-tool",
                                             std::make_shared<clang::PCHContainerOperations>(), OtherFiles))
    S.Failed = true;
  return S;
}

}  // namespace deadwood
