// Whole-pipeline cases on C++ snippets: extract through Clang, link, reach,
// classify, and compare with `// dead` marks on definition lines, both ways.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace deadwood::test {

struct Case {
  const char *Name;
  const char *Code;
  std::vector<std::string> Args = {"-std=c++20"};
};

/// Lines carrying `// dead`, and lines deadwood reported.
std::set<unsigned> markedLines(const std::string &Code);
std::set<unsigned> reportedLines(const Case &C);

}  // namespace deadwood::test
