#include "units.h"
#include "words.h"
#include "zip.h"

#include <cstdio>

int main(int argc, char **argv) {
  const char *text = argc > 1 ? argv[1] : "a b c";
  std::printf("%d words, %zu units, crc %u\n", core::countWords(text), core::units().size(), minizip::crc(text));
}
