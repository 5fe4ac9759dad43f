// Several configurations intersected, coverage joined, and which programs are
// tests, on hand-built programs and on coverage text shaped as lcov, llvm-cov
// and gcov write it.
#include "passes/Configurations.h"
#include "passes/Coverage.h"
#include "passes/Findings.h"
#include "passes/Programs.h"
#include "passes/Program.h"
#include "passes/Reach.h"

#include "TuBuilder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

namespace deadwood {
namespace {

using test::TuBuilder;
using testing::ElementsAre;
using testing::UnorderedElementsAre;

/// One configuration: its program, what reaches it, its report.
struct Config {
  std::string Build;
  Program P;
  Reachability R;
  Report Rep;
  Config(std::string Build, std::vector<TuSummary> Tus) : Build(std::move(Build)), P(link(std::move(Tus))) {
    R = reach(P);
    Rep = classify(P, R, ClassifyOptions{"/src", {}, {}});
  }
  ConfigurationView view() const { return {Build, &P, &R, &Rep}; }
};

std::map<std::string, std::string> summaries(const Report &Rep) {
  std::map<std::string, std::string> Out;
  for (const Finding &F : Rep.Findings) Out[F.Name] = configurationSummary(F);
  return Out;
}

TEST(Intersect, DeadOnlyWhereEveryConfigurationCompilingItSaysSo) {
  // A: main calls used; featureHelper and alwaysDead are dead.
  Config A("/b/a", {TuBuilder("main.cpp").fn("main").fn("used").fn("featureHelper").fn("alwaysDead")
                        .edge("main", "used").root("main").S});
  // B also compiles feature.cpp, whose featureEntry (called by main) uses
  // featureHelper; onlyHere is dead and only B compiles it.
  Config B("/b/b", {TuBuilder("main.cpp").fn("main").fn("used").fn("featureHelper").fn("alwaysDead")
                        .edge("main", "used").edge("main", "featureEntry").root("main").S,
                    TuBuilder("feature.cpp").fn("featureEntry").fn("onlyHere").edge("featureEntry", "featureHelper").S});
  Report Both = intersect({A.view(), B.view()});
  EXPECT_THAT(summaries(Both), UnorderedElementsAre(
                                   testing::Pair("alwaysDead()", "dead in 2 of 2 configurations"),
                                   testing::Pair("onlyHere()", "dead in 1 of 2 configurations, not compiled in 1")));
  EXPECT_THAT(Both.Configurations, ElementsAre("/b/a", "/b/b"));
  EXPECT_EQ(Both.Tus, 3u);
  const Finding &Only = Both.Findings[0];  // feature.cpp comes first
  ASSERT_EQ(Only.Name, "onlyHere()");
  ASSERT_EQ(Only.Configurations.size(), 2u);
  EXPECT_EQ(Only.Configurations[0].Verdict, ConfigurationVerdict::NotCompiled);
  EXPECT_EQ(Only.Configurations[1].Verdict, ConfigurationVerdict::Dead);
  // Order does not matter.
  EXPECT_EQ(summaries(intersect({B.view(), A.view()})).size(), 2u);
  // Either alone calls featureHelper dead or not; together it is used.
  EXPECT_TRUE(summaries(A.Rep).count("featureHelper()"));
}

TEST(Intersect, NotRemovableInOneIsNotRemovableAndTheMergedReachKeepsWhatAnyReaches) {
  Config A("/b/a", {TuBuilder("main.cpp").fn("main").fn("dead").fn("live").edge("main", "live").root("main").S});
  Config B("/b/b", {TuBuilder("main.cpp").fn("main").fn("dead").fn("live").edge("main", "live").root("main").S});
  B.Rep.Findings[0].Removable = false;
  B.Rep.Findings[0].NotRemovableBecause = "named in code this configuration does not compile (x.cpp:1, under #if X)";
  Report Both = intersect({A.view(), B.view()});
  ASSERT_EQ(Both.Findings.size(), 1u);
  EXPECT_FALSE(Both.Findings[0].Removable);
  EXPECT_EQ(Both.Findings[0].NotRemovableBecause, B.Rep.Findings[0].NotRemovableBecause);

  Program Merged = link({TuBuilder("main.cpp").fn("main").fn("dead").fn("live").edge("main", "live").root("main").S,
                         TuBuilder("main.cpp").fn("main").fn("dead").fn("live").edge("main", "live").root("main").S});
  Reachability R = reachedInAny(Merged, {A.view(), B.view()});
  EXPECT_TRUE(R.reached(Merged.find("c:@F@live")));
  EXPECT_TRUE(R.reached(Merged.find("c:@F@main")));
  EXPECT_FALSE(R.reached(Merged.find("c:@F@dead")));
  EXPECT_EQ(R.Steps[Merged.find("c:@F@live")].From, Merged.find("c:@F@main"));
}

TEST(Intersect, AUseOneSkipsIsJudgedByAnotherThatCompilesIt) {
  auto Tu = [] { return TuBuilder("main.cpp").fn("main").fn("check").root("main").S; };
  Config A("/b/a", {Tu()}), B("/b/b", {Tu()}), C("/b/c", {Tu()});
  A.Rep.Findings[0].Removable = false;
  A.Rep.Findings[0].NotRemovableBecause = "named in code this configuration does not compile (main.cpp:3, ...)";
  A.Rep.Findings[0].NamedInSkippedCode = Finding::SkippedUse{"check", "/src/main.cpp", 3};
  // B reads main.cpp, skips nothing named check, and calls check dead.
  EXPECT_TRUE(intersect({A.view(), B.view()}).Findings[0].Removable);
  // C skips code naming check too: nobody compiled that use.
  C.P.SkippedNames["check"] = SkippedName{"check", 0, 9, "under #if 0"};
  Report AC = intersect({A.view(), C.view()});
  EXPECT_FALSE(AC.Findings[0].Removable);
  EXPECT_EQ(AC.Findings[0].NotRemovableBecause, A.Rep.Findings[0].NotRemovableBecause);
  // Nor does a configuration that does not read the file.
  Config D("/b/d", {TuBuilder("other.cpp").fn("main").fn("check").root("main").S});
  EXPECT_FALSE(intersect({A.view(), D.view()}).Findings[0].Removable);
}

TEST(Intersect, TestOnlyAnywhereMakesItTestOnly) {
  Config A("/b/a", {TuBuilder("main.cpp").fn("main").fn("helper").root("main").S});
  Config B("/b/b", {TuBuilder("main.cpp").fn("main").fn("helper").root("main").S});
  B.Rep.Findings[0].Category = Category::TestOnly;
  B.Rep.Findings[0].ReachedFrom = {"unit_tests"};
  Report Both = intersect({A.view(), B.view()});
  ASSERT_EQ(Both.Findings.size(), 1u);
  EXPECT_EQ(Both.Findings[0].Category, Category::TestOnly);
  EXPECT_FALSE(Both.Findings[0].Removable);
  EXPECT_THAT(Both.Findings[0].ReachedFrom, ElementsAre("unit_tests"));
  EXPECT_EQ(configurationSummary(Both.Findings[0]), "test-only in 1 of 2 configurations, dead in 1");
}

CoverageData parsed(const std::string &Path, const std::string &Text) {
  CoverageData D;
  std::string Err;
  EXPECT_TRUE(parseCoverage(Path, Text, &D, &Err)) << Err;
  std::sort(D.Files.begin(), D.Files.end());
  return D;
}

std::vector<std::string> records(const CoverageData &D) {
  std::vector<std::string> Out;
  for (const CoveredFunction &F : D.Functions)
    Out.push_back(F.File + ":" + std::to_string(F.Line) + " " + F.Name + " " + std::to_string(F.Count));
  std::sort(Out.begin(), Out.end());
  return Out;
}

TEST(CoverageData, LcovOneAndTwoWithEndLinesAndRelativePaths) {
  CoverageData D = parsed("/data/run.info", "TN:\n"
                                            "SF:/src/a.cpp\n"
                                            "FN:3,_Z4meanv\n"
                                            "FN:7,9,_Z6medianv\n"
                                            "FNDA:2,_Z4meanv\n"
                                            "FNDA:0,_Z6medianv\n"
                                            "FNF:2\nFNH:1\nDA:3,2\nend_of_record\n"
                                            "SF:rel/b.cpp\n"
                                            "FNL:0,5,8\nFNA:0,4,main\n"
                                            "end_of_record\n");
  EXPECT_EQ(D.Format, "lcov");
  EXPECT_THAT(records(D), ElementsAre("/data/rel/b.cpp:5 main 4", "/src/a.cpp:3 mean() 2", "/src/a.cpp:7 median() 0"));
  EXPECT_THAT(D.Files, ElementsAre("/data/rel/b.cpp", "/src/a.cpp"));
}

TEST(CoverageData, LlvmCovExportTakesTheFirstRegionsFile) {
  CoverageData D = parsed("/data/cov.json", R"J({"type": "llvm.coverage.json.export", "version": "2.0.1", "data": [{
      "files": [{"filename": "/src/a.cpp"}, {"filename": "/src/a.h"}],
      "functions": [
        {"name": "_Z4meanv", "count": 1, "filenames": ["/src/a.cpp"], "regions": [[11, 48, 15, 2, 1, 0, 0, 0]]},
        {"name": "a.cpp:_ZL6helperv", "count": 0, "filenames": ["/src/a.cpp", "/src/a.h"],
         "regions": [[4, 20, 6, 2, 0, 1, 0, 0]]}]}]})J");
  EXPECT_EQ(D.Format, "llvm-cov export");
  EXPECT_THAT(records(D), ElementsAre("/src/a.cpp:11 mean() 1", "/src/a.h:4 helper() 0"));
}

TEST(CoverageData, GcovJsonPathsAreRelativeToItsWorkingDirectory) {
  CoverageData D = parsed("/data/a.cpp.gcov.json", R"J({"format_version": "1", "gcc_version": "12.2.0",
      "current_working_directory": "/build", "data_file": "a.cpp.gcda",
      "files": [{"file": "../src/a.cpp", "functions": [
        {"name": "_Z4meanv", "demangled_name": "mean()", "start_line": 3, "end_line": 5, "execution_count": 7}]}]})J");
  EXPECT_EQ(D.Format, "gcov JSON");
  EXPECT_THAT(records(D), ElementsAre("/src/a.cpp:3 mean() 7"));
}

TEST(CoverageData, WhatIsNoCoverageIsAnErrorNamingTheFile) {
  CoverageData D;
  std::string Err;
  EXPECT_FALSE(parseCoverage("/data/x.json", R"J({"tests": []})J", &D, &Err));
  EXPECT_THAT(Err, testing::HasSubstr("/data/x.json"));
  EXPECT_FALSE(parseCoverage("/data/x.info", "hello\n", &D, &Err));
  EXPECT_THAT(Err, testing::HasSubstr("/data/x.info: not coverage data"));
}

TEST(CoverageJoin, ReachedButNeverRunIsUnexecutedAndTheRestIsCounted) {
  Program P = link({TuBuilder("a.cpp").fn("main", 1).fn("ran", 3).fn("neverRan", 5).fn("noRecord", 7).fn("dead", 9)
                        .edge("main", "ran").edge("main", "neverRan").edge("main", "noRecord").root("main").S,
                    TuBuilder("b.cpp").fn("elsewhere", 2).edge("", "elsewhere").S});
  Reachability R = reach(P);
  ClassifyOptions O{"/src", {}, {}};
  Report Rep = classify(P, R, O);
  ASSERT_EQ(Rep.Findings.size(), 1u);  // dead()
  CoverageData D;
  D.Format = "lcov";
  D.Functions = {{"/src/a.cpp", 1, "main", 1}, {"/src/a.cpp", 3, "ran()", 5}, {"/src/a.cpp", 5, "neverRan()", 0},
                 {"/src/a.cpp", 9, "dead()", 0}, {"/src/a.cpp", 40, "gone()", 0}, {"/usr/include/x.h", 3, "std::x()", 0}};
  D.Files = {"/src/a.cpp", "/usr/include/x.h"};
  CoverageJoin J = joinCoverage(P, R, D, O, Rep);
  std::vector<std::string> Names;
  for (const Finding &F : Rep.Findings) Names.push_back(std::string(categoryName(F.Category)) + " " + F.Name);
  EXPECT_THAT(Names, ElementsAre("unexecuted neverRan()", "dead dead()"));
  EXPECT_FALSE(Rep.Findings[0].Removable);
  EXPECT_EQ(J.Unexecuted, 1u);
  EXPECT_EQ(J.Matched, 4u);
  EXPECT_EQ(J.Unknown, 1u) << "line 40 of a.cpp holds no definition the graph knows";
  EXPECT_EQ(J.Outside, 1u);
  EXPECT_EQ(J.FilesNotCovered, 1u) << "b.cpp's elsewhere() is reachable and not in the data";
}

}  // namespace
}  // namespace deadwood

namespace deadwood {
namespace {

TEST(Programs, AnInstalledProgramCTestRunsIsTheProductNotATest) {
  Program P = link({TuBuilder("app.cpp").fn("main").root("main").S, TuBuilder("app_test.cpp").fn("main2").S});
  BuildGraph G;
  G.Targets.push_back(Target{"app", "EXECUTABLE", {"/src/app.cpp"}, {}, {}, {}, {}, /*Installed=*/true, /*IsTest=*/true});
  G.Targets.push_back(Target{"app_test", "EXECUTABLE", {"/src/app_test.cpp"}, {}, {}, {}, {}, false, true});
  std::vector<std::string> Details;
  std::vector<ProgramDef> Defs = programsOf(G, P, &Details);
  ASSERT_EQ(Defs.size(), 2u);
  EXPECT_FALSE(Defs[0].IsTest);
  EXPECT_TRUE(Defs[1].IsTest);
  EXPECT_THAT(Details[0], testing::HasSubstr("installed, so not a test, though CTest runs it"));
}

}  // namespace
}  // namespace deadwood
