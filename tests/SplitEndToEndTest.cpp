// The extract/link split end to end: `deadwood ninja` writes a Ninja file
// that Ninja runs, `link` of the summaries reports byte for byte what the
// one-shot run does, and Ninja re-extracts only what a change touched.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <fstream>

namespace {

using namespace deadwood::e2e;

size_t count(const std::string &Text, const std::string &What) {
  size_t N = 0;
  for (size_t At = Text.find(What); At != std::string::npos; At = Text.find(What, At + 1)) ++N;
  return N;
}

TEST(Split, NinjaRunsExtractsAndLinkSameReportAsOneShot) {
  if (sh("command -v ninja").Exit != 0) GTEST_SKIP() << "no ninja";
  fs::path Source = copyOfSample("toolkit", scratch() / "split-toolkit");
  fs::path Build = configure("toolkit", Source, "-split");
  fs::path OneShot = scratch() / "one-shot.json", Linked = scratch() / "linked.json";
  Result One = runDeadwood("-q --no-cache --format json -o " + quote(OneShot) + " -p " + quote(Build));
  ASSERT_EQ(One.Exit, 0) << One.Err;

  fs::path File = scratch() / "deadwood.ninja";
  Result Gen = runDeadwood("ninja -p " + quote(Build) + " -o " + quote(File) + " -- --format json -o " +
                           quote(Linked));
  ASSERT_EQ(Gen.Exit, 0) << Gen.Err;
  Result Run = sh("ninja -f " + quote(File));
  ASSERT_EQ(Run.Exit, 0) << Run.Out << Run.Err;
  EXPECT_EQ(count(Run.Out, "deadwood extract"), 8u) << Run.Out;
  EXPECT_EQ(slurp(Linked), slurp(OneShot));

  // A directory of summaries, linked by hand: the same report.
  Result Link = runDeadwood("link --format json -p " + quote(Build) + " " + quote(Build / ".deadwood" / "summaries"));
  ASSERT_EQ(Link.Exit, 0) << Link.Err;
  EXPECT_EQ(Link.Out, slurp(OneShot));

  // Unchanged: nothing is extracted again; a header: exactly its readers.
  Run = sh("ninja -f " + quote(File));
  EXPECT_EQ(count(Run.Out, "deadwood extract"), 0u) << Run.Out;
  EXPECT_EQ(count(Run.Out, "deadwood link"), 1u) << Run.Out;
  sh("touch " + quote(Source / "core" / "units.h"));
  Run = sh("ninja -f " + quote(File));
  EXPECT_EQ(count(Run.Out, "deadwood extract"), 3u) << "units.cpp, count.cpp, core_test.cpp: " << Run.Out;
}

TEST(Plugin, ABuildWithThePluginLinksToWhatTheOneShotRunReports) {
#if DEADWOOD_SANITIZED
  GTEST_SKIP() << "a sanitized plugin cannot load into Debian's uninstrumented clang-19";
#endif
  ASSERT_EQ(sh("command -v clang++-19").Exit, 0) << "needs Debian's clang-19 (scripts/bootstrap.sh installs it)";
  Result Path = runDeadwood("--print-plugin-path");
  ASSERT_EQ(Path.Exit, 0);
  std::string Plugin = Path.Out.substr(0, Path.Out.find('\n'));
  ASSERT_TRUE(fs::exists(Plugin)) << Plugin;
  fs::path Dws = scratch() / "plugin-dws";
  fs::remove_all(Dws);
  fs::path Build = scratch() / "build-toolkit-plugin";
  fs::remove_all(Build);
  Result Configure = sh("cmake -S " + quote(fs::path(DEADWOOD_SAMPLES_DIR) / "toolkit") + " -B " + quote(Build) +
                        " -G Ninja -DCMAKE_CXX_COMPILER=clang++-19 '-DCMAKE_CXX_FLAGS=-fplugin=" + Plugin +
                        " -fplugin-arg-deadwood-dir=" + Dws.string() + "' && cmake --build " + quote(Build));
  ASSERT_EQ(Configure.Exit, 0) << Configure.Out << Configure.Err;
  // The compile itself: the plugin runs after the compiler's action.
  EXPECT_TRUE(fs::exists(Build / "tool-count")) << "the build still builds";
  Result Linked = runDeadwood("link -q --format json -p " + quote(Build) + " " + quote(Dws));
  ASSERT_EQ(Linked.Exit, 0) << Linked.Err;
  // The compiler parses every body, so the one-shot run to match parses them too.
  Result OneShot = runDeadwood("-q --no-skip-bodies --format json -p " + quote(Build));
  ASSERT_EQ(OneShot.Exit, 0) << OneShot.Err;
  EXPECT_EQ(json::parse(Linked.Out), json::parse(OneShot.Out));
  Result Default = runDeadwood("-q --format json -p " + quote(Build));
  EXPECT_EQ(json::parse(Linked.Out)["findings"], json::parse(Default.Out)["findings"]);

  // Without dir=, the summary lands beside the object file; a bad argument is an error.
  fs::path Dir = freshDir("plugin-default");
  std::ofstream(Dir / "a.cpp") << "static int dead() { return 1; }\nint main() {}\n";
  Result One = sh("cd " + quote(Dir) + " && clang++-19 -fplugin=" + quote(Plugin) + " -c a.cpp -o a.o");
  ASSERT_EQ(One.Exit, 0) << One.Err;
  EXPECT_TRUE(fs::exists(Dir / "a.o.dws"));
  Result Bad = sh("cd " + quote(Dir) + " && clang++-19 -fplugin=" + quote(Plugin) +
                  " -fplugin-arg-deadwood-colour=red -c a.cpp -o b.o");
  EXPECT_NE(Bad.Exit, 0);
  EXPECT_NE(Bad.Err.find("deadwood plugin: unknown argument 'colour=red'"), std::string::npos) << Bad.Err;
}

TEST(Split, ExtractOneCommandFindsItsSourceFile) {
  fs::path Dir = freshDir("extract-one");
  std::ofstream(Dir / "a.cpp") << "static void dead() {}\nint main() {}\n";
  fs::path Out = Dir / "a.dws";
  Result R = runDeadwood("extract -o " + quote(Out) + " -- g++ -std=c++17 -O2 -o a.o -c " + quote(Dir / "a.cpp"));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  Result Link = runDeadwood("link --format json " + quote(Out));
  ASSERT_EQ(Link.Exit, 0) << Link.Err;
  json Report = json::parse(Link.Out);
  ASSERT_EQ(Report["findings"].size(), 1u) << Link.Out;
  EXPECT_EQ(Report["findings"][0]["name"], "dead()");
}

TEST(Split, ExtractOfABrokenTuWritesItAndLinkSaysIncomplete) {
  fs::path Dir = freshDir("extract-broken");
  std::ofstream(Dir / "b.cpp") << "int main() { return undeclared(); }\n";
  fs::path Out = Dir / "b.dws";
  Result R = runDeadwood("extract --directory " + quote(Dir) + " -o " + quote(Out) + " -- g++ -c b.cpp");
  EXPECT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("did not parse"), std::string::npos) << R.Err;
  EXPECT_EQ(runDeadwood("link " + quote(Out)).Exit, 3);
}

TEST(Split, BadInputIsOneLineAndExit2) {
  fs::path Dir = freshDir("split-bad");
  std::ofstream(Dir / "not.dws") << "{\"version\": 1}";
  Result NotSummary = runDeadwood("link " + quote(Dir / "not.dws"));
  EXPECT_EQ(NotSummary.Exit, 2);
  EXPECT_NE(NotSummary.Err.find("is not a deadwood summary"), std::string::npos) << NotSummary.Err;
  EXPECT_EQ(count(NotSummary.Err, "\n"), 1u) << NotSummary.Err;
  Result Empty = runDeadwood("link " + quote(scratch()));
  EXPECT_EQ(Empty.Exit, 2);
  Result NoSource = runDeadwood("extract -o x.dws -- g++ -c");
  EXPECT_EQ(NoSource.Exit, 2);
  EXPECT_NE(NoSource.Err.find("no source file"), std::string::npos) << NoSource.Err;
  Result NoDb = runDeadwood("ninja -p " + quote(Dir / "missing") + " -o x.ninja");
  EXPECT_EQ(NoDb.Exit, 2);
}

}  // namespace
