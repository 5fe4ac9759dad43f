// Runtime coverage joined to the graph (--coverage): samples/features built
// with gcc's --coverage and with clang's source-based coverage, run once on
// the branch that computes a mean. The functions that branch never runs
// (median, the helper only its assert calls, the usage line) are reachable
// but unexecuted; the ones that ran are not; dead code stays dead.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

namespace deadwood::e2e {
namespace {

const std::set<std::string> kNotRun = {"isSorted(const std::vector<double> &)", "median(std::vector<double>)",
                                       "logLine(const std::string &)"};

/// Name -> category of every finding.
std::map<std::string, std::string> categories(const json &Report) {
  std::map<std::string, std::string> Out;
  for (const json &F : Report["findings"]) Out[F["name"]] = F["category"];
  return Out;
}

std::set<std::string> unexecuted(const json &Report) {
  std::set<std::string> Out;
  for (const json &F : Report["findings"])
    if (F["category"] == "unexecuted") {
      Out.insert(F["name"].get<std::string>());
      EXPECT_FALSE(F["removable"].get<bool>()) << F.dump();
    }
  return Out;
}

/// The sample built with gcc --coverage and run once: `report 3 1 2`.
fs::path gccRun(const std::string &Tag) {
  fs::path Build = configure("features", {}, "-gcov" + Tag, "-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=--coverage");
  Result Made = sh("cmake --build " + quote(Build) + " -j2 && find " + quote(Build) +
                   " -name '*.gcda' -delete && " + quote(Build / "report") + " 3 1 2");
  EXPECT_EQ(Made.Exit, 0) << Made.Out << Made.Err;
  return Build;
}

TEST(Coverage, AGccRunJoinedFromGcovJsonShowsWhatItNeverRan) {
  fs::path Build = gccRun("-json");
  fs::path Data = Build / "gcov";
  fs::create_directories(Data);
  Result Gcov = sh("cd " + quote(Data) + " && find " + quote(Build) + " -name '*.gcda' | xargs gcov --json-format");
  ASSERT_EQ(Gcov.Exit, 0) << Gcov.Err;
  json R = jsonReport("-p " + quote(Build) + " --coverage " + quote(Data));
  ASSERT_FALSE(R.is_discarded());
  EXPECT_EQ(unexecuted(R), kNotRun);
  std::map<std::string, std::string> C = categories(R);
  EXPECT_EQ(C["variance(const std::vector<double> &)"], "dead") << "dead code is dead, not unexecuted";
  for (const char *Ran : {"mean(const std::vector<double> &)", "main(int, char **)", "formatResult(const char *, double)"})
    EXPECT_EQ(C.count(Ran), 0u) << Ran;
  const json &J = R["coverage"];
  EXPECT_EQ(J["format"], "gcov JSON");
  EXPECT_EQ(J["unknown_to_the_graph"], 0);
  EXPECT_EQ(J["project_files_not_covered"], 0);
  EXPECT_EQ(J["matched"], J["functions"]);
  EXPECT_GE(J["matched"].get<int>(), 10);
  EXPECT_EQ(R["summary"]["unexecuted"], 3);
  fs::path Saved = scratch() / "coverage-report.json";
  std::ofstream(Saved) << R.dump();
  Result Valid = validate(Saved, DEADWOOD_REPORT_SCHEMA);
  EXPECT_EQ(Valid.Exit, 0) << Valid.Err;

  // One .gcov.json.gz alone: only its file is covered, the others are counted.
  json One = jsonReport("-p " + quote(Build) + " --coverage " + quote(Data / "stats.cpp.gcov.json.gz"));
  EXPECT_EQ(unexecuted(One), (std::set<std::string>{"isSorted(const std::vector<double> &)", "median(std::vector<double>)"}));
  EXPECT_GE(One["coverage"]["project_files_not_covered"].get<int>(), 2);

  // A second run on the other branch executes median: it is no longer reported.
  ASSERT_EQ(sh(quote(Build / "report") + " --median 3 1 2").Exit, 0);
  fs::remove_all(Data);
  fs::create_directories(Data);
  ASSERT_EQ(sh("cd " + quote(Data) + " && find " + quote(Build) + " -name '*.gcda' | xargs gcov --json-format").Exit, 0);
  EXPECT_EQ(unexecuted(jsonReport("-p " + quote(Build) + " --coverage " + quote(Data))),
            (std::set<std::string>{"logLine(const std::string &)"}));
}

TEST(Coverage, AGccRunJoinedFromAnLcovTracefile) {
  fs::path Build = gccRun("-lcov");
  fs::path Info = Build / "run.info";
  Result Lcov = sh("lcov --quiet --capture --directory " + quote(Build) + " --output-file " + quote(Info));
  ASSERT_EQ(Lcov.Exit, 0) << Lcov.Err;
  json R = jsonReport("-p " + quote(Build) + " --coverage " + quote(Info));
  EXPECT_EQ(unexecuted(R), kNotRun);
  EXPECT_EQ(R["coverage"]["format"], "lcov");
  EXPECT_EQ(R["coverage"]["unknown_to_the_graph"], 0);

  Result Text = runDeadwood("-q -p " + quote(Build) + " --coverage " + quote(Info));
  EXPECT_NE(Text.Out.find("function 'median(std::vector<double>)' is reachable, but no run of the coverage data "
                          "executed it [deadwood-unexecuted]"),
            std::string::npos)
      << Text.Out;
  EXPECT_NE(Text.Out.find(", 3 unexecuted in "), std::string::npos) << Text.Out;
  EXPECT_NE(Text.Out.find("deadwood: coverage (lcov, "), std::string::npos) << Text.Out;
  // Without --coverage there is no such category.
  EXPECT_EQ(runDeadwood("-q -p " + quote(Build)).Out.find("unexecuted"), std::string::npos);
  // --categories leaves it out like any other.
  EXPECT_EQ(unexecuted(jsonReport("-p " + quote(Build) + " --coverage " + quote(Info) + " --categories=-unexecuted")),
            std::set<std::string>{});

  fs::path Sarif = scratch() / "coverage.sarif";
  ASSERT_EQ(runDeadwood("-q --format sarif -o " + quote(Sarif) + " -p " + quote(Build) + " --coverage " + quote(Info)).Exit, 0);
  json S = json::parse(slurp(Sarif));
  std::set<std::string> Rules;
  for (const json &Rule : S["runs"][0]["tool"]["driver"]["rules"]) Rules.insert(Rule["id"]);
  EXPECT_TRUE(Rules.count("deadwood-unexecuted"));
  size_t Unexecuted = 0;
  for (const json &Res : S["runs"][0]["results"])
    if (Res["ruleId"] == "deadwood-unexecuted") {
      ++Unexecuted;
      EXPECT_EQ(S["runs"][0]["tool"]["driver"]["rules"][Res["ruleIndex"].get<int>()]["id"], "deadwood-unexecuted");
    }
  EXPECT_EQ(Unexecuted, 3u);
  if (fs::exists(DEADWOOD_SARIF_SCHEMA)) {
    Result Valid = validate(Sarif, DEADWOOD_SARIF_SCHEMA);
    EXPECT_EQ(Valid.Exit, 0) << Valid.Err;
  }
  fs::path Html = scratch() / "coverage.html";
  ASSERT_EQ(runDeadwood("-q --format html -o " + quote(Html) + " -p " + quote(Build) + " --coverage " + quote(Info)).Exit, 0);
  std::string Page = slurp(Html);
  EXPECT_NE(Page.find("<option>unexecuted</option>"), std::string::npos);
  EXPECT_NE(Page.find(".badge.unexecuted {"), std::string::npos);
}

TEST(Coverage, AClangSourceBasedRunJoinedFromLlvmCovExport) {
  fs::path Build = configure("features", {}, "-llvm",
                             "-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-19 "
                             "'-DCMAKE_CXX_FLAGS=-fprofile-instr-generate -fcoverage-mapping' "
                             "-DCMAKE_EXE_LINKER_FLAGS=-fprofile-instr-generate");
  fs::path Raw = Build / "report.profraw", Data = Build / "report.profdata", Export = Build / "coverage.json";
  Result Made = sh("(cmake --build " + quote(Build) + " -j2 && LLVM_PROFILE_FILE=" + quote(Raw) + " " +
                   quote(Build / "report") + " 3 1 2 && llvm-profdata-19 merge -o " + quote(Data) + " " + quote(Raw) +
                   " && llvm-cov-19 export " + quote(Build / "report") + " -instr-profile=" + quote(Data) + " > " +
                   quote(Export) + ")");
  ASSERT_EQ(Made.Exit, 0) << Made.Out << Made.Err;
  json R = jsonReport("-p " + quote(Build) + " --coverage " + quote(Export));
  EXPECT_EQ(unexecuted(R), kNotRun);
  EXPECT_EQ(R["coverage"]["format"], "llvm-cov export");
  EXPECT_EQ(R["coverage"]["unknown_to_the_graph"], 0);
  EXPECT_EQ(categories(R)["variance(const std::vector<double> &)"], "dead");
}

TEST(Coverage, BadDataIsAOneLineErrorNamingTheFile) {
  fs::path Build = configure("features", {}, "-off", "-DCMAKE_BUILD_TYPE=Release");
  expectOneLineError(runDeadwood("-p " + quote(Build) + " --coverage /nonexistent/run.info"), "/nonexistent/run.info");
  fs::path Bogus = scratch() / "bogus.json";
  std::ofstream(Bogus) << "{\"hello\": 1}";
  expectOneLineError(runDeadwood("-q -p " + quote(Build) + " --coverage " + quote(Bogus)), Bogus.string());
  fs::path Empty = freshDir("no-coverage");
  expectOneLineError(runDeadwood("-q -p " + quote(Build) + " --coverage " + quote(Empty)), "no coverage data in");
}

}  // namespace
}  // namespace deadwood::e2e
