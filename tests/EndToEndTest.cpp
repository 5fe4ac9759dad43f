// End to end: the deadwood binary on real CMake projects configured with g++,
// and on bad input. Findings must equal the `// deadwood: dead` marks in the
// sample's sources, both ways; failures name the mark's file:line.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <sys/wait.h>

namespace {

using namespace deadwood::e2e;

class Samples : public testing::TestWithParam<std::string> {};

TEST_P(Samples, FindingsEqualTheMarks) {
  fs::path Build = configure(GetParam());
  fs::path Json = scratch() / (GetParam() + ".json");
  Result R = runDeadwood("-p " + quote(Build) + " --format json -o " + quote(Json));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(slurp(Json));
  EXPECT_EQ(Report["complete"], true);
  std::set<std::string> Marked = marks(fs::canonical(fs::path(DEADWOOD_SAMPLES_DIR) / GetParam()));
  std::set<std::string> Found = findings(Report);
  ASSERT_FALSE(Marked.empty());
  for (const std::string &M : Marked)
    EXPECT_TRUE(Found.count(M)) << M << ": marked dead, not reported";
  for (const std::string &F : Found)
    EXPECT_TRUE(Marked.count(F)) << F << ": reported, not marked dead";
}

INSTANTIATE_TEST_SUITE_P(All, Samples, testing::Values("inventory", "toolkit"));

TEST(BuildGraph, EachExecutableIsAProgramAndTestsAreKnown) {
  fs::path Build = configure("toolkit");
  Result R = runDeadwood("-v --format json -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'core-test' (a test): 3 translation unit(s)"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'tool-render': 4 translation unit(s)"), std::string::npos)
      << "its own TU and those of render and core, which render links: " << R.Err;
  EXPECT_NE(R.Err.find("deadwood: program 'render': 3 translation unit(s), a library\n"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("deadwood: public API: 13 symbol(s) declared in 5 public header(s)\n"), std::string::npos)
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
  Result Api = runDeadwood("-q --format json --public-api 'core::legacy*' -p " + quote(Build));
  EXPECT_EQ(Api.Out.find("legacyCount"), std::string::npos) << "--public-api keeps it";
  Result Stale = runDeadwood("-q --public-api 'nothing::*' -p " + quote(Build));
  EXPECT_NE(Stale.Err.find("deadwood: warning: --public-api 'nothing::*' matches nothing"), std::string::npos)
      << Stale.Err;
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
  fs::create_directories(Dir);
  fs::copy(fs::path(DEADWOOD_SAMPLES_DIR) / "toolkit", Dir / "src", fs::copy_options::recursive);
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

TEST(Cli, TextReportIsCompilerFormAndSorted) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("cli/commands.cpp:26:6: warning: function 'cli::log(const char *)' is "
                       "unreachable [deadwood-dead]\n"),
            std::string::npos)
      << R.Out;
  EXPECT_NE(R.Out.find("deadwood: 18 unreachable symbols (15 functions, 2 variables, 1 class, 31 lines) in 7 files (7 translation units"),
            std::string::npos)
      << R.Out;
  EXPECT_LT(R.Out.find("cli/commands.cpp"), R.Out.find("lib/item.cpp")) << "sorted by file";
}

TEST(Cli, SortBySizeLargestFirst) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-q --sort size --format json -p " + quote(Build));
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["findings"][0]["name"], "inv::Gadget") << "6 lines of class and 3 of members";
  EXPECT_EQ(Report["summary"]["dead_lines"], 31);
  size_t Previous = SIZE_MAX;
  for (const json &F : Report["findings"]) {
    size_t Lines = F["lines"];
    if (F.contains("members"))
      for (const json &M : F["members"]) Lines += M["file"] != F["file"] ? M["lines"].get<size_t>() : 0;
    EXPECT_LE(Lines, Previous) << F["name"];
    Previous = Lines;
  }
}

TEST(Dot, DeadSubgraphAndWhyPath) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-q --format dot -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0);
  EXPECT_EQ(R.Out.rfind("digraph deadwood {", 0), 0u);
  auto Node = [&](const std::string &Label) {
    size_t At = R.Out.find("[label=\"" + Label);
    if (At == std::string::npos) return std::string("?");
    size_t Start = R.Out.rfind('n', At);
    return R.Out.substr(Start, At - 1 - Start);
  };
  std::string Even = Node("inv::isEven(unsigned int)\\n" + sampleDir("inventory") + "lib/text.cpp:33"), Odd = Node("inv::isOdd(unsigned int)");
  EXPECT_NE(R.Out.find(Even + " -> " + Odd + " [label=\"call\"]"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find(Odd + " -> " + Even + " [label=\"call\"]"), std::string::npos) << "the dead cycle";
  Result Why = runDeadwood("-q --format dot --why inv::cheaper -p " + quote(Build));
  EXPECT_NE(Why.Out.find("[label=\"address\"]"), std::string::npos) << Why.Out;
}

TEST(Progress, BarOnATerminalLinesElsewhereNothingWhenQuiet) {
  fs::path Build = configure("inventory");
  Result Plain = runDeadwood("-o /dev/null -p " + quote(Build));
  EXPECT_NE(Plain.Err.find("[1/7] "), std::string::npos) << Plain.Err;
  EXPECT_NE(Plain.Err.find("[7/7] "), std::string::npos) << Plain.Err;
  EXPECT_EQ(Plain.Err.find('\r'), std::string::npos) << "no terminal, no redrawing";
  EXPECT_EQ(runDeadwood("-q -o /dev/null -p " + quote(Build)).Err, "");
  if (sh("command -v script").Exit != 0) GTEST_SKIP() << "no script(1) to provide a terminal";
  Result Tty = sh("script -qec " + quote(quote(DEADWOOD_BINARY) + " -o /dev/null -j1 -p " + quote(Build)) + " /dev/null");
  EXPECT_NE(Tty.Out.find("\r\033[K[1/7] "), std::string::npos) << Tty.Out;
  EXPECT_NE(Tty.Out.find("  ETA 0:"), std::string::npos) << Tty.Out;
}

TEST(Cache, UnchangedTusAreReusedATouchedHeaderReparsesItsTusCorruptEntriesAreRejected) {
  fs::path Tree = scratch() / "cache-tree";
  fs::remove_all(Tree);
  fs::copy(fs::path(DEADWOOD_SAMPLES_DIR) / "inventory", Tree, fs::copy_options::recursive);
  fs::path Build = configure("inventory", Tree, "-cache");
  fs::path Cache = scratch() / "summary-cache";
  std::string Args = "-v --format json --cache-dir " + quote(Cache) + " -p " + quote(Build);
  Result Cold = runDeadwood(Args);
  EXPECT_NE(Cold.Err.find("deadwood: cache: 0 of 7 translation unit(s) reused"), std::string::npos) << Cold.Err;
  Result Warm = runDeadwood(Args);
  EXPECT_NE(Warm.Err.find("deadwood: cache: 7 of 7 translation unit(s) reused"), std::string::npos) << Warm.Err;
  EXPECT_EQ(Warm.Out, Cold.Out);

  // text.h is read by item.cpp, text.cpp, commands.cpp and report/main.cpp.
  std::ofstream(Tree / "lib" / "text.h", std::ios::app) << "// touched\n";
  Result Touched = runDeadwood(Args);
  EXPECT_NE(Touched.Err.find("deadwood: cache: 3 of 7 translation unit(s) reused"), std::string::npos) << Touched.Err;
  EXPECT_EQ(Touched.Out, Cold.Out);

  for (const auto &E : fs::directory_iterator(Cache)) {
    std::ofstream(E.path()) << "{\"version\": 1, \"truncated";
    break;
  }
  Result Corrupt = runDeadwood(Args);
  EXPECT_NE(Corrupt.Err.find("6 of 7 translation unit(s) reused, 1 entry(ies) rejected"), std::string::npos)
      << Corrupt.Err;
  EXPECT_EQ(Corrupt.Out, Cold.Out);
  Result None = runDeadwood("-v --no-cache --format json -p " + quote(Build));
  EXPECT_EQ(None.Err.find("deadwood: cache:"), std::string::npos);
  EXPECT_EQ(None.Out, Cold.Out);
}

TEST(Cli, ParallelRunGivesIdenticalOutput) {
  fs::path Build = configure("inventory");
  Result One = runDeadwood("-j1 --format json -p " + quote(Build));
  Result Two = runDeadwood("-j2 --format json -p " + quote(Build));
  ASSERT_EQ(One.Exit, 0);
  EXPECT_EQ(One.Out, Two.Out);
}

TEST(Cli, PathFilterRestrictsReportingNotAnalysis) {
  fs::path Build = configure("inventory");
  fs::path Text = fs::path(DEADWOOD_SAMPLES_DIR) / "inventory" / "lib" / "text.cpp";
  Result R = runDeadwood("--format json -p " + quote(Build) + " " + quote(Text));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  // kCurrencies, unusedWidth, upper, isEven, isOdd
  ASSERT_EQ(Report["findings"].size(), 5u) << R.Out;
  for (const json &F : Report["findings"]) EXPECT_EQ(F["file"], fs::canonical(Text).string());
  EXPECT_EQ(Report["summary"]["translation_units"], 7);
}

TEST(Cli, DatabaseFileCanBeNamedDirectly) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("--format json -p " + quote(Build / "compile_commands.json"));
  EXPECT_EQ(R.Exit, 0) << R.Err;
}

TEST(Why, PathFromTheRootOneHopALine) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-q --why inv::cheaper -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("'inv::cheaper(const Item *, const Item *)' is reachable:\n"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("cli/main.cpp:6:5: root 'main()': the program's entry point\n"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("lib/store.cpp:20:37: address 'inv::cheaper(const Item *, const Item *)'\n"),
            std::string::npos)
      << R.Out;
  Result Report = runDeadwood("-q --why printTotal -p " + quote(Build));
  EXPECT_NE(Report.Out.find("report/main.cpp:16:5: root 'main()'"), std::string::npos)
      << "the root is the report program's own main: " << Report.Out;
}

TEST(Why, DeadSymbolListsWhoRefersToIt) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-q --why inv::upper -p " + quote(Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find("'inv::upper(std::string)' is unreachable from every root. Referred to only by "
                       "unreachable code:\n"),
            std::string::npos)
      << R.Out;
  EXPECT_NE(R.Out.find("lib/item.cpp:11:19: method 'inv::Item::label() const'"), std::string::npos) << R.Out;
}

TEST(Why, SeveralMatchesAskForAUsr) {
  fs::path Build = configure("inventory");
  Result R = runDeadwood("-q --why log -p " + quote(Build));
  EXPECT_EQ(R.Exit, 2);
  EXPECT_NE(R.Err.find("'log' names 2 symbols; pass one of these USRs to --why:"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("c:@N@cli@F@log#I#  cli::log(int)"), std::string::npos) << R.Err;
  Result ByUsr = runDeadwood("-q --why 'c:@N@cli@F@log#I#' -p " + quote(Build));
  EXPECT_EQ(ByUsr.Exit, 0);
  EXPECT_NE(ByUsr.Out.find("'cli::log(int)' is reachable:"), std::string::npos);
  EXPECT_EQ(runDeadwood("-q --why nope -p " + quote(Build)).Err, "deadwood: error: no symbol named 'nope'\n");
}

/// A project with keep rules in .deadwood.json and one inline keep.
fs::path keepProject() {
  fs::path Dir = scratch() / "keep";
  fs::remove_all(Dir);
  fs::create_directories(Dir / "third_party");
  std::ofstream(Dir / "main.cpp")
      << "extern \"C\" int plugin_init() { return 0; }\n"
         "int helperOfPlugin() { return 1; }\n"
         "extern \"C\" int plugin_exit() { return helperOfPlugin(); }\n"
         "// deadwood: keep(called from the debugger)\n"
         "void dumpState() {}\n"
         "void reallyDead() {}\n"
         "int main() {}\n";
  std::ofstream(Dir / "third_party" / "lib.cpp") << "void vendored() {}\n";
  std::ofstream(Dir / ".deadwood.json")
      << "{\n  \"keep\": [\n"
         "    {\"name\": \"plugin_*\", \"reason\": \"loaded with dlsym by the host\"},\n"
         "    {\"name\": \"gone::*\", \"reason\": \"stale\"}\n"
         "  ],\n  \"ignore\": [\"third_party/**\"]\n}\n";
  writeDatabase(Dir, {"main.cpp", "third_party/lib.cpp"});
  return Dir;
}

TEST(KeepRules, ConfigAndInlineKeepsWorkAndStaleRulesWarn) {
  fs::path Dir = keepProject();
  Result R = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  std::set<std::string> Names;
  for (const json &F : Report["findings"]) Names.insert(F["name"]);
  EXPECT_EQ(Names, (std::set<std::string>{"reallyDead()"}))
      << "plugin_* kept by the config (and what they call), dumpState inline, third_party ignored";
  EXPECT_NE(R.Err.find("deadwood: warning: " + (Dir / ".deadwood.json").string() +
                       ":4: keep rule 'gone::*' matches nothing"),
            std::string::npos)
      << R.Err;
  Result Why = runDeadwood("-q --why helperOfPlugin -p " + quote(Dir));
  EXPECT_NE(Why.Out.find("root 'plugin_exit()': kept by a keep rule (keep rule at " +
                         (Dir / ".deadwood.json").string() + ":3: loaded with dlsym by the host)"),
            std::string::npos)
      << Why.Out;
  Result Inline = runDeadwood("-q --why dumpState -p " + quote(Dir));
  EXPECT_NE(Inline.Out.find("kept by '// deadwood: keep(called from the debugger)' at " +
                            (Dir / "main.cpp").string() + ":4"),
            std::string::npos)
      << Inline.Out;
}

TEST(KeepRules, MalformedConfigIsAnErrorNamingFileAndLine) {
  fs::path Dir = keepProject();
  std::ofstream(Dir / ".deadwood.json") << "{\n  \"keep\": [\n    {\"name\": \"x\"}\n  ]\n}\n";
  Result R = runDeadwood("-q -p " + quote(Dir));
  EXPECT_EQ(R.Exit, 2);
  EXPECT_EQ(R.Err, "deadwood: error: " + (Dir / ".deadwood.json").string() +
                       ":3: a keep rule needs a \"reason\"\n");
  EXPECT_EQ(runDeadwood("-q --config /nonexistent.json -p " + quote(Dir)).Err,
            "deadwood: error: cannot read config '/nonexistent.json'\n");
}

/// Validates a JSON document against a JSON schema with Debian's python3-jsonschema.
Result validate(const fs::path &Document, const fs::path &Schema) {
  return sh("/usr/bin/python3 -c 'import json, sys, jsonschema; "
            "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' " +
            quote(Document) + " " + quote(Schema));
}

TEST(Sarif, ValidatesAgainstTheOfficialSchemaAndFingerprintsAreStable) {
  fs::path Schema = DEADWOOD_SARIF_SCHEMA;
  ASSERT_TRUE(fs::exists(Schema)) << "no SARIF schema at " << Schema << ": run scripts/fetch-sarif-schema.sh";
  // Two clones of one repository: paths are relative to the checkout.
  auto Clone = [](const std::string &Name) {
    fs::path Copy = scratch() / Name;
    fs::remove_all(Copy);
    fs::copy(fs::path(DEADWOOD_SAMPLES_DIR) / "toolkit", Copy, fs::copy_options::recursive);
    fs::create_directory(Copy / ".git");
    return configure("toolkit", Copy, "-" + Name);
  };
  fs::path Out = scratch() / "toolkit.sarif";
  ASSERT_EQ(runDeadwood("-q --format sarif -o " + quote(Out) + " -p " + quote(Clone("toolkit-clone"))).Exit, 0);
  Result Valid = validate(Out, Schema);
  EXPECT_EQ(Valid.Exit, 0) << Valid.Err;

  json Sarif = json::parse(slurp(Out));
  const json &Run = Sarif["runs"][0];
  EXPECT_EQ(Run["tool"]["driver"]["rules"][0]["id"], "deadwood-dead");
  EXPECT_EQ(Run["tool"]["driver"]["rules"][1]["id"], "deadwood-test-only");
  std::set<std::string> Seen;
  for (const json &Result : Run["results"]) {
    const json &Loc = Result["locations"][0]["physicalLocation"];
    EXPECT_EQ(Loc["artifactLocation"]["uriBaseId"], "SRCROOT");
    Seen.insert(Result["ruleId"].get<std::string>() + " " + Loc["artifactLocation"]["uri"].get<std::string>() +
                ":" + std::to_string(Loc["region"]["startLine"].get<int>()));
  }
  EXPECT_TRUE(Seen.count("deadwood-dead core/words.cpp:25")) << Run["results"].dump();
  EXPECT_TRUE(Seen.count("deadwood-test-only core/words.cpp:21"));

  // The same findings from another clone, elsewhere: same fingerprints.
  fs::path Moved = scratch() / "moved.sarif";
  ASSERT_EQ(runDeadwood("-q --format sarif -o " + quote(Moved) + " -p " + quote(Clone("toolkit-moved"))).Exit, 0);
  auto Prints = [](const json &S) {
    std::set<std::string> P;
    for (const json &R : S["runs"][0]["results"]) P.insert(R["partialFingerprints"]["deadwood/v1"]);
    return P;
  };
  EXPECT_EQ(Prints(json::parse(slurp(Moved))), Prints(Sarif));

  // The check can fail: a document without "version" is rejected.
  Sarif.erase("version");
  std::ofstream(scratch() / "broken.sarif") << Sarif.dump();
  EXPECT_NE(validate(scratch() / "broken.sarif", Schema).Exit, 0);
}

TEST(JsonReport, ValidatesAgainstTheContractInTheRepository) {
  fs::path Schema = DEADWOOD_REPORT_SCHEMA;
  // Every optional part: test-only findings with the tests that reach them,
  // per-target counts and vendored code (toolkit); a dead class with members,
  // declarations (inventory); findings that cannot be removed (both).
  bool Members = false, NotRemovable = false;
  for (const char *Sample : {"toolkit", "inventory"}) {
    fs::path Out = scratch() / (std::string(Sample) + "-contract.json");
    ASSERT_EQ(runDeadwood("-q --format json -o " + quote(Out) + " -p " + quote(configure(Sample))).Exit, 0);
    Result Valid = validate(Out, Schema);
    EXPECT_EQ(Valid.Exit, 0) << Sample << ": " << Valid.Err;
    json Report = json::parse(slurp(Out));
    for (const json &F : Report["findings"]) {
      Members |= F.contains("members");
      NotRemovable |= !F["removable"].get<bool>();
    }
    if (std::string(Sample) == "toolkit") EXPECT_TRUE(Report.contains("vendored") && !Report["targets"].empty());
    // The check can fail: a key the contract does not have is rejected, and
    // so is a finding without its category.
    json Extra = Report;
    Extra["summary"]["surprise"] = 1;
    std::ofstream(scratch() / "extra.json") << Extra.dump();
    EXPECT_NE(validate(scratch() / "extra.json", Schema).Exit, 0);
    json Missing = Report;
    Missing["findings"][0].erase("category");
    std::ofstream(scratch() / "missing.json") << Missing.dump();
    EXPECT_NE(validate(scratch() / "missing.json", Schema).Exit, 0);
  }
  EXPECT_TRUE(Members && NotRemovable) << "the schema saw them";
}

TEST(Baseline, OnlyANewDeadFunctionIsReportedAndFailsTheGate) {
  fs::path Tree = scratch() / "baseline-tree";
  fs::remove_all(Tree);
  fs::copy(fs::path(DEADWOOD_SAMPLES_DIR) / "inventory", Tree, fs::copy_options::recursive);
  fs::path Build = configure("inventory", Tree, "-baseline");
  fs::path Base = scratch() / "baseline.json";
  ASSERT_EQ(runDeadwood("-q --write-baseline " + quote(Base) + " -p " + quote(Build)).Exit, 0);
  Result Clean = runDeadwood("-q --baseline " + quote(Base) + " --fail-on new -p " + quote(Build));
  EXPECT_EQ(Clean.Exit, 0) << Clean.Out << Clean.Err;
  EXPECT_NE(Clean.Out.find("deadwood: 15 findings accepted by the baseline not shown"), std::string::npos) << Clean.Out;
  EXPECT_EQ(runDeadwood("-q --baseline " + quote(Base) + " --fail-on any -p " + quote(Build)).Exit, 1)
      << "--fail-on any counts accepted findings too";

  std::ofstream(Tree / "lib" / "text.cpp", std::ios::app) << "\nint addedLater() { return 7; }\n";
  Result New = runDeadwood("-q --format json --baseline " + quote(Base) + " --fail-on new -p " + quote(Build));
  EXPECT_EQ(New.Exit, 1);
  json Report = json::parse(New.Out);
  ASSERT_EQ(Report["findings"].size(), 1u) << New.Out;
  EXPECT_EQ(Report["findings"][0]["name"], "addedLater()");
  EXPECT_EQ(Report["summary"]["baselined"], 15);
}

TEST(Baseline, AnEntryPastItsUntilDateCountsAgainAndBadFilesAreErrors) {
  fs::path Build = configure("inventory");
  fs::path Base = scratch() / "expiring.json";
  ASSERT_EQ(runDeadwood("-q --write-baseline " + quote(Base) + " -p " + quote(Build)).Exit, 0);
  json B = json::parse(slurp(Base));
  for (json &E : B["findings"]) E["until"] = "2000-01-01";
  B["findings"][0]["until"] = "2999-12-31";
  std::ofstream(Base) << B.dump();
  Result R = runDeadwood("-q --format json --baseline " + quote(Base) + " -p " + quote(Build));
  EXPECT_EQ(json::parse(R.Out)["summary"]["baselined"], 1);
  std::ofstream(scratch() / "bad-baseline.json") << "{\"version\": 1, \"findings\": [{\"name\": \"f\"}]}";
  Result Bad = runDeadwood("-q --baseline " + quote(scratch() / "bad-baseline.json") + " -p " + quote(Build));
  EXPECT_EQ(Bad.Exit, 2);
  EXPECT_EQ(Bad.Err, "deadwood: error: cannot read baseline '" + (scratch() / "bad-baseline.json").string() +
                         "': entry 1 has no \"fingerprint\"\n");
}

/// The DOM headless Chromium renders for a page, after its scripts ran.
std::string renderedDom(const fs::path &Page, const std::string &Hash) {
  fs::path Profile = scratch() / "chromium-profile";
  Result R = sh("timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --user-data-dir=" + quote(Profile) +
                " --dump-dom " + quote("file://" + Page.string() + Hash));
  EXPECT_EQ(R.Exit, 0) << R.Err;
  return R.Out;
}

/// (category, hidden) of every finding row in a rendered report.
std::vector<std::pair<std::string, bool>> rows(const std::string &Page) {
  size_t Begin = Page.find("<main id=\"list\">"), End = Page.find("</main>", Begin);
  std::string Dom = Begin == std::string::npos ? "" : Page.substr(Begin, End - Begin);  // not the script
  std::vector<std::pair<std::string, bool>> Out;
  for (size_t At = Dom.find("<details class=\"finding\""); At != std::string::npos;
       At = Dom.find("<details class=\"finding\"", At + 1)) {
    std::string Tag = Dom.substr(At, Dom.find('>', At) - At);
    size_t C = Tag.find("data-category=\"") + 15;
    Out.emplace_back(Tag.substr(C, Tag.find('"', C) - C), Tag.find(" hidden") != std::string::npos);
  }
  return Out;
}

TEST(Html, RendersInHeadlessChromiumAndItsFilterHides) {
  ASSERT_EQ(sh("command -v chromium").Exit, 0) << "needs Debian's chromium (scripts/bootstrap.sh installs it)";
  fs::path Build = configure("toolkit");
  fs::path Page = scratch() / "report.html";
  ASSERT_EQ(runDeadwood("-q --format html -o " + quote(Page) + " -p " + quote(Build)).Exit, 0);
  std::string Html = slurp(Page);
  EXPECT_EQ(Html.find("http://"), std::string::npos) << "self-contained: no network fetches";
  EXPECT_EQ(Html.find("https://"), std::string::npos);

  std::string All = renderedDom(Page, "");
  auto Shown = rows(All);
  ASSERT_EQ(Shown.size(), 8u) << All.substr(0, 2000);
  for (const auto &[Category, Hidden] : Shown) EXPECT_FALSE(Hidden);
  EXPECT_NE(All.find("core::legacyCount(const std::string &amp;)"), std::string::npos);
  EXPECT_NE(All.find("8 of 8 shown"), std::string::npos);

  auto Filtered = rows(renderedDom(Page, "#category=test-only"));
  ASSERT_EQ(Filtered.size(), 8u);
  for (const auto &[Category, Hidden] : Filtered)
    EXPECT_EQ(Hidden, Category != "test-only") << Category;
  EXPECT_NE(renderedDom(Page, "#path=strutil").find("3 of 8 shown"), std::string::npos);
}

// --- bad input: one line naming the path, exit 2 ---

TEST(BadInput, MissingBuildDirectory) {
  expectOneLineError(runDeadwood("-p /nonexistent/build"), "'/nonexistent/build' does not exist");
}

TEST(BadInput, CMakeBuildDirWithoutDatabase) {
  fs::path Dir = freshDir("no-db");
  std::ofstream(Dir / "CMakeCache.txt") << "";
  expectOneLineError(runDeadwood("-p " + quote(Dir)), "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
}

TEST(BadInput, MalformedDatabase) {
  fs::path Dir = freshDir("malformed");
  std::ofstream(Dir / "compile_commands.json") << "[{\"directory\": 3,";
  expectOneLineError(runDeadwood("-p " + quote(Dir)), (Dir / "compile_commands.json").string());
}

TEST(BadInput, EntryWhoseFileDoesNotExist) {
  fs::path Dir = freshDir("missing-file");
  writeDatabase(Dir, {"gone.cpp"});
  expectOneLineError(runDeadwood("-p " + quote(Dir)), (Dir / "gone.cpp").string());
}

TEST(BadInput, UnknownOption) {
  expectOneLineError(runDeadwood("-p . --no-such-option"), "--no-such-option");
}

TEST(BadInput, MissingRequiredBuildPath) { expectOneLineError(runDeadwood(""), "build-path"); }

// --- a TU that does not parse: exit 3, reported incomplete, nothing it read called dead ---

TEST(FailedTu, ReportsIncompleteAndJudgesNothingItRead) {
  fs::path Dir = freshDir("broken");
  std::ofstream(Dir / "shared.h") << "int helper();\nint orphan();\n";
  std::ofstream(Dir / "good.cpp")
      << "#include \"shared.h\"\nint helper() { return 1; }\nint orphan() { return 2; }\n"
         "int lonely() { return 3; }\nint main() { return 0; }\n";
  std::ofstream(Dir / "bad.cpp")
      << "#include \"shared.h\"\nint user() { return helper() + undeclared(); }\n";
  writeDatabase(Dir, {"good.cpp", "bad.cpp"});
  Result R = runDeadwood("--format json -p " + quote(Dir));
  EXPECT_EQ(R.Exit, 3) << R.Err;
  EXPECT_NE(R.Err.find("bad.cpp' did not parse"), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find("undeclared"), std::string::npos) << R.Err;
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["complete"], false);
  EXPECT_EQ(Report["summary"]["failed_translation_units"], 1);
  std::set<std::string> Names;
  for (const json &F : Report["findings"]) Names.insert(F["name"]);
  // helper and orphan are declared in shared.h, which bad.cpp read: unknown.
  // user() is defined in bad.cpp itself: unknown too. lonely() is dead.
  EXPECT_EQ(Names, (std::set<std::string>{"lonely()"}));

  Result Text = runDeadwood("-p " + quote(Dir));
  EXPECT_EQ(Text.Exit, 3);
  EXPECT_NE(Text.Out.find("deadwood: incomplete: 1 of 2 translation units failed to parse"),
            std::string::npos)
      << Text.Out;
}

}  // namespace
