// Step 1 of the pipeline, second half: reading the build graph
// (model/BuildGraph) from CMake's File API (codemodel-v2) and CTest's test
// list. No Clang.
#pragma once

#include "model/BuildGraph.h"

#include <string>

namespace deadwood {

/// Reads the File API reply in BuildDir, asking CMake for it (writing the
/// query and re-running cmake on BuildDir, said in *Notice) when there is
/// none. False with no error when BuildDir is not a CMake build directory;
/// false with *Err (naming the file) when a reply cannot be read.
bool loadBuildGraph(const std::string &BuildDir, BuildGraph *Out, std::string *Notice, std::string *Err);

/// Reads a reply directory that already exists (for tests on recorded replies).
bool readCodemodel(const std::string &ReplyDir, BuildGraph *Out, std::string *Err);

/// Marks the executables that CTest's `--show-only=json-v1` list runs.
bool markTests(const std::string &CtestJson, BuildGraph *Graph, std::string *Err);

/// Marks the executables named by `add_test(<name> "<command>")` in the
/// CTestTestfile.cmake files under BuildDir (CTest's own list leaves out
/// commands it cannot find yet, before the build).
void markTestsFromCTestFiles(const std::string &BuildDir, BuildGraph *Graph);

}  // namespace deadwood
