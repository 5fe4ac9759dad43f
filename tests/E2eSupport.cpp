#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace deadwood::e2e {

std::string slurp(const fs::path &P) {
  std::ifstream In(P);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

std::string quote(const std::string &S) {
  std::string Q = "'";
  for (char C : S) Q += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Q + "'";
}

fs::path scratch() {
  static fs::path Dir = [] {
    // A directory of this name is left from a finished process whose pid
    // this one reuses: never reuse its builds (their sources may be gone).
    fs::path D = fs::temp_directory_path() / ("deadwood-e2e-" + std::to_string(getpid()));
    fs::remove_all(D);
    fs::create_directories(D);
    // Left behind only when a test failed, to be looked at. The path is
    // never freed: exit destroys this static before the handler runs.
    static const fs::path *Kept = new fs::path(D);
    std::atexit([] {
      if (!::testing::UnitTest::GetInstance()->Failed()) {
        std::error_code Ignored;
        fs::remove_all(*Kept, Ignored);
      }
    });
    return D;
  }();
  return Dir;
}

fs::path freshDir(const std::string &Name) {
  fs::path Dir = scratch() / Name;
  fs::remove_all(Dir);
  fs::create_directories(Dir);
  return Dir;
}

Result sh(const std::string &Command) {
  fs::path Out = scratch() / "stdout", Err = scratch() / "stderr";
  int Status = std::system((Command + " >" + quote(Out) + " 2>" + quote(Err)).c_str());
  return Result{WIFEXITED(Status) ? WEXITSTATUS(Status) : -1, slurp(Out), slurp(Err)};
}

Result runDeadwood(const std::string &Args) { return sh(quote(DEADWOOD_BINARY) + " " + Args); }

json jsonReport(const std::string &Args) {
  Result R = runDeadwood("-q --format json " + Args);
  EXPECT_EQ(R.Exit, 0) << R.Err;
  return json::parse(R.Out, nullptr, false);
}

Result validate(const fs::path &Document, const fs::path &Schema) {
  return sh("/usr/bin/python3 -c 'import json, sys, jsonschema; "
            "jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))' " +
            quote(Document) + " " + quote(Schema));
}

void writeDatabase(const fs::path &Dir, const std::vector<std::string> &Files) {
  json Entries = json::array();
  for (const std::string &F : Files)
    Entries.push_back({{"directory", Dir.string()}, {"arguments", {"g++", "-c", F}}, {"file", F}});
  std::ofstream(Dir / "compile_commands.json") << Entries.dump();
}

void expectOneLineError(const Result &R, const std::string &Needle) {
  EXPECT_EQ(R.Exit, 2);
  EXPECT_EQ(R.Err.rfind("deadwood: error: ", 0), 0u) << R.Err;
  EXPECT_EQ(std::count(R.Err.begin(), R.Err.end(), '\n'), 1) << R.Err;
  EXPECT_NE(R.Err.find(Needle), std::string::npos) << R.Err;
}

std::string asNobody() {
  if (geteuid() != 0) return "";
  sh("chmod -R o+rX " + quote(scratch()));
  return "setpriv --reuid=nobody --regid=nogroup --clear-groups ";
}

fs::path copyOfSample(const std::string &Sample, const fs::path &To) {
  fs::remove_all(To);
  fs::create_directories(To.parent_path());
  fs::copy(fs::path(DEADWOOD_SAMPLES_DIR) / Sample, To, fs::copy_options::recursive);
  return To;
}

fs::path configure(const std::string &Sample, const fs::path &Source, const std::string &Tag,
                   const std::string &CMakeArgs) {
  fs::path Src = Source.empty() ? fs::path(DEADWOOD_SAMPLES_DIR) / Sample : Source;
  fs::path Build = scratch() / ("build-" + Sample + Tag);
  if (fs::exists(Build / "compile_commands.json")) return Build;
  Result R = sh("cmake -S " + quote(Src) + " -B " + quote(Build) + " -DCMAKE_CXX_COMPILER=g++ " + CMakeArgs);
  EXPECT_EQ(R.Exit, 0) << R.Out << R.Err;
  return Build;
}

std::string sampleDir(const std::string &Sample) {
  return fs::exists(fs::path(DEADWOOD_SAMPLES_DIR) / ".." / ".git") ? "samples/" + Sample + "/" : "";
}

std::set<std::string> marks(const fs::path &Root, bool Vendored) {
  std::set<std::string> Out;
  for (const auto &E : fs::recursive_directory_iterator(Root)) {
    std::string Ext = E.path().extension();
    if (Ext != ".cpp" && Ext != ".h" && Ext != ".cc" && Ext != ".hpp") continue;
    std::ifstream In(E.path());
    std::string Line;
    for (unsigned N = 1; std::getline(In, Line); ++N) {
      size_t At = Line.find("// deadwood: ");
      if (At == std::string::npos) continue;
      std::string Mark = Line.substr(At + 13);
      Mark = Mark.substr(0, Mark.find_first_of(" (\t"));
      std::string Category = Mark == "dead-vendored" && Vendored ? "dead" : Mark;
      if (Category == "dead" || Category == "test-only")
        Out.insert(fs::canonical(E.path()).string() + ":" + std::to_string(N) + ": " + Category);
    }
  }
  return Out;
}

static void collect(const json &Findings, std::set<std::string> &Out) {
  for (const json &F : Findings) {
    Out.insert(F["file"].get<std::string>() + ":" + std::to_string(F["line"].get<int>()) + ": " +
               F["category"].get<std::string>());
    if (F.contains("members")) collect(F["members"], Out);
  }
}

std::set<std::string> findings(const json &Report) {
  std::set<std::string> Out;
  collect(Report["findings"], Out);
  return Out;
}

}  // namespace deadwood::e2e
