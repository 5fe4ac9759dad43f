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

TEST(SkipBodies, FindingsAreTheSameWithAndWithoutSkippingBodies) {
  for (const char *Sample : {"inventory", "toolkit"}) {
    fs::path Build = configure(Sample);
    Result Skip = runDeadwood("-q --no-cache --format json -p " + quote(Build));
    Result Parse = runDeadwood("-q --no-skip-bodies --format json -p " + quote(Build));
    ASSERT_EQ(Skip.Exit, 0) << Skip.Err;
    ASSERT_EQ(Parse.Exit, 0) << Parse.Err;
    json A = json::parse(Skip.Out), B = json::parse(Parse.Out);
    EXPECT_EQ(A["findings"], B["findings"]) << Sample;
    EXPECT_EQ(A["summary"]["dead"], B["summary"]["dead"]) << Sample;
    EXPECT_LT(A["summary"]["symbols"].get<int>(), B["summary"]["symbols"].get<int>())
        << Sample << ": skipping parsed fewer bodies, so fewer library symbols were instantiated";
  }
}

/// b.cpp skips f's body, which a.cpp parsed; then a.cpp changes and no
/// longer parses it, while b.cpp comes from the cache: without f's body, g
/// would look dead.
TEST(SkipBodies, ATuWhoseSkippedBodyNoTuParsesAnyMoreIsParsedAgain) {
  fs::path Dir = freshDir("shared-bodies");
  std::ofstream(Dir / "h.h") << "#pragma once\nvoid g();\ninline void f() { g(); }\n";
  std::ofstream(Dir / "a.cpp") << "#include \"h.h\"\nint main() { f(); }\n";
  std::ofstream(Dir / "b.cpp") << "#include \"h.h\"\nvoid b() { f(); }\n";
  std::ofstream(Dir / "g.cpp") << "void g() {}\n";
  writeDatabase(Dir, {"a.cpp", "b.cpp", "g.cpp"});
  const std::set<std::string> OnlyB = {(Dir / "b.cpp").string() + ":2: dead"};
  std::string Args = "-j1 --format json --cache-dir " + quote(Dir / "cache") + " -p " + quote(Dir);
  Result Cold = runDeadwood(Args);
  ASSERT_EQ(Cold.Exit, 0) << Cold.Err;
  EXPECT_EQ(findings(json::parse(Cold.Out)), OnlyB);
  std::ofstream(Dir / "a.cpp") << "void f();\nint main() { f(); }\n";
  Result Changed = runDeadwood("-v " + Args);
  ASSERT_EQ(Changed.Exit, 0) << Changed.Err;
  EXPECT_NE(Changed.Err.find("cache: 2 of 3 translation units reused"), std::string::npos) << Changed.Err;
  EXPECT_EQ(findings(json::parse(Changed.Out)), OnlyB);
  Result Fresh = runDeadwood("-q --no-skip-bodies --format json -p " + quote(Dir));
  EXPECT_EQ(json::parse(Changed.Out)["findings"], json::parse(Fresh.Out)["findings"]);
}

/// The proof compares a re-parse with the TU parsed whole: b.cpp, which
/// skipped f's body, is parsed once more, unedited, when its summary comes
/// from the cache; a run that proves parses whole from the start.
TEST(SkipBodies, TheProofParsesATuThatSkippedBodiesWholeOnce) {
  fs::path Dir = freshDir("shared-proof");
  std::ofstream(Dir / "h.h") << "#pragma once\nvoid g();\ninline void f() { g(); }\n";
  std::ofstream(Dir / "a.cpp") << "#include \"h.h\"\nvoid g() {}\nint main() { f(); }\n";
  std::ofstream(Dir / "b.cpp") << "#include \"h.h\"\nvoid b() { f(); }\n";
  writeDatabase(Dir, {"a.cpp", "b.cpp"});
  std::string Cache = " --cache-dir " + quote(Dir / "cache");
  ASSERT_EQ(runDeadwood("-q -j1" + Cache + " -p " + quote(Dir)).Exit, 0);
  Result Warm = runDeadwood("-j1 --patch " + quote(Dir / "warm.patch") + Cache + " -p " + quote(Dir));
  EXPECT_NE(Warm.Err.find("in 1 translation unit"), std::string::npos) << Warm.Err;
  EXPECT_NE(Warm.Err.find("2 re-parses"), std::string::npos) << Warm.Err;
  Result Cold = runDeadwood("-j1 --no-cache --patch " + quote(Dir / "cold.patch") + " -p " + quote(Dir));
  EXPECT_NE(Cold.Err.find("1 re-parse)"), std::string::npos) << Cold.Err;
  EXPECT_EQ(slurp(Dir / "warm.patch"), slurp(Dir / "cold.patch"));
  EXPECT_NE(slurp(Dir / "cold.patch").find("-void b() { f(); }"), std::string::npos) << slurp(Dir / "cold.patch");
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

TEST(Color, OnATerminalAsClangDoesNeverWithNoColorOrWhenPiped) {
  fs::path Build = configure("inventory");
  const std::string Warning = "\033[0;1;35mwarning: \033[0m";
  Result Piped = runDeadwood("-q -p " + quote(Build));
  EXPECT_EQ(Piped.Out.find('\033'), std::string::npos) << "not a terminal";
  Result Always = runDeadwood("-q --color=always -p " + quote(Build));
  EXPECT_NE(Always.Out.find(Warning), std::string::npos) << Always.Out;
  // The same text once the colours are taken out.
  std::string Stripped;
  for (size_t I = 0; I < Always.Out.size(); ++I) {
    if (Always.Out[I] == '\033') I = Always.Out.find('m', I);
    else Stripped += Always.Out[I];
  }
  EXPECT_EQ(Stripped, Piped.Out);
  if (sh("command -v script").Exit != 0) GTEST_SKIP() << "no script(1) to provide a terminal";
  auto OnTty = [&](const std::string &Env, const std::string &Args) {
    return sh("env " + Env + " script -qec " + quote(quote(DEADWOOD_BINARY) + " -q " + Args + " -p " + quote(Build)) +
              " /dev/null")
        .Out;
  };
  EXPECT_NE(OnTty("TERM=xterm", "").find(Warning), std::string::npos);
  EXPECT_EQ(OnTty("TERM=xterm NO_COLOR=1", "").find('\033'), std::string::npos);
  EXPECT_EQ(OnTty("TERM=xterm", "--color=never").find('\033'), std::string::npos);
  EXPECT_NE(OnTty("TERM=xterm NO_COLOR=1", "--color=always").find(Warning), std::string::npos);
}

TEST(Cache, UnchangedTusAreReusedATouchedHeaderReparsesItsTusCorruptEntriesAreRejected) {
  fs::path Tree = copyOfSample("inventory", scratch() / "cache-tree");
  fs::path Build = configure("inventory", Tree, "-cache");
  fs::path Cache = scratch() / "summary-cache";
  std::string Args = "-v --format json --cache-dir " + quote(Cache) + " -p " + quote(Build);
  Result Cold = runDeadwood(Args);
  EXPECT_NE(Cold.Err.find("deadwood: cache: 0 of 7 translation units reused"), std::string::npos) << Cold.Err;
  Result Warm = runDeadwood(Args);
  EXPECT_NE(Warm.Err.find("deadwood: cache: 7 of 7 translation units reused"), std::string::npos) << Warm.Err;
  EXPECT_EQ(Warm.Out, Cold.Out);

  // text.h is read by item.cpp, text.cpp, commands.cpp and report/main.cpp.
  std::ofstream(Tree / "lib" / "text.h", std::ios::app) << "// touched\n";
  Result Touched = runDeadwood(Args);
  EXPECT_NE(Touched.Err.find("deadwood: cache: 3 of 7 translation units reused"), std::string::npos) << Touched.Err;
  EXPECT_EQ(Touched.Out, Cold.Out);

  for (const auto &E : fs::directory_iterator(Cache)) {
    std::ofstream(E.path()) << "{\"version\": 1, \"truncated";
    break;
  }
  Result Corrupt = runDeadwood(Args);
  EXPECT_NE(Corrupt.Err.find("6 of 7 translation units reused, 1 entry rejected"), std::string::npos)
      << Corrupt.Err;
  EXPECT_EQ(Corrupt.Out, Cold.Out);
  Result None = runDeadwood("-v --no-cache --format json -p " + quote(Build));
  EXPECT_EQ(None.Err.find("deadwood: cache:"), std::string::npos);
  EXPECT_EQ(None.Out, Cold.Out);
}

TEST(Cli, ParallelRunGivesIdenticalOutput) {
  fs::path Build = configure("inventory");
  Result One = runDeadwood("-j1 --no-cache --format json -p " + quote(Build));
  ASSERT_EQ(One.Exit, 0);
  for (const char *Jobs : {"-j2", "-j3"}) {  // the second more threads than this machine's cores
    Result R = runDeadwood(std::string(Jobs) + " --no-cache --format json -p " + quote(Build));
    EXPECT_EQ(R.Exit, 0) << Jobs << R.Err;
    EXPECT_EQ(R.Out, One.Out) << Jobs;
  }
  Result Cached = runDeadwood("-j2 --format json -p " + quote(Build));
  EXPECT_EQ(Cached.Out, One.Out);
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

TEST(BadInput, EntryWhoseResponseFileDoesNotExist) {
  fs::path Dir = freshDir("missing-rsp");
  std::ofstream(Dir / "a.cpp") << "int main() {}\n";
  std::ofstream(Dir / "compile_commands.json")
      << json::array({{{"directory", Dir.string()}, {"file", "a.cpp"}, {"arguments", {"g++", "@flags.rsp", "a.cpp"}}}})
             .dump();
  expectOneLineError(runDeadwood("-p " + quote(Dir)), "'flags.rsp' does not exist");
}

TEST(BadInput, UnknownOption) {
  expectOneLineError(runDeadwood("-p . --no-such-option"), "--no-such-option");
}

TEST(BadInput, NoBuildPathAndNoDatabaseAround) {
  expectOneLineError(sh("cd / && " + quote(DEADWOOD_BINARY)), "no compile_commands.json in '/'");
}

// --- a TU that does not parse: exit 3, reported incomplete, nothing it read called dead ---

TEST(FailedTu, AGeneratedSourceNotBuiltYetFailsItsTuNotTheRun) {
  fs::path Dir = freshDir("not-generated");
  std::ofstream(Dir / "main.cpp") << "int lonely() { return 3; }\nint main() { return 0; }\n";
  writeDatabase(Dir, {"main.cpp", "gen/parser.cpp"});
  Result R = runDeadwood("--format json -p " + quote(Dir));
  EXPECT_EQ(R.Exit, 3) << R.Err;
  EXPECT_NE(R.Err.find("gen/parser.cpp' does not exist: a generated file missing? build first"), std::string::npos)
      << R.Err;
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["complete"], false);
  EXPECT_EQ(Report["summary"]["failed_translation_units"], 1);
  EXPECT_EQ(findings(Report), (std::set<std::string>{(Dir / "main.cpp").string() + ":1: dead"}));
}

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
