// Step 2 of the pipeline: Clang AST => TuSummary.
//
// One RecursiveASTVisitor walks the whole TU, implicit code and template
// instantiations included, and records symbols (by USR), edges
// {container, target, kind, location} and roots. See Extract.cpp for what is
// modelled and what is not.
#pragma once

#include "model/Summary.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
class FrontendAction;
}  // namespace clang

namespace deadwood {

/// Fills *Out from a parsed TU. Sets Files and everything derived from the AST;
/// MainFile, Directory, Failed and Errors are the caller's business.
void extractFromAST(clang::ASTContext &Ctx, TuSummary *Out);

/// Records Files and FileHashes: every file the TU read.
void recordFilesRead(const clang::SourceManager &SM, TuSummary *Out);

/// How much of a TU the extraction may leave unparsed.
enum class Skipping {
  None,  ///< parse everything (`--no-skip-bodies`, for comparison)
  /// Bodies of non-template functions in system headers: they cannot name
  /// project code, and the walk never enters them. (The default, and the
  /// removal proof's re-parse.)
  SystemBodies,
  /// And function templates of system headers that nothing instantiates:
  /// parsing is delayed (`-fdelayed-template-parsing`) and, at the end of
  /// the TU, every delayed template outside system headers is parsed after
  /// all, so project templates are all there — but their names bind at the
  /// end of the TU, not where they are written (`--delay-templates`).
  UninstantiatedSystemTemplates,
};

/// A `-fsyntax-only` frontend action that runs extractFromAST on its TU,
/// skipping no more than Most allows (and no more than setSkipping allows).
std::unique_ptr<clang::FrontendAction> makeExtractAction(TuSummary *Out,
                                                         Skipping Most = Skipping::UninstantiatedSystemTemplates);

/// The most any extraction of this process skips (the default:
/// SystemBodies; `--no-skip-bodies`: none; `--delay-templates`: all that
/// Skipping names). Set before any TU is parsed.
void setSkipping(Skipping Most);
Skipping skipping();

/// Parses `Code` in memory as `FileName` with `Args` (no compiler name, no
/// file) and returns its summary; Failed is set when Clang reported errors.
/// For tests and for one-off use; the tool itself goes through Driver.
/// OtherFiles: more files the code may include, {absolute path, content}.
TuSummary extractFromCode(const std::string &Code,
                          std::vector<std::string> Args = {"-std=c++20"},
                          const std::string &FileName = "/virtual/input.cc",
                          const std::vector<std::pair<std::string, std::string>> &OtherFiles = {});

}  // namespace deadwood
