#pragma once
#include <string>
#include <vector>

namespace inv {

/// Formats register themselves at start-up, before main runs.
std::vector<std::string> &formats();

struct FormatRegistrar {
  explicit FormatRegistrar(const char *name);
};

}  // namespace inv
