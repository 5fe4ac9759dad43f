// Whole-pipeline cases on C++ snippets: extract through Clang, link, reach,
// classify, and compare with `// dead` marks on definition lines, both ways;
// then remove what was found, parse the result again, and prove it.
//
// A mark is `// dead`, optionally followed by the finding's kind
// (`// dead class`; a class and its member on one line: `// dead class method`) and `not-removable` when the finding must be reported
// but never removed (`// dead not-removable`): kind, category (`dead`) and
// `removable` are asserted, not only the line.
#pragma once

#include "passes/Findings.h"

#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace deadwood::test {

struct Case {
  const char *Name;
  const char *Code;
  std::vector<std::string> Args = {"-std=c++20"};
  /// More translation units of the same program, {file name, code}; files
  /// named `*.h` are headers the others may include, not TUs. All live in
  /// /virtual; the main code is /virtual/case.cc.
  std::vector<std::pair<std::string, std::string>> Files = {};
};

inline void PrintTo(const Case &C, std::ostream *OS) { *OS << C.Name; }

/// What a mark asks of the finding on its line.
struct Mark {
  std::set<std::string> Kinds;  ///< of the findings on the line (`// dead class method`); empty: any
  bool Removable = true;
};

/// Marks by line of one file's code.
std::map<unsigned, Mark> marksOf(const std::string &Code);
/// The whole report for a case.
Report reportOf(const Case &C);

/// Every `// dead` line reported as marked, every reported line marked, in
/// every file of the case; then the removal of the removable findings
/// compiles and leaves every surviving symbol's edges unchanged (the
/// removal proof, in memory). Failures name the case, file and line.
void expectFindingsEqualMarks(const Case &C);

}  // namespace deadwood::test
