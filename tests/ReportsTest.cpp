// Report writers: exact text, and the JSON contract of DESIGN.md.
#include "reports/Writers.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace deadwood {
namespace {

Report sampleReport() {
  Report R;
  R.SourceRoot = "/src";
  R.Tus = 3;
  R.Symbols = 40;
  R.Reached = 30;
  Finding A;
  A.Category = Category::Dead;
  A.Kind = SymbolKind::Function;
  A.Name = "ns::f(int)";
  A.Usr = "c:@N@ns@F@f#I#";
  A.File = "/src/a.cpp";
  A.Line = 12;
  A.Column = 6;
  A.Declarations = {"/src/a.h:3:6"};
  Finding B = A;
  B.Kind = SymbolKind::Method;
  B.Name = "C::m()";
  B.Usr = "c:@S@C@F@m#";
  B.File = "/elsewhere/b.cpp";
  B.Line = 2;
  B.Column = 9;
  B.Declarations.clear();
  B.Removable = false;
  B.NotRemovableBecause = "defined by a macro expansion";
  R.Findings = {A, B};
  return R;
}

TEST(TextReport, CompilerFormDiagnosticsThenSummary) {
  std::ostringstream OS;
  writeText(OS, sampleReport(), TextOptions{"/src", false});
  EXPECT_EQ(OS.str(),
            "a.cpp:12:6: warning: function 'ns::f(int)' is unreachable [deadwood-dead]\n"
            "a.h:3:6: note: also declared here\n"
            "/elsewhere/b.cpp:2:9: warning: method 'C::m()' is unreachable [deadwood-dead]\n"
            "/elsewhere/b.cpp:2:9: note: not removable: defined by a macro expansion\n"
            "deadwood: 2 unreachable symbols (2 functions, 0 variables, 0 classes, 0 lines) in 2 files (3 translation units, 40 symbols, "
            "30 reachable)\n");
}

TEST(TextReport, SaysWhenIncomplete) {
  Report R = sampleReport();
  R.Findings.clear();
  R.Failed.push_back(FailedTu{"/src/bad.cpp", {"bad.cpp:1:1: error: x"}});
  R.Unknown = 4;
  std::ostringstream OS;
  writeText(OS, R);
  EXPECT_EQ(OS.str(),
            "deadwood: 0 unreachable symbols (0 functions, 0 variables, 0 classes, 0 lines) in 0 files (3 translation units, 40 symbols, "
            "30 reachable)\n"
            "deadwood: incomplete: 1 of 3 translation units failed to parse; 4 symbols in files "
            "they read not judged\n");
}

// The whole contract is docs/report.schema.json (validated end to end in
// JsonReport.ValidatesAgainstTheContractInTheRepository); here, the values.
TEST(JsonReport, FollowsTheContract) {
  std::ostringstream OS;
  writeJson(OS, sampleReport());
  nlohmann::json J = nlohmann::json::parse(OS.str());
  EXPECT_EQ(J["version"], kReportVersion);
  EXPECT_EQ(J["complete"], true);
  EXPECT_EQ(J["summary"]["dead"], 2);
  EXPECT_EQ(J["summary"]["test-only"], 0);
  EXPECT_EQ(J["summary"]["files"], 2);
  ASSERT_EQ(J["findings"].size(), 2u);
  const nlohmann::json &F = J["findings"][0];
  for (const char *Key : {"category", "kind", "name", "usr", "file", "line", "column", "removable"})
    EXPECT_TRUE(F.contains(Key)) << Key;
  EXPECT_EQ(F["category"], "dead");
  EXPECT_EQ(F["kind"], "function");
  EXPECT_EQ(F["name"], "ns::f(int)");
  EXPECT_EQ(F["file"], "/src/a.cpp");
  EXPECT_EQ(F["line"], 12);
  EXPECT_EQ(F["column"], 6);
  EXPECT_EQ(F["removable"], true);
  EXPECT_EQ(J["findings"][1]["removable"], false);
  EXPECT_EQ(J["findings"][1]["not_removable_because"], "defined by a macro expansion");
}

}  // namespace
}  // namespace deadwood
