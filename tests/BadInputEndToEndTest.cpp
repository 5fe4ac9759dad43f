// The bad-input matrix: each row gives one line naming the file and its
// exit status, writes nothing it should not, and leaves every source file
// untouched or fully rewritten. (Rows tested elsewhere: missing build
// directory, truncated database, missing source file in EndToEndTest; a TU
// that does not compile there and in RemovalEndToEndTest; a read-only file
// under --fix and an interrupted --verify in RemovalEndToEndTest.)
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace deadwood::e2e;

/// A build directory whose compile_commands.json is exactly Text.
fs::path withDatabase(const std::string &Name, const std::string &Text) {
  fs::path Dir = freshDir(Name);
  std::ofstream(Dir / "compile_commands.json", std::ios::binary) << Text;
  return Dir;
}

TEST(BadDatabase, EmptyFile) {
  fs::path Dir = withDatabase("db-empty", "");
  expectOneLineError(runDeadwood("-p " + quote(Dir)), (Dir / "compile_commands.json").string());
}

TEST(BadDatabase, EmptyList) {
  fs::path Dir = withDatabase("db-empty-list", "[]\n");
  expectOneLineError(runDeadwood("-p " + quote(Dir)), "has no entries");
}

TEST(BadDatabase, Truncated) {
  fs::path Dir = withDatabase("db-truncated", R"([{"directory": "/tmp", "file": "a.cpp", "comm)");
  expectOneLineError(runDeadwood("-p " + quote(Dir)), (Dir / "compile_commands.json").string());
}

TEST(BadDatabase, NotUtf8) {
  fs::path Dir = withDatabase("db-latin1", "[{\"directory\": \"/tmp/caf\xe9\", \"file\": \"a.cpp\", "
                                           "\"command\": \"g++ -c a.cpp\"}]");
  Result R = runDeadwood("-p " + quote(Dir));
  expectOneLineError(R, (Dir / "compile_commands.json").string());
  EXPECT_NE(R.Err.find("UTF-8"), std::string::npos) << R.Err;
}

TEST(BadDatabase, WrongShapes) {
  fs::path Object = withDatabase("db-object", R"({"directory": "/tmp", "file": "a.cpp"})");
  expectOneLineError(runDeadwood("-p " + quote(Object)), "not a JSON array");
  fs::path Number = withDatabase("db-number", "[1]");
  expectOneLineError(runDeadwood("-p " + quote(Number)), "entry 0 is not an object");
  fs::path NoDir = withDatabase("db-no-directory", R"([{"file": "a.cpp", "command": "g++ a.cpp"}])");
  expectOneLineError(runDeadwood("-p " + quote(NoDir)), "entry 0 has no string \"directory\"");
  fs::path Args = withDatabase("db-bad-args", R"([{"directory": "/tmp", "file": "a.cpp", "arguments": [1]}])");
  expectOneLineError(runDeadwood("-p " + quote(Args)), "non-string argument");
}

TEST(BadSource, UnreadableFile) {
  if (geteuid() == 0 && sh("command -v setpriv").Exit != 0) GTEST_SKIP() << "root reads every file";
  fs::path Dir = freshDir("unreadable");
  std::ofstream(Dir / "a.cpp") << "int main() { return 0; }\n";
  writeDatabase(Dir, {"a.cpp"});
  std::string As = asNobody();
  fs::permissions(Dir / "a.cpp", fs::perms::none);
  Result R = sh(As + quote(DEADWOOD_BINARY) + " -q --no-cache -p " + quote(Dir));
  expectOneLineError(R, "'" + (Dir / "a.cpp").string() + "' named in");
  EXPECT_NE(R.Err.find("cannot be read"), std::string::npos) << R.Err;
}

TEST(BadSource, SymlinkOutsideTheSourceRootIsNeverEdited) {
  fs::path Outside = freshDir("outside-root"), Dir = freshDir("linked-tree");
  std::ofstream(Outside / "real.cpp") << "int unusedElsewhere() { return 1; }\n";
  std::ofstream(Dir / "main.cpp") << "int unusedHere() { return 2; }\nint main() { return 0; }\n";
  fs::create_symlink(Outside / "real.cpp", Dir / "link.cpp");
  writeDatabase(Dir, {"main.cpp", "link.cpp"});
  std::string Before = slurp(Outside / "real.cpp");
  Result R = runDeadwood("-q --fix --format json --source-root " + quote(Dir) + " -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(slurp(Outside / "real.cpp"), Before) << "the file the link names is outside the root";
  EXPECT_TRUE(fs::is_symlink(Dir / "link.cpp")) << "the link is not replaced by a file";
  EXPECT_EQ(slurp(Dir / "main.cpp").find("unusedHere"), std::string::npos) << "the rest is removed";
  // Paths are resolved as the compiler resolves them: the definition lives
  // outside the root, so it is not this project's to report or remove.
  json Report = json::parse(R.Out);
  for (const json &F : Report["findings"]) {
    EXPECT_NE(F["name"], "unusedElsewhere()") << R.Out;
    EXPECT_EQ(F["file"].get<std::string>().find(Outside.string()), std::string::npos) << R.Out;
  }
}

TEST(BadSource, SymlinkInsideTheSourceRootEditsItsTarget) {
  fs::path Dir = freshDir("linked-inside");
  fs::create_directories(Dir / "real");
  std::ofstream(Dir / "real" / "impl.cpp") << "int unusedThere() { return 1; }\nint main() { return 0; }\n";
  fs::create_symlink(Dir / "real" / "impl.cpp", Dir / "alias.cpp");
  writeDatabase(Dir, {"alias.cpp"});
  Result R = runDeadwood("-q --fix -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_TRUE(fs::is_symlink(Dir / "alias.cpp"));
  EXPECT_EQ(slurp(Dir / "real" / "impl.cpp"), "int main() { return 0; }\n");
}

TEST(BadSource, SourceRootSlashReportsButNeverEdits) {
  fs::path Dir = freshDir("root-slash");
  std::ofstream(Dir / "a.cpp") << "int unused() { return 1; }\nint main() { return 0; }\n";
  fs::create_directories(Dir / "build");
  writeDatabase(Dir / "build", {"../a.cpp"});
  std::string Before = slurp(Dir / "a.cpp");
  Result Report = runDeadwood("-q --format json --source-root / -p " + quote(Dir / "build"));
  ASSERT_EQ(Report.Exit, 0) << Report.Err;
  EXPECT_EQ(json::parse(Report.Out)["findings"].size(), 1u) << Report.Out;
  expectOneLineError(runDeadwood("-q --fix --source-root / -p " + quote(Dir / "build")), "source root '/'");
  EXPECT_EQ(slurp(Dir / "a.cpp"), Before);
}

TEST(BadSource, SpacesAndNonAsciiInPaths) {
  fs::path Dir = freshDir("my project/ünïcödé");
  std::ofstream(Dir / "a b.cpp") << "int helper();\nint main() { return helper(); }\n";
  std::ofstream(Dir / "é.cpp") << "int helper() { return 0; }\nint unusedÉ() { return 1; }\n";
  writeDatabase(Dir, {"a b.cpp", "é.cpp"});
  Result R = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  json Report = json::parse(R.Out);
  ASSERT_EQ(Report["findings"].size(), 1u) << R.Out;
  EXPECT_EQ(Report["findings"][0]["file"], (Dir / "é.cpp").string());
  EXPECT_EQ(Report["findings"][0]["name"], "unusedÉ()");
  fs::path Patch = scratch() / "unicode.diff";
  ASSERT_EQ(runDeadwood("-q --patch " + quote(Patch) + " -p " + quote(Dir)).Exit, 0);
  EXPECT_EQ(sh("cd " + quote(Dir) + " && git init -q && git apply --check " + quote(Patch)).Exit, 0);
  ASSERT_EQ(runDeadwood("-q --fix -p " + quote(Dir)).Exit, 0);
  EXPECT_EQ(slurp(Dir / "é.cpp"), "int helper() { return 0; }\n");
}

TEST(BadSource, TenMegabyteGeneratedFile) {
  fs::path Dir = freshDir("huge");
  {
    std::ofstream Out(Dir / "blob.cpp");
    Out << "// generated\nconst unsigned char kBlob[] = {\n";
    for (size_t Line = 0; Out.tellp() < std::streamoff(10u << 20); ++Line) {
      for (int I = 0; I < 16; ++I) Out << "0x" << std::hex << ((Line + I) & 0xff) << std::dec << ", ";
      Out << "\n";
    }
    Out << "};\nunsigned blobSize() { return sizeof kBlob; }\n";
    for (int F = 0; F < 2000; ++F) Out << "int generated" << F << "() { return kBlob[" << F << "]; }\n";
    Out << "int main() { return blobSize() + generated0() + generated1999(); }\n";
  }
  ASSERT_GE(fs::file_size(Dir / "blob.cpp"), 10u << 20);
  writeDatabase(Dir, {"blob.cpp"});
  Result R = runDeadwood("-q --format json -p " + quote(Dir));
  ASSERT_EQ(R.Exit, 0) << R.Err;
  EXPECT_EQ(json::parse(R.Out)["summary"]["dead_functions"], 1998) << R.Out.substr(0, 2000);
}

TEST(BadSource, InterruptedFixRestoresEveryFile) {
  fs::path Dir = freshDir("interrupted-fix");
  std::vector<std::string> Files;
  std::map<std::string, std::string> Original;
  for (int I = 0; I < 400; ++I) {
    std::string Name = "f" + std::to_string(I) + ".cpp";
    std::ofstream(Dir / Name) << "int dead" << I << "() { return " << I << "; }\n"
                              << (I == 0 ? "int main() { return 0; }\n" : "");
    Files.push_back(Name);
  }
  writeDatabase(Dir, Files);
  for (const std::string &F : Files) Original[F] = slurp(Dir / F);
  pid_t Pid = fork();
  if (Pid == 0) {
    execl(DEADWOOD_BINARY, DEADWOOD_BINARY, "-q", "--fix", "-p", Dir.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  // Interrupt as soon as the first file is rewritten: files are written in
  // path order, each synced to disk, so hundreds are still to come.
  std::vector<std::string> First = Files;
  std::sort(First.begin(), First.end());
  First.resize(3);
  auto Changed = [&] {
    for (const std::string &F : First)
      if (slurp(Dir / F) != Original[F]) return true;
    return false;
  };
  auto Give = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (!Changed() && std::chrono::steady_clock::now() < Give && waitpid(Pid, nullptr, WNOHANG) == 0)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  ASSERT_TRUE(Changed()) << "deadwood rewrote nothing";
  kill(Pid, SIGINT);
  int Status = 0;
  waitpid(Pid, &Status, 0);
  ASSERT_TRUE(WIFEXITED(Status));
  EXPECT_EQ(WEXITSTATUS(Status), 130) << "the signal came after the last write: the restore path did not run";
  for (const std::string &F : Files) EXPECT_EQ(slurp(Dir / F), Original[F]) << F << ": not restored";
}

TEST(ResourceLimits, ATuOverItsTimeIsStoppedAndCountsAsFailed) {
  fs::path Dir = freshDir("slow-tu");
  std::ofstream(Dir / "slow.cpp") << "constexpr long spin() { long s = 0; for (long i = 0; i < 4000000000; ++i) "
                                     "s += i % 7; return s; }\nstatic_assert(spin() > 0);\n";
  std::ofstream(Dir / "fine.cpp") << "int unused() { return 1; }\nint main() { return 0; }\n";
  std::ofstream(Dir / "compile_commands.json")
      << "[{\"directory\": " << json(Dir.string()) << ", \"file\": \"slow.cpp\", \"arguments\": [\"g++\", "
      << "\"-fconstexpr-steps=2147483647\", \"-fconstexpr-ops-limit=2147483647\", \"-c\", \"slow.cpp\"]},"
      << "{\"directory\": " << json(Dir.string()) << ", \"file\": \"fine.cpp\", \"arguments\": [\"g++\", \"-c\", "
      << "\"fine.cpp\"]}]";
  auto Start = std::chrono::steady_clock::now();
  Result R = runDeadwood("--no-cache --tu-timeout 2 --format json -p " + quote(Dir));
  double Took = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  EXPECT_EQ(R.Exit, 3) << R.Err;
  EXPECT_LT(Took, 60) << "the slow TU was stopped";
  EXPECT_NE(R.Err.find("slow.cpp' did not parse: error: stopped after 2 s (--tu-timeout)"), std::string::npos)
      << R.Err;
  json Report = json::parse(R.Out);
  EXPECT_EQ(Report["summary"]["failed_translation_units"], 1);
  ASSERT_EQ(Report["findings"].size(), 1u) << "the other TU is analyzed: " << R.Out;
  EXPECT_EQ(Report["findings"][0]["name"], "unused()");
}

TEST(ResourceLimits, ATuOverItsMemoryCountsAsFailed) {
#if DEADWOOD_SANITIZED
  GTEST_SKIP() << "sanitizers reserve more address space than any cap";
#endif
  fs::path Dir = freshDir("big-tu");
  std::ofstream(Dir / "big.cpp") << "#include <map>\n#include <string>\n#include <vector>\nint main() { return 0; }\n";
  writeDatabase(Dir, {"big.cpp"});
  Result R = runDeadwood("--no-cache --tu-memory 64 -p " + quote(Dir));
  EXPECT_EQ(R.Exit, 3) << R.Err;
  EXPECT_NE(R.Err.find("(--tu-memory 64 MB)"), std::string::npos) << R.Err;
  Result Enough = runDeadwood("--no-cache --tu-memory 4096 -p " + quote(Dir));
  EXPECT_EQ(Enough.Exit, 0) << Enough.Err;
}

}  // namespace
