// Vendored code: someone else's code inside the source tree (a CMake
// subproject, a git submodule, a `third_party/` directory). It is analysed
// like a library we cannot edit — it still calls project code, and its
// virtuals may call our overrides — but never reported and never edited.
#pragma once

#include <string>
#include <vector>

namespace deadwood {

struct VendoredDir {
  std::string Dir;  ///< absolute
  std::string Why;  ///< "CMake project googletest-distribution", "git submodule", "third_party/"
};

struct VendorSources {
  std::string SourceRoot;
  std::vector<std::string> Files;      ///< every file the analysis read (absolute)
  std::vector<std::string> MainFiles;  ///< the TUs' main files
  /// CMake projects with a parent: {name, absolute top directory}.
  std::vector<std::pair<std::string, std::string>> Subprojects;
  std::string GitModules;  ///< text of <source root>/.gitmodules, if any
};

/// The vendored directories under the source root, outermost first, each
/// once: conventional vendor directories (`third_party/`, `3rdparty/`,
/// `vendor/`, `external/`, `extern/`, `deps/`) holding files the analysis
/// read, git submodules, and CMake subprojects — unless every TU is in a
/// subproject (a repository of several projects, like googletest's own:
/// then they are the project).
std::vector<VendoredDir> vendoredDirs(const VendorSources &In);

}  // namespace deadwood
