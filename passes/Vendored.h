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
  /// The config's `vendored` and `not-vendored`: globs over directories
  /// relative to the source root.
  std::vector<std::string> Vendored, NotVendored;
};

/// The vendored directories under the source root, outermost first, each
/// once: what conventional vendor directories (`third_party/`, `third-party/`, `thirdparty/`, `3rdparty/`,
/// `vendor/`, `external/`, `extern/`, `deps/`) hold of the files the
/// analysis read, one directory per child (`third_party/zlib`), git
/// submodules, CMake subprojects — unless every TU is in a subproject (a
/// repository of several projects, like googletest's own: then they are
/// the project) — and directories the config names; less those the config
/// says are not vendored.
std::vector<VendoredDir> vendoredDirs(const VendorSources &In);

}  // namespace deadwood
