// Removal end to end, on copies of the samples and small hand-made projects:
// --fix keeps the build green and the programs' output the same, --patch is
// taken by `git apply`, --verify keeps out what breaks the build, and a
// refused or interrupted removal changes nothing.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <signal.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace deadwood::e2e;

/// A fresh copy of a sample, configured and built, with its programs' output.
struct Copy {
  fs::path Source, Build;
  std::string Output;
};

Copy copySample(const std::string &Sample, const std::string &Tag,
                const fs::path &From = DEADWOOD_SAMPLES_DIR) {
  Copy C;
  C.Source = scratch() / ("copy-" + Sample + Tag);
  fs::remove_all(C.Source);
  fs::copy(From / Sample, C.Source, fs::copy_options::recursive);
  C.Build = C.Source / "build";
  Result R = sh("cmake -S " + quote(C.Source) + " -B " + quote(C.Build) +
                " -DCMAKE_CXX_COMPILER=g++ && cmake --build " + quote(C.Build));
  EXPECT_EQ(R.Exit, 0) << R.Out << R.Err;
  return C;
}

std::string runPrograms(const Copy &C) {
  Result R = sh(quote(C.Build / "inventory-cli") + " && " + quote(C.Build / "inventory-report"));
  EXPECT_EQ(R.Exit, 0) << R.Err;
  return R.Out;
}

/// Every source file of a tree, by path relative to it.
std::map<std::string, std::string> sources(const fs::path &Root) {
  std::map<std::string, std::string> Out;
  for (const auto &E : fs::recursive_directory_iterator(Root)) {
    if (E.path().string().find("/build") != std::string::npos) continue;
    std::string Ext = E.path().extension();
    if (Ext == ".cpp" || Ext == ".h") Out[fs::relative(E.path(), Root).string()] = slurp(E.path());
  }
  return Out;
}

TEST(Fix, SampleStillBuildsSameOutputMarkedGoneFixpoint) {
  Copy C = copySample("inventory", "-fix");
  std::string Before = runPrograms(C);
  std::set<std::string> Marked = marks(C.Source);
  std::map<std::string, std::string> Original = sources(C.Source);

  Result Fix = runDeadwood("-q --fix -p " + quote(C.Build));
  ASSERT_EQ(Fix.Exit, 0) << Fix.Err;
  EXPECT_NE(Fix.Err.find("deadwood: removal: 18 symbols"), std::string::npos) << Fix.Err;
  Result Rebuild = sh("cmake --build " + quote(C.Build));
  ASSERT_EQ(Rebuild.Exit, 0) << Rebuild.Out;
  EXPECT_EQ(runPrograms(C), Before);

  // Every marked definition is gone, nothing was added, every file that
  // changed only lost lines.
  for (const std::string &Mark : Marked) {
    std::string M = Mark.substr(0, Mark.rfind(": "));  // "file:line"
    std::string File = M.substr(0, M.rfind(':'));
    unsigned Line = std::stoul(M.substr(M.rfind(':') + 1));
    std::string Text = Original[fs::relative(File, fs::canonical(C.Source)).string()];
    std::istringstream In(Text);
    std::string L;
    for (unsigned N = 1; N <= Line; ++N) std::getline(In, L);
    EXPECT_EQ(slurp(File).find(L + "\n"), std::string::npos) << M << ": still there: " << L;
  }
  for (const auto &[Path, Text] : sources(C.Source)) {
    // The new lines are the old ones, in order, with some left out.
    std::istringstream New(Text), Old(Original[Path]);
    std::string Line, Was;
    unsigned N = 0;
    while (std::getline(New, Line)) {
      ++N;
      bool Found = false;
      while (!Found && std::getline(Old, Was)) Found = Was == Line;
      EXPECT_TRUE(Found) << Path << ":" << N << ": a line the original does not have there: " << Line;
      if (!Found) break;
    }
  }
  // A second run finds nothing the first removal left or made dead.
  Result Again = runDeadwood("-q -p " + quote(C.Build));
  EXPECT_NE(Again.Out.find("deadwood: 0 unreachable symbols"), std::string::npos) << Again.Out;
}

TEST(Patch, GitApplyTakesItOnAPristineCopy) {
  Copy C = copySample("inventory", "-patch");
  fs::path Patch = scratch() / "inventory.patch";
  std::map<std::string, std::string> Original = sources(C.Source);
  Result R = runDeadwood("-q --patch " + quote(Patch) + " -p " + quote(C.Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(sources(C.Source), Original) << "--patch changes no source";
  std::string Diff = slurp(Patch);
  EXPECT_NE(Diff.find("--- a/lib/text.cpp\n+++ b/lib/text.cpp\n"), std::string::npos) << Diff;
  Result Check = sh("cd " + quote(C.Source) + " && git init -q && git apply --check " + quote(Patch));
  EXPECT_EQ(Check.Exit, 0) << Check.Err;
  Result Apply = sh("cd " + quote(C.Source) + " && patch -p1 --dry-run < " + quote(Patch));
  EXPECT_EQ(Apply.Exit, 0) << Apply.Out << Apply.Err;
}

TEST(ExportFixes, SameEditsAsFix) {
  Copy A = copySample("inventory", "-yaml");
  Copy B = copySample("inventory", "-yaml-fix");
  fs::path Dir = freshDir("fixes");
  Result R = runDeadwood("-q --export-fixes " + quote(Dir / "fixes.yaml") + " -p " + quote(A.Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  std::string Yaml = slurp(Dir / "fixes.yaml");
  EXPECT_NE(Yaml.find("DiagnosticName:  deadwood-dead"), std::string::npos);
  ASSERT_EQ(runDeadwood("-q --fix -p " + quote(B.Build)).Exit, 0);
  if (sh("command -v clang-apply-replacements").Exit != 0) GTEST_SKIP() << "no clang-apply-replacements";
  Result Apply = sh("clang-apply-replacements " + quote(Dir));
  ASSERT_EQ(Apply.Exit, 0) << Apply.Err;
  EXPECT_EQ(sources(A.Source), sources(B.Source));
}

/// A project whose build compiles a file the database does not list: what
/// that file calls looks dead to deadwood, and removing it breaks the link.
fs::path hiddenCallerProject(const std::string &Name) {
  fs::path Dir = freshDir(Name);
  std::ofstream(Dir / "a.cpp") << "int helper() { return 1; }\n\nint reallyDead() { return 2; }\n\n"
                                  "int callHidden();\n\nint main() { return callHidden() - 1; }\n";
  std::ofstream(Dir / "hidden.cpp") << "int helper();\nint callHidden() { return helper(); }\n";
  writeDatabase(Dir, {"a.cpp"});
  return Dir;
}

TEST(Verify, BreakingRemovalIsFoundAndKeptOut) {
  fs::path Dir = hiddenCallerProject("verify");
  std::string Build = "cd " + quote(Dir) + " && g++ a.cpp hidden.cpp -o app && ./app";
  Result R = runDeadwood("-q --format json --verify " + quote(Build) + " -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Err.find("unsafe to remove function 'helper()'"), std::string::npos) << R.Err;
  std::string A = slurp(Dir / "a.cpp");
  EXPECT_NE(A.find("int helper()"), std::string::npos) << "kept: its removal broke the build";
  EXPECT_EQ(A.find("reallyDead"), std::string::npos) << "removed: the build stays green without it";
  EXPECT_EQ(sh(Build).Exit, 0) << "the tree is left green";
  json Report = json::parse(R.Out);
  bool Found = false;
  for (const json &F : Report["findings"])
    if (F["name"] == "helper()") {
      Found = true;
      EXPECT_EQ(F["removable"], false);
      EXPECT_EQ(F["not_removable_because"].get<std::string>().rfind("unsafe to remove: ", 0), 0u);
      EXPECT_NE(F["not_removable_because"].get<std::string>().find("helper"), std::string::npos)
          << "the first error line names the missing symbol";
    }
  EXPECT_TRUE(Found);
}

TEST(Verify, InterruptRestoresEveryFile) {
  fs::path Dir = hiddenCallerProject("interrupt");
  std::string Before = slurp(Dir / "a.cpp");
  fs::path Started = Dir / "started";
  std::string Slow = "touch " + quote(Started) + " && sleep 30";
  std::string Cmd = quote(DEADWOOD_BINARY) + " -q --verify " + quote(Slow) + " -p " + quote(Dir) +
                    " > /dev/null 2> " + quote(Dir / "err");
  pid_t Pid = fork();
  if (Pid == 0) {
    setpgid(0, 0);
    execl("/bin/sh", "sh", "-c", ("exec " + Cmd).c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  for (int I = 0; I < 600 && !fs::exists(Started); ++I) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(fs::exists(Started)) << "the verify command never started";
  EXPECT_NE(slurp(Dir / "a.cpp"), Before) << "the removal is applied while the command runs";
  kill(-Pid, SIGINT);
  int Status = 0;
  waitpid(Pid, &Status, 0);
  EXPECT_EQ(WEXITSTATUS(Status), 130) << "128 + SIGINT, as a shell says it";
  EXPECT_NE(slurp(Dir / "err").find("interrupted: every source file is restored"), std::string::npos);
  EXPECT_EQ(slurp(Dir / "a.cpp"), Before);
}

TEST(Fix, RefusedWhenATuFailedUnlessAllowPartial) {
  fs::path Dir = freshDir("partial");
  std::ofstream(Dir / "good.cpp") << "int lonely() { return 3; }\nint main() { return 0; }\n";
  std::ofstream(Dir / "bad.cpp") << "int user() { return undeclared(); }\n";
  writeDatabase(Dir, {"good.cpp", "bad.cpp"});
  std::string Before = slurp(Dir / "good.cpp");
  Result Refused = runDeadwood("-q --fix -p " + quote(Dir));
  EXPECT_EQ(Refused.Exit, 3);
  EXPECT_NE(Refused.Err.find("removal refused: 1 translation unit failed to parse"), std::string::npos)
      << Refused.Err;
  EXPECT_EQ(slurp(Dir / "good.cpp"), Before);
  Result Forced = runDeadwood("-q --fix --allow-partial -p " + quote(Dir));
  EXPECT_EQ(Forced.Exit, 3) << "still an incomplete analysis";
  EXPECT_EQ(slurp(Dir / "good.cpp").find("lonely"), std::string::npos) << slurp(Dir / "good.cpp");
}

TEST(Fix, ReadOnlySourceChangesNothing) {
  if (geteuid() == 0 && sh("command -v setpriv").Exit != 0) GTEST_SKIP() << "root ignores file modes";
  fs::path Dir = freshDir("readonly");
  std::ofstream(Dir / "a.cpp") << "int dead() { return 1; }\nint main() { return 0; }\n";
  std::ofstream(Dir / "b.cpp") << "int alsoDead() { return 2; }\n";
  writeDatabase(Dir, {"a.cpp", "b.cpp"});
  fs::permissions(Dir / "b.cpp", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  std::string A = slurp(Dir / "a.cpp"), B = slurp(Dir / "b.cpp");
  // As root, access(2) ignores modes; run as nobody, who may write a.cpp.
  std::string As = asNobody();
  sh("chmod o+w " + quote(Dir) + " " + quote(Dir / "a.cpp"));
  Result R = sh(As + quote(DEADWOOD_BINARY) + " -q --fix -p " + quote(Dir));
  EXPECT_EQ(R.Exit, 2) << R.Err;
  EXPECT_NE(R.Err.find("'" + (Dir / "b.cpp").string() + "': it is read-only; nothing was changed"),
            std::string::npos)
      << R.Err;
  EXPECT_EQ(slurp(Dir / "a.cpp"), A);
  EXPECT_EQ(slurp(Dir / "b.cpp"), B);
}

}  // namespace

namespace {

TEST(Fix, RemoveTestOnlyTakesTheTestsThatUseIt) {
  if (sh("test -f /usr/include/gtest/gtest.h").Exit != 0) GTEST_SKIP() << "no googletest";
  Copy C = copySample("gtest-project", "-testonly", DEADWOOD_FIXTURES_DIR);
  Result Json = runDeadwood("-q --format json -p " + quote(C.Build));
  EXPECT_EQ(findings(json::parse(Json.Out)), marks(C.Source)) << Json.Err;
  Result Plain = runDeadwood("-q --fix -p " + quote(C.Build));
  ASSERT_EQ(Plain.Exit, 0) << Plain.Err;
  EXPECT_EQ(Plain.Out.find("deadwood: removal"), std::string::npos) << "test-only code stays by default";
  EXPECT_NE(slurp(C.Source / "lib" / "fmt.cpp").find("legacyFormat"), std::string::npos);

  Result R = runDeadwood("-q --fix --remove-test-only -p " + quote(C.Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  std::string Lib = slurp(C.Source / "lib" / "fmt.cpp") + slurp(C.Source / "lib" / "fmt.h");
  std::string Test = slurp(C.Source / "tests" / "fmt_test.cpp");
  EXPECT_EQ(Lib.find("pad("), std::string::npos) << Lib;
  EXPECT_EQ(Lib.find("oldWidth"), std::string::npos) << Lib;
  EXPECT_NE(Lib.find("shout("), std::string::npos) << Lib;
  EXPECT_NE(Lib.find("legacyFormat"), std::string::npos) << "a helper names it: " << Lib;
  // The tests that name it go whole (TEST macro, lambda); the rest stay.
  for (const char *Gone : {"OldWidth", "Pads"}) EXPECT_EQ(Test.find(Gone), std::string::npos) << Gone;
  for (const char *Stays : {"TEST(Fmt, Shout)", "TEST(Fmt, Legacy)", "TEST(Fmt, LegacyDirect)", "bracketed"})
    EXPECT_NE(Test.find(Stays), std::string::npos) << Stays;

  Result Build = sh("cmake --build " + quote(C.Build) + " && ctest --test-dir " + quote(C.Build));
  EXPECT_EQ(Build.Exit, 0) << Build.Out << Build.Err;
  EXPECT_NE(Build.Out.find("100% tests passed"), std::string::npos) << Build.Out;
  EXPECT_EQ(sh(quote(C.Build / "app")).Out, "hi!\n");
}

TEST(Fix, KeepsInstalledApiAndVendoredCodeAndRemovesTheRest) {
  Copy C = copySample("toolkit", "-api");
  std::map<std::string, std::string> Original = sources(C.Source);
  Result Fix = runDeadwood("-q --fix -p " + quote(C.Build));
  ASSERT_EQ(Fix.Exit, 0) << Fix.Err;
  std::map<std::string, std::string> After = sources(C.Source);
  const std::string &Header = After["strutil/strutil.h"];
  for (const char *Api : {"kMaxWidth", "kEllipsis", "inline std::string trim", "std::string join", "class Table",
                          "void add(T row)", "inline void append"})
    EXPECT_NE(Header.find(Api), std::string::npos) << Api << " is installed API:\n" << Header;
  EXPECT_EQ(Header.find("unusedHelper"), std::string::npos) << Header;
  EXPECT_EQ(After["strutil/strutil.cpp"].find("isVowel"), std::string::npos);
  EXPECT_EQ(After["meta/meta.h"], Original["meta/meta.h"]);
  EXPECT_EQ(After["libs/minizip/zip.cpp"], Original["libs/minizip/zip.cpp"]) << "vendored: never edited";
  Result Build = sh("cmake --build " + quote(C.Build) + " && ctest --test-dir " + quote(C.Build));
  EXPECT_EQ(Build.Exit, 0) << Build.Out << Build.Err;
}

TEST(Fix, RemoveTestOnlyKeepsWhatAnEntryPointUses) {
  Copy C = copySample("toolkit", "-testonly");
  Result R = runDeadwood("-q --format json --remove-test-only --patch " + quote(C.Source / "p.diff") + " -p " +
                         quote(C.Build));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  size_t TestOnly = 0;
  for (const json &F : Report["findings"])
    if (F["category"] == "test-only") {
      ++TestOnly;
      EXPECT_FALSE(F["removable"].get<bool>()) << F.dump();
      EXPECT_EQ(F["not_removable_because"], "used by 'main()', which stays") << F.dump();
    }
  EXPECT_EQ(TestOnly, 2u);
}

TEST(OtherConfigurations, UsesTheyCompileKeepTheirSymbolsOutOfTheFix) {
  fs::path Dir = freshDir("skipped-uses");
  std::ofstream(Dir / "main.cpp") << "#include <cassert>\n"
                                     "int netOnly() { return 1; }\n"
                                     "int checkOnly(int x) { return x > 0; }\n"
                                     "int reallyDead() { return 3; }\n"
                                     "int main() {\n"
                                     "#ifdef WITH_NET\n"
                                     "  return netOnly();\n"
                                     "#else\n"
                                     "  assert(checkOnly(2));\n"
                                     "  return 0;\n"
                                     "#endif\n"
                                     "}\n";
  // This build: release (NDEBUG) without the network feature.
  std::ofstream(Dir / "compile_commands.json")
      << "[{\"directory\": " << json(Dir.string()) << ", \"file\": \"main.cpp\", "
      << "\"arguments\": [\"g++\", \"-DNDEBUG\", \"-c\", \"main.cpp\"]}]\n";
  Result Report = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(Report.Exit, 0) << Report.Err;
  std::map<std::string, std::string> Why;
  json R = json::parse(Report.Out);
  for (const json &F : R["findings"]) Why[F["name"]] = F["removable"].get<bool>() ? "removable" : F["not_removable_because"].get<std::string>();
  EXPECT_EQ(Why["netOnly()"], "named in code this configuration does not compile (main.cpp:7, under #ifdef WITH_NET)");
  EXPECT_EQ(Why["checkOnly(int)"],
            "named in code this configuration does not compile (main.cpp:9, in the argument of assert, which this "
            "configuration drops)");
  EXPECT_EQ(Why["reallyDead()"], "removable");

  Result Fix = runDeadwood("-q --fix -p " + quote(Dir));
  ASSERT_EQ(Fix.Exit, 0) << Fix.Err;
  std::string After = slurp(Dir / "main.cpp");
  EXPECT_EQ(After.find("reallyDead"), std::string::npos) << After;
  // The other configurations still build.
  for (const char *Flags : {"-DWITH_NET", "", "-DNDEBUG"})
    EXPECT_EQ(sh("cd " + quote(Dir) + " && g++ " + Flags + " -o /dev/null main.cpp").Exit, 0) << Flags;
}

}  // namespace
