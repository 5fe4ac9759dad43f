// Step 6 of the pipeline: render a Report. Writers only read; every format is
// rendered from the same findings.
#pragma once

#include "passes/Findings.h"
#include "passes/Why.h"

#include <map>
#include <ostream>
#include <string>

namespace deadwood {

/// Version of the JSON report's layout (DESIGN.md "Contracts").
inline constexpr int kReportVersion = 1;

struct TextOptions {
  /// Paths under this directory are printed relative to it (usually the
  /// current directory), the way a compiler prints what it was given.
  std::string DisplayBase;
  bool Verbose = false;  ///< add a note with each finding's USR
  bool Color = false;    ///< clang's colours: bold places, magenta `warning:`, bold messages
};

/// One compiler-form diagnostic per finding, a `note:` per redeclaration,
/// then one summary line.
void writeText(std::ostream &OS, const Report &R, const TextOptions &Opts = {});

/// The JSON contract: version, summary, findings[], failed[].
void writeJson(std::ostream &OS, const Report &R);

/// SARIF 2.1.0: one result per finding (a class's members as related
/// locations), rules deadwood-dead and deadwood-test-only with help, paths
/// relative to the source root (uriBaseId SRCROOT), partialFingerprints
/// stable across runs and machines. A region runs from the definition's
/// name to its end when Sources (file contents by absolute path) has its
/// file; a proven removal (Report::Fixes) is its first finding's `fixes`.
void writeSarif(std::ostream &OS, const Report &R, const std::map<std::string, std::string> &Sources = {});

/// The answer to --why: the path from a root, one hop a line with the
/// place of each edge and its kind; or, for an unreachable symbol, who
/// refers to it.
void writeWhy(std::ostream &OS, const Program &P, const Why &W, const TextOptions &Opts = {});

/// The same answer as JSON (`--why --format json`): {"symbol", "reachable",
/// "path": [{"how": "root"|"edge"|"instantiation"|"external-override", ...}],
/// "referrers"}; places are absolute `file:line:column`.
void writeWhyJson(std::ostream &OS, const Program &P, const Why &W);

/// One self-contained HTML page (no network): findings grouped by
/// directory and file, filterable and sortable, each with its source excerpt
/// (Sources: file contents by absolute path), removability and who refers to
/// it or why it is alive.
void writeHtml(std::ostream &OS, const Program &P, const Reachability &R, const Report &Rep,
               const std::map<std::string, std::string> &Sources);

/// Graphviz: the dead subgraph (findings and the edges between them;
/// test-only dashed).
void writeDot(std::ostream &OS, const Program &P, const Report &R);

/// Graphviz: the --why path, or a dead symbol and who refers to it.
void writeWhyDot(std::ostream &OS, const Program &P, const Why &W);

/// "function", "method", "constructor", ... as used in messages.
const char *kindNoun(SymbolKind K);

}  // namespace deadwood
