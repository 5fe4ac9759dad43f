// A library's public API: the roots its users hold, which no code in the
// repository shows. What a public header declares is API — functions,
// inline functions, templates and their members, classes and their members,
// variables and constants whatever their linkage (a namespace-scope `const`
// in a header is every includer's). Functions and variables of a `detail`
// or `internal` namespace, and local classes, are not API by themselves;
// they stay alive through what the API uses — and, since users compile the
// header in configurations this build does not see, when the project's text
// names them anywhere else (an `#ifdef _WIN32` branch), or they are
// operators. An implementation namespace's classes and their members are
// API: users reach them through public aliases, signatures and bases, which
// the model does not follow.
// A loadable module's `extern "C"` functions are its entry points.
//
// Which headers are public is the build's to say (analyzer/BuildGraph: the
// headers a project installs, else a library's PUBLIC include directories)
// or the user's (`--public-header`, `public-headers` in the config).
#pragma once

#include "passes/Program.h"

#include <string>
#include <vector>

namespace deadwood {

struct PublicHeaders {
  enum By { File, Directory, Glob } Kind = File;
  std::string Path;  ///< absolute for File and Directory; Glob: over the path relative to the source root
  std::string Why;   ///< for --why: "installed by install(DIRECTORY) at CMakeLists.txt:12"
  /// When not empty (sorted): only what is defined in one of these or in a
  /// public header counts — for include directories, which a library shares
  /// with the libraries it links, unlike what it installs.
  std::vector<std::string> DefinedIn;
};

struct ApiRoot {
  SymbolId Sym = kNoSymbol;
  std::string Note;  ///< "declared in public header include/a.h (installed by ...)"
};

/// True for a header by its name: `.h`, `.hh`, `.hpp`, `.hxx`, `.inl`,
/// `.ipp`, `.tcc`, or no extension (`<vector>`).
bool isHeaderName(const std::string &Path);

/// True when a qualified name lies in an implementation namespace:
/// `detail`, `details`, `internal`, `impl` (or a name ending `_detail`,
/// `_internal`, `_impl`), or an anonymous namespace.
bool inInternalNamespace(const std::string &QualifiedName);

/// Every symbol a public header declares, with the first rule that made
/// its header public. Compiler-made code and implementation namespaces are
/// left out. *HeaderCount, when given: how many of P's files are public
/// headers.
std::vector<ApiRoot> publicApi(const Program &P, const std::vector<PublicHeaders> &Headers,
                               const std::string &SourceRoot, size_t *HeaderCount = nullptr);

/// The `extern "C"` functions a loadable module (CMake's MODULE_LIBRARY)
/// defines in its own Sources (sorted): what its host looks up by name.
std::vector<ApiRoot> moduleEntryPoints(const Program &P, const std::vector<std::string> &Sources,
                                       const std::string &Module);

}  // namespace deadwood
