#include "zip.h"

namespace minizip {

unsigned crc(const char *data) {
  unsigned h = 0;
  while (*data) h = h * 31 + static_cast<unsigned char>(*data++);
  return h;
}

unsigned adler(const char *data) {  // deadwood: dead-vendored
  unsigned a = 1, b = 0;
  while (*data) a += static_cast<unsigned char>(*data++), b += a;
  return b << 16 | a;
}

}  // namespace minizip
