// End to end: programs, libraries and vendored code on the toolkit sample —
// each executable a program, CTest's tests told apart, a library's public
// API (installed headers, PUBLIC include directories, --public-header)
// alive, a vendored subproject analysed but silent.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace {

using namespace deadwood::e2e;

TEST(BuildGraph, EachExecutableIsAProgramAndTestsAreKnown) {
  fs::path Build = configure("toolkit");
  Result R = runDeadwood("-v --format json -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'core-test' (a test): 3 translation units"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'tool-render': 4 translation units"), std::string::npos)
      << "its own TU and those of render and core, which render links: " << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'render': 3 translation units, a library\n"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: public API: 13 symbols declared in 5 public headers\n"), std::string::npos)
      << "strutil.h and meta.h, installed; render.h and core's headers, render's PUBLIC include directories: "
      << R.Err;
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["summary"]["test-only"], 2);
  EXPECT_EQ(Report["targets"]["core"], (json{{"dead", 1}, {"test-only", 2}}));
  EXPECT_EQ(Report["targets"]["render"], (json{{"dead", 1}, {"test-only", 0}}));
  for (const json &F : Report["findings"])
    if (F["category"] == "test-only") {
      EXPECT_EQ(F["reached_from"], json::array({"core-test"}));
      EXPECT_EQ(F["removable"], false);
    }
}

TEST(BuildGraph, SharedLibraryApiIsAliveAndWhySaysSo) {
  fs::path Build = configure("toolkit");
  Result R = runDeadwood("-q --why render::html -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("root 'render::html(const std::string &)': public API of a library (declared in public "
                       "header " + sampleDir("toolkit") + "render/render.h, a public include directory of shared library 'render')"),
            std::string::npos)
      << R.Out;
  // The same answer as JSON, into a file.
  fs::path Out = scratch() / "why.json";
  Result J = runDeadwood("-q --why render::html --format json -o " + quote(Out) + " -p " + quote(Build));
  ASSERT_EQ(J.Exit, 0) << J.Err;
  EXPECT_EQ(J.Out, "");
  json Why = json::parse(slurp(Out));
  EXPECT_EQ(Why["reachable"], true);
  EXPECT_EQ(Why["symbol"]["name"], "render::html(const std::string &)");
  ASSERT_FALSE(Why["path"].empty());
  EXPECT_EQ(Why["path"][0]["how"], "root");
  EXPECT_EQ(Why["path"][0]["root"], "exported");
  EXPECT_NE(Why["path"][0]["note"].get<std::string>().find("render/render.h"), std::string::npos) << Why.dump();
  EXPECT_EQ(Why["path"].back()["name"], "render::html(const std::string &)");
  Result Api = runDeadwood("-q --format json --public-api 'core::legacy*' -p " + quote(Build));
  EXPECT_EQ(Api.Out.find("legacyCount"), std::string::npos) << "--public-api keeps it";
  Result Stale = runDeadwood("-q --public-api 'nothing::*' -p " + quote(Build));
  EXPECT_NE(Stale.Err.find("deadwood: warning: --public-api 'nothing::*' matches nothing"), std::string::npos)
      << Stale.Err;
}

TEST(Categories, SelectedAsClangTidySelectsChecks) {
  fs::path Build = configure("toolkit");
  auto Categories = [&](const std::string &Arg) {
    Result R = runDeadwood("-q --format json " + Arg + " -p " + quote(Build));
    EXPECT_EQ(R.Exit, 0) << R.Err;
    std::set<std::string> Seen;
    json Report = json::parse(R.Out);
    for (const json &F : Report["findings"]) Seen.insert(F["category"].get<std::string>());
    return Seen;
  };
  EXPECT_EQ(Categories(""), (std::set<std::string>{"dead", "test-only"}));
  EXPECT_EQ(Categories("--categories=-test-only"), (std::set<std::string>{"dead"}));
  EXPECT_EQ(Categories("--categories=-*,test-only"), (std::set<std::string>{"test-only"}));
  expectOneLineError(runDeadwood("-q --categories=-unused -p " + quote(Build)), "no category 'unused'");
}

TEST(Libraries, InstalledHeadersAreApiAndWhyNamesTheRule) {
  fs::path Build = configure("toolkit");
  Result R = runDeadwood("-q --format json -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  std::set<std::string> Names;
  for (const json &F : Report["findings"]) Names.insert(F["name"]);
  for (const char *Api : {"strutil::trim(const std::string &)", "strutil::join(const Items &, char)", "strutil::Table",
                          "strutil::kMaxWidth", "strutil::kEllipsis", "meta::clamp(const T &, const T &, const T &)"})
    EXPECT_FALSE(Names.count(Api)) << Api << " is installed API: " << R.Out;
  EXPECT_TRUE(Names.count("strutil::detail::unusedHelper()")) << "a detail namespace is not API by itself";
  EXPECT_TRUE(Names.count("strutil::isVowel(char)")) << "a private helper of the library";
  Result Why = runDeadwood("-q --why strutil::join -p " + quote(Build));
  EXPECT_NE(Why.Out.find("root 'strutil::join(const Items &, char)': public API of a library (declared in public "
                         "header " + sampleDir("toolkit") + "strutil/strutil.h, installed by install(DIRECTORY) at " +
                         sampleDir("toolkit") + "strutil/CMakeLists.txt:6)"),
            std::string::npos)
      << Why.Out;
  Why = runDeadwood("-q --why strutil::detail::append -p " + quote(Build));
  EXPECT_NE(Why.Out.find("public API of a library (not API by itself, but named elsewhere in the project's text, "
                         "which users may compile in other configurations, declared in public header"),
            std::string::npos)
      << "join() names it: " << Why.Out;
  Why = runDeadwood("-q --why meta::clamp -p " + quote(Build));
  EXPECT_NE(Why.Out.find("installed by install(FILES) at " + sampleDir("toolkit") + "CMakeLists.txt:29"), std::string::npos)
      << "a header-only library's: " << Why.Out;
}

TEST(Libraries, PublicHeadersWithoutCMakeByOptionAndConfig) {
  // Only the compile database: no build graph, no install rules.
  fs::path Dir = scratch() / "toolkit-db-only";
  fs::remove_all(Dir);
  copyOfSample("toolkit", Dir / "src");
  fs::path Build = configure("toolkit", Dir / "src", "-db-only");
  fs::create_directories(Dir / "db");
  fs::copy_file(Build / "compile_commands.json", Dir / "db" / "compile_commands.json",
                fs::copy_options::overwrite_existing);
  std::string Db = " -p " + quote(Dir / "db");
  Result Bare = runDeadwood("-q --format json" + Db);
  ASSERT_EQ(Bare.Exit, 0) << Bare.Err;
  EXPECT_NE(Bare.Out.find("strutil::trim"), std::string::npos) << "nothing says strutil.h is public";
  Result Named = runDeadwood("-q --format json --public-header 'strutil/*.h'" + Db);
  EXPECT_EQ(Named.Out.find("strutil::trim"), std::string::npos) << Named.Out;
  EXPECT_NE(Named.Out.find("strutil::detail::unusedHelper"), std::string::npos);
  Result Why = runDeadwood("-q --public-header 'strutil/*.h' --why strutil::trim" + Db);
  EXPECT_NE(Why.Out.find("(declared in public header strutil/strutil.h, named by --public-header 'strutil/*.h')"),
            std::string::npos)
      << Why.Out;
  std::ofstream(Dir / "src" / ".deadwood.json") << R"({"public-headers": ["strutil/**"]})";
  Result Config = runDeadwood("-q --format json" + Db);
  EXPECT_EQ(Config.Out.find("strutil::trim"), std::string::npos) << Config.Out << Config.Err;
}

TEST(Vendored, ASubprojectIsSilentUntilIncluded) {
  fs::path Build = configure("toolkit");
  fs::path Root = fs::canonical(fs::path(DEADWOOD_SAMPLES_DIR) / "toolkit");
  Result R = runDeadwood("--format json -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["vendored"], json::parse(R"([{"path": ")" + (Root / "libs/minizip").string() +
                                            R"(", "why": "CMake project minizip"}])"));
  EXPECT_NE(R.Err.find("deadwood: vendored, analysed but not reported or edited: " + sampleDir("toolkit") +
                       "libs/minizip (CMake project minizip; --include-vendored to report it)"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(findings(Report), marks(Root)) << "minizip's dead adler() is not reported";

  Result All = runDeadwood("-q --format json --include-vendored -p " + quote(Build));
  ASSERT_EQ(All.Exit, 0) << All.Err;
  EXPECT_EQ(findings(json::parse(All.Out)), marks(Root, /*Vendored=*/true));
}

TEST(BuildGraph, AsksCMakeForTheReplyWhenThereIsNone) {
  fs::path Build = scratch() / "no-reply";
  fs::remove_all(Build);
  ASSERT_EQ(sh("cmake -S " + quote(fs::path(DEADWOOD_SAMPLES_DIR) / "toolkit") + " -B " + quote(Build) +
               " -DCMAKE_CXX_COMPILER=g++").Exit, 0);
  fs::remove_all(Build / ".cmake");
  Result R = runDeadwood("-q -p " + quote(Build));
  EXPECT_EQ(R.Exit, 0);
  EXPECT_NE(R.Err.find("deadwood: note: asked CMake for its build graph: wrote a File API query and re-ran "
                       "cmake in '" + Build.string() + "'"),
            std::string::npos)
      << R.Err;
  EXPECT_NE(R.Out.find("2 test-only"), std::string::npos) << R.Out;
}

}  // namespace
