// End to end: the report formats and the gates on them — SARIF against the
// official schema, the JSON report against its contract in the repository,
// baselines and --fail-on, the HTML report in headless Chromium.
#include "E2eSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <sstream>

namespace {

using namespace deadwood::e2e;

TEST(Version, NamesDeadwoodAndTheClangItParsesWith) {
  // No -p needed, from any directory.
  Result V = runDeadwood("--version");
  EXPECT_EQ(V.Exit, 0) << V.Err;
  EXPECT_EQ(V.Out.rfind(std::string("deadwood ") + DEADWOOD_VERSION + "\n", 0), 0u) << V.Out;
  EXPECT_NE(V.Out.find("clang version 19."), std::string::npos) << V.Out;
  EXPECT_EQ(V.Err, "");
}

TEST(ManPage, NamesEveryOptionTheHelpNamesAndTheVersion) {
  std::string Page = slurp(fs::path(DEADWOOD_BUILD_DIR) / "deadwood.1");
  ASSERT_FALSE(Page.empty());
  EXPECT_NE(Page.find(std::string("\"deadwood ") + DEADWOOD_VERSION + "\""), std::string::npos);
  Result Help = runDeadwood("--help");
  std::set<std::string> Options;
  for (size_t At = Help.Out.find("--"); At != std::string::npos; At = Help.Out.find("--", At + 2)) {
    size_t End = Help.Out.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", At + 2);
    std::string Name = Help.Out.substr(At + 2, End - At - 2);
    if (Name.size() > 1 && At > 0 && (Help.Out[At - 1] == ' ' || Help.Out[At - 1] == ',')) Options.insert(Name);
  }
  EXPECT_GT(Options.size(), 30u);
  for (const std::string &O : Options) {
    std::string Roff;
    for (char C : "--" + O) Roff += C == '-' ? "\\-" : std::string(1, C);
    EXPECT_NE(Page.find(Roff), std::string::npos) << "deadwood.1 does not name --" << O;
  }
}

TEST(Install, AnInstalledCopyRunsFromAnyDirectoryAndFindsItsPlugin) {
  fs::path Prefix = scratch() / "prefix";
  fs::remove_all(Prefix);
  Result Installed = sh("cmake --install " + quote(DEADWOOD_BUILD_DIR) + " --prefix " + quote(Prefix));
  ASSERT_EQ(Installed.Exit, 0) << Installed.Out << Installed.Err;
  std::string Deadwood = quote(Prefix / "bin" / "deadwood");
  EXPECT_TRUE(fs::exists(Prefix / "share" / "doc" / "deadwood" / "README.md"));
  EXPECT_TRUE(fs::exists(Prefix / "share" / "man" / "man1" / "deadwood.1"));
  Result Version = sh(Deadwood + " --version");
  EXPECT_EQ(Version.Exit, 0);
  EXPECT_EQ(Version.Out.rfind(std::string("deadwood ") + DEADWOOD_VERSION, 0), 0u) << Version.Out;
  Result Plugin = sh(Deadwood + " --print-plugin-path");
  std::string PluginPath = Plugin.Out.substr(0, Plugin.Out.find('\n'));
  EXPECT_TRUE(fs::exists(PluginPath)) << PluginPath;
  EXPECT_EQ(PluginPath.rfind(Prefix.string() + "/", 0), 0u) << PluginPath;
  // From another directory, on a sample: Clang's own headers are found
  // beside the Clang library, not at a path of this build.
  fs::path Build = configure("inventory", copyOfSample("inventory", scratch() / "installed-run"), "-installed");
  Result Run = sh("cd / && " + Deadwood + " -q --no-cache --format json -p " + quote(Build));
  EXPECT_EQ(Run.Exit, 0) << Run.Err;
  json Report = json::parse(Run.Out);
  EXPECT_EQ(Report["summary"]["failed_translation_units"], 0);
  EXPECT_GT(Report["findings"].size(), 0u);
}

TEST(Cli, WithoutBuildPathTheNearestDatabaseIsUsedAndNamed) {
  fs::path Tree = copyOfSample("inventory", scratch() / "found-db");
  fs::path Build = configure("inventory", Tree, "-found");
  Result Given = runDeadwood("-q --no-cache --format json -p " + quote(Build));
  ASSERT_EQ(Given.Exit, 0) << Given.Err;
  // In the build directory, and below it.
  for (const fs::path &Dir : {Build, Build / "CMakeFiles"}) {
    Result Here = sh("cd " + quote(Dir) + " && " + quote(DEADWOOD_BINARY) + " --no-cache --format json");
    EXPECT_EQ(Here.Exit, 0) << Here.Err;
    EXPECT_EQ(Here.Out, Given.Out);
    EXPECT_EQ(Here.Err.rfind("deadwood: using " + (Build / "compile_commands.json").string() + "\n", 0), 0u)
        << Here.Err;
  }
  // In a source tree whose build/ holds the database: from a folder of it.
  fs::create_directory_symlink(Build, Tree / "build");
  Result FromSource = sh("cd " + quote(Tree / "lib") + " && " + quote(DEADWOOD_BINARY) + " -q --no-cache");
  EXPECT_NE(FromSource.Exit, 2) << FromSource.Err;
  EXPECT_EQ(FromSource.Err, "");
  Result Nowhere = sh("cd / && " + quote(DEADWOOD_BINARY) + " -q");
  expectOneLineError(Nowhere, "no compile_commands.json in '/'");
}

TEST(Config, TheNearestConfigInheritsTheOneAboveItAndDumpConfigShowsBoth) {
  fs::path Outer = freshDir("config-chain");
  fs::create_directory(Outer / ".git");  // the source root: the checkout's top
  fs::path Tree = copyOfSample("inventory", Outer / "inventory");
  std::ofstream(Outer / ".deadwood.json") << "{\"keep\": [{\"name\": \"cli::log\", \"reason\": \"outer\"}]}\n";
  std::ofstream(Tree / ".deadwood.json") << "{\n  // comments are allowed\n  \"inherit\": true, /* so is this */\n"
                                            "  \"ignore\": [\"report/**\"]\n}\n";
  fs::path Build = configure("inventory", Tree, "-config-chain");
  Result Dump = runDeadwood("--dump-config -p " + quote(Build));
  ASSERT_EQ(Dump.Exit, 0) << Dump.Err;
  json D = json::parse(Dump.Out);
  EXPECT_EQ(D["files"], json::array({(Tree / ".deadwood.json").string(), (Outer / ".deadwood.json").string()}));
  EXPECT_EQ(D["config"]["keep"][0]["name"], "cli::log");
  EXPECT_EQ(D["config"]["ignore"], json::array({"inventory/report/**"})) << "paths are the source root's";
  Result Run = runDeadwood("--no-cache --format json -p " + quote(Build));
  ASSERT_EQ(Run.Exit, 0) << Run.Err;
  EXPECT_NE(Run.Err.find("deadwood: config: " + (Tree / ".deadwood.json").string() + ", inheriting " +
                         (Outer / ".deadwood.json").string() + "\n"),
            std::string::npos)
      << Run.Err;
  for (const std::string &F : findings(json::parse(Run.Out))) {
    EXPECT_EQ(F.find("/report/"), std::string::npos) << F;
    EXPECT_EQ(F.find("commands.cpp:26:"), std::string::npos) << F << ": cli::log is kept by the outer config";
  }
  // A source root below the checkout's top: the config above it counts too.
  Result Sub = runDeadwood("--dump-config --source-root " + quote(Tree) + " -p " + quote(Build));
  ASSERT_EQ(Sub.Exit, 0) << Sub.Err;
  EXPECT_EQ(json::parse(Sub.Out)["files"].size(), 2u) << Sub.Out;
  // Inheriting with nothing above is an error that names the file.
  std::ofstream(Outer / ".deadwood.json") << "{\"inherit\": true}\n";
  expectOneLineError(runDeadwood("--dump-config -p " + quote(Build)), (Outer / ".deadwood.json").string() + ": \"inherit\"");
}

/// The hook's entry, run where pre-commit runs it (the checkout's top, the
/// database in build/): quiet with the baseline, failing on new dead code.
TEST(PreCommit, TheHookPassesOnTheBaselineAndFailsOnNewDeadCode) {
  std::string Hooks = slurp(fs::path(DEADWOOD_SAMPLES_DIR).parent_path() / ".pre-commit-hooks.yaml");
  size_t At = Hooks.find("entry: deadwood ");
  ASSERT_NE(At, std::string::npos) << Hooks;
  std::string Entry = Hooks.substr(At + 16, Hooks.find('\n', At) - At - 16);
  fs::path Tree = copyOfSample("inventory", scratch() / "pre-commit");
  fs::create_directory(Tree / ".git");
  fs::path Build = configure("inventory", Tree, "-pre-commit");
  fs::create_directory_symlink(Build, Tree / "build");
  auto Hook = [&] { return sh("cd " + quote(Tree) + " && " + quote(DEADWOOD_BINARY) + " " + Entry); };
  ASSERT_EQ(sh("cd " + quote(Tree) + " && " + quote(DEADWOOD_BINARY) + " -q --write-baseline deadwood-baseline.json").Exit, 0);
  Result Clean = Hook();
  EXPECT_EQ(Clean.Exit, 0) << Clean.Out << Clean.Err;
  std::ofstream(Tree / "lib" / "text.cpp", std::ios::app) << "\nint addedAndNeverCalled() { return 7; }\n";
  Result New = Hook();
  EXPECT_EQ(New.Exit, 1) << New.Out << New.Err;
  EXPECT_NE(New.Out.find("addedAndNeverCalled()"), std::string::npos) << New.Out;
}

TEST(Package, CpackMakesADebThatDependsOnClangAndRunsUnpacked) {
  fs::path Out = freshDir("deb");
  Result Made = sh("cd " + quote(DEADWOOD_BUILD_DIR) + " && cpack -G DEB -B " + quote(Out));
  ASSERT_EQ(Made.Exit, 0) << Made.Out << Made.Err;
  fs::path Deb;
  for (const auto &E : fs::directory_iterator(Out))
    if (E.path().extension() == ".deb") Deb = E.path();
  ASSERT_FALSE(Deb.empty()) << Made.Out;
  std::string Depends = sh("dpkg-deb -f " + quote(Deb) + " Depends").Out;
  for (const char *Needed : {"libclang-cpp19", "libllvm19", "libclang-common-19-dev", "libstdc++6"})
    EXPECT_NE(Depends.find(Needed), std::string::npos) << Depends;
  EXPECT_EQ(sh("dpkg-deb -f " + quote(Deb) + " Version").Out, std::string(DEADWOOD_VERSION) + "\n");
  std::string Contents = sh("dpkg-deb -c " + quote(Deb)).Out;
  for (const char *File : {"./usr/bin/deadwood", "./usr/lib/deadwood/libdeadwood-plugin.so",
                           "./usr/share/man/man1/deadwood.1", "./usr/share/doc/deadwood/README.md"})
    EXPECT_NE(Contents.find(File), std::string::npos) << File << " not in\n" << Contents;
  // Unpacked elsewhere, it runs and finds its plugin beside it.
  fs::path Root = Out / "root";
  ASSERT_EQ(sh("dpkg-deb -x " + quote(Deb) + " " + quote(Root)).Exit, 0);
  std::string Deadwood = quote(Root / "usr" / "bin" / "deadwood");
  EXPECT_EQ(sh(Deadwood + " --print-plugin-path").Out, (Root / "usr/lib/deadwood/libdeadwood-plugin.so").string() + "\n");
  fs::path Build = configure("inventory");
  Result Run = sh("cd / && " + Deadwood + " -q --no-cache --format json -p " + quote(Build));
  EXPECT_EQ(Run.Exit, 0) << Run.Err;
  EXPECT_GT(json::parse(Run.Out)["findings"].size(), 0u);
}

TEST(Sarif, ARunWithAFailedTuIsNotSuccessfulAndSaysWhich) {
  fs::path Schema = DEADWOOD_SARIF_SCHEMA;
  fs::path Dir = freshDir("sarif-broken");
  std::ofstream(Dir / "good.cpp") << "int lonely() { return 3; }\nint main() { return 0; }\n";
  std::ofstream(Dir / "bad.cpp") << "int user() { return undeclared(); }\n";
  writeDatabase(Dir, {"good.cpp", "bad.cpp"});
  fs::path Out = scratch() / "broken.sarif";
  EXPECT_EQ(runDeadwood("-q --format sarif -o " + quote(Out) + " -p " + quote(Dir)).Exit, 3);
  Result Valid = validate(Out, Schema);
  EXPECT_EQ(Valid.Exit, 0) << Valid.Err;
  json Invocation = json::parse(slurp(Out))["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  ASSERT_EQ(Invocation["toolExecutionNotifications"].size(), 1u) << Invocation.dump();
  const json &N = Invocation["toolExecutionNotifications"][0];
  EXPECT_EQ(N["level"], "error");
  EXPECT_NE(N["message"]["text"].get<std::string>().find("undeclared"), std::string::npos) << N.dump();
  EXPECT_NE(N["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().find("bad.cpp"),
            std::string::npos)
      << N.dump();
}

TEST(Sarif, ValidatesAgainstTheOfficialSchemaAndFingerprintsAreStable) {
  fs::path Schema = DEADWOOD_SARIF_SCHEMA;
  ASSERT_TRUE(fs::exists(Schema)) << "no SARIF schema at " << Schema << ": run scripts/fetch-sarif-schema.sh";
  // Two clones of one repository: paths are relative to the checkout.
  auto Clone = [](const std::string &Name) {
    fs::path Copy = copyOfSample("toolkit", scratch() / Name);
    fs::create_directory(Copy / ".git");
    return configure("toolkit", Copy, "-" + Name);
  };
  fs::path Out = scratch() / "toolkit.sarif";
  ASSERT_EQ(runDeadwood("-q --format sarif -o " + quote(Out) + " -p " + quote(Clone("toolkit-clone"))).Exit, 0);
  Result Valid = validate(Out, Schema);
  EXPECT_EQ(Valid.Exit, 0) << Valid.Err;

  json Sarif = json::parse(slurp(Out));
  const json &Run = Sarif["runs"][0];
  EXPECT_EQ(Run["tool"]["driver"]["semanticVersion"], DEADWOOD_VERSION);
  EXPECT_EQ(Run["invocations"][0]["executionSuccessful"], true);
  EXPECT_FALSE(Run["invocations"][0].contains("toolExecutionNotifications"));
  EXPECT_EQ(Run["tool"]["driver"]["rules"][0]["id"], "deadwood-dead");
  EXPECT_EQ(Run["tool"]["driver"]["rules"][1]["id"], "deadwood-test-only");
  std::set<std::string> Seen;
  for (const json &Result : Run["results"]) {
    const json &Loc = Result["locations"][0]["physicalLocation"];
    EXPECT_EQ(Loc["artifactLocation"]["uriBaseId"], "SRCROOT");
    Seen.insert(Result["ruleId"].get<std::string>() + " " + Loc["artifactLocation"]["uri"].get<std::string>() +
                ":" + std::to_string(Loc["region"]["startLine"].get<int>()));
  }
  EXPECT_TRUE(Seen.count("deadwood-dead core/words.cpp:25")) << Run["results"].dump();
  EXPECT_TRUE(Seen.count("deadwood-test-only core/words.cpp:21"));

  // The same findings from another clone, elsewhere: same fingerprints.
  fs::path Moved = scratch() / "moved.sarif";
  ASSERT_EQ(runDeadwood("-q --format sarif -o " + quote(Moved) + " -p " + quote(Clone("toolkit-moved"))).Exit, 0);
  auto Prints = [](const json &S) {
    std::set<std::string> P;
    for (const json &R : S["runs"][0]["results"]) P.insert(R["partialFingerprints"]["deadwood/v1"]);
    return P;
  };
  EXPECT_EQ(Prints(json::parse(slurp(Moved))), Prints(Sarif));

  // The check can fail: a document without "version" is rejected.
  Sarif.erase("version");
  std::ofstream(scratch() / "broken.sarif") << Sarif.dump();
  EXPECT_NE(validate(scratch() / "broken.sarif", Schema).Exit, 0);
}

/// Byte offset of a SARIF line and column (1-based) in Text.
size_t offsetOf(const std::string &Text, int Line, int Column) {
  size_t At = 0;
  for (int L = 1; L < Line; ++L) At = Text.find('\n', At) + 1;
  return At + Column - 1;
}

TEST(Sarif, ProvenRemovalsAreFixesThatDoWhatThePatchDoes) {
  fs::path Schema = DEADWOOD_SARIF_SCHEMA;
  fs::path Source = copyOfSample("inventory", scratch() / "inventory-fixes");
  fs::path Build = configure("inventory", Source, "-fixes");
  fs::path Out = scratch() / "fixes.sarif", Patch = scratch() / "fixes.diff";
  Result Run = runDeadwood("-q --patch " + quote(Patch) + " --format sarif -o " + quote(Out) + " -p " + quote(Build));
  ASSERT_EQ(Run.Exit, 0) << Run.Err;
  Result Valid = validate(Out, Schema);
  EXPECT_EQ(Valid.Exit, 0) << Valid.Err;
  json Sarif = json::parse(slurp(Out));

  // Regions run from the name to the end of the definition.
  bool SawLegacyLine = false;
  for (const json &R : Sarif["runs"][0]["results"]) {
    const json &Region = R["locations"][0]["physicalLocation"]["region"];
    ASSERT_TRUE(Region.contains("endLine")) << R.dump();
    EXPECT_GE(Region["endLine"].get<int>(), Region["startLine"].get<int>());
    if (R["message"]["text"].get<std::string>().find("'inv::legacyLine(") != std::string::npos) {
      SawLegacyLine = true;
      EXPECT_EQ(Region["startLine"], 36);
      EXPECT_EQ(Region["endLine"], 38);
      EXPECT_EQ(Region["endColumn"], 2);  // just past the `}`
    }
  }
  EXPECT_TRUE(SawLegacyLine);

  // Every fix, applied by hand as a review tool would, gives the patched tree.
  std::map<std::string, std::vector<std::tuple<size_t, size_t, std::string>>> Edits;
  size_t Fixes = 0;
  for (const json &R : Sarif["runs"][0]["results"])
    for (const json &Fix : R.value("fixes", json::array())) {
      ++Fixes;
      EXPECT_EQ(Fix["description"]["text"].get<std::string>().rfind("remove ", 0), 0u);
      for (const json &Change : Fix["artifactChanges"]) {
        EXPECT_EQ(Change["artifactLocation"]["uriBaseId"], "SRCROOT");
        std::string File = Change["artifactLocation"]["uri"];
        std::string Text = slurp(Source / File);
        for (const json &Rep : Change["replacements"]) {
          const json &D = Rep["deletedRegion"];
          size_t From = offsetOf(Text, D["startLine"], D["startColumn"]), To = offsetOf(Text, D["endLine"], D["endColumn"]);
          Edits[File].emplace_back(From, To - From, Rep["insertedContent"]["text"]);
        }
      }
    }
  EXPECT_GT(Fixes, 3u);
  fs::path ByPatch = scratch() / "inventory-by-patch";
  fs::remove_all(ByPatch);
  fs::copy(Source, ByPatch, fs::copy_options::recursive);
  ASSERT_EQ(sh("cd " + quote(ByPatch) + " && patch -s -p1 < " + quote(Patch)).Exit, 0);
  ASSERT_FALSE(Edits.empty());
  for (auto &[File, List] : Edits) {
    std::string Text = slurp(Source / File);
    std::sort(List.begin(), List.end());
    for (auto It = List.rbegin(); It != List.rend(); ++It) Text.replace(std::get<0>(*It), std::get<1>(*It), std::get<2>(*It));
    EXPECT_EQ(Text, slurp(ByPatch / File)) << File;
  }
  for (const auto &Entry : fs::recursive_directory_iterator(Source))
    if (Entry.is_regular_file() && !Edits.count(fs::relative(Entry.path(), Source).string()))
      EXPECT_EQ(slurp(Entry.path()), slurp(ByPatch / fs::relative(Entry.path(), Source))) << Entry.path();

  // A report run proves nothing, so it suggests nothing.
  Result Plain = runDeadwood("-q --format sarif -p " + quote(Build));
  EXPECT_EQ(Plain.Out.find("\"fixes\""), std::string::npos);
}

TEST(JsonReport, ValidatesAgainstTheContractInTheRepository) {
  fs::path Schema = DEADWOOD_REPORT_SCHEMA;
  // Every optional part: test-only findings with the tests that reach them,
  // per-target counts and vendored code (toolkit); a dead class with members,
  // declarations (inventory); findings that cannot be removed (both).
  bool Members = false, NotRemovable = false;
  for (const char *Sample : {"toolkit", "inventory"}) {
    fs::path Out = scratch() / (std::string(Sample) + "-contract.json");
    ASSERT_EQ(runDeadwood("-q --format json -o " + quote(Out) + " -p " + quote(configure(Sample))).Exit, 0);
    Result Valid = validate(Out, Schema);
    EXPECT_EQ(Valid.Exit, 0) << Sample << ": " << Valid.Err;
    json Report = json::parse(slurp(Out));
    for (const json &F : Report["findings"]) {
      Members |= F.contains("members");
      NotRemovable |= !F["removable"].get<bool>();
    }
    if (std::string(Sample) == "toolkit") EXPECT_TRUE(Report.contains("vendored") && !Report["targets"].empty());
    // The check can fail: a key the contract does not have is rejected, and
    // so is a finding without its category.
    json Extra = Report;
    Extra["summary"]["surprise"] = 1;
    std::ofstream(scratch() / "extra.json") << Extra.dump();
    EXPECT_NE(validate(scratch() / "extra.json", Schema).Exit, 0);
    json Missing = Report;
    Missing["findings"][0].erase("category");
    std::ofstream(scratch() / "missing.json") << Missing.dump();
    EXPECT_NE(validate(scratch() / "missing.json", Schema).Exit, 0);
  }
  EXPECT_TRUE(Members && NotRemovable) << "the schema saw them";
}

TEST(Baseline, OnlyANewDeadFunctionIsReportedAndFailsTheGate) {
  fs::path Tree = copyOfSample("inventory", scratch() / "baseline-tree");
  fs::path Build = configure("inventory", Tree, "-baseline");
  fs::path Base = scratch() / "baseline.json";
  ASSERT_EQ(runDeadwood("-q --write-baseline " + quote(Base) + " -p " + quote(Build)).Exit, 0);
  Result Clean = runDeadwood("-q --baseline " + quote(Base) + " --fail-on new -p " + quote(Build));
  EXPECT_EQ(Clean.Exit, 0) << Clean.Out << Clean.Err;
  EXPECT_NE(Clean.Out.find("deadwood: 15 findings accepted by the baseline not shown"), std::string::npos) << Clean.Out;
  EXPECT_EQ(runDeadwood("-q --baseline " + quote(Base) + " --fail-on any -p " + quote(Build)).Exit, 1)
      << "--fail-on any counts accepted findings too";

  std::ofstream(Tree / "lib" / "text.cpp", std::ios::app) << "\nint addedLater() { return 7; }\n";
  Result New = runDeadwood("-q --format json --baseline " + quote(Base) + " --fail-on new -p " + quote(Build));
  EXPECT_EQ(New.Exit, 1);
  json Report = json::parse(New.Out);
  ASSERT_EQ(Report["findings"].size(), 1u) << New.Out;
  EXPECT_EQ(Report["findings"][0]["name"], "addedLater()");
  EXPECT_EQ(Report["summary"]["baselined"], 15);
}

TEST(ChangedSince, ReportsOnlyWhatTheLastCommitMadeDeadAndGatesOnIt) {
  fs::path Tree = copyOfSample("inventory", scratch() / "changed-tree");
  std::string Git = "cd " + quote(Tree) + " && git -c user.email=dw@example.org -c user.name=dw ";
  ASSERT_EQ(sh(Git + "init -q && " + Git + "add -A && " + Git + "commit -qm base").Exit, 0);
  fs::path Build = configure("inventory", Tree, "-changed");
  std::string Args = "--format json --fail-on new -p " + quote(Build) + " --changed-since ";

  // Nothing changed: nothing to report, whatever was dead before.
  Result Same = runDeadwood("-q " + Args + "HEAD");
  EXPECT_EQ(Same.Exit, 0) << Same.Err;
  EXPECT_EQ(json::parse(Same.Out)["findings"].size(), 0u);

  // The commit drops the only call of printTotal (which made Store::total
  // and Store::forEach dead too) and adds a function nothing calls.
  std::string Main = slurp(Tree / "report" / "main.cpp");
  Main.replace(Main.find("  printTotal(store);"), 19, "  std::printf(\"%zu\\n\", store.sortedByPrice().size());");
  std::ofstream(Tree / "report" / "main.cpp") << Main;
  std::ofstream(Tree / "lib" / "text.cpp", std::ios::app) << "\nint addedLater() { return 7; }\n";
  ASSERT_EQ(sh(Git + "commit -qam change").Exit, 0);
  Result Changed = runDeadwood(Args + "HEAD~1");
  EXPECT_EQ(Changed.Exit, 1) << Changed.Err;
  std::set<std::string> Names;
  json Report = json::parse(Changed.Out);
  for (const json &F : Report["findings"]) Names.insert(F["name"]);
  EXPECT_EQ(Names, (std::set<std::string>{"printTotal(const inv::Store &)", "addedLater()",
                                          "inv::Store::total() const",
                                          "inv::Store::forEach(const std::function<void (const Item &)> &) const"}))
      << Changed.Out;
  EXPECT_NE(Changed.Err.find("1 finding in changed lines, 3 made unreachable by the change (2 translation units as at "
                             "HEAD~1, 0 from the cache)"),
            std::string::npos)
      << Changed.Err;
  // Again: the tree as it was comes from the cache, with the same answer.
  Result Again = runDeadwood(Args + "HEAD~1");
  EXPECT_EQ(Again.Out, Changed.Out);
  EXPECT_NE(Again.Err.find("(2 translation units as at HEAD~1, 2 from the cache)"), std::string::npos) << Again.Err;

  // An uncommitted edit counts as changed too; a bad revision is refused.
  std::ofstream(Tree / "lib" / "text.cpp", std::ios::app) << "int uncommitted() { return 8; }\n";
  Result Dirty = runDeadwood("-q " + Args + "HEAD");
  ASSERT_EQ(json::parse(Dirty.Out)["findings"].size(), 1u) << Dirty.Out;
  EXPECT_EQ(json::parse(Dirty.Out)["findings"][0]["name"], "uncommitted()");
  expectOneLineError(runDeadwood("-q " + Args + "no-such-rev"), "--changed-since: no commit 'no-such-rev'");
}

TEST(Baseline, AnEntryPastItsUntilDateCountsAgainAndBadFilesAreErrors) {
  fs::path Build = configure("inventory");
  fs::path Base = scratch() / "expiring.json";
  ASSERT_EQ(runDeadwood("-q --write-baseline " + quote(Base) + " -p " + quote(Build)).Exit, 0);
  json B = json::parse(slurp(Base));
  for (json &E : B["findings"]) E["until"] = "2000-01-01";
  B["findings"][0]["until"] = "2999-12-31";
  std::ofstream(Base) << B.dump();
  Result R = runDeadwood("-q --format json --baseline " + quote(Base) + " -p " + quote(Build));
  EXPECT_EQ(json::parse(R.Out)["summary"]["baselined"], 1);
  std::ofstream(scratch() / "bad-baseline.json") << "{\"version\": 1, \"findings\": [{\"name\": \"f\"}]}";
  Result Bad = runDeadwood("-q --baseline " + quote(scratch() / "bad-baseline.json") + " -p " + quote(Build));
  EXPECT_EQ(Bad.Exit, 2);
  EXPECT_EQ(Bad.Err, "deadwood: error: cannot read baseline '" + (scratch() / "bad-baseline.json").string() +
                         "': entry 1 has no \"fingerprint\"\n");
}

/// The DOM headless Chromium renders for a page, after its scripts ran.
std::string renderedDom(const fs::path &Page, const std::string &Hash) {
  fs::path Profile = scratch() / "chromium-profile";
  Result R = sh("timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --user-data-dir=" + quote(Profile) +
                " --dump-dom " + quote("file://" + Page.string() + Hash));
  EXPECT_EQ(R.Exit, 0) << R.Err;
  return R.Out;
}

/// (category, hidden) of every finding row in a rendered report.
std::vector<std::pair<std::string, bool>> rows(const std::string &Page) {
  size_t Begin = Page.find("<main id=\"list\">"), End = Page.find("</main>", Begin);
  std::string Dom = Begin == std::string::npos ? "" : Page.substr(Begin, End - Begin);  // not the script
  std::vector<std::pair<std::string, bool>> Out;
  for (size_t At = Dom.find("<details class=\"finding\""); At != std::string::npos;
       At = Dom.find("<details class=\"finding\"", At + 1)) {
    std::string Tag = Dom.substr(At, Dom.find('>', At) - At);
    size_t C = Tag.find("data-category=\"") + 15;
    Out.emplace_back(Tag.substr(C, Tag.find('"', C) - C), Tag.find(" hidden") != std::string::npos);
  }
  return Out;
}

/// The toolkit sample's HTML report at scratch()/Name, for headless
/// Chromium (which the caller then checks is there); *Build: its build.
fs::path toolkitReport(const std::string &Name, fs::path *Build) {
  *Build = configure("toolkit");
  fs::path Page = scratch() / Name;
  EXPECT_EQ(runDeadwood("-q --format html -o " + quote(Page) + " -p " + quote(*Build)).Exit, 0);
  return Page;
}

TEST(Html, RendersInHeadlessChromiumAndItsFilterHides) {
  ASSERT_EQ(sh("command -v chromium").Exit, 0) << "needs Debian's chromium (scripts/bootstrap.sh installs it)";
  fs::path Build, Page = toolkitReport("report.html", &Build);
  ASSERT_TRUE(fs::exists(Page));
  std::string Html = slurp(Page);
  EXPECT_EQ(Html.find("http://"), std::string::npos) << "self-contained: no network fetches";
  EXPECT_EQ(Html.find("https://"), std::string::npos);

  std::string All = renderedDom(Page, "");
  auto Shown = rows(All);
  ASSERT_EQ(Shown.size(), 8u) << All.substr(0, 2000);
  for (const auto &[Category, Hidden] : Shown) EXPECT_FALSE(Hidden);
  EXPECT_NE(All.find("core::legacyCount(const std::string &amp;)"), std::string::npos);
  EXPECT_NE(All.find("8 of 8 shown"), std::string::npos);

  auto Filtered = rows(renderedDom(Page, "#category=test-only"));
  ASSERT_EQ(Filtered.size(), 8u);
  for (const auto &[Category, Hidden] : Filtered)
    EXPECT_EQ(Hidden, Category != "test-only") << Category;
  EXPECT_NE(renderedDom(Page, "#path=strutil").find("3 of 8 shown"), std::string::npos);
}

/// How many times Needle occurs in Text.
size_t occurrences(const std::string &Text, const std::string &Needle) {
  size_t N = 0;
  for (size_t At = Text.find(Needle); At != std::string::npos; At = Text.find(Needle, At + 1)) ++N;
  return N;
}

TEST(Html, DrawsATreemapOfDeadLinesAndEachFindingsPathOrCluster) {
  ASSERT_EQ(sh("command -v chromium").Exit, 0) << "needs Debian's chromium (scripts/bootstrap.sh installs it)";
  fs::path Build, Page = toolkitReport("pictures.html", &Build);
  ASSERT_TRUE(fs::exists(Page));
  json Report = json::parse(runDeadwood("-q --format json -p " + quote(Build)).Out);
  std::set<std::string> Files;
  for (const json &F : Report["findings"]) Files.insert(F["file"]);

  // One rectangle per file with findings, each titled with its dead lines.
  std::string Dom = renderedDom(Page, "#expand=1");
  Dom = Dom.substr(0, Dom.find("<script"));  // what was drawn, not the script that draws it
  size_t Map = Dom.find("<svg id=\"treemap\""), MapEnd = Dom.find("</svg>", Map);
  ASSERT_NE(Map, std::string::npos);
  std::string Treemap = Dom.substr(Map, MapEnd - Map);
  EXPECT_EQ(occurrences(Treemap, "<g class=\"file\""), Files.size()) << Treemap;
  EXPECT_NE(Treemap.find("data-file=\"" + sampleDir("toolkit") + "strutil/strutil.cpp\""), std::string::npos) << Treemap;
  EXPECT_NE(Treemap.find("strutil.cpp: 6 dead lines in 2 findings</title>"), std::string::npos) << Treemap;
  EXPECT_NE(Treemap.find("strutil.h: 1 dead line in 1 finding</title>"), std::string::npos) << Treemap;

  // Every finding, opened, has its drawing: a test-only one the path from
  // its test's main(), a dead one its cluster with itself marked.
  EXPECT_EQ(occurrences(Dom, "<svg class=\"graph\""), occurrences(Dom, "<details class=\"finding\""));
  EXPECT_GE(occurrences(Dom, "<svg class=\"graph\""), 8u);
  size_t Units = Dom.find("core::dumpUnits()</span>");
  ASSERT_NE(Units, std::string::npos);
  std::string Drawing = Dom.substr(Dom.find("<svg class=\"graph\"", Units), 1500);
  EXPECT_NE(Drawing.find("<g class=\"root\"><title>main()"), std::string::npos) << Drawing;
  EXPECT_NE(Drawing.find("<g class=\"me test\"><title>core::dumpUnits()"), std::string::npos) << Drawing;
  EXPECT_NE(Drawing.find(">call at "), std::string::npos) << Drawing;
  EXPECT_GE(occurrences(Dom, "<g class=\"me\">"), 6u);
  EXPECT_NE(Dom.find("1 finding, "), std::string::npos) << "plurals: \"1 finding\", not \"1 finding(s)\"";
  EXPECT_EQ(Dom.find("(s)"), std::string::npos);

  // Clicking a file's rectangle filters the list to it.
  fs::path Clicked = scratch() / "clicked.html";
  std::string Html = slurp(Page);
  Html.replace(Html.rfind("</script>"), 0,
               "\ndocument.querySelector('#treemap g.file[data-file$=\"strutil.cpp\"]').dispatchEvent(new MouseEvent('click', {bubbles: true}));\n");
  std::ofstream(Clicked) << Html;
  std::string After = renderedDom(Clicked, "");
  size_t Shown = 0;
  for (const auto &[Category, Hidden] : rows(After)) Shown += !Hidden;
  EXPECT_EQ(Shown, 2u) << "strutil.cpp's two findings";
  EXPECT_NE(After.find("<g class=\"file on\" data-file=\"" + sampleDir("toolkit") + "strutil/strutil.cpp\""), std::string::npos);

  // A picture to look at: build/tests/html-report.png.
  fs::path Png = fs::path(DEADWOOD_BUILD_DIR) / "tests" / "html-report.png";
  fs::remove(Png);
  Result Shot = sh("timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=" +
                   quote(scratch() / "chromium-shot") + " --window-size=1200,1400 --screenshot=" + quote(Png) + " " +
                   quote("file://" + Page.string() + "#expand=1"));
  EXPECT_EQ(Shot.Exit, 0) << Shot.Err;
  EXPECT_GT(fs::exists(Png) ? fs::file_size(Png) : 0, 20000u) << "a blank page is smaller";
}

}  // namespace
