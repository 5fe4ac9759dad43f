#pragma once

namespace minizip {

unsigned crc(const char *data);
unsigned adler(const char *data);

}  // namespace minizip
