// The removal proof end to end: what the model gets wrong, Clang catches
// before anything is written, and the report says why; C translation units
// and crashing ones never lose the run.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <fstream>

namespace {

using namespace deadwood::e2e;

/// The names of a JSON report's top-level findings.
std::set<std::string> findingNames(const json &Report) {
  std::set<std::string> Names;
  for (const json &F : Report["findings"]) Names.insert(F["name"].get<std::string>());
  return Names;
}

/// A project with one construct the model does not follow: a class used
/// only as a template template argument. Removing it does not compile.
fs::path templateTemplateProject(const std::string &Name) {
  fs::path Dir = freshDir(Name);
  std::ofstream(Dir / "a.cpp") << "template <template <class> class X> struct Use { int v = 1; };\n"
                                  "template <class> struct Arg {};\n"
                                  "int helper() { return 2; }\n"
                                  "Use<Arg> u;\n"
                                  "int main() { return u.v; }\n";
  writeDatabase(Dir, {"a.cpp"});
  return Dir;
}

TEST(Proof, KeepsOutWhatDoesNotCompileAndSaysWhy) {
  fs::path Dir = templateTemplateProject("proof-keeps-out");
  Result R = runDeadwood("-q --fix --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: proved 1 removal group in 1 translation unit"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("; 1 kept out"), std::string::npos) << R.Err;
  EXPECT_EQ(slurp(Dir / "a.cpp"), "template <template <class> class X> struct Use { int v = 1; };\n"
                                  "template <class> struct Arg {};\n"
                                  "Use<Arg> u;\n"
                                  "int main() { return u.v; }\n");
  EXPECT_EQ(sh("cd " + quote(Dir) + " && g++ -c a.cpp -o /dev/null").Exit, 0);
  json Report = json::parse(R.Out);
  bool Seen = false;
  for (const json &F : Report["findings"])
    if (F["name"] == "Arg") {
      Seen = true;
      EXPECT_FALSE(F["removable"].get<bool>());
      EXPECT_EQ(F["not_removable_because"].get<std::string>().rfind("removing it breaks " + (Dir / "a.cpp").string() + ":4:", 0), 0u)
          << F.dump() << ": the line of Use<Arg> as the file has it";
      EXPECT_NE(F["not_removable_because"].get<std::string>().find("'Arg'"), std::string::npos) << F.dump();
    }
  EXPECT_TRUE(Seen) << R.Out;
}

TEST(Proof, NoProveWritesWhatThePlannerSays) {
  fs::path Dir = templateTemplateProject("proof-off");
  Result R = runDeadwood("-q --fix --no-prove -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(R.Err.find("proved"), std::string::npos) << R.Err;
  EXPECT_NE(sh("cd " + quote(Dir) + " && g++ -c a.cpp -o /dev/null").Exit, 0) << slurp(Dir / "a.cpp");
}

TEST(Proof, ReportSaysRemovableExactlyWhenThePlanRemoves) {
  fs::path Dir = freshDir("proof-report-plan");
  std::ofstream(Dir / "a.cpp") << "struct Shape { virtual int area() const = 0; virtual ~Shape() = default; };\n"
                                  "struct Square : Shape { int area() const override { return 4; } };\n"
                                  "int unused() { return 1; }\n"
                                  "int main() { Square *s = nullptr; return s != nullptr; }\n";
  writeDatabase(Dir, {"a.cpp"});
  json Report = json::parse(runDeadwood("-q --format json -p " + quote(Dir)).Out);
  std::map<std::string, bool> Removable;
  for (const json &F : Report["findings"]) Removable[F["name"]] = F["removable"];
  EXPECT_EQ(Removable, (std::map<std::string, bool>{{"Square::area() const", false}, {"unused()", true}}));
}

TEST(Proof, PatchIsProvenToo) {
  fs::path Dir = templateTemplateProject("proof-patch");
  Result R = runDeadwood("-q --patch " + quote(Dir / "x.patch") + " -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  std::string Patch = slurp(Dir / "x.patch");
  EXPECT_NE(Patch.find("-int helper()"), std::string::npos) << Patch;
  EXPECT_EQ(Patch.find("-template <class> struct Arg"), std::string::npos) << Patch;
}

TEST(NoCrashLosesARun, CTranslationUnitsAreAnalysed) {
  fs::path Dir = freshDir("c-tu");
  std::ofstream(Dir / "a.c") << "typedef struct point { int x, y; } point_t;\n"
                                "static int dead_helper(point_t p) { return p.x; }\n"
                                "int used(point_t *p) { return p->y; }\n"
                                "int main(void) { point_t p = {1, 2}; return used(&p); }\n";
  std::ofstream(Dir / "b.cpp") << "int cxxDead() { return 1; }\n";
  std::ofstream(Dir / "compile_commands.json")
      << "[{\"directory\":" << json(Dir.string()) << ",\"file\":\"a.c\",\"arguments\":[\"gcc\",\"-c\",\"a.c\"]},"
      << "{\"directory\":" << json(Dir.string()) << ",\"file\":\"b.cpp\",\"arguments\":[\"g++\",\"-c\",\"b.cpp\"]}]";
  Result R = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(findingNames(json::parse(R.Out)), (std::set<std::string>{"dead_helper(point_t)", "cxxDead()"}));
}

TEST(NoCrashLosesARun, ACrashingTuFailsAloneAndHidesWhatItReads) {
  fs::path Dir = freshDir("crash-tu");
  std::ofstream(Dir / "shared.h") << "int sharedHelper();\n";
  std::ofstream(Dir / "a.cpp") << "#include \"shared.h\"\nint sharedHelper() { return 1; }\nint aDead() { return 2; }\n"
                                  "int main() { return 0; }\n";
  std::ofstream(Dir / "b.cpp") << "#include \"shared.h\"\nint bUses() { return sharedHelper(); }\n"
                                  "#pragma clang __debug crash\n";
  writeDatabase(Dir, {"a.cpp", "b.cpp"});
  // What the crashed frontend allocated is abandoned by design: not a leak to report.
  Result R = sh("ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" " + quote(DEADWOOD_BINARY) + " -q --format json -p " +
                quote(Dir));
  ASSERT_EQ(R.Exit, 3) << R.Err;
  json Report = json::parse(R.Out);
  ASSERT_EQ(Report["failed"].size(), 1u);
  EXPECT_NE(Report["failed"][0]["errors"][0].get<std::string>().find("crashed"), std::string::npos) << R.Out;
  // sharedHelper is declared in shared.h, which the crashed TU read.
  EXPECT_EQ(findingNames(Report), (std::set<std::string>{"aDead()"}));
}

TEST(Vendored, ThirdPartyIsAnalysedNotReportedUnlessAsked) {
  fs::path Dir = freshDir("vendored");
  fs::create_directories(Dir / "third_party" / "lib");
  std::ofstream(Dir / "third_party" / "lib" / "lib.cpp") << "int libUsed() { return 1; }\nint libDead() { return 2; }\n";
  std::ofstream(Dir / "main.cpp") << "int libUsed();\nint ownDead() { return 3; }\nint main() { return libUsed(); }\n";
  writeDatabase(Dir, {"main.cpp", "third_party/lib/lib.cpp"});
  auto Names = [](const Result &R) { return findingNames(json::parse(R.Out)); };
  Result Default = runDeadwood("--format json -p " + quote(Dir));
  ASSERT_EQ(Default.Exit, 0) << Default.Err;
  EXPECT_EQ(Names(Default), (std::set<std::string>{"ownDead()"}));
  EXPECT_EQ(json::parse(Default.Out)["vendored"][0]["why"], "third_party/");
  EXPECT_NE(Default.Err.find("vendored, analysed but not reported or edited: third_party"), std::string::npos) << Default.Err;
  Result Fix = runDeadwood("-q --fix -p " + quote(Dir));
  ASSERT_EQ(Fix.Exit, 0) << Fix.Err;
  EXPECT_NE(slurp(Dir / "third_party" / "lib" / "lib.cpp").find("libDead"), std::string::npos) << "never edited";
  EXPECT_EQ(Names(runDeadwood("-q --format json --include-vendored -p " + quote(Dir))),
            (std::set<std::string>{"libDead()"}));
}

TEST(Roots, NoEntryPointCallsNothingDeadAndSaysSo) {
  fs::path Dir = freshDir("no-entry-point");
  std::ofstream(Dir / "lib.cpp") << "int api() { return 1; }\nint helper() { return api(); }\n";
  writeDatabase(Dir, {"lib.cpp"});
  Result R = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_TRUE(json::parse(R.Out)["findings"].empty()) << R.Out;
  EXPECT_NE(R.Err.find("no entry point"), std::string::npos) << R.Err;
}

}  // namespace
