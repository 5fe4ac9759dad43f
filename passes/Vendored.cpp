#include "passes/Vendored.h"

#include "passes/Findings.h"

#include <algorithm>
#include <sstream>

namespace deadwood {
namespace {

const char *const kVendorDirs[] = {"third_party", "3rdparty", "vendor", "external", "extern", "deps"};

/// The first conventional vendor directory on File's path below Root.
std::string vendorDirOf(const std::string &Root, const std::string &File, std::string *Name) {
  if (!isUnder(File, Root)) return {};
  size_t At = Root.size() == 1 ? 1 : Root.size() + 1;
  while (At < File.size()) {
    size_t Slash = File.find('/', At);
    if (Slash == std::string::npos) return {};  // the file's own name
    std::string Part = File.substr(At, Slash - At);
    for (const char *V : kVendorDirs)
      if (Part == V) {
        *Name = Part + "/";
        return File.substr(0, Slash);
      }
    At = Slash + 1;
  }
  return {};
}

/// `path = x/y` lines of a .gitmodules file.
std::vector<std::string> submodulePaths(const std::string &Text) {
  std::vector<std::string> Out;
  std::istringstream In(Text);
  for (std::string Line; std::getline(In, Line);) {
    size_t Eq = Line.find('=');
    if (Eq == std::string::npos) continue;
    std::string Key = Line.substr(0, Eq), Value = Line.substr(Eq + 1);
    auto Trim = [](std::string S) {
      S.erase(0, S.find_first_not_of(" \t"));
      S.erase(S.find_last_not_of(" \t\r") + 1);
      return S;
    };
    if (Trim(Key) == "path" && !Trim(Value).empty()) Out.push_back(Trim(Value));
  }
  return Out;
}

}  // namespace

std::vector<VendoredDir> vendoredDirs(const VendorSources &In) {
  std::vector<VendoredDir> Found;
  for (const std::string &F : In.Files) {
    std::string Name, Dir = vendorDirOf(In.SourceRoot, F, &Name);
    if (!Dir.empty()) Found.push_back({Dir, Name});
  }
  std::string Root = In.SourceRoot == "/" ? "" : In.SourceRoot;
  for (const std::string &P : submodulePaths(In.GitModules)) Found.push_back({Root + "/" + P, "git submodule"});
  bool AllInSubprojects = !In.MainFiles.empty() && std::all_of(In.MainFiles.begin(), In.MainFiles.end(), [&](const std::string &M) {
    return std::any_of(In.Subprojects.begin(), In.Subprojects.end(), [&](const auto &S) { return isUnder(M, S.second); });
  });
  if (!AllInSubprojects)
    for (const auto &[Name, Dir] : In.Subprojects)
      if (isUnder(Dir, In.SourceRoot) && Dir != In.SourceRoot) Found.push_back({Dir, "CMake project " + Name});
  // Outermost first, each once; a directory inside another is covered by it.
  std::sort(Found.begin(), Found.end(), [](const VendoredDir &A, const VendoredDir &B) { return A.Dir < B.Dir; });
  std::vector<VendoredDir> Out;
  for (VendoredDir &V : Found)
    if (std::none_of(Out.begin(), Out.end(), [&](const VendoredDir &O) { return isUnder(V.Dir, O.Dir); }))
      Out.push_back(std::move(V));
  return Out;
}

}  // namespace deadwood
