// Reading CMake's File API, on a reply recorded from the toolkit sample
// (configured, not built, in /tmp/tk2).
#include "analyzer/BuildGraph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace deadwood {
namespace {

using testing::ElementsAre;

const std::string kFixture = DEADWOOD_FIXTURES_DIR "/fileapi-toolkit";
const std::string kSource = "/work/main/samples/toolkit";

const Target &named(const BuildGraph &G, const std::string &Name) {
  for (const Target &T : G.Targets)
    if (T.Name == Name) return T;
  throw std::out_of_range(Name);
}

TEST(BuildGraph, ReadsTargetsTypesSourcesDependenciesArtifacts) {
  BuildGraph G;
  std::string Err;
  ASSERT_TRUE(readCodemodel(kFixture, &G, &Err)) << Err;
  std::vector<std::string> Names;
  for (const Target &T : G.Targets) Names.push_back(T.Name);
  EXPECT_THAT(Names, ElementsAre("core", "core-test", "minizip", "render", "strutil", "tool-count", "tool-render"))
      << "no INTERFACE library (meta): CMake 3.25's codemodel leaves them out";
  const Target &Render = named(G, "render");
  EXPECT_EQ(Render.Type, "SHARED_LIBRARY");
  EXPECT_THAT(Render.Sources, ElementsAre(kSource + "/render/render.cpp"));
  EXPECT_THAT(Render.Dependencies, ElementsAre("core"));
  EXPECT_THAT(Render.Artifacts, ElementsAre("/tmp/tk2/librender.so"));
  EXPECT_FALSE(Render.Installed);
  EXPECT_EQ(named(G, "core").Type, "STATIC_LIBRARY");
  EXPECT_EQ(named(G, "tool-count").Type, "EXECUTABLE");
  EXPECT_TRUE(named(G, "strutil").Installed);
  EXPECT_EQ(G.SourceDir, kSource);
}

TEST(BuildGraph, HeaderInstallersSubprojectsAndPublicIncludeDirectories) {
  BuildGraph G;
  std::string Err;
  ASSERT_TRUE(readCodemodel(kFixture, &G, &Err)) << Err;
  std::vector<std::string> Installs;
  for (const HeaderInstall &I : G.Installs)
    Installs.push_back(I.Rule + " " + I.Path + (I.Directory ? "/" : "") + " at " + I.Where);
  EXPECT_THAT(Installs, ElementsAre("install(FILES) " + kSource + "/meta/meta.h at " + kSource + "/CMakeLists.txt:29",
                                    "install(DIRECTORY) " + kSource + "/strutil/ at " + kSource +
                                        "/strutil/CMakeLists.txt:6"))
      << "install(TARGETS) installs no header; a subdirectory's paths are relative to the top";
  ASSERT_EQ(G.Subprojects.size(), 1u);
  EXPECT_EQ(G.Subprojects[0].Name, "minizip");
  EXPECT_EQ(G.Subprojects[0].Dir, kSource + "/libs/minizip");
  EXPECT_THAT(named(G, "render").PublicIncludeDirs, ElementsAre(kSource + "/render", kSource + "/core"))
      << "tool-render compiles with both: render's PUBLIC directory and core's, which render links PUBLIC";
  EXPECT_THAT(named(G, "strutil").PublicIncludeDirs, ElementsAre(kSource + "/strutil")) << "nothing links it: all";
}

TEST(BuildGraph, ProgramsLinkLibrariesTransitively) {
  BuildGraph G;
  std::string Err;
  ASSERT_TRUE(readCodemodel(kFixture, &G, &Err)) << Err;
  EXPECT_THAT(programSources(G, named(G, "tool-render")),
              ElementsAre(kSource + "/core/units.cpp", kSource + "/core/words.cpp",
                          kSource + "/render/render.cpp", kSource + "/tools/render_main.cpp"));
}

TEST(BuildGraph, TestsFromCTestFilesWhenCTestCannotFindThemYet) {
  BuildGraph G;
  std::string Err;
  ASSERT_TRUE(readCodemodel(kFixture, &G, &Err)) << Err;
  std::ifstream In(kFixture + "/ctest-unbuilt.json");
  std::stringstream List;
  List << In.rdbuf();
  ASSERT_TRUE(markTests(List.str(), &G, &Err)) << Err;
  EXPECT_FALSE(named(G, "core-test").IsTest) << "before the build, ctest's list has no commands";
  markTestsFromCTestFiles(kFixture, &G);
  EXPECT_TRUE(named(G, "core-test").IsTest);
  EXPECT_FALSE(named(G, "tool-count").IsTest);
}

TEST(BuildGraph, ReadsCTestCommandsWhenPresent) {
  BuildGraph G;
  std::string Err;
  ASSERT_TRUE(readCodemodel(kFixture, &G, &Err)) << Err;
  ASSERT_TRUE(markTests(R"({"kind": "ctestInfo", "tests": [{"name": "core", "command": ["/tmp/tk2/core-test"]}]})",
                        &G, &Err));
  EXPECT_TRUE(named(G, "core-test").IsTest);
  EXPECT_FALSE(markTests("not json", &G, &Err));
}

TEST(BuildGraph, MissingOrBrokenReplyIsAnError) {
  BuildGraph G;
  std::string Err;
  EXPECT_FALSE(readCodemodel("/nonexistent", &G, &Err));
  EXPECT_EQ(Err, "no codemodel-v2 reply in '/nonexistent'");
}

}  // namespace
}  // namespace deadwood
