#include "units.h"
#include "words.h"

#include <cstdio>

int main(int argc, char **argv) {
  std::printf("%d words, %zu units\n", core::countWords(argc > 1 ? argv[1] : "a b c"), core::units().size());
}
