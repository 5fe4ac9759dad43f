#include "analyzer/BuildGraph.h"

#include "model/Files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace deadwood {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool readJson(const fs::path &Path, json *Out, std::string *Err) {
  std::ifstream In(Path);
  if (!In) return *Err = "cannot read '" + Path.string() + "'", false;
  try {
    *Out = json::parse(In);
    return true;
  } catch (const std::exception &) {
    *Err = "'" + Path.string() + "' is not a valid CMake File API reply";
    return false;
  }
}

/// The newest index file's codemodel reply for our client, if any.
std::string codemodelFile(const fs::path &Reply) {
  std::vector<std::string> Indexes;
  std::error_code Ec;
  for (const auto &E : fs::directory_iterator(Reply, Ec))
    if (E.path().filename().string().rfind("index-", 0) == 0) Indexes.push_back(E.path().string());
  if (Indexes.empty()) return {};
  std::sort(Indexes.begin(), Indexes.end());
  json Index;
  std::string Ignored;
  if (!readJson(Indexes.back(), &Index, &Ignored)) return {};
  const json *CM = nullptr;
  if (Index.is_object() && Index.contains("reply") && Index["reply"].is_object() &&
      Index["reply"].contains("client-deadwood"))
    CM = &Index["reply"]["client-deadwood"];
  // Only what the reply really has: operator[] of a const json on a missing key is undefined.
  if (!CM || !CM->is_object()) return {};
  auto Model = CM->find("codemodel-v2");
  if (Model == CM->end() || !Model->is_object()) return {};
  auto File = Model->find("jsonFile");
  if (File == Model->end() || !File->is_string() || File->get<std::string>().find('/') != std::string::npos)
    return {};
  return (Reply / File->get<std::string>()).string();
}

/// What Command prints, whatever its exit status.
std::string output(const std::string &Command) {
  std::string Out;
  commandOutput(Command, &Out);
  return Out;
}

/// The target a FILE_SET installer installs headers of: its id up to "::".
std::string fileSetTarget(const json &Installer) {
  std::string Id = Installer.value("fileSetTarget", json::object()).value("id", std::string());
  return Id.substr(0, Id.find("::"));
}

/// "install(DIRECTORY)": the command that made an installer.
std::string ruleText(const json &Installer) {
  std::string Type = Installer.value("type", "");
  if (Type == "file") return "install(FILES)";
  if (Type == "directory") return "install(DIRECTORY)";
  return "install(TARGETS " + fileSetTarget(Installer) + " FILE_SET " + Installer.value("fileSetName", "") + ")";
}

/// "/abs/CMakeLists.txt:12": where the installer's command is, from its
/// directory's backtrace graph (files relative to the top source directory).
std::string ruleWhere(const json &Installer, const json &Graph, const std::string &Source) {
  size_t Node = Installer.value("backtrace", size_t(-1));
  const json &Nodes = Graph.value("nodes", json::array()), &Files = Graph.value("files", json::array());
  if (Node >= Nodes.size() || !Nodes[Node].is_object()) return {};
  size_t File = Nodes[Node].value("file", Files.size());
  if (File >= Files.size() || !Files[File].is_string()) return {};
  return absoluteIn(Source, Files[File].get<std::string>()) + ":" + std::to_string(Nodes[Node].value("line", 0));
}

/// The header installers of one directory object (codemodel 2.3 and later).
bool readInstallers(const std::string &ReplyDir, const std::string &Source, const json &Dir,
                    std::vector<HeaderInstall> *Out, std::string *Err) {
  std::string Name = Dir.at("jsonFile");
  if (Name.empty() || Name.find('/') != std::string::npos || Name == "." || Name == "..")
    throw std::runtime_error("a reply outside the reply directory");
  json D;
  if (!readJson(fs::path(ReplyDir) / Name, &D, Err)) return false;
  const json &Graph = D.value("backtraceGraph", json::object());
  for (const json &I : D.value("installers", json::array())) {
    std::string Type = I.value("type", "");
    if (Type != "file" && Type != "directory" && Type != "fileSet") continue;
    if (Type == "fileSet" && I.value("fileSetType", "") != "HEADERS") continue;
    std::string Rule = ruleText(I), Where = ruleWhere(I, Graph, Source);
    std::string Owner = Type == "fileSet" ? fileSetTarget(I) : "";
    for (const json &P : I.value("paths", json::array())) {
      std::string From = P.is_string() ? P.get<std::string>() : P.value("from", "");
      // Like every path of the codemodel: relative to the top-level source
      // directory when under it (not to the installer's directory).
      if (!From.empty()) Out->push_back(HeaderInstall{absoluteIn(Source, From), Type == "directory", Rule, Where, Owner});
    }
  }
  return true;
}

/// A library's include directories that its dependents compile with too.
void findPublicIncludeDirs(std::vector<Target> *Targets) {
  for (Target &T : *Targets) {
    std::set<std::string> Seen;
    bool Linked = false;
    for (const Target &D : *Targets) {
      if (std::find(D.Dependencies.begin(), D.Dependencies.end(), T.Name) == D.Dependencies.end()) continue;
      Linked = true;
      for (const std::string &I : T.IncludeDirs)
        if (std::find(D.IncludeDirs.begin(), D.IncludeDirs.end(), I) != D.IncludeDirs.end() && Seen.insert(I).second)
          T.PublicIncludeDirs.push_back(I);
    }
    if (!Linked) T.PublicIncludeDirs = T.IncludeDirs;
  }
}

}  // namespace

bool readCodemodel(const std::string &ReplyDir, BuildGraph *Out, std::string *Err) {
  std::string File = codemodelFile(ReplyDir);
  if (File.empty()) return *Err = "no codemodel-v2 reply in '" + ReplyDir + "'", false;
  json CM;
  if (!readJson(File, &CM, Err)) return false;
  try {
    std::string Source = CM.at("paths").at("source"), Build = CM.at("paths").at("build");
    const json &Config = CM.at("configurations").at(0);
    Out->SourceDir = absoluteIn(Source, ".");
    std::map<std::string, std::string> NameOfId;
    for (const json &T : Config.at("targets")) NameOfId[T.at("id")] = T.at("name");
    for (const json &T : Config.at("targets")) {
      json TJ;
      std::string Name = T.at("jsonFile");
      if (Name.empty() || Name.find('/') != std::string::npos || Name == "." || Name == "..")
        throw std::runtime_error("a reply outside the reply directory");  // never read elsewhere
      if (!readJson(fs::path(ReplyDir) / Name, &TJ, Err)) return false;
      Target Tg;
      Tg.Name = TJ.at("name");
      Tg.Type = TJ.at("type");
      for (const json &S : TJ.value("sources", json::array())) Tg.Sources.push_back(absoluteIn(Source, S.at("path")));
      for (const json &D : TJ.value("dependencies", json::array()))
        if (NameOfId.count(D.at("id"))) Tg.Dependencies.push_back(NameOfId[D.at("id")]);
      for (const json &A : TJ.value("artifacts", json::array())) Tg.Artifacts.push_back(absoluteIn(Build, A.at("path")));
      Tg.Installed = TJ.contains("install");
      for (const json &G : TJ.value("compileGroups", json::array()))
        for (const json &I : G.value("includes", json::array()))
          if (!I.value("isSystem", false)) Tg.IncludeDirs.push_back(absoluteIn(Source, I.at("path")));
      Out->Targets.push_back(std::move(Tg));
    }
    const json &Dirs = Config.value("directories", json::array());
    for (const json &D : Dirs)
      if (D.contains("jsonFile") && !readInstallers(ReplyDir, Source, D, &Out->Installs, Err)) return false;
    for (const json &Pj : Config.value("projects", json::array())) {
      if (!Pj.contains("parentIndex")) continue;
      std::string Top;
      for (const json &I : Pj.value("directoryIndexes", json::array())) {
        size_t At = I.get<size_t>();
        if (At >= Dirs.size()) continue;
        std::string Dir = absoluteIn(Source, Dirs.at(At).at("source"));
        if (Top.empty() || Dir.size() < Top.size()) Top = Dir;
      }
      if (!Top.empty()) Out->Subprojects.push_back(Subproject{Pj.at("name"), Top});
    }
  } catch (const std::exception &) {
    *Err = "'" + File + "' is not a valid CMake File API reply";
    return false;
  }
  std::sort(Out->Targets.begin(), Out->Targets.end(),
            [](const Target &A, const Target &B) { return A.Name < B.Name; });
  findPublicIncludeDirs(&Out->Targets);
  return true;
}

bool markTests(const std::string &CtestJson, BuildGraph *G, std::string *Err) {
  json J = json::parse(CtestJson, nullptr, false);
  if (J.is_discarded() || !J.is_object() || !J.contains("tests") || !J["tests"].is_array())
    return *Err = "ctest gave no test list", false;
  std::set<std::string> Commands;
  for (const json &T : J["tests"])
    if (T.is_object() && T.contains("command") && T["command"].is_array() && !T["command"].empty() &&
        T["command"][0].is_string())
      Commands.insert(absoluteIn("/", T["command"][0].get<std::string>()));
  for (Target &T : G->Targets)
    for (const std::string &A : T.Artifacts)
      if (T.Type == "EXECUTABLE" && Commands.count(A)) T.IsTest = true;
  return true;
}

/// Before the build, CTest cannot find the test executables and leaves the
/// commands out of its list; the `add_test(<name> "<command>" ...)` lines
/// CMake writes into each CTestTestfile.cmake still name them.
void markTestsFromCTestFiles(const std::string &BuildDir, BuildGraph *G) {
  fs::path Build(BuildDir);
  std::set<std::string> Commands;
  std::error_code Ec;
  for (auto It = fs::recursive_directory_iterator(Build, fs::directory_options::skip_permission_denied, Ec);
       It != fs::recursive_directory_iterator(); It.increment(Ec)) {
    if (Ec || It->path().filename() != "CTestTestfile.cmake") continue;
    std::ifstream In(It->path());
    for (std::string Line; std::getline(In, Line);) {
      if (Line.rfind("add_test(", 0) != 0) continue;
      size_t Open = Line.find('"');
      size_t Close = Open == std::string::npos ? Open : Line.find('"', Open + 1);
      if (Close != std::string::npos) Commands.insert(absoluteIn(BuildDir, Line.substr(Open + 1, Close - Open - 1)));
    }
  }
  for (Target &T : G->Targets)
    for (const std::string &A : T.Artifacts)
      if (T.Type == "EXECUTABLE" && Commands.count(A)) T.IsTest = true;
}

bool loadBuildGraph(const std::string &BuildDir, BuildGraph *Out, std::string *Notice, std::string *Err) {
  fs::path Build(BuildDir);
  if (!fs::exists(Build / "CMakeCache.txt")) return false;
  fs::path Query = Build / ".cmake/api/v1/query/client-deadwood/codemodel-v2";
  fs::path Reply = Build / ".cmake/api/v1/reply";
  if (codemodelFile(Reply).empty()) {
    std::error_code Ec;
    fs::create_directories(Query.parent_path(), Ec);
    std::ofstream(Query.string()).flush();
    *Notice = "asked CMake for its build graph: wrote a File API query and re-ran cmake in '" + BuildDir + "'";
    output("cmake " + shellQuoted(BuildDir) + " > /dev/null 2>&1");
  }
  if (codemodelFile(Reply).empty()) return false;  // an old CMake: one program, as without a build graph
  if (!readCodemodel(Reply.string(), Out, Err)) return false;
  if (fs::exists(Build / "CTestTestfile.cmake")) {
    std::string List = output("cd " + shellQuoted(BuildDir) + " && ctest --show-only=json-v1 2>/dev/null");
    std::string Ignored;
    markTests(List, Out, &Ignored);
    markTestsFromCTestFiles(BuildDir, Out);
  }
  return true;
}

}  // namespace deadwood
