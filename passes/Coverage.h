// Runtime coverage joined to the graph (--coverage): which reachable
// functions the runs that produced the data never executed.
//
//   lcov tracefile ─┐
//   llvm-cov export ┼─► CoverageData: functions by file, line, name, count
//   gcov JSON (dir) ┘        │
//                            ▼ by file and line of the definition (name to break ties)
//   Program + Reachability ──► `unexecuted` findings: reached, covered, never run
//
// An unexecuted function is statically reachable: nothing here proves it
// unused, so it is never removable. A function the data has no record of
// (never emitted, evaluated only at compile time, in a file the runs did
// not cover) is not judged.
#pragma once

#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <cstdint>
#include <string>
#include <vector>

namespace deadwood {

/// One function of the data: where its definition is and how often it ran.
struct CoveredFunction {
  std::string File;  ///< absolute, normalized
  uint32_t Line = 0;  ///< the line the format gives: the name's (gcc) or the body's start (llvm)
  std::string Name;   ///< demangled when the format or the demangler gives it
  uint64_t Count = 0;
};

struct CoverageData {
  std::string Format;  ///< "lcov", "llvm-cov export", "gcov JSON"
  std::vector<CoveredFunction> Functions;
  std::vector<std::string> Files;  ///< every source file the data covers, sorted
};

/// Reads Path: an lcov tracefile (.info), an `llvm-cov export` JSON file,
/// a gcov JSON file (`gcov --json-format`, .gcov.json or .gcov.json.gz), or
/// a directory holding gcov JSON files (searched recursively) and lcov
/// tracefiles. Relative paths in the data are taken from the directory the
/// data names (gcov's working directory), else the file's own. False with
/// *Err (one line naming the file) when a file is unreadable or no format.
bool readCoverage(const std::string &Path, CoverageData *Out, std::string *Err);

/// Parses one file's text in any of the formats (Path names it in errors
/// and resolves relative paths).
bool parseCoverage(const std::string &Path, const std::string &Text, CoverageData *Out, std::string *Err);

/// Adds an `unexecuted` finding to Rep for each function of the project
/// (as classification reports them, O) that R reaches, that the data
/// covers and that never ran; a function already a finding keeps that
/// finding. Findings stay sorted. The counts go to Rep.Coverage too
/// (Source left to the caller).
CoverageJoin joinCoverage(const Program &P, const Reachability &R, const CoverageData &D, const ClassifyOptions &O,
                          Report &Rep);

}  // namespace deadwood
