// Which directories hold someone else's code (passes/Vendored).
#include "passes/Vendored.h"

#include <gtest/gtest.h>

namespace deadwood {
namespace {

std::vector<std::string> dirs(const VendorSources &In) {
  std::vector<std::string> Out;
  for (const VendoredDir &V : vendoredDirs(In)) Out.push_back(V.Dir + " (" + V.Why + ")");
  return Out;
}

TEST(Vendored, ConventionalDirectoriesSubmodulesAndSubprojects) {
  VendorSources In;
  In.SourceRoot = "/src";
  In.Files = {"/src/main.cpp", "/src/third_party/zlib/inflate.c", "/src/third_party/zlib/zlib.h",
              "/src/lib/external/x/x.h", "/src/extra/deps.h"};
  In.MainFiles = {"/src/main.cpp"};
  In.Subprojects = {{"googletest-distribution", "/src/test/googletest"}, {"gtest", "/src/test/googletest/googletest"}};
  In.GitModules = "[submodule \"abseil\"]\n\tpath = deps/abseil\n\turl = https://example.com/abseil.git\n";
  EXPECT_EQ(dirs(In), (std::vector<std::string>{"/src/deps/abseil (git submodule)", "/src/lib/external/x (external/)",
                                                 "/src/test/googletest (CMake project googletest-distribution)",
                                                 "/src/third_party/zlib (third_party/)"}));
}

TEST(Vendored, TheConfigNamesMoreAndUnvendorsOne) {
  VendorSources In;
  In.SourceRoot = "/src";
  In.Files = {"/src/main.cpp", "/src/third_party/zlib/zlib.h", "/src/third_party/ours/ours.h",
              "/src/libs/lua-5.4/lua.h", "/src/test/gtest/gtest.h", "/src/test/unit.cpp",
              "/src/src/contrib/dragonbox.h", "/src/src/contrib/ours.cpp", "/src/third-party/x/x.h"};
  In.MainFiles = {"/src/main.cpp", "/src/test/unit.cpp"};
  In.Vendored = {"libs/lua-*", "test/gtest", "src/contrib/dragonbox.h"};
  In.NotVendored = {"third_party/ours"};
  EXPECT_EQ(dirs(In), (std::vector<std::string>{"/src/libs/lua-5.4 (named vendored in the config)",
                                                 "/src/src/contrib/dragonbox.h (named vendored in the config)",
                                                 "/src/test/gtest (named vendored in the config)",
                                                 "/src/third-party/x (third-party/)",
                                                 "/src/third_party/zlib (third_party/)"}));
  In.NotVendored = {"third_party/**", "third-party/*", "test/*", "src/**"};
  EXPECT_EQ(dirs(In), (std::vector<std::string>{"/src/libs/lua-5.4 (named vendored in the config)"}));
}

TEST(Vendored, SubprojectsHoldingEveryTuAreTheProject) {
  VendorSources In;  // googletest's own repository: gtest and gmock are projects of their own
  In.SourceRoot = "/src";
  In.MainFiles = {"/src/googletest/src/gtest.cc", "/src/googlemock/src/gmock.cc"};
  In.Files = In.MainFiles;
  In.Subprojects = {{"gtest", "/src/googletest"}, {"gmock", "/src/googlemock"}};
  EXPECT_TRUE(dirs(In).empty());
}

}  // namespace
}  // namespace deadwood
