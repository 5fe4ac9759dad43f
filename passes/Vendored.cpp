#include "passes/Vendored.h"

#include "passes/Findings.h"
#include "passes/KeepRules.h"

#include <algorithm>
#include <sstream>

namespace deadwood {
namespace {

const char *const kVendorDirs[] = {"third_party", "third-party", "thirdparty", "3rdparty", "vendor", "external", "extern", "deps"};

/// The directory a conventional vendor directory on File's path below Root
/// gives it: the vendor directory's child holding it (`third_party/zlib`),
/// or the vendor directory itself for a file directly in it.
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
        size_t Child = File.find('/', Slash + 1);
        return File.substr(0, Child == std::string::npos ? Slash : Child);
      }
    At = Slash + 1;
  }
  return {};
}

/// The directories holding File, below Root, as paths relative to it.
std::vector<std::string> relativeDirsOf(const std::string &Root, const std::string &File) {
  std::vector<std::string> Out;
  if (!isUnder(File, Root)) return Out;
  std::string Rel = relativeToRoot(File, Root);
  for (size_t Slash = Rel.find('/'); Slash != std::string::npos; Slash = Rel.find('/', Slash + 1))
    Out.push_back(Rel.substr(0, Slash));
  return Out;
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
  std::string Base = Root.empty() ? "/" : Root;
  for (const std::string &F : In.Files) {
    std::vector<std::string> Paths = relativeDirsOf(In.SourceRoot, F);
    if (isUnder(F, In.SourceRoot)) Paths.push_back(relativeToRoot(F, Base));  // a single-file library
    for (const std::string &Path : Paths)
      for (const std::string &G : In.Vendored)
        if (globMatch(G, Path, true)) Found.push_back({Root + "/" + Path, "named vendored in the config"});
  }
  auto Unvendored = [&](const VendoredDir &V) {
    return std::any_of(In.NotVendored.begin(), In.NotVendored.end(),
                       [&](const std::string &G) { return globMatch(G, relativeToRoot(V.Dir, Base), true); });
  };
  Found.erase(std::remove_if(Found.begin(), Found.end(), Unvendored), Found.end());
  // Outermost first, each once; a directory inside another is covered by it.
  std::sort(Found.begin(), Found.end(), [](const VendoredDir &A, const VendoredDir &B) { return A.Dir < B.Dir; });
  std::vector<VendoredDir> Out;
  for (VendoredDir &V : Found)
    if (std::none_of(Out.begin(), Out.end(), [&](const VendoredDir &O) { return isUnder(V.Dir, O.Dir); }))
      Out.push_back(std::move(V));
  return Out;
}

}  // namespace deadwood
