#include "registry.h"

namespace inv {

std::vector<std::string> &formats() {
  static std::vector<std::string> all;
  return all;
}

FormatRegistrar::FormatRegistrar(const char *name) { formats().push_back(name); }

static FormatRegistrar csvFormat("csv");
static FormatRegistrar textFormat("text");

}  // namespace inv
