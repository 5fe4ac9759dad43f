// Reading a whole file, the one way every layer does it (sources, caches,
// configs, summaries). Plain C++, no Clang.
#pragma once

#include <string>

namespace deadwood {

/// Reads the whole file at Path, bytes as they are; false when it cannot be
/// opened.
bool readFile(const std::string &Path, std::string *Out);

}  // namespace deadwood
