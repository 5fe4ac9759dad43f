// Whole-pipeline cases on C++ snippets: extract through Clang, link, reach,
// classify, and compare with `// dead` marks on definition lines, both ways.
#pragma once

#include "passes/Findings.h"

#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace deadwood::test {

struct Case {
  const char *Name;
  const char *Code;
  std::vector<std::string> Args = {"-std=c++20"};
};

inline void PrintTo(const Case &C, std::ostream *OS) { *OS << C.Name; }

/// Lines carrying `// dead`, and lines deadwood reported.
std::set<unsigned> markedLines(const std::string &Code);
std::set<unsigned> reportedLines(const Case &C);
/// The whole report for a case (its TU's file is /virtual/case.cc).
Report reportOf(const Case &C);

/// Every `// dead` line reported, every reported line marked: failures name
/// the case and line.
void expectFindingsEqualMarks(const Case &C);

}  // namespace deadwood::test
