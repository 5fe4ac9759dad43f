#include "commands.h"
#include "registry.h"

#include <cstdio>

int main() {
  cli::log(1);
  inv::Store store;
  cli::fill(store);
  cli::list(store);
  std::printf("%zu formats\n", inv::formats().size());
  return 0;
}
