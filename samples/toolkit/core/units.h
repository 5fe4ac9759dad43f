#pragma once
#include <string>
#include <vector>

namespace core {

std::vector<std::string> &units();
void dumpUnits();

}  // namespace core
