#include "units.h"
#include "words.h"

#include <cstdio>

static int failures = 0;

static void check(bool ok, const char *what) {
  if (!ok) std::printf("FAILED: %s\n", what), ++failures;
}

static void unusedFixture() {}  // deadwood: dead

int main() {
  check(core::countWords("a  b") == 2, "countWords");
  check(core::isBlank("  "), "isBlank");
  core::dumpUnits();
  return failures;
}
