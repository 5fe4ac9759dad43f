// Reading a whole file, the one way every layer does it (sources, caches,
// configs, summaries), and finding the checkout a path is in. Plain C++,
// no Clang.
#pragma once

#include <string>

namespace deadwood {

/// Reads the whole file at Path, bytes as they are; false when it cannot be
/// opened.
bool readFile(const std::string &Path, std::string *Out);

/// The top level of the git checkout holding Dir (absolute): the nearest
/// directory at or above it with a `.git` (a directory, or a worktree's or
/// submodule's file). Empty outside a checkout.
std::string repositoryRoot(const std::string &Dir);

}  // namespace deadwood
