// Several configurations of one tree (samples/features): a feature option
// on and off, a release build whose assert compiles to nothing, a build
// whose wchar_t is two bytes. One configuration alone calls dead what
// another uses; with every one of them given to -p, only what each
// compiling configuration calls dead is reported, and removed.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <map>

namespace deadwood::e2e {
namespace {

/// The sample's build directories, each configured once per test process.
struct Builds {
  fs::path Off, On, Wide;
};

Builds builds(const fs::path &Source = {}, const std::string &Tag = "") {
  return Builds{configure("features", Source, "-off" + Tag, "-DCMAKE_BUILD_TYPE=Release"),
                configure("features", Source, "-on" + Tag, "-DCMAKE_BUILD_TYPE=Debug -DFEATURES_WITH_NET=ON"),
                configure("features", Source, "-wide" + Tag, "-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-fshort-wchar")};
}

/// Name -> "removable" or why not, of every finding of a JSON report.
std::map<std::string, std::string> verdicts(const json &Report) {
  std::map<std::string, std::string> Out;
  for (const json &F : Report["findings"])
    Out[F["name"]] = F["removable"].get<bool>() ? "removable" : F["not_removable_because"].get<std::string>();
  return Out;
}

TEST(Configurations, OneAloneCallsDeadWhatAnotherUsesAndTheIntersectionDoesNot) {
  Builds B = builds();
  json Off = jsonReport("-p " + quote(B.Off));
  std::map<std::string, std::string> Alone = verdicts(Off);
  // The release build without the network sink: net.cpp's callee and the
  // other specialization look dead, and removable.
  EXPECT_EQ(Alone["formatPacket(const std::string &)"], "removable");
  EXPECT_EQ(Alone["WideText<2>::name()"], "removable");
  EXPECT_EQ(Alone.count("retryLater(const std::string &)"), 0u) << "net.cpp is not compiled there";

  json All = jsonReport("-p " + quote(B.Off) + " -p " + quote(B.On) + " -p " + quote(B.Wide));
  ASSERT_FALSE(All.is_discarded());
  EXPECT_EQ(findings(All), marks(fs::path(DEADWOOD_SAMPLES_DIR) / "features"));
  std::vector<std::string> Dirs = {fs::canonical(B.Off).string(), fs::canonical(B.On).string(),
                                   fs::canonical(B.Wide).string()};
  EXPECT_EQ(All["configurations"], json(Dirs));
  for (const json &F : All["findings"]) {
    std::vector<std::string> Seen;
    for (const json &V : F["configurations"]) Seen.push_back(V["build"].get<std::string>() + " " + V["verdict"].get<std::string>());
    if (F["name"] == "retryLater(const std::string &)")
      EXPECT_EQ(Seen, (std::vector<std::string>{Dirs[0] + " not compiled", Dirs[1] + " dead", Dirs[2] + " not compiled"}));
    else
      EXPECT_EQ(Seen, (std::vector<std::string>{Dirs[0] + " dead", Dirs[1] + " dead", Dirs[2] + " dead"})) << F["name"];
  }
  Result Text = runDeadwood("-q -p " + quote(B.Off) + " -p " + quote(B.On) + " -p " + quote(B.Wide));
  EXPECT_NE(Text.Out.find("note: dead in 3 of 3 configurations\n"), std::string::npos) << Text.Out;
  EXPECT_NE(Text.Out.find("note: dead in 1 of 3 configurations, not compiled in 2\n"), std::string::npos) << Text.Out;
  EXPECT_NE(Text.Out.find("(3 configurations, 13 translation units"), std::string::npos) << Text.Out;
  fs::path Html = scratch() / "configurations.html";
  ASSERT_EQ(runDeadwood("-q --format html -o " + quote(Html) + " -p " + quote(B.Off) + " -p " + quote(B.On) + " -p " +
                        quote(B.Wide)).Exit, 0);
  EXPECT_NE(slurp(Html).find("\"configurations\":\"dead in 3 of 3 configurations\""), std::string::npos);
  Result Said = runDeadwood("-p " + quote(B.Off) + " -p " + quote(B.On) + " -p " + quote(B.Wide));
  EXPECT_NE(Said.Err.find("3 configurations intersected: 4 symbols dead in every configuration compiling it; 5 more "
                          "that one configuration alone calls dead another uses"),
            std::string::npos)
      << Said.Err;
}

TEST(Configurations, ASpecializationAPlatformPropertySelectsIsKeptByTheConfigurationThatSelectsIt) {
  Builds B = builds();
  std::map<std::string, std::string> Default = verdicts(jsonReport("-p " + quote(B.On)));
  EXPECT_EQ(Default["WideText<2>::name()"], "removable") << "no preprocessor scan sees sizeof(wchar_t)";
  std::map<std::string, std::string> Both = verdicts(jsonReport("-p " + quote(B.On) + " -p " + quote(B.Wide)));
  EXPECT_EQ(Both.count("WideText<2>::name()"), 0u);
  EXPECT_EQ(Both.count("WideText<4>::name()"), 0u);
}

TEST(Configurations, OneConfigurationKeepsUsesItDoesNotCompileOutOfRemoval) {
  Builds B = builds();
  std::map<std::string, std::string> Off = verdicts(jsonReport("-p " + quote(B.Off)));
  std::string Src = sampleDir("features") + "src/";
  EXPECT_EQ(Off["netBanner()"],
            "named in code this configuration does not compile (" + Src + "main.cpp:27, under #ifdef WITH_NET)");
  EXPECT_EQ(Off["isSorted(const std::vector<double> &)"],
            "named in code this configuration does not compile (" + Src +
                "stats.cpp:19, in the argument of assert, which this configuration drops)");
  EXPECT_EQ(Off["variance(const std::vector<double> &)"], "removable");
  EXPECT_EQ(Off["isFinite(double)"], "named in code this configuration does not compile (" + Src +
                                          "stats.cpp:30, in the argument of assert, which this configuration drops)");
  // A configuration that compiles that assert and still calls isFinite dead
  // judges it: together they remove it, with variance.
  std::map<std::string, std::string> Both = verdicts(jsonReport("-p " + quote(B.Off) + " -p " + quote(B.On)));
  EXPECT_EQ(Both["isFinite(double)"], "removable");
  EXPECT_EQ(Both.count("isSorted(const std::vector<double> &)"), 0u) << "the Debug build calls it";
}

TEST(Configurations, TheRemovalIsProvenInEachAndEachStillBuildsAndRuns) {
  fs::path Copy = copyOfSample("features", scratch() / "features-fix");
  Builds B = builds(Copy, "-fix");
  Result Fix = runDeadwood("-q --fix -p " + quote(B.Off) + " -p " + quote(B.On) + " -p " + quote(B.Wide));
  ASSERT_EQ(Fix.Exit, 0) << Fix.Err;
  EXPECT_NE(Fix.Err.find("proved 3 removal groups in "), std::string::npos) << Fix.Err;
  std::string Log = slurp(Copy / "src/log.cpp"), Net = slurp(Copy / "src/net.cpp"), Enc = slurp(Copy / "src/encoding.cpp");
  EXPECT_EQ(Log.find("logVerbose"), std::string::npos);
  EXPECT_EQ(Net.find("retryLater"), std::string::npos);
  EXPECT_NE(Log.find("formatPacket"), std::string::npos);
  EXPECT_NE(Enc.find("WideText<2>::name"), std::string::npos);
  EXPECT_EQ(slurp(Copy / "src/stats.cpp").find("variance"), std::string::npos);
  EXPECT_EQ(slurp(Copy / "src/stats.cpp").find("isFinite"), std::string::npos);
  EXPECT_NE(slurp(Copy / "src/stats.cpp").find("isSorted"), std::string::npos);
  for (const fs::path &Build : {B.Off, B.On, B.Wide}) {
    Result Made = sh("cmake --build " + quote(Build) + " -j2 && " + quote(Build / "report") + " 3 1 2");
    EXPECT_EQ(Made.Exit, 0) << Build << Made.Out << Made.Err;
    EXPECT_NE(Made.Out.find("mean = 2"), std::string::npos) << Made.Out;
  }
}

TEST(Configurations, WhyAnswersForEachConfiguration) {
  Builds B = builds();
  Result Why = runDeadwood("-q --why formatPacket -p " + quote(B.Off) + " -p " + quote(B.On));
  ASSERT_EQ(Why.Exit, 0) << Why.Err;
  size_t Off = Why.Out.find("in " + fs::canonical(B.Off).string() + ":\n"),
         On = Why.Out.find("in " + fs::canonical(B.On).string() + ":\n");
  ASSERT_NE(Off, std::string::npos) << Why.Out;
  ASSERT_NE(On, std::string::npos) << Why.Out;
  std::string OffPart = Why.Out.substr(Off, On - Off), OnPart = Why.Out.substr(On);
  EXPECT_NE(OffPart.find("unreachable"), std::string::npos) << OffPart;
  EXPECT_NE(OnPart.find("main"), std::string::npos) << OnPart;
  EXPECT_NE(OnPart.find("sendReport"), std::string::npos) << OnPart;
  Result Json = runDeadwood("-q --format json --why sendReport -p " + quote(B.Off) + " -p " + quote(B.On));
  json J = json::parse(Json.Out, nullptr, false);
  ASSERT_TRUE(J.is_array()) << Json.Out << Json.Err;
  EXPECT_EQ(J[0]["compiled"], false);
  EXPECT_EQ(J[1]["compiled"], true);
}

TEST(Configurations, BadCombinationsAreOneLineErrors) {
  Builds B = builds();
  expectOneLineError(runDeadwood("-p " + quote(B.Off) + " -p " + quote(B.Off)), "is given twice");
  expectOneLineError(runDeadwood("--fix --remove-test-only -p " + quote(B.Off) + " -p " + quote(B.On)),
                     "--remove-test-only takes one configuration");
  expectOneLineError(runDeadwood("--changed-since HEAD -p " + quote(B.Off) + " -p " + quote(B.On)),
                     "--changed-since takes one configuration");
}

}  // namespace
}  // namespace deadwood::e2e
