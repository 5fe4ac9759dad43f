#include "strutil.h"

#include <cctype>

namespace strutil {

// A private helper of the library, not in its header: nothing calls it.
static bool isVowel(char c) { return std::string("aeiou").find(c) != std::string::npos; }  // deadwood: dead

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
