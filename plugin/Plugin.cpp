// deadwood as a Clang plugin: the compiler's own parse of each TU, summarized
// after its action by the same extraction code the tool uses
// (analyzer/Extract), written as a .dws that `deadwood link` reads.
//
//   clang++-19 -fplugin=$(deadwood --print-plugin-path) \
//              -fplugin-arg-deadwood-dir=<dir> ...      (default: <obj>.dws)
//
// Loaded into the host clang: it links nothing from Clang or LLVM, whose
// symbols bind to the host's libclang-cpp.
#include "analyzer/DeclFacts.h"
#include "analyzer/Extract.h"
#include "model/Files.h"
#include "model/Summary.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include <filesystem>
#include <system_error>

namespace deadwood {
namespace {

using namespace clang;

class SummaryWriter : public ASTConsumer {
public:
  SummaryWriter(std::string Path, const SkippedCode *Skipped) : Path(std::move(Path)), Skipped(Skipped) {}

  void HandleTranslationUnit(ASTContext &Ctx) override {
    SourceManager &SM = Ctx.getSourceManager();
    TuSummary S;
    if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID()))
      S.MainFile = absolutePath(*Main, SM.getFileManager());
    std::error_code Ec;
    S.Directory = std::filesystem::current_path(Ec).string();
    extractFromAST(Ctx, &S);
    writeSkippedCode(*Skipped, &S);
    S.Failed = Ctx.getDiagnostics().hasErrorOccurred();
    // Atomically: a reader never sees half a summary. The binary form: it
    // is written on every compile.
    std::string Err;
    writeAtomically(Path, summaryToBinary(S), &Err);
  }

private:
  std::string Path;
  const SkippedCode *Skipped;
};

class PluginAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef InFile) override {
    std::string Path;
    if (!Dir.empty()) {
      std::string Main = std::filesystem::absolute(InFile.str()).lexically_normal().string();
      std::error_code Ec;
      std::filesystem::create_directories(Dir, Ec);
      Path = Dir + "/" + contentHash(Main) + "-" + std::filesystem::path(Main).filename().string() + ".dws";
    } else {
      std::string Object = CI.getFrontendOpts().OutputFile;
      Path = (Object.empty() || Object == "-" ? InFile.str() : Object) + ".dws";
    }
    return std::make_unique<SummaryWriter>(Path, recordSkippedCode(CI.getPreprocessor()));
  }

  bool ParseArgs(const CompilerInstance &CI, const std::vector<std::string> &Args) override {
    for (const std::string &A : Args) {
      if (A.rfind("dir=", 0) == 0) {
        Dir = A.substr(4);
        continue;
      }
      DiagnosticsEngine &D = CI.getDiagnostics();
      D.Report(D.getCustomDiagID(DiagnosticsEngine::Error, "deadwood plugin: unknown argument '%0' (known: dir=<directory>)"))
          << A;
      return false;
    }
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  std::string Dir;
};

}  // namespace
}  // namespace deadwood

static clang::FrontendPluginRegistry::Add<deadwood::PluginAction> Registered("deadwood",
                                                                             "writes deadwood's summary of the TU");
