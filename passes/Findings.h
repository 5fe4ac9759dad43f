// Step 5 of the pipeline: classify. Program + Reachability => Report.
//
// The Report is what every writer in reports/ renders: findings in a fixed
// order plus the counts and the state of the analysis. Nothing here prints.
#pragma once

#include "model/Files.h"
#include "passes/Reach.h"

#include <optional>
#include <string>
#include <vector>

namespace deadwood {

/// What a finding says of its symbol. The text form (categoryName) is part
/// of the report contract (JSON `category`, SARIF rule `deadwood-<name>`).
enum class Category : uint8_t {
  Dead,        ///< "dead": no program reaches it
  TestOnly,    ///< "test-only": reached only by programs CTest runs
  Unexecuted,  ///< "unexecuted": reachable, but no run of the --coverage data executed it
};
const char *categoryName(Category C);

/// "1 line", "2 lines": a count with its noun, as messages say it.
std::string plural(size_t N, const char *One, const char *Many);

/// What one configuration (build directory) says of a finding's symbol,
/// when several are analysed together (passes/Configurations).
struct ConfigurationVerdict {
  enum Kind : uint8_t {
    Dead,         ///< a dead finding there
    TestOnly,     ///< a test-only finding there
    Reachable,    ///< reached from a root there
    Kept,         ///< compiled there and not a finding (a class still named, a file not judged)
    NotCompiled,  ///< no definition there: neutral
  } Verdict = NotCompiled;
  std::string Build;  ///< the configuration's build directory
};
/// "dead", "test-only", "reachable", "kept", "not compiled": the JSON form.
const char *verdictName(ConfigurationVerdict::Kind K);

struct Finding {
  deadwood::Category Category = Category::Dead;
  SymbolKind Kind = SymbolKind::Function;
  std::string Name;      ///< qualified, with signature
  std::string Usr;
  std::string File;      ///< absolute path of the definition
  uint32_t Line = 0, Column = 0;  ///< the definition's name
  uint32_t Lines = 0;             ///< lines the definition spans
  uint32_t End = 0;               ///< byte offset in File just past the definition
  bool Removable = true;
  std::string NotRemovableBecause;  ///< set when !Removable
  /// When that is only because code this configuration skips names it: the
  /// name and the place (absolute file), which another configuration may compile.
  struct SkippedUse {
    std::string Name, File;
    uint32_t Line = 0;
  };
  std::optional<SkippedUse> NamedInSkippedCode;
  std::vector<std::string> Declarations;  ///< other sites, as file:line:col
  /// For a dead class: its unreachable members (and nested classes), which
  /// are then not findings of their own — one review item per class.
  std::vector<Finding> Members;
  std::vector<std::string> ReachedFrom;  ///< test-only: the test programs that reach it
  /// With several configurations: the verdict of each, in the order given.
  std::vector<ConfigurationVerdict> Configurations;
};

/// A finding of category C on P's symbol Id: its name, its definition's
/// place and size, its other declarations; removable until said otherwise.
Finding findingAt(const Program &P, SymbolId Id, Category C);

/// By place, then name, then USR: the order of every list of findings.
bool byPosition(const Finding &A, const Finding &B);

/// "dead in 2 of 2 configurations": of those that compile the symbol
/// (empty with one configuration).
std::string configurationSummary(const Finding &F);

/// Calls Visit on every finding of List, then on its members (a dead
/// class's), recursively. List may be const or not.
template <class FindingList, class Fn> void forEachFinding(FindingList &List, const Fn &Visit) {
  for (auto &F : List) {
    Visit(F);
    forEachFinding(F.Members, Visit);
  }
}

/// Counts of unreachable symbols, members of dead classes included, of
/// test-only and unexecuted ones, and the lines of dead code (deadLines of
/// each dead finding).
struct DeadCounts {
  size_t Functions = 0, Variables = 0, Classes = 0, TestOnly = 0, Unexecuted = 0, Lines = 0;
  size_t total() const { return Functions + Variables + Classes; }
};
DeadCounts countDead(const std::vector<Finding> &Findings);

/// Lines of code a finding accounts for: its definition's, plus its members'
/// defined outside it (out-of-line member definitions).
size_t deadLines(const Finding &F);

/// Largest first (--sort size); equal sizes by position.
void sortBySize(std::vector<Finding> &Findings);

struct FailedTu {
  std::string File;
  std::vector<std::string> Errors;
};

struct ReportNote {
  std::string File;  ///< absolute; empty when unknown
  uint32_t Line = 0, Column = 0;
  std::string Text;
};

/// Findings defined in one build target's sources.
struct TargetCounts {
  std::string Name;
  size_t Dead = 0, TestOnly = 0;
};

/// A proven removal group as a reviewer's suggestion (SARIF `fixes`): the
/// deletions that remove it, at 1-based lines and byte columns, each end
/// just past the deleted text.
struct SuggestedFix {
  struct Edit {
    std::string File;  ///< absolute
    uint32_t Line = 0, Column = 0, EndLine = 0, EndColumn = 0;
    std::string Text;  ///< what replaces the region (usually nothing)
  };
  std::string Label;              ///< "function 'f()' and 2 more"
  std::vector<std::string> Usrs;  ///< the group's symbols
  std::vector<Edit> Edits;
};

/// --coverage: the run's data joined to the graph (passes/Coverage).
struct CoverageJoin {
  std::string Source;  ///< the --coverage path
  std::string Format;  ///< "lcov", "llvm-cov export", "gcov JSON"
  size_t Files = 0;      ///< source files the data covers
  size_t Functions = 0;  ///< functions of the data in project files (distinct)
  size_t Matched = 0;    ///< of those, mapped to a symbol of the graph
  size_t Unknown = 0;    ///< of those, not: the graph does not know them
  size_t Outside = 0;    ///< functions in files outside the project (libraries), ignored
  size_t FilesNotCovered = 0;  ///< project files with reachable functions the data does not name
  size_t Unexecuted = 0;  ///< unexecuted findings
};

struct Report {
  std::string SourceRoot;
  /// With several configurations: their build directories, in the order
  /// given (empty with one).
  std::vector<std::string> Configurations;
  std::vector<TargetCounts> Targets;  ///< when the build graph is known
  std::vector<ReportNote> Notes;  ///< what the model could not follow, and what it did
  std::vector<Finding> Findings;  ///< sorted by file, line, column, name
  std::vector<FailedTu> Failed;   ///< TUs that did not parse
  /// Removals the proof accepted, when the run proved some (--patch,
  /// --export-fixes): the suggestions a review tool can apply.
  std::vector<SuggestedFix> Fixes;
  size_t Tus = 0;
  size_t Symbols = 0, Edges = 0, Reached = 0;
  size_t Unknown = 0;  ///< unreached, but in a file a failed TU read: not judged
  size_t Baselined = 0;  ///< findings a baseline accepts, left out of Findings
  /// Directories of vendored code, analysed but not reported: {dir, why}.
  std::vector<std::pair<std::string, std::string>> Vendored;
  /// With --coverage: how its data joined the graph.
  std::optional<CoverageJoin> Coverage;
  bool incomplete() const { return !Failed.empty(); }
};

struct ClassifyOptions;
/// Whether findings in File are reported: under the source root, not in an
/// excluded directory or an ignored path, inside the path filters.
bool isReported(const std::string &File, const ClassifyOptions &O);

struct ClassifyOptions {
  std::string SourceRoot;                 ///< only definitions under it are reported
  std::vector<std::string> ExcludeDirs;   ///< e.g. the build directory's generated code
  std::vector<std::string> PathFilters;   ///< if any, report only files under one of them
  std::vector<std::string> IgnoreGlobs;   ///< config `ignore`: globs relative to SourceRoot
};

/// A finding's identity across runs and machines: a hash of its USR and
/// its file relative to the source root (16 hex digits).
std::string fingerprint(const Finding &F, const std::string &SourceRoot);

/// Fills Rep.Targets: each target's name with the absolute paths of its sources.
void countByTarget(Report &Rep, const std::vector<std::pair<std::string, std::vector<std::string>>> &Targets);

/// Programs, when the build graph is known, tells test-only code apart;
/// R is then Programs->Any.
Report classify(const Program &P, const Reachability &R, const ClassifyOptions &Opts,
                const WholeReach *Programs = nullptr);

}  // namespace deadwood
