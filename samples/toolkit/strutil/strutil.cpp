#include "strutil.h"

#include <cctype>

namespace strutil {

std::string upper(std::string s) {
  for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Not declared in strutil.h: not API, and nothing calls it.
int countUpper(const std::string &s) {  // deadwood: dead
  int n = 0;
  for (char c : s) n += std::isupper(static_cast<unsigned char>(c)) != 0;
  return n;
}

}  // namespace strutil
