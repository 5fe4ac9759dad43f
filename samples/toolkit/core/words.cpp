#include "words.h"

namespace core {

std::vector<std::string> split(const std::string &text, char sep) {
  std::vector<std::string> out(1);
  for (char c : text) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

int countWords(const std::string &text) {
  int n = 0;
  for (const std::string &w : split(text, ' ')) n += !w.empty();
  return n;
}

// Only the tests call it: tools never check for blank input.
bool isBlank(const std::string &text) {  // deadwood: test-only
  return text.find_first_not_of(" \t") == std::string::npos;
}

int legacyCount(const std::string &text) { return static_cast<int>(text.size()) / 5; }  // deadwood: dead

}  // namespace core
