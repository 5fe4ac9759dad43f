#pragma once
#include <string>

namespace strutil {

/// Installed with the library: public API, alive even though no tool here calls it.
std::string upper(std::string s);

}  // namespace strutil
