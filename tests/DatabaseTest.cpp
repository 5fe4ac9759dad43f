// Loading compile databases and adjusting their command lines.
#include "analyzer/Database.h"
#include "model/Files.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
                           "-Wno-unknown-warning-option", "-Qunused-arguments"})
    EXPECT_THAT(Out, Contains(std::string(Kept)));
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

TEST_F(LoadDatabase, EntryWithMissingFile) {
  write("compile_commands.json", "[{\"directory\": \"" + Dir.string() +
                                     "\", \"command\": \"g++ -c gone.cpp\", \"file\": \"gone.cpp\"}]");
  EXPECT_EQ(load((Dir / "compile_commands.json").string()),
            "source file '" + (Dir / "gone.cpp").string() + "' named in '" +
                (Dir / "compile_commands.json").string() + "' does not exist");
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
