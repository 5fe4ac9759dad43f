#include "text.h"

#include <cctype>
#include <cstdio>

namespace inv {

namespace {
// Constant-initialized tables: alive only when reachable code reads them.
const char *const kCurrencies[] = {"EUR", "USD"};  // deadwood: dead
const int kDefaultDigits = 2;
int digitsAfterPoint() { return kDefaultDigits; }
int unusedWidth() { return 12; }  // deadwood: dead
}  // namespace

std::string formatPrice(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digitsAfterPoint(), value);
  return buf;
}

std::string upper(std::string s) {  // deadwood: dead
  for (char &c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string &s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// A dead cycle: each calls the other, nothing calls either.
bool isEven(unsigned n) { return n == 0 ? true : isOdd(n - 1); }  // deadwood: dead
bool isOdd(unsigned n) { return n == 0 ? false : isEven(n - 1); }  // deadwood: dead

}  // namespace inv
