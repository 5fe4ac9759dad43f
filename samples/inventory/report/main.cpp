#include "store.h"
#include "text.h"

#include <cstdio>

namespace {

void printTotal(const inv::Store &store) {
  std::printf("total %s\n", inv::formatPrice(store.total()).c_str());
}

void printBanner() { std::printf("== report ==\n"); }  // deadwood: dead

}  // namespace

int main() {
  inv::Store store;
  store.add(std::make_unique<inv::Book>("Dune", 9.99));
  printTotal(store);
  return 0;
}
