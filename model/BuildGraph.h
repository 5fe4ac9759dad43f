// The build graph as plain data: which TUs make which program, which
// programs are tests, what is installed, which CMake projects sit inside the
// top-level one — what a compile database does not say. Read from CMake's
// File API by analyzer/BuildGraph; used by passes/Programs.
#pragma once

#include <string>
#include <vector>

namespace deadwood {

struct Target {
  std::string Name;
  std::string Type;  ///< EXECUTABLE, STATIC_LIBRARY, SHARED_LIBRARY, OBJECT_LIBRARY, ...
  std::vector<std::string> Sources;       ///< absolute, normalized
  std::vector<std::string> Dependencies;  ///< names of targets it depends on directly
  std::vector<std::string> Artifacts;     ///< absolute paths of what it builds
  std::vector<std::string> IncludeDirs;   ///< where its sources find headers
  /// Those of IncludeDirs its dependents compile with too: its PUBLIC and
  /// INTERFACE include directories (the codemodel does not say which is
  /// which). All of IncludeDirs when nothing in the build links it.
  std::vector<std::string> PublicIncludeDirs;
  bool Installed = false;
  bool IsTest = false;  ///< an executable CTest runs
  /// A library whose public API is a root: shared, or installed.
  bool exportsApi() const {
    return Type == "SHARED_LIBRARY" || Type == "MODULE_LIBRARY" ||
           (Installed && Type.size() > 8 && Type.substr(Type.size() - 8) == "_LIBRARY");
  }
};

/// A CMake project inside the top-level one (`add_subdirectory` of a
/// vendored googletest): the codemodel's projects with a parent.
struct Subproject {
  std::string Name;
  std::string Dir;  ///< absolute: its top directory
};

/// An install rule that may put headers where a library's users include
/// them from: `install(FILES)`, `install(DIRECTORY)`, `install(TARGETS …
/// FILE_SET HEADERS)`. CMake 3.25's codemodel (2.4) says what each installs
/// but not a directory's FILES_MATCHING patterns, so a directory counts
/// with every header under it.
struct HeaderInstall {
  std::string Path;        ///< absolute: the file, or the directory installed
  bool Directory = false;
  std::string Rule;        ///< "install(DIRECTORY)"
  std::string Where;       ///< "/abs/CMakeLists.txt:12", the command's place, when known
  std::string Target;      ///< the FILE_SET's target; empty for FILES and DIRECTORY
};

struct BuildGraph {
  std::string SourceDir;  ///< the top-level CMake source directory
  std::vector<Target> Targets;  ///< sorted by name
  std::vector<Subproject> Subprojects;
  std::vector<HeaderInstall> Installs;
};

/// The TU main files of each executable: its sources and those of every
/// library it links, transitively.
std::vector<std::string> programSources(const BuildGraph &G, const Target &Executable);

}  // namespace deadwood
