#pragma once
#include <string>
#include <vector>

namespace core {

std::vector<std::string> split(const std::string &text, char sep);
int countWords(const std::string &text);
bool isBlank(const std::string &text);
int legacyCount(const std::string &text);

}  // namespace core
