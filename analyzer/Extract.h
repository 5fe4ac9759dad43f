// Step 2 of the pipeline: Clang AST => TuSummary.
//
// One RecursiveASTVisitor walks the whole TU, implicit code and template
// instantiations included, and records symbols (by USR), edges
// {container, target, kind, location} and roots. See Extract.cpp for what is
// modelled and what is not.
#pragma once

#include "model/Summary.h"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <algorithm>
#include <unordered_map>
#include <vector>

namespace clang {
class ASTContext;
class SourceManager;
class FrontendAction;
class Preprocessor;
}  // namespace clang

namespace deadwood {

/// Fills *Out from a parsed TU. Sets Files and everything derived from the AST;
/// MainFile, Directory, Failed and Errors are the caller's business.
void extractFromAST(clang::ASTContext &Ctx, TuSummary *Out);

/// Records, from now on, the identifiers of project code PP does not
/// compile: skipped `#if` regions and the arguments of macros that drop
/// them (analyzer/SkippedCode). PP owns the recorder.
class SkippedCode;
SkippedCode *recordSkippedCode(clang::Preprocessor &PP);
/// After extractFromAST: those names, each at its first place, into
/// Out->Skipped (files by Out->Files).
void writeSkippedCode(const SkippedCode &Recorder, TuSummary *Out);

/// Records Files and FileHashes: every file the TU read.
void recordFilesRead(const clang::SourceManager &SM, TuSummary *Out);

/// How much of a TU the extraction may leave unparsed.
enum class Skipping {
  None,  ///< parse everything (`--no-skip-bodies`, for comparison)
  /// Bodies of non-template functions in system headers: they cannot name
  /// project code, and the walk never enters them. (The removal proof's
  /// re-parse.)
  SystemBodies,
  /// And bodies of non-templated functions in project headers that another
  /// TU of the same run has already parsed under the same language options
  /// and macros (see SharedBodies). The default.
  ProjectBodiesParsedElsewhere,
  /// And function templates of system headers that nothing instantiates:
  /// parsing is delayed (`-fdelayed-template-parsing`) and, at the end of
  /// the TU, every delayed template outside system headers is parsed after
  /// all, so project templates are all there — but their names bind at the
  /// end of the TU, not where they are written (`--delay-templates`).
  UninstantiatedSystemTemplates,
};

/// The project-header function bodies that the TUs of one run parsed
/// (TuSummary::BodiesParsed): what the TUs parsed after or beside them may
/// skip. A TU offers each body once it is complete, before the TU ends
/// (a TU that fails after all has offered what no summary describes: its
/// skippers are parsed again, see missingBodies). Thread-safe; one per
/// run, never shared between runs.
class SharedBodies {
public:
  /// The bodies parsed at Where (BodyKey::Where).
  std::vector<BodyKey> at(uint64_t Where) const {
    std::lock_guard<std::mutex> Lock(M);
    auto It = Keys.find(Where);
    return It == Keys.end() ? std::vector<BodyKey>() : It->second;
  }
  void add(const std::vector<BodyKey> &Parsed) {
    std::lock_guard<std::mutex> Lock(M);
    for (const BodyKey &K : Parsed) {
      std::vector<BodyKey> &At = Keys[K.Where];
      if (std::find(At.begin(), At.end(), K) == At.end()) At.push_back(K);
    }
  }

private:
  mutable std::mutex M;
  std::unordered_map<uint64_t, std::vector<BodyKey>> Keys;
};

/// A `-fsyntax-only` frontend action that runs extractFromAST on its TU,
/// skipping no more than Most allows (and no more than setSkipping allows).
/// Bodies parsed elsewhere are skipped only with a Shared to find them in,
/// and those it parses are offered there.
std::unique_ptr<clang::FrontendAction> makeExtractAction(TuSummary *Out,
                                                         Skipping Most = Skipping::UninstantiatedSystemTemplates,
                                                         SharedBodies *Shared = nullptr);

/// The most any extraction of this process skips (the default:
/// ProjectBodiesParsedElsewhere; `--no-skip-bodies`: none;
/// `--delay-templates`: all that Skipping names). Set before any TU is
/// parsed.
void setSkipping(Skipping Most);
Skipping skipping();

/// Parses `Code` in memory as `FileName` with `Args` (no compiler name, no
/// file) and returns its summary; Failed is set when Clang reported errors.
/// For tests and for one-off use; the tool itself goes through Driver.
/// OtherFiles: more files the code may include, {absolute path, content}.
/// With Shared, project-header bodies found there are skipped, and those
/// parsed are offered there.
TuSummary extractFromCode(const std::string &Code,
                          std::vector<std::string> Args = {"-std=c++20"},
                          const std::string &FileName = "/virtual/input.cc",
                          const std::vector<std::pair<std::string, std::string>> &OtherFiles = {},
                          SharedBodies *Shared = nullptr);

}  // namespace deadwood
