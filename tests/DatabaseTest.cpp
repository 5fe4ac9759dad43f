// Loading compile databases and adjusting their command lines.
#include "analyzer/Database.h"
#include "model/Files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace deadwood {
namespace {

using testing::Contains;
using testing::Not;
namespace fs = std::filesystem;

TEST(AdjustCommandLine, StripsGccOnlyAndOutputFlags) {
  std::vector<std::string> Out = adjustCommandLine(
      {"/usr/bin/ccache", "/usr/bin/g++", "-O2", "-fconcepts-diagnostics-depth=3", "-fipa-pta",
       "-Werror", "-Werror=shadow", "-MD", "-MT", "x.o", "-MF", "x.d", "-o", "x.o", "-c",
       "x.cpp", "-Wduplicated-cond", "-resource-dir", "/elsewhere"});
  EXPECT_EQ(Out[0], "/usr/bin/g++");
  EXPECT_EQ(Out[1], "-resource-dir=" + clangResourceDir());
  EXPECT_TRUE(std::filesystem::exists(clangResourceDir() + "/include/stddef.h")) << clangResourceDir();
  for (const char *Gone : {"-fconcepts-diagnostics-depth=3", "-fipa-pta", "-Werror",
                           "-Werror=shadow", "-MD", "-MT", "-MF", "x.o", "x.d", "-o", "-c",
                           "/elsewhere", "-resource-dir", "/usr/bin/ccache"})
    EXPECT_THAT(Out, Not(Contains(std::string(Gone))));
  for (const char *Kept : {"-O2", "x.cpp", "-Wduplicated-cond", "-fsyntax-only",
                           "-Wno-unknown-warning-option", "-Qunused-arguments", "-w"})
    EXPECT_THAT(Out, Contains(std::string(Kept)));
}

/// A database as Bear, Bazel extractors or Meson write it.
TEST(GeneratorDatabases, HeaderEntriesResponseFilesMissingSourcesAndPrefixedCompilers) {
  fs::path Dir = fs::temp_directory_path() / ("deadwood-db-" + std::to_string(::getpid()));
  fs::remove_all(Dir);
  fs::create_directories(Dir);
  for (const char *F : {"a.cpp", "b.cpp", "lib.h", "lib.hpp", "c.cpp"}) std::ofstream(Dir / F) << "\n";
  std::ofstream(Dir / "args.rsp") << "-DFROM_RSP \"-Iwith space\"\n";
  std::string D = Dir.string();
  std::ofstream(Dir / "compile_commands.json") << R"([
    {"directory": ")" << D << R"(", "file": "a.cpp", "arguments": ["g++", "@args.rsp", "-c", "a.cpp"]},
    {"directory": ")" << D << R"(", "file": "lib.h", "arguments": ["g++", "-c", "lib.h"]},
    {"directory": ")" << D << R"(", "file": "lib.hpp", "arguments": ["clang++", "-x", "c++-header", "lib.hpp"]},
    {"directory": ")" << D << R"(", "file": "gen/made.cpp", "arguments": ["g++", "-c", "gen/made.cpp"]},
    {"directory": ")" << D << R"(", "file": "c.cpp", "arguments": ["aarch64-linux-gnu-g++", "-c", "c.cpp"]}
  ])";
  std::vector<CompileJob> Jobs;
  std::string DbDir, Err;
  ASSERT_TRUE(loadDatabase(D, &Jobs, &DbDir, &Err)) << Err;
  ASSERT_EQ(Jobs.size(), 3u) << "the two header entries are left out";
  EXPECT_EQ(Jobs[0].File, D + "/a.cpp");
  EXPECT_THAT(Jobs[0].Args, Contains(std::string("-DFROM_RSP")));
  EXPECT_THAT(Jobs[0].Args, Contains(std::string("-Iwith space")));
  EXPECT_THAT(Jobs[0].Args, Not(Contains(std::string("@args.rsp"))));
  EXPECT_TRUE(Jobs[0].Unusable.empty());
  EXPECT_EQ(Jobs[1].File, D + "/gen/made.cpp");
  EXPECT_NE(Jobs[1].Unusable.find("build first"), std::string::npos) << Jobs[1].Unusable;
  EXPECT_THAT(Jobs[2].Args, Contains(std::string("--target=aarch64-linux-gnu")));
  // A response file that is not there is an error naming the entry.
  std::ofstream(Dir / "compile_commands.json")
      << R"([{"directory": ")" << D << R"(", "file": "a.cpp", "arguments": ["g++", "@gone.rsp", "a.cpp"]}])";
  Jobs.clear();
  EXPECT_FALSE(loadDatabase(D, &Jobs, &DbDir, &Err));
  EXPECT_NE(Err.find("response file of '" + D + "/a.cpp'"), std::string::npos) << Err;
  fs::remove_all(Dir);
}

TEST(CommonAncestor, DeepestSharedDirectory) {
  EXPECT_EQ(commonAncestor({"/a/b/c.cc", "/a/b/d/e.cc"}), "/a/b");
  EXPECT_EQ(commonAncestor({"/a/bc/x.cc", "/a/b/y.cc"}), "/a");
  EXPECT_EQ(commonAncestor({"/x.cc", "/a/y.cc"}), "/");
}

class LoadDatabase : public testing::Test {
protected:
  void SetUp() override {
    Dir = fs::temp_directory_path() /
          ("deadwood-db-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
           "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(Dir);
    fs::create_directories(Dir);
  }
  void TearDown() override { fs::remove_all(Dir); }
  void write(const std::string &Name, const std::string &Text) {
    std::ofstream(Dir / Name) << Text;
  }
  std::string load(const std::string &Arg) {
    std::vector<CompileJob> Jobs;
    std::string DbDir, Err;
    if (loadDatabase(Arg, &Jobs, &DbDir, &Err)) return "ok: " + std::to_string(Jobs.size());
    return Err;
  }
  fs::path Dir;
};

TEST_F(LoadDatabase, MissingBuildDirectory) {
  EXPECT_EQ(load((Dir / "nope").string()),
            "build directory '" + (Dir / "nope").string() + "' does not exist");
}

TEST_F(LoadDatabase, CMakeBuildWithoutDatabaseSaysHowToMakeOne) {
  write("CMakeCache.txt", "");
  EXPECT_EQ(load(Dir.string()), "no compile_commands.json in '" + Dir.string() +
                                    "'; configure it with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON");
}

TEST_F(LoadDatabase, MalformedJsonNamesTheFile) {
  write("compile_commands.json", "[{\"directory\": ");
  EXPECT_THAT(load(Dir.string()),
              testing::StartsWith("cannot read compile database '" +
                                  (Dir / "compile_commands.json").string() + "'"));
}

TEST_F(LoadDatabase, EmptyDatabase) {
  write("compile_commands.json", "[]");
  EXPECT_EQ(load(Dir.string()),
            "compile database '" + (Dir / "compile_commands.json").string() + "' has no entries");
}

TEST_F(LoadDatabase, EntryWithMissingFileIsThatTusFailure) {
  write("compile_commands.json", "[{\"directory\": \"" + Dir.string() +
                                     "\", \"command\": \"g++ -c gone.cpp\", \"file\": \"gone.cpp\"}]");
  std::vector<CompileJob> Jobs;
  std::string DbDir, Err;
  ASSERT_TRUE(loadDatabase(Dir.string(), &Jobs, &DbDir, &Err)) << Err;
  ASSERT_EQ(Jobs.size(), 1u);
  EXPECT_EQ(Jobs[0].Unusable, "'" + (Dir / "gone.cpp").string() + "' does not exist: a generated file missing? build first");
}

TEST_F(LoadDatabase, RelativePathsResolveAgainstTheEntryDirectory) {
  write("a.cpp", "int main() {}\n");
  write("compile_commands.json",
        "[{\"directory\": \"" + Dir.string() +
            "\", \"arguments\": [\"g++\", \"-c\", \"a.cpp\"], \"file\": \"a.cpp\"},"
            "{\"directory\": \"" + Dir.string() +
            "\", \"arguments\": [\"g++\", \"-c\", \"a.cpp\"], \"file\": \"a.cpp\"}]");
  std::vector<CompileJob> Jobs;
  std::string DbDir, Err;
  ASSERT_TRUE(loadDatabase(Dir.string(), &Jobs, &DbDir, &Err)) << Err;
  ASSERT_EQ(Jobs.size(), 1u) << "identical entries are one job";
  EXPECT_EQ(Jobs[0].File, (Dir / "a.cpp").string());
  EXPECT_EQ(DbDir, Dir.string());
}

}  // namespace
}  // namespace deadwood
