#include "units.h"

#include <cstdio>

namespace core {

std::vector<std::string> &units() {
  static std::vector<std::string> all;
  return all;
}

// Self-registration at start-up: alive in every program that links this file.
static bool registerUnits() {
  units().push_back("words");
  return true;
}
static const bool registered = registerUnits();

void dumpUnits() {  // deadwood: test-only
  for (const std::string &u : units()) std::printf("%s\n", u.c_str());
}

}  // namespace core
