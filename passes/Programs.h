// Step 4's programs: which TUs each program of the build links, and the
// roots a build adds to what the code shows — a library's public API, a
// module's entry points.
//
//   BuildGraph + Program ──► ProgramDefs: executables (tests among them),
//                            libraries, "public API" (the library's users)
//
// Without a build graph the database is one program, every main a root.
#pragma once

#include "model/BuildGraph.h"
#include "passes/KeepRules.h"
#include "passes/PublicApi.h"
#include "passes/Reach.h"

#include <string>
#include <vector>

namespace deadwood {

/// The whole database as one program: every main a root.
ProgramDef wholeDatabase(const Program &P);

/// With CMake's build graph, each executable is a program: its roots are its
/// main and the static initializers of the TUs it links. So is each library
/// whose API is a root (shared, module, installed): a module's roots are its
/// extern "C" entry points (their notes go to P.RootNotes); the rest of a
/// library's API is what its public headers declare (apiProgram). Each
/// program's one-line description is added to *Details.
std::vector<ProgramDef> programsOf(const BuildGraph &G, Program &P, std::vector<std::string> *Details);

/// The public headers: what the build installs; for a library whose API is
/// a root and none of whose headers is installed, its PUBLIC include
/// directories; and what the user names (--public-header, the config's
/// public-headers).
std::vector<PublicHeaders> publicHeadersOf(const BuildGraph &G, const Program &P, const std::string &SourceRoot,
                                           const std::vector<std::string> &Globs, const Config &Cfg);

/// The program of a library's users: no TU of ours, its roots the public
/// API (their notes go to P.RootNotes). Its description goes to *Detail.
ProgramDef apiProgram(Program &P, const std::vector<PublicHeaders> &Headers, const std::string &SourceRoot,
                      std::string *Detail);

/// Whether anything is alive because it is an entry point of a program (as
/// opposed to static initializers alone): without one, "unreachable" would
/// mean everything.
bool hasEntryPoint(const Program &P, const std::vector<ProgramDef> &Programs);

/// The default source root: the git checkout holding the project (its CMake
/// source directory, else the TUs' common directory), else that directory —
/// widened when some TU lies outside it.
std::string sourceRootOf(const BuildGraph &G, const std::vector<std::string> &Mains);

}  // namespace deadwood
