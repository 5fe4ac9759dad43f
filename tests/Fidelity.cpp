#include "Fidelity.h"

#include "analyzer/Extract.h"
#include "passes/Findings.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include <gtest/gtest.h>

#include <sstream>

namespace deadwood::test {

std::set<unsigned> markedLines(const std::string &Code) {
  std::set<unsigned> Lines;
  std::istringstream In(Code);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N)
    if (Line.find("// dead") != std::string::npos) Lines.insert(N);
  return Lines;
}

Report reportOf(const Case &C) {
  std::vector<TuSummary> Tus = {extractFromCode(C.Code, C.Args, "/virtual/case.cc")};
  Program P = link(std::move(Tus));
  return classify(P, reach(P), ClassifyOptions{"/virtual", {}, {}});
}

std::set<unsigned> reportedLines(const Case &C) {
  Report R = reportOf(C);
  if (R.incomplete()) return {0};  // line 0: the case itself did not compile
  std::set<unsigned> Lines;
  forEachFinding(R.Findings, [&](const Finding &F) { Lines.insert(F.Line); });
  return Lines;
}

void expectFindingsEqualMarks(const Case &C) {
  std::set<unsigned> Marked = markedLines(C.Code), Reported = reportedLines(C);
  ASSERT_FALSE(Reported.count(0)) << C.Name << ": the case does not compile";
  for (unsigned L : Marked)
    EXPECT_TRUE(Reported.count(L)) << C.Name << ":" << L << ": marked dead, not reported";
  for (unsigned L : Reported)
    EXPECT_TRUE(Marked.count(L)) << C.Name << ":" << L << ": reported, not marked dead";
}

}  // namespace deadwood::test
